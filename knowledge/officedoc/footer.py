"""Page numbers as GB/T 9704-2012 7.5 places them.

"— 1 —" in 4号 半角宋体 digits with an em dash on each side; odd pages right-aligned with one
character of right space, even pages left-aligned with one character of left space, so
Word's different odd and even footers are switched on. The dashes sit 7 mm below the text
block (一字线上距版心下边缘7 mm): a dash is drawn about mid-line, so the footer's bottom
edge goes half a footer line lower.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from knowledge.officedoc import layout, oxml

EM_DASH = "\u2014"
# 4号 characters for the one-character side space.
_PAGE_CHAR_TWIPS = round(layout.PAGE_NUMBER_PT * 20)
# Single line spacing of a 14 pt CJK font is about 1.3 em.
_FOOTER_LINE_MM = layout.PAGE_NUMBER_PT * 1.3 * 25.4 / 72


def add_page_numbers(document: Document) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.footer_distance = Mm(layout.MARGIN_BOTTOM_MM - 7 - _FOOTER_LINE_MM / 2)
    style = document.styles[layout.STYLE_PAGE_NUMBER]
    odd = section.footer.paragraphs[0]
    odd.style = style
    _write_page_number(odd, WD_PARAGRAPH_ALIGNMENT.RIGHT)
    even = section.even_page_footer.paragraphs[0]
    even.style = style
    _write_page_number(even, WD_PARAGRAPH_ALIGNMENT.LEFT)


def _write_page_number(paragraph: Paragraph, align: WD_PARAGRAPH_ALIGNMENT) -> None:
    paragraph.alignment = align
    side = {"right": 1.0} if align == WD_PARAGRAPH_ALIGNMENT.RIGHT else {"left": 1.0}
    oxml.set_char_indent(paragraph._p.get_or_add_pPr(), char_twips=_PAGE_CHAR_TWIPS, **side)
    _add_text(paragraph, f"{EM_DASH} ")
    _add_page_field(paragraph)
    _add_text(paragraph, f" {EM_DASH}")


def _add_text(paragraph: Paragraph, text: str = "") -> Run:
    run = paragraph.add_run(text)
    run.font.size = Pt(layout.PAGE_NUMBER_PT)
    oxml.set_fonts(run._r.get_or_add_rPr(), layout.FONT_SONG, layout.FONT_SONG)
    return run


def _add_page_field(paragraph: Paragraph) -> None:
    """A complex PAGE field: begin, instruction, separate, cached "1", end."""
    _add_text(paragraph)._r.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    _add_text(paragraph)._r.append(instruction)
    _add_text(paragraph)._r.append(_field_char("separate"))
    _add_text(paragraph, "1")
    _add_text(paragraph)._r.append(_field_char("end"))


def _field_char(kind: str) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
