"""GB/T 9704-2012 (党政机关公文格式) page geometry and the named paragraph styles.

Page (5.1, 5.2): A4, top margin 37 mm, left 28 mm, text block 156 mm x 225 mm, hence bottom
35 mm and right 26 mm; 22 lines of 28 characters per page.

Lines: every style uses an exact line spacing of 225 mm / 22 (579 twips, 28.95 pt), and the
section carries a linesAndChars document grid with that line pitch and a character pitch of
156 mm / 28, so Word's page setup reports 22 x 28.

Characters: 28 characters of 16 pt need 448 pt but the text block is 442.25 pt wide. Word
squeezes characters onto its grid; LibreOffice instead gives each too-wide character two grid
cells, halving the line. So paragraphs do not snap to the character grid, and 16 pt text is
condensed by 0.25 pt per character, which fits 28 per line in every reader.

Word's automatic space between Chinese and Latin text or digits is off, so a half-width
digit takes exactly half a character and widths can be computed (see closing.py).

Fonts (5.2.2, 7.3): title 2号 (22 pt) 方正小标宋简体 centred; 主送 and body 3号 (16 pt)
仿宋_GB2312; level-1 headings 黑体, level-2 楷体_GB2312, level-3 仿宋_GB2312 (not bold), all
16 pt with a two-character first-line indent; page numbers 4号 (14 pt) 宋体. Headings carry
outline levels 0, 1 and 2 for Word's navigation pane.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.text.parfmt import ParagraphFormat

from knowledge.officedoc import oxml

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号

LATIN_FONT = "Times New Roman"
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"

STYLE_TITLE = "公文标题"
STYLE_ADDRESSEE = "主送"
STYLE_BODY = "公文正文"
STYLE_LEVEL1 = "一级标题"
STYLE_LEVEL2 = "二级标题"
STYLE_LEVEL3 = "三级标题"
STYLE_HINT = "上年提示"
STYLE_SIGNATURE = "署名"
STYLE_DATE = "成文日期"
STYLE_PAGE_NUMBER = "页码"

HINT_COLOR = RGBColor(0x80, 0x80, 0x80)


def mm_to_twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def text_width_twips() -> int:
    return mm_to_twips(PAGE_WIDTH_MM) - mm_to_twips(MARGIN_LEFT_MM) - mm_to_twips(MARGIN_RIGHT_MM)


def text_height_twips() -> int:
    return mm_to_twips(PAGE_HEIGHT_MM) - mm_to_twips(MARGIN_TOP_MM) - mm_to_twips(MARGIN_BOTTOM_MM)


def line_pitch_twips() -> int:
    """225 mm / 22 lines, rounded down so all 22 lines fit (579 twips = 28.95 pt)."""
    return text_height_twips() // LINES_PER_PAGE


def _char_pitch_pt() -> float:
    return text_width_twips() / 20 / CHARS_PER_LINE


def char_space() -> int:
    """w:docGrid charSpace: 4096ths of a point added to the 16 pt base so 28 characters fit.

    Rounded towards a smaller pitch, otherwise Word fits only 27 characters per line.
    """
    return -math.ceil((BODY_PT - _char_pitch_pt()) * 4096)


def char_spacing_twentieths() -> int:
    """Per-character condensing of 16 pt text, in twentieths of a point, so 28 fit a line."""
    return -math.ceil((BODY_PT - _char_pitch_pt()) * 20)


def char_twips() -> int:
    """One character of the 28-per-line pitch, the twips twin of indents given in characters."""
    return round(text_width_twips() / CHARS_PER_LINE)


@dataclass(frozen=True)
class TextStyle:
    """A named paragraph style; runs written in it repeat its fonts so no reader loses them."""

    name: str
    east_asia: str
    size_pt: float
    align: WD_PARAGRAPH_ALIGNMENT
    first_line_chars: float = 0
    outline_level: int | None = None
    color: RGBColor | None = None
    latin: str = LATIN_FONT


_J = WD_PARAGRAPH_ALIGNMENT.JUSTIFY
_RIGHT = WD_PARAGRAPH_ALIGNMENT.RIGHT
STYLES: tuple[TextStyle, ...] = (
    TextStyle(STYLE_TITLE, FONT_TITLE, TITLE_PT, WD_PARAGRAPH_ALIGNMENT.CENTER),
    TextStyle(STYLE_ADDRESSEE, FONT_BODY, BODY_PT, _J),
    TextStyle(STYLE_BODY, FONT_BODY, BODY_PT, _J, first_line_chars=2),
    TextStyle(STYLE_LEVEL1, FONT_HEI, BODY_PT, _J, first_line_chars=2, outline_level=0),
    TextStyle(STYLE_LEVEL2, FONT_KAI, BODY_PT, _J, first_line_chars=2, outline_level=1),
    TextStyle(STYLE_LEVEL3, FONT_BODY, BODY_PT, _J, first_line_chars=2, outline_level=2),
    TextStyle(STYLE_HINT, FONT_KAI, BODY_PT, _J, first_line_chars=2, color=HINT_COLOR),
    TextStyle(STYLE_SIGNATURE, FONT_BODY, BODY_PT, _RIGHT),
    TextStyle(STYLE_DATE, FONT_BODY, BODY_PT, _RIGHT),
    # 7.5: 半角宋体阿拉伯数字, so the Latin font is 宋体 as well.
    TextStyle(STYLE_PAGE_NUMBER, FONT_SONG, PAGE_NUMBER_PT, _RIGHT, latin=FONT_SONG),
)
STYLE_BY_NAME = {style.name: style for style in STYLES}


def prepare_document(document: Document) -> None:
    """Set the page, the grid, the document defaults and every named style."""
    _set_page(document)
    _set_defaults(document)
    for spec in STYLES:
        _add_style(document, spec)


def char_spacing_for(size_pt: float) -> int:
    """Condense only body-size text; larger and smaller text never fills a 28-character line."""
    return char_spacing_twentieths() if size_pt == BODY_PT else 0


def _set_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Twips(mm_to_twips(MARGIN_TOP_MM))
    section.bottom_margin = Twips(mm_to_twips(MARGIN_BOTTOM_MM))
    section.left_margin = Twips(mm_to_twips(MARGIN_LEFT_MM))
    section.right_margin = Twips(mm_to_twips(MARGIN_RIGHT_MM))
    section.gutter = Twips(0)
    grid = oxml.doc_grid(section._sectPr)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch_twips()))
    grid.set(qn("w:charSpace"), str(char_space()))


def _set_defaults(document: Document) -> None:
    """Document defaults and Normal: body font and size, no spacing, exact grid line height."""
    rpr: BaseOxmlElement = document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:rPrDefault")
    )[0]
    oxml.set_fonts(rpr, FONT_BODY, LATIN_FONT)
    oxml.set_east_asian_language(rpr, "zh-CN")
    # Grid pitch and Asian font fallback read the default size and language.
    for tag in ("w:sz", "w:szCs"):
        oxml.rpr_child(rpr, tag).set(qn("w:val"), str(round(BODY_PT * 2)))
    # Theme fonts resolve through this language; the template's ja-JP would pick Japanese.
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    _configure(document.styles["Normal"], TextStyle("Normal", FONT_BODY, BODY_PT, _J))
    _configure(
        document.styles["Title"],
        TextStyle("Title", FONT_TITLE, TITLE_PT, WD_PARAGRAPH_ALIGNMENT.CENTER),
    )


def _add_style(document: Document, spec: TextStyle) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    _configure(style, spec)


def _configure(style: ParagraphStyle, spec: TextStyle) -> None:
    style.font.size = Pt(spec.size_pt)
    if spec.color is not None:
        style.font.color.rgb = spec.color
    rpr = style.element.get_or_add_rPr()
    oxml.set_fonts(rpr, spec.east_asia, spec.latin)
    oxml.set_char_spacing(rpr, char_spacing_for(spec.size_pt))
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    _set_spacing(fmt, exact=spec.name != STYLE_PAGE_NUMBER)
    ppr = style.element.get_or_add_pPr()
    oxml.set_char_indent(ppr, char_twips=char_twips(), first_line=spec.first_line_chars)
    # See the module docstring: character-grid snapping breaks LibreOffice's layout.
    oxml.set_snap_to_grid(ppr, False)
    # Half-width digits stay half a character, so "2027年2月20日" measures 6.5 characters as
    # the signature placement assumes, instead of gaining a quarter em at each script change.
    oxml.set_auto_space(ppr, False)
    if spec.outline_level is not None:
        oxml.set_outline_level(ppr, spec.outline_level)


def _set_spacing(fmt: ParagraphFormat, *, exact: bool) -> None:
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(line_pitch_twips())
    else:
        # The footer sits outside the text block; single spacing keeps it on its 7 mm mark.
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
