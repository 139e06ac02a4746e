"""A staff member's draft held against the checklist, its gaps explained with examples."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

from knowledge.domain.checklist import coverage
from knowledge.errors import ErrorCode, ReportParseError
from knowledge.models import (
    DraftCheck,
    Example,
    ItemCheck,
    ItemCoverage,
    ParsedReport,
)
from knowledge.storage.store import KnowledgeStore
from knowledge.text.parse import parse_report
from knowledge.text.readers import read_document
from knowledge.usecases.ask import Retriever
from knowledge.usecases.checklist import corpus_counts
from knowledge.usecases.example import example_wording

MAX_COMMON_GAPS: Final = 5  # topics most reports have, shown with an example when missing


def parse_draft(text: str) -> ParsedReport:
    """A staff member's draft: town and year may still be blank.

    Raises:
        ReportParseError: the draft is empty or too short to hold against the checklist.
    """
    # A draft typed on a phone runs its parts together: '…成效。今年…。二、存在的不足。…'.
    text = _INLINE_PART.sub("\n", text)
    # '一、主要举措和成效 组织学法4次…': the heading, then its text after a space or colon.
    text = _HEADING_THEN_TEXT.sub(r"\1\n\2", text)
    text = _ASKING_AFTER.sub(
        "", text.rstrip()
    )  # '…下步继续加强。 中不中' asks, it is not the draft
    try:
        return parse_report(text)
    except ReportParseError as exc:
        if exc.code == ErrorCode.NO_TEXT:
            raise ReportParseError(code=ErrorCode.DRAFT_TOO_SHORT) from exc
        return parse_report(text, town="本镇", year=dt.date.today().year - 1)


_HEADING_THEN_TEXT: Final = re.compile(
    r"^([一二三四五六七八九十]{1,2}、[^\s，,。：:]{2,20})[ \t　：:，,。]+(\S.*)$", re.MULTILINE
)
_ASKING_AFTER: Final = re.compile(
    r"[\s，,。]*(中不中|行不行|可以吗|行吗|怎么样|咋样|够不够|有没有问题|帮看看|看看)[?？!！。]*$"
)
_INLINE_PART: Final = re.compile(r"(?<=[。；;！!？?\s])\s*(?=[一二三四五六七八九十]{1,2}、)")


def judge_draft(text: str) -> tuple[ItemCoverage, ...]:
    """How a draft covers each checklist item (pure and CPU-bound: run it in a worker).

    Raises:
        ReportParseError: the draft is too short to judge.
    """
    return tuple(coverage(parse_draft(text).snippets))


def judge_draft_file(data: bytes) -> tuple[ItemCoverage, ...]:
    """judge_draft for the bytes of a .txt/.docx draft.

    Raises:
        UnsupportedFile: the file cannot be read.
        ReportParseError: the draft is too short to judge.
    """
    return judge_draft(read_document(data))


async def check_draft(
    store: KnowledgeStore,
    retriever: Retriever,
    judged: Sequence[ItemCoverage],
    *,
    examples_per_item: int = 1,
) -> DraftCheck:
    """A judged draft with its gaps explained. Statutory gaps and the topics most other
    reports cover get a passage from another town; rarer missing topics are only named."""
    counts = await corpus_counts(store)
    reports = await store.report_count()
    common = [
        cov.item.item_id
        for cov in sorted(judged, key=lambda c: -counts.get(c.item.item_id, 0))
        if cov.item.kind == "topic"
        and cov.status != "covered"
        and counts.get(cov.item.item_id, 0) * 2 > reports
    ][:MAX_COMMON_GAPS]
    items: list[ItemCheck] = []
    reminders: list[str] = []
    for cov in judged:
        examples: tuple[Example, ...] = ()
        wanted = cov.item.kind == "statutory" or cov.item.item_id in common
        if cov.status != "covered" and wanted:
            found = await example_wording(
                store, retriever, cov.item.item_id, limit=examples_per_item
            )
            examples = found.examples
            if cov.item.often_forgotten:
                reminders.append(cov.item.often_forgotten)
        items.append(ItemCheck(cov, examples))
    return DraftCheck(tuple(items), tuple(reminders), tuple(common), counts, reports)
