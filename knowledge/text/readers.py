"""Bytes of an uploaded or bundled file → report text. Judged by content, never by the name."""

from __future__ import annotations

import codecs
import io
import zipfile
from typing import Any, Final

import charset_normalizer

from knowledge.errors import ErrorCode, UnsupportedFile

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_ZIP_MEMBERS: Final = 1000
MAX_UNZIPPED_BYTES: Final = 50 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES: Final = 30 * 1024 * 1024
MAX_ZIP_RATIO: Final = 100
MAX_REPLACEMENT_SHARE: Final = 0.01

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OTHER_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"{\\rtf", "rtf"),
)


def read_document(data: bytes) -> str:
    """Return the text of a .txt or .docx file's bytes.

    Raises:
        UnsupportedFile: with the code of what is wrong with the file.
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnsupportedFile(code=ErrorCode.FILE_TOO_LARGE, limit_mb=MAX_FILE_BYTES // 2**20)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnsupportedFile(code=ErrorCode.FILE_EMPTY)
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFile(code=ErrorCode.LEGACY_OR_ENCRYPTED)
    if data.startswith(_ZIP_MAGIC):
        return read_docx(data)
    for magic, kind in _OTHER_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFile(code=ErrorCode.UNSUPPORTED_KIND, kind=kind)
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
        raise UnsupportedFile(code=ErrorCode.BINARY_CONTENT)
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
        raise UnsupportedFile(code=ErrorCode.UNKNOWN_ENCODING)
    return _checked(str(best))


def _checked(text: str) -> str:
    if text.count("\ufffd") > max(1, len(text) * MAX_REPLACEMENT_SHARE):
        raise UnsupportedFile(code=ErrorCode.BAD_ENCODING)
    return text


_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Never text: deleted runs, field codes, and the second copy of alternate content.
_SKIPPED: Final = frozenset(
    {_W + "del", _W + "delText", _W + "instrText", _MC + "Fallback", _W + "moveFrom"}
)


def read_docx(data: bytes) -> str:
    """Text of a .docx in document order, after zip-bomb checks: paragraphs, tables (nested
    ones too), content controls, tracked insertions, fields, text boxes and alternate content;
    deleted text is not text. A document.xml with a default namespace reads the same."""
    _check_zip(data)
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(xml, parser)
    except Exception as exc:  # a broken zip member or XML
        raise UnsupportedFile(code=ErrorCode.DOCX_UNREADABLE) from exc
    body = root.find(_W + "body")
    if body is None:
        raise UnsupportedFile(code=ErrorCode.DOCX_UNREADABLE)
    lines: list[str] = []
    _blocks(body, lines)
    return "\n".join(lines)


def _blocks(element: Any, lines: list[str]) -> None:
    """Paragraphs and tables under an element, in order, into lines."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _W + "p":
            lines.append(_paragraph_text(child))
            for box in _text_boxes(child):
                _blocks(box, lines)
        elif tag == _W + "tbl":
            lines.extend(_table_rows(child))
        else:  # sdt, sdtContent, AlternateContent/Choice, customXml, ins …: look inside
            _blocks(child, lines)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's own text: its runs wherever they are wrapped (ins, hyperlink, fldSimple,
    sdt, smartTag), without what a text box inside it holds."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED or tag == _W + "txbxContent":
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (not the fallback copy of them)."""
    boxes = []
    for box in paragraph.iter(_W + "txbxContent"):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag in _SKIPPED:
                break
            ancestor = ancestor.getparent()
        else:
            boxes.append(box)
    return boxes


def _own(element: Any, tag: str) -> list[Any]:
    """Descendants with the tag that belong to this element, not to a table nested in it (rows
    and cells may sit inside content controls)."""
    found = []
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            continue
        if child.tag == tag:
            found.append(child)
        elif child.tag != _W + "tbl":
            found.extend(_own(child, tag))
    return found


def _table_rows(table: Any) -> list[str]:
    """One line per row, its distinct cells joined; a nested table reads inside its cell."""
    rows = []
    for row in _own(table, _W + "tr"):
        cells: list[str] = []
        for cell in _own(row, _W + "tc"):
            inner: list[str] = []
            _blocks(cell, inner)
            text = " ".join(x.strip() for x in inner if x.strip())
            if text and text not in cells:  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append("；".join(cells))
    return rows


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnsupportedFile(code=ErrorCode.NOT_A_DOCX) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise UnsupportedFile(code=ErrorCode.DOCX_TOO_MANY_PARTS)
        total = sum(info.file_size for info in infos)
        packed = max(1, sum(info.compress_size for info in infos))
        if total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
            raise UnsupportedFile(code=ErrorCode.DOCX_TOO_LARGE_UNPACKED)
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise UnsupportedFile(code=ErrorCode.NOT_WORD)
        if archive.getinfo("word/document.xml").file_size > MAX_DOCUMENT_XML_BYTES:
            raise UnsupportedFile(code=ErrorCode.DOCX_TOO_LARGE_UNPACKED)
