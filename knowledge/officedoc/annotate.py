"""Write a draft check into the user's own .docx as Word comments, touching nothing else.

Comments are anchored on whole paragraphs: from the paragraph's first to its last direct
run. Runs inside tracked changes (w:ins, w:del) are never used as anchors, so accepting or
rejecting a change cannot take a comment with it. A paragraph without direct text runs
(empty, only fields, only a hyperlink or only tracked text) passes its comment to the nearest
following paragraph that has them, else the nearest preceding one.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Where a comment goes when it concerns the whole document.
DOCUMENT_START = -1


@dataclass(frozen=True)
class DraftComment:
    """A comment for the paragraph at `paragraph` in body_paragraphs(), or -1 for the start."""

    paragraph: int
    # Newlines become separate paragraphs inside the comment.
    text: str


def body_paragraphs(docx_bytes: bytes) -> list[str]:
    """Text of every body paragraph in document order; indexes are DraftComment anchors."""
    document = docx.Document(io.BytesIO(docx_bytes))
    return [paragraph.text for paragraph in document.paragraphs]


def annotate(
    docx_bytes: bytes,
    comments: Sequence[DraftComment],
    *,
    author: str = "法治报告助手",
    initials: str = "法治",
) -> bytes:
    document = docx.Document(io.BytesIO(docx_bytes))
    paragraphs = document.paragraphs
    for comment in comments:
        runs = _text_runs(paragraphs[anchor_index(paragraphs, comment.paragraph)])
        document.add_comment(runs, text=comment.text, author=author, initials=initials)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def anchor_index(paragraphs: Sequence[Paragraph], requested: int) -> int:
    """The paragraph a comment really anchors on, following the rules in the module doc."""
    if requested == DOCUMENT_START:
        requested = 0
    elif not 0 <= requested < len(paragraphs):
        raise ValueError(f"paragraph index {requested} outside 0..{len(paragraphs) - 1}")
    following = range(requested, len(paragraphs))
    preceding = range(requested - 1, -1, -1)
    for index in itertools.chain(following, preceding):
        if _text_runs(paragraphs[index]):
            return index
    raise ValueError("the document has no paragraph with text to anchor a comment on")


def _text_runs(paragraph: Paragraph) -> list[Run]:
    """Direct runs from the first to the last one carrying text (python-docx .runs is direct)."""
    runs = paragraph.runs
    with_text = [i for i, run in enumerate(runs) if run.text]
    if not with_text:
        return []
    return runs[with_text[0] : with_text[-1] + 1]
