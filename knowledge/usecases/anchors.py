"""Where in a user's draft each gap of a draft check belongs, for comments in the .docx.

A thin item at the paragraph that has it; a missing statutory part where it belongs in the order
of the parts (at the next part present, or at the start); a missing common topic at the end of
主要举措和成效.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from knowledge.domain.checklist import STATUTORY_ITEMS
from knowledge.domain.sections import section_of_heading
from knowledge.errors import ErrorCode, UnsupportedFile
from knowledge.models import DraftCheck, ItemCheck
from knowledge.officedoc import body_paragraphs
from knowledge.text.normalize import search_form

START = -1  # the first paragraph with text (knowledge.officedoc.DraftComment)
HEADING_MAX = 40  # longer paragraphs are body text, not a part's heading
_ORDER = [item.item_id for item in STATUTORY_ITEMS]
# The parser reads text under no heading as measures; a draft's comments need the heading itself.
_MEASURES = re.compile(
    r"^[一二三四五六七八九十]+、.{0,12}(举措|成效|工作开展情况|落实情况|主要工作)"
)


@dataclass(frozen=True, slots=True)
class Anchored:
    """A gap of the draft and the paragraph its comment is attached to."""

    paragraph: int
    check: ItemCheck


# A long report's document.xml is 1–2 MB; beyond this a draft gets its check, not comments,
# so no one file holds the worker pool (python-docx reads ~1.5 MB of XML a second).
MAX_ANNOTATED_XML: Final = 8 * 1024 * 1024


def anchor_docx(data: bytes, check: DraftCheck) -> list[Anchored] | None:
    """anchor() over a .docx's paragraphs (CPU-bound: run it in a worker); None when the
    document is too large to annotate.

    Raises:
        UnsupportedFile: the bytes are not a .docx python-docx can open.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("word/document.xml").file_size > MAX_ANNOTATED_XML:
                return None
        paragraphs = body_paragraphs(data)
    except Exception as exc:  # python-docx and zipfile raise many kinds for a broken package
        raise UnsupportedFile(code=ErrorCode.DOCX_UNREADABLE) from exc
    return anchor(paragraphs, check)


def part_starts(paragraphs: Sequence[str]) -> dict[str, int]:
    """The paragraph index where each statutory part present in the draft begins."""
    starts: dict[str, int] = {}
    for index, text in enumerate(paragraphs):
        plain = text.strip()
        if not plain or len(plain) > HEADING_MAX:
            continue
        section = section_of_heading(plain) or (
            "measures_results" if _MEASURES.search(plain) else None
        )
        if section in _ORDER and section not in starts:
            starts[section] = index
    return starts


def anchor(paragraphs: Sequence[str], check: DraftCheck) -> list[Anchored]:
    """Each gap worth a comment (statutory items not covered, thin items, the common topics
    the draft lacks), with its paragraph."""
    starts = part_starts(paragraphs)
    forms = [search_form(p) for p in paragraphs]
    anchored = []
    for item in check.items:
        cov = item.coverage
        wanted = cov.item.kind == "statutory" or cov.item.item_id in check.common_gaps
        if cov.status == "covered" or not wanted:
            continue
        if cov.status == "thin" and cov.evidence:
            at = _paragraph_with(forms, search_form(cov.evidence))
        elif cov.item.kind == "statutory":
            at = _where_part_belongs(cov.item.item_id, starts, paragraphs)
        else:
            at = _end_of_measures(paragraphs, starts)
        anchored.append(Anchored(at, item))
    return anchored


def _paragraph_with(forms: Sequence[str], evidence: str) -> int:
    key = evidence[:20]
    for index, form in enumerate(forms):
        if key and key in form:
            return index
    return START


def _where_part_belongs(item_id: str, starts: dict[str, int], paragraphs: Sequence[str]) -> int:
    later = [starts[s] for s in _ORDER[_ORDER.index(item_id) + 1 :] if s in starts]
    if later:
        return min(later)  # before the part that should follow it
    if starts:  # every part it should precede is missing too: after the last one present
        return max(i for i, p in enumerate(paragraphs) if p.strip())
    return START


def _end_of_measures(paragraphs: Sequence[str], starts: dict[str, int]) -> int:
    if "measures_results" not in starts:
        return START
    after = [i for i in starts.values() if i > starts["measures_results"]]
    end = (min(after) if after else len(paragraphs)) - 1
    while end > starts["measures_results"] and not paragraphs[end].strip():
        end -= 1
    return end
