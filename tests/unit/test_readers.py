"""Reading files by content: encodings, .docx, and files we must refuse."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from handlers.texts import error_text
from knowledge.errors import UnsupportedFile
from knowledge.text.readers import read_document
from tests.conftest import corpus_text

SAMPLE = "城关镇2023年度法治政府建设情况报告\n一、主要举措和成效\n聘请法律顾问1名。"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-be", "utf-32"]
)
def test_read_document_decodes_text_encodings(encoding: str) -> None:
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert read_document(data).lstrip("\ufeff") == SAMPLE


def test_read_document_big5_via_detection() -> None:
    text = corpus_text("000")[:600].replace("税", "稅")
    traditional = "鄉鎮法治政府建設情況報告，聘請常年法律顧問，化解矛盾糾紛。" * 20
    assert read_document(traditional.encode("big5")) == traditional
    assert read_document(text.encode("utf-8")) == text


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_read_document_docx_paragraphs_and_tables_in_order() -> None:
    data = make_docx(
        ["城关镇2023年度法治政府建设情况报告", "一、主要举措和成效"],
        table=[["指标", "数量"], ["审查合同", "12份"]],
    )
    assert read_document(data).splitlines() == [
        "城关镇2023年度法治政府建设情况报告",
        "一、主要举措和成效",
        "指标；数量",
        "审查合同；12份",
    ]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "文件没有可读取的文字内容"),
        (b"   \r\n  ", "文件没有可读取的文字内容"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "这是旧版 Word"),
        (b"%PDF-1.4 ....", "目前支持 .txt 和 .docx，不支持PDF"),
        (b"\x89PNG\r\n\x1a\n....", "目前支持 .txt 和 .docx，不支持图片"),
        (b"PK\x03\x04truncated", "文件不是有效的 .docx"),
        (_zip({"hello.txt": b"hi"}), "无法读取该 .docx：这不是 Word 文档"),
        (
            _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * 40_000_000}),
            "文件解压后过大",
        ),
        (_zip({f"f{i}.xml": b"x" for i in range(1001)}), "文件结构异常"),
        (
            _zip({"[Content_Types].xml": b"<bad", "word/document.xml": b"<bad"}),
            "无法读取该 .docx 文件",
        ),
        (b"abc\x00\x00\x00\x00def" * 10, "文件内容不是文字"),
        (b"x" * (20 * 1024 * 1024 + 1), "文件超过 20MB"),
    ],
    ids=[
        "empty",
        "blank",
        "ole-doc",
        "pdf",
        "png",
        "truncated-zip",
        "zip-not-word",
        "zip-bomb",
        "zip-many-members",
        "broken-xml",
        "binary",
        "too-big",
    ],
)
def test_read_document_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnsupportedFile) as caught:
        read_document(data)
    assert error_text(caught.value.code, caught.value.fields).startswith(reason)


def test_read_document_entity_bomb_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    real = zipfile.ZipFile(io.BytesIO(make_docx(["x"])))
    members = {name: real.read(name) for name in real.namelist()}
    members["word/document.xml"] = bomb
    with pytest.raises(UnsupportedFile):
        read_document(_zip(members))


def _docx_with_body(body: str, *, default_namespace: bool = False) -> bytes:
    """A minimal .docx whose document.xml has this body (w: prefix, or a default namespace)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    if default_namespace:
        body = body.replace("<w:", "<").replace("</w:", "</")
        root = f'<document xmlns="{w}" xmlns:mc="{mc}"><body>{body}</body></document>'
    else:
        root = f'<w:document xmlns:w="{w}" xmlns:mc="{mc}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", '<?xml version="1.0"?>' + root)
    return out.getvalue()


RICH_BODY = (
    "<w:p><w:r><w:t>一、主要举措和成效</w:t></w:r></w:p>"
    # a content control, a tracked insertion and a deletion, a simple field
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件里的段落。</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    "<w:p><w:ins><w:r><w:t>插入的文字</w:t></w:r></w:ins>"
    "<w:del><w:r><w:delText>删掉的文字</w:delText></w:r></w:del>"
    "<w:fldSimple><w:r><w:t>域中的文字</w:t></w:r></w:fldSimple>"
    "<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
    # a text box, once (its fallback copy is not read again)
    "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
    "<w:p><w:r><w:t>文本框里的话。</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的话。</w:t></w:r></w:p>"
    "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    # a table with a nested table in a cell
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外表格</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "</w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>二、存在的不足和原因</w:t></w:r></w:p>"
)


@pytest.mark.parametrize("default_namespace", [False, True])
def test_docx_is_read_whole_and_in_order(default_namespace: bool) -> None:
    text = read_document(_docx_with_body(RICH_BODY, default_namespace=default_namespace))
    assert text.splitlines() == [
        "一、主要举措和成效",
        "控件里的段落。",
        "插入的文字域中的文字",
        "",
        "文本框里的话。",
        "外表格；内表格",
        "二、存在的不足和原因",
    ]
    assert "删掉的文字" not in text and "PAGE" not in text
