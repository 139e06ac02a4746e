"""The checklist with how many stored reports cover each item, and the next deadlines."""

from __future__ import annotations

import datetime as dt

from knowledge.domain.checklist import CHECKLIST, deadlines
from knowledge.models import (
    Checklist,
)
from knowledge.storage.store import KnowledgeStore


async def build_checklist(store: KnowledgeStore, *, today: dt.date) -> Checklist:
    """The checklist with how many stored reports cover each item, and the next deadlines."""
    counts = await corpus_counts(store)
    counted = tuple((item, counts[item.item_id]) for item in CHECKLIST)
    return Checklist(counted, deadlines(today), await store.report_count())


async def corpus_counts(store: KnowledgeStore) -> dict[str, int]:
    """How many stored reports cover each checklist item (a part for the statutory ones)."""
    by_section = await store.reports_per_section()
    counts = {}
    for item in CHECKLIST:
        if item.kind == "statutory":
            counts[item.item_id] = int(by_section.get(item.item_id, 0))
        else:
            counts[item.item_id] = await store.count_reports_with_topic(item.item_id)
    return counts
