"""The knowledge layer: reports parsed into section-tagged snippets, stored and searched in SQLite.

Knows nothing of Telegram. `Knowledge` is the front door; the rest is the data it returns and
the errors it raises.
"""

from knowledge.errors import (
    DatabaseMissing,
    EmptyQuery,
    KnowledgeError,
    ReportParseError,
    SectionNotFound,
    StoreBusy,
    StoreClosed,
    StoreError,
    StoreFull,
    StoreReadOnly,
    TownNotFound,
    UnsupportedFile,
)
from knowledge.models import (
    Answer,
    Checklist,
    ChecklistItem,
    Comparison,
    DraftCheck,
    Example,
    Examples,
    Figure,
    IngestResult,
    ItemCoverage,
    QueryFilters,
    Report,
    SearchHit,
    Snippet,
)
from knowledge.service import Knowledge

__all__ = [
    "Answer",
    "Checklist",
    "ChecklistItem",
    "Comparison",
    "DatabaseMissing",
    "DraftCheck",
    "EmptyQuery",
    "Example",
    "Examples",
    "Figure",
    "IngestResult",
    "ItemCoverage",
    "Knowledge",
    "KnowledgeError",
    "QueryFilters",
    "Report",
    "ReportParseError",
    "SearchHit",
    "SectionNotFound",
    "Snippet",
    "StoreBusy",
    "StoreClosed",
    "StoreError",
    "StoreFull",
    "StoreReadOnly",
    "TownNotFound",
    "UnsupportedFile",
]
