"""Plain data the knowledge layer returns: frozen dataclasses, no behaviour beyond helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from knowledge.errors import ErrorCode, ParseWarning

SectionId = Literal["preamble", "measures_results", "first_resp", "problems", "next_plan", "other"]
CoverageStatus = Literal["covered", "thin", "missing"]
# Why an item is thin, so staff know what to add (handlers word it).
ThinReason = Literal["no_causes", "not_separate", "one_passage", "only_planned", "only_named"]
IngestStatus = Literal["added", "unchanged", "replaced", "error"]


@dataclass(frozen=True, slots=True)
class ParsedSnippet:
    """One copyable unit of a report before it is stored."""

    ordinal: int
    section: SectionId
    heading: str | None
    text: str
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedReport:
    """A report read from text: its document fields and its snippets."""

    title: str | None
    town: str
    county: str | None
    province: str | None
    year: int
    doc_number: str | None
    addressee: str | None
    issued_on: str | None
    content_hash: str
    snippets: tuple[ParsedSnippet, ...]
    warnings: tuple[ParseWarning, ...] = ()

    def section_counts(self) -> dict[str, int]:
        """Snippets per section id, in first-seen order."""
        counts: dict[str, int] = {}
        for snippet in self.snippets:
            counts[snippet.section] = counts.get(snippet.section, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class Report:
    """A stored report."""

    report_id: int
    town: str
    county: str | None
    province: str | None
    year: int
    title: str | None
    doc_number: str | None
    addressee: str | None
    issued_on: str | None
    source_name: str | None
    snippets: int
    sections: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Snippet:
    """A stored snippet with the report fields a reader needs beside it."""

    snippet_id: int
    report_id: int
    town: str
    county: str | None
    year: int
    section: SectionId
    topics: tuple[str, ...]
    heading: str | None
    text: str
    ordinal: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A snippet found for a query, with the scores that ranked it."""

    snippet: Snippet
    score: float
    fts_rank: float | None
    fuzzy_score: float
    matched_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QueryFilters:
    """Filters applied to a search, from options or recognised inside the question."""

    town: str | None = None
    year: int | None = None
    section: SectionId | None = None


@dataclass(frozen=True, slots=True)
class KeySentence:
    """The sentence of a town's report that answers a '哪天' or '多久一次' question."""

    town: str
    value: str  # the date or frequency as written: 11月3日, 每半年
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to one question."""

    query: str
    filters: QueryFilters
    hits: tuple[SearchHit, ...]
    terms: tuple[str, ...]
    low_signal: bool = False
    town_guess: str | None = None
    absent: tuple[str, ...] = ()  # question words found nowhere in the library
    figures: tuple[Figure, ...] = ()  # for '多少…' questions: the numbers the hits give
    ranking: str | None = None  # "most"/"least": the figures are ranked, that end first
    wanted: QueryFilters | None = None  # the filters asked for, when they had to be relaxed
    nearest_item: str | None = None  # the checklist item nearest to absent concepts
    reports: int = 0  # how many reports the library holds
    said: tuple[KeySentence, ...] = ()  # for '哪天' / '多久一次': the sentences that say it
    figures_asked: bool = False  # '办了几件': a count was asked for, found or not


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one file on ingest."""

    file: str
    status: IngestStatus
    report_id: int | None = None
    town: str | None = None
    county: str | None = None
    year: int | None = None
    title: str | None = None
    snippets: int = 0
    sections: dict[str, int] = field(default_factory=dict)
    error: ErrorCode | None = None
    error_fields: dict[str, str | int] = field(default_factory=dict)
    warnings: tuple[ParseWarning, ...] = ()
    # For "replaced": the file the replaced version came from and when it was stored.
    replaced: tuple[str, str] | None = None


ItemKind = Literal["statutory", "topic"]


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """A required report item: one of the five statutory contents, or a topic."""

    item_id: str
    name: str
    kind: ItemKind
    source: str
    often_forgotten: str | None = None


@dataclass(frozen=True, slots=True)
class ItemCoverage:
    """How one text covers one checklist item."""

    item: ChecklistItem
    status: CoverageStatus
    evidence: str | None
    reason: ThinReason | None = None
    # For a column of many towns: (towns, covered, thin), and the town the evidence is from.
    tally: tuple[int, int, int] | None = None
    evidence_town: str | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date that matters for the report."""

    key: str
    due_on: str
    what: str


@dataclass(frozen=True, slots=True)
class Checklist:
    """The checklist with how many corpus reports cover each item, and the deadlines."""

    items: tuple[tuple[ChecklistItem, int], ...]
    deadlines: tuple[Deadline, ...]
    reports: int


@dataclass(frozen=True, slots=True)
class Example:
    """A model passage and its template with the town's own facts as placeholders."""

    snippet: Snippet
    template: str


@dataclass(frozen=True, slots=True)
class Examples:
    """Example wording for a topic."""

    topic: str
    label: str
    examples: tuple[Example, ...]
    absent: tuple[str, ...] = ()  # the topic's words no report has
    nearest_item: str | None = None  # the checklist item nearest to them
    reports: int = 0


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a report gives, with its unit and the sentence it stands in."""

    town: str
    topic: str | None
    indicator: str
    value: float
    unit: str
    approx: bool
    text: str
    # What exactly was counted when the indicator holds several (学法次数: 会前学法, 法律授课).
    label: str | None = None

    @property
    def name(self) -> str:
        """The indicator, with what was counted when it says more: 学法次数（会前学法）."""
        return f"{self.indicator}（{self.label}）" if self.label else self.indicator


OTHERS_COLUMN: Final = "*others"  # the column of every other town, voted item by item


@dataclass(frozen=True, slots=True)
class Comparison:
    """Towns side by side: coverage of each checklist item, their figures, and snippets."""

    towns: tuple[str, ...]
    coverage: tuple[tuple[ChecklistItem, dict[str, ItemCoverage]], ...]
    figures: tuple[Figure, ...]
    side_by_side: dict[str, tuple[Snippet, ...]]
    unknown: tuple[str, ...] = ()
    capped: bool = False
    topic: str | None = None  # as users read it: a topic's name, not its id
    # The figures on `topic` (a subset of `figures`); None when the topic picks no figures
    # (no topic, or a part of the report such as 存在的问题).
    topic_figures: tuple[Figure, ...] | None = None
    # The towns the user named (the first is the one compared); the rest of `towns` are the
    # others, named when the library is small.
    asked: tuple[str, ...] = ()
    others: int = 0  # how many towns the OTHERS_COLUMN stands for


@dataclass(frozen=True, slots=True)
class Document:
    """A file made for the user (a .docx skeleton, an annotated draft)."""

    file_name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class ItemCheck:
    """One checklist item in a draft, with example passages when it is missing or thin."""

    coverage: ItemCoverage
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class DraftCheck:
    """A draft held against the checklist."""

    items: tuple[ItemCheck, ...]
    reminders: tuple[str, ...]
    # Topics most stored reports cover that the draft lacks or keeps thin, most common first.
    common_gaps: tuple[str, ...] = ()
    corpus_counts: dict[str, int] = field(default_factory=dict)
    reports: int = 0

    def summary(self) -> dict[str, int]:
        """How many items are covered, thin and missing."""
        counts = {"covered": 0, "thin": 0, "missing": 0}
        for item in self.items:
            counts[item.coverage.status] += 1
        return counts


@dataclass(frozen=True, slots=True)
class Health:
    """What the health check found."""

    ok: bool
    integrity: str
    schema_version: int
    reports: int
    snippets: int
