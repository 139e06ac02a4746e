"""Write a SkeletonPlan as a GB/T 9704-2012 .docx the township staff fill in.

Order: title, a blank line, 主送, opening paragraphs, the numbered parts, a blank line, the
joint signature and the date (placed as closing.py describes). Level-1 parts are numbered
一、二、…, level-2 items （一）（二）…; a sentence starting with "1." or "1．" is written in the
level-3 heading style and keeps its own number. Last year's figures go in grey 楷体 hint
paragraphs right under their item's heading, so the writer can tell them from report text.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from knowledge.officedoc import closing, footer, layout, numbering, oxml
from knowledge.officedoc.plan import SkeletonItem, SkeletonPart, SkeletonPlan

AUTHOR = "法治报告助手"


def write_skeleton(plan: SkeletonPlan) -> bytes:
    document = docx.Document()
    _clear_body(document)
    layout.prepare_document(document)
    footer.add_page_numbers(document)

    add_paragraph(document, layout.STYLE_TITLE, plan.title)
    add_paragraph(document, layout.STYLE_BODY, "")
    add_paragraph(document, layout.STYLE_ADDRESSEE, plan.addressee)
    for text in plan.opening:
        add_sentence(document, text)
    for index, part in enumerate(plan.parts, start=1):
        _write_part(document, index, part)
    _write_closing(document, plan.signatures, plan.date)

    core = document.core_properties
    core.title = plan.title
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_paragraph(document: Document, style_name: str, text: str) -> Paragraph:
    """A paragraph in a named style whose run repeats the style's fonts and size."""
    spec = layout.STYLE_BY_NAME[style_name]
    paragraph = document.add_paragraph(style=document.styles[style_name])
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(spec.size_pt)
        if spec.color is not None:
            run.font.color.rgb = spec.color
        oxml.set_fonts(run._r.get_or_add_rPr(), spec.east_asia, spec.latin)
    return paragraph


def add_sentence(document: Document, sentence: str) -> Paragraph:
    """A body paragraph, or a level-3 heading when the sentence starts with "1." style numbers."""
    style = layout.STYLE_LEVEL3 if numbering.is_level3(sentence) else layout.STYLE_BODY
    return add_paragraph(document, style, sentence)


def _clear_body(document: Document) -> None:
    # The default template's body holds only the section properties, but be sure.
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _write_part(document: Document, index: int, part: SkeletonPart) -> None:
    add_paragraph(document, layout.STYLE_LEVEL1, numbering.level1_number(index) + part.heading)
    for text in part.paragraphs:
        add_sentence(document, text)
    for item_index, item in enumerate(part.items, start=1):
        _write_item(document, item_index, item)


def _write_item(document: Document, index: int, item: SkeletonItem) -> None:
    add_paragraph(document, layout.STYLE_LEVEL2, numbering.level2_number(index) + item.heading)
    for hint in item.last_year:
        add_paragraph(document, layout.STYLE_HINT, hint)
    for sentence in item.sentences:
        add_sentence(document, sentence)


def _write_closing(document: Document, signatures: tuple[str, ...], date: str) -> None:
    placement = closing.closing_layout(signatures, date)
    add_paragraph(document, layout.STYLE_BODY, "")  # 正文下空一行
    char_twips = layout.char_twips()
    for name, right in zip(signatures, placement.signature_right, strict=True):
        paragraph = add_paragraph(document, layout.STYLE_SIGNATURE, name)
        oxml.set_char_indent(paragraph._p.get_or_add_pPr(), char_twips=char_twips, right=right)
    paragraph = add_paragraph(document, layout.STYLE_DATE, date)
    oxml.set_char_indent(
        paragraph._p.get_or_add_pPr(), char_twips=char_twips, right=placement.date_right
    )
