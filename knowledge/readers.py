"""Bytes of an uploaded or bundled file → report text. Judged by content, never by the name."""

from __future__ import annotations

import codecs
import io
import zipfile
from typing import Final

import charset_normalizer

from knowledge.errors import UnsupportedFile

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_ZIP_MEMBERS: Final = 1000
MAX_UNZIPPED_BYTES: Final = 50 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES: Final = 30 * 1024 * 1024
MAX_ZIP_RATIO: Final = 100
MAX_REPLACEMENT_SHARE: Final = 0.01

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OTHER_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "图片"),
    (b"\xff\xd8\xff", "图片"),
    (b"GIF8", "图片"),
    (b"{\\rtf", "RTF"),
)


def read_document(data: bytes) -> str:
    """Return the text of a .txt or .docx file's bytes.

    Raises:
        UnsupportedFile: with a Chinese reason a user can act on.
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnsupportedFile("文件超过 20MB，请压缩或拆分后再上传")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnsupportedFile("文件没有可读取的文字内容")
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFile("这是旧版 Word（.doc）或加密文件，请另存为 .docx 后再上传")
    if data.startswith(_ZIP_MAGIC):
        return read_docx(data)
    for magic, kind in _OTHER_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFile(f"目前支持 .txt 和 .docx，不支持{kind}文件")
    return decode_text(data)


def decode_text(data: bytes) -> str:
    """Decode a plain-text file: BOMs first, then UTF-8, then GB18030 or Big5 by detection."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    if data.count(0) > len(data) * MAX_REPLACEMENT_SHARE:
        raise UnsupportedFile("文件内容不是文字（疑似二进制文件），目前支持 .txt 和 .docx")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any byte pairs, Big5 included: let detection choose between them.
    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnsupportedFile("无法识别文件编码，请另存为 UTF-8 编码的 .txt 或 .docx")
    return _checked(str(best))


def _checked(text: str) -> str:
    if text.count("\ufffd") > max(1, len(text) * MAX_REPLACEMENT_SHARE):
        raise UnsupportedFile("文件编码有误，含大量无法识别的字符，请另存为 UTF-8 编码后再上传")
    return text


def read_docx(data: bytes) -> str:
    """Text of a .docx: paragraphs and table cells in document order, after zip-bomb checks."""
    _check_zip(data)
    import docx  # python-docx is heavy; only uploads of .docx pay for it
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocumentObject = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
    except UnsupportedFile:
        raise
    except Exception as exc:  # python-docx raises KeyError, lxml errors, ValueError…
        raise UnsupportedFile("无法读取该 .docx 文件，请用 Word 重新保存后再上传") from exc
    return "\n".join(lines)


def _table_lines(table: object) -> list[str]:
    from docx.table import Table

    assert isinstance(table, Table)
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if text and text not in cells:  # merged cells repeat their text
                cells.append(text)
        if cells:
            lines.append("；".join(cells))
    return lines


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnsupportedFile("文件不是有效的 .docx（若为 .doc 请另存为 .docx）") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise UnsupportedFile("文件结构异常（压缩包内文件过多），已拒绝")
        total = sum(info.file_size for info in infos)
        packed = max(1, sum(info.compress_size for info in infos))
        if total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
            raise UnsupportedFile("文件解压后过大（疑似压缩炸弹），已拒绝")
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise UnsupportedFile("无法读取该 .docx：这不是 Word 文档")
        if archive.getinfo("word/document.xml").file_size > MAX_DOCUMENT_XML_BYTES:
            raise UnsupportedFile("文件解压后过大（疑似压缩炸弹），已拒绝")
