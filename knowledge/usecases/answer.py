"""Use cases beyond plain questions: example wording, comparison, checklist, draft check."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from knowledge.domain.checklist import CHECKLIST, coverage, deadlines
from knowledge.domain.sections import SECTION_IDS, SECTION_NAMES, section_named_in
from knowledge.domain.topics import TOPIC_BY_ID, TOPICS, topic_focus, topics_named_by
from knowledge.domain.towns import resolve_town
from knowledge.errors import ReportParseError, TownNotFound
from knowledge.models import (
    Answer,
    Checklist,
    ChecklistItem,
    Comparison,
    DraftCheck,
    Example,
    Examples,
    Figure,
    ItemCheck,
    ItemCoverage,
    ParsedReport,
    QueryFilters,
    SectionId,
    Snippet,
)
from knowledge.storage.store import KnowledgeStore
from knowledge.text.normalize import search_form
from knowledge.text.parse import NO_TEXT, parse_report
from knowledge.text.readers import read_document
from knowledge.text.segment import Segmenter
from knowledge.usecases.ask import Retriever, collapse_duplicates, interleave_towns
from knowledge.usecases.figures import extract_figures, figures_answering
from knowledge.usecases.wording import concreteness, make_template

MAX_COMPARED_TOWNS: Final = 5
OTHERS_SAMPLE: Final = 200
_ASKING: Final = re.compile(r"怎么写|如何写|怎样写|写法|范文|参考|表述|例子|示例|给我|一段|请|的$")
OTHERS_LABEL: Final = "其他乡镇"
_SECTION_ORDER: Final = {
    "measures_results": 0,
    "first_resp": 0,
    "other": 0,
    "problems": 1,
    "next_plan": 2,
}
MAX_COMMON_GAPS: Final = 5  # topics most reports have, shown with an example when missing
FEW_OTHERS: Final = 6  # up to this many other towns are compared by name
# Words around a part's name that ask for nothing more.
_FILLER: Final = re.compile(
    r"[我本][镇乡]|我们|有哪些|哪些|什么|情况|内容|方面|部分|[的之和及与]|\W"
)


@dataclass(frozen=True, slots=True)
class Target:
    """What a topic argument means: a topic id, a section id, or free words to search."""

    label: str
    topic: str | None = None
    section: SectionId | None = None
    words: str | None = None


def resolve_target(text: str) -> Target:
    """'legal_advisor', '法律顾问、公职律师', '存在的问题' or '出庭应诉怎么写' → a Target."""
    raw = text.strip()
    if raw in TOPIC_BY_ID:
        return Target(TOPIC_BY_ID[raw].name, topic=raw)
    if raw in SECTION_IDS:
        return Target(SECTION_NAMES[raw], section=raw)
    plain = _ASKING.sub("", search_form(raw)).strip() or search_form(raw)
    for topic in TOPICS:
        if plain == topic.name or plain == search_form(topic.name):
            return Target(topic.name, topic=topic.topic_id)
    named = section_named_in(plain)
    if named:
        # '存在的问题' or '我镇的下一步打算' is the part; '普法做法' is 普法 within it.
        section, found = named
        if not _FILLER.sub("", plain[: found.start()] + plain[found.end() :]):
            return Target(SECTION_NAMES[section], section=section)
    return Target(raw, words=plain)


def with_figures(
    answer: Answer, segmenter: Segmenter, *, limit: int, ranking: str | None = None
) -> Answer:
    """A '多少…' answer cut to `limit` hits, with the numbers all its hits give on the words
    it asked about; for '…最多', the figure named most often ranked across towns."""
    shown = replace(answer, hits=answer.hits[:limit])
    if not answer.hits or not answer.terms:
        return shown
    forms = [segmenter.alternatives(t) for t in answer.terms]
    snippets = [h.snippet for h in answer.hits]
    if ranking is None:
        return replace(shown, figures=tuple(figures_answering(snippets, forms)))
    found = figures_answering(snippets, forms, limit=50)
    if not found:
        return shown
    indicator = Counter(f.indicator for f in found).most_common(1)[0][0]
    best: dict[str, Figure] = {}
    for figure in found:  # each town's largest number on that indicator
        if figure.indicator == indicator and (
            figure.town not in best or figure.value > best[figure.town].value
        ):
            best[figure.town] = figure
    ranked = sorted(best.values(), key=lambda f: f.value, reverse=ranking == "most")
    return replace(shown, figures=tuple(ranked), ranking=ranking)


async def example_wording(
    store: KnowledgeStore,
    retriever: Retriever,
    topic: str,
    *,
    limit: int = 3,
    filters: QueryFilters | None = None,
) -> Examples:
    """Model passages for a topic from different towns, each with a fill-in template.

    Args:
        topic: a topic id, a checklist item, or free words (法律顾问, 出庭应诉怎么写).
        limit: how many passages at most.
        filters: town or year to draw from.
    """
    filters = filters or QueryFilters()
    target = resolve_target(topic)
    limit = max(1, min(limit, 20))
    absent: tuple[str, ...] = ()
    nearest: str | None = None
    reports = 0
    focus: tuple[str, ...] = ()
    if target.topic in TOPIC_BY_ID:
        focus = TOPIC_BY_ID[target.topic].signals
    if target.words is not None:
        answer = await retriever.search(target.words, filters=filters, limit=max(limit * 4, 12))
        focus = answer.terms
        if not answer.hits:
            absent, nearest, reports = answer.absent, answer.nearest_item, answer.reports
        ranked = [
            h.snippet
            for h in sorted(
                answer.hits,
                key=lambda h: h.score * (0.7 + 0.3 * min(concreteness(h.snippet.text), 3) / 3),
                reverse=True,
            )
        ]
    else:
        ranked = await _structured_candidates(store, target, filters)
    chosen = collapse_duplicates(interleave_towns(ranked), limit)
    return Examples(
        topic=topic,
        label=target.label,
        examples=tuple(
            Example(s, make_template(s.text, town=s.town, county=s.county, words=focus))
            for s in chosen
        ),
        absent=absent,
        nearest_item=nearest,
        reports=reports,
    )


async def _structured_candidates(
    store: KnowledgeStore, target: Target, filters: QueryFilters
) -> list[Snippet]:
    if target.section is not None:
        pool = await store.get_snippets(
            QueryFilters(town=filters.town, year=filters.year, section=target.section), limit=400
        )
    else:
        pool = []
        for section in ("measures_results", "first_resp", "next_plan"):
            pool += await store.get_snippets(
                QueryFilters(town=filters.town, year=filters.year, section=section),
                topic=target.topic,
                limit=300,
            )
    order = _SECTION_ORDER
    if target.topic is None:
        return sorted(pool, key=lambda s: (order.get(s.section, 3), -concreteness(s.text)))
    topic = target.topic

    def merit(snippet: Snippet) -> float:
        # A passage about the topic with facts beats a long factual one naming it in passing.
        focus = topic_focus(topic, search_form(snippet.text), search_form(snippet.heading or ""))
        return focus * (0.6 + 0.4 * min(concreteness(snippet.text), 3) / 3)

    return sorted(pool, key=lambda s: (order.get(s.section, 3), -merit(s)))


async def _latest_snippets(store: KnowledgeStore, town: str) -> list[Snippet]:
    report = await store.latest_report(town)
    if report is None:
        return []
    return await store.get_snippets(QueryFilters(), report_id=report.report_id)


async def compare_towns(
    store: KnowledgeStore,
    retriever: Retriever,
    names: list[str],
    *,
    all_others: bool = False,
    topic: str | None = None,
) -> Comparison:
    """Towns side by side: checklist coverage, the figures they report, and a topic's snippets.

    Unknown names are listed in the result, not raised; at most MAX_COMPARED_TOWNS towns.
    """
    known = await store.list_towns()
    towns: list[str] = []
    unknown: list[str] = []
    for name in names:
        try:
            town = resolve_town(name, known)
        except TownNotFound:
            unknown.append(name)
            continue
        if town not in towns:
            towns.append(town)
    capped = len(towns) > MAX_COMPARED_TOWNS
    towns = towns[:MAX_COMPARED_TOWNS]
    if len(towns) == 1 and not unknown:
        all_others = True
    asked = tuple(towns)
    others = [t for t in known if t not in towns] if all_others and towns else []
    if others and len(others) <= FEW_OTHERS:
        # A small library: the others by name, each its own column, not a vote that hides them.
        towns += others
        others = []
    per_town = {town: await _latest_snippets(store, town) for town in towns}
    table: dict[str, dict[str, ItemCoverage]] = {item.item_id: {} for item in CHECKLIST}
    for town, snippets in per_town.items():
        for cov in coverage(snippets):
            table[cov.item.item_id][town] = cov
    columns = list(towns)
    if others:
        others = others[:OTHERS_SAMPLE]
        if others:
            label = f"{OTHERS_LABEL}（{len(others)}个）"
            columns.append(label)
            other_cov = [coverage(await _latest_snippets(store, t)) for t in others]
            for index, item in enumerate(CHECKLIST):
                table[item.item_id][label] = _aggregate(
                    item, [c[index] for c in other_cov], others
                )
    figures = merge_figures([f for t in asked for f in extract_figures(per_town[t])])
    side: dict[str, tuple[Snippet, ...]] = {}
    topic_figures: list[Figure] | None = None
    topic_label: str | None = None
    if topic:
        target = resolve_target(topic)
        topic_label = target.label
        every = merge_figures([f for t in towns for f in extract_figures(per_town[t])])
        topic_figures = figures_on(target, every)
        for town in towns:
            side[town] = tuple(await _topic_snippets(store, retriever, target, town))
    return Comparison(
        towns=tuple(columns),
        coverage=tuple((item, table[item.item_id]) for item in CHECKLIST),
        figures=tuple(figures),
        side_by_side=side,
        unknown=tuple(unknown),
        capped=capped,
        topic=topic_label,
        topic_figures=None if topic_figures is None else tuple(topic_figures),
        asked=asked,
    )


def merge_figures(figures: list[Figure]) -> list[Figure]:
    """One figure per town, indicator, value and unit: a number repeated in a report counts once."""
    seen: set[tuple[str, str, float, str]] = set()
    merged = []
    for figure in figures:
        key = (figure.town, figure.indicator, figure.value, figure.unit)
        if key not in seen:
            seen.add(key)
            merged.append(figure)
    return merged


def figures_on(target: Target, figures: list[Figure]) -> list[Figure] | None:
    """The figures a comparison on a topic is about: those named under the topic the words
    speak to or, when the words name no topic, those given in a sentence that holds them.
    None for a part of the report (存在的问题): every figure stays relevant."""
    if target.section is not None:
        return None
    words = search_form(target.words) if target.words else ""
    topics = {target.topic} if target.topic else set(topics_named_by(words))
    if topics:
        return [f for f in figures if f.topic in topics]
    return [f for f in figures if words and words in search_form(f.text)]


def _aggregate(item: ChecklistItem, covs: list[ItemCoverage], towns: list[str]) -> ItemCoverage:
    counts = Counter(c.status for c in covs)
    status = counts.most_common(1)[0][0]
    covered = [(t, c) for t, c in zip(towns, covs, strict=True) if c.status == "covered"]
    evidence = f"{len(covs)} 个乡镇中 {counts['covered']} 个已写到，{counts['thin']} 个较薄弱"
    if covered:
        evidence += f"；例如{covered[0][0]}：{covered[0][1].evidence}"
    return ItemCoverage(item, status, evidence)


async def _topic_snippets(
    store: KnowledgeStore, retriever: Retriever, target: Target, town: str
) -> list[Snippet]:
    filters = QueryFilters(town=town)
    if target.words is not None:
        answer = await retriever.search(target.words, filters=filters, limit=6)
        # Only this town's passages: when it has none the search drops the town, and another
        # town's words must never appear under this town's name.
        own = [h for h in answer.hits if h.snippet.town == town]
        # What a town did comes before its problems and plans on the same words.
        hits = sorted(own, key=lambda h: _SECTION_ORDER.get(h.snippet.section, 3))
        return [h.snippet for h in hits[:3]]
    snippets = await store.get_snippets(
        QueryFilters(town=town, section=target.section), topic=target.topic, limit=3
    )
    return snippets


async def build_checklist(store: KnowledgeStore, *, today: dt.date) -> Checklist:
    """The checklist with how many stored reports cover each item, and the next deadlines."""
    counts = await corpus_counts(store)
    counted = tuple((item, counts[item.item_id]) for item in CHECKLIST)
    return Checklist(counted, deadlines(today), await store.report_count())


async def corpus_counts(store: KnowledgeStore) -> dict[str, int]:
    """How many stored reports cover each checklist item (a part for the statutory ones)."""
    rows = await store.fetchall(
        "SELECT section, count(DISTINCT report_id) FROM snippets GROUP BY section"
    )
    by_section: dict[str, int] = {str(row[0]): int(row[1]) for row in rows}
    counts = {}
    for item in CHECKLIST:
        if item.kind == "statutory":
            counts[item.item_id] = int(by_section.get(item.item_id, 0))
        else:
            counts[item.item_id] = await store.count_reports_with_topic(item.item_id)
    return counts


DRAFT_TOO_SHORT: Final = "草稿内容太少，无法检查：请发送草稿全文（文字，或 .txt/.docx 文件）"


def parse_draft(text: str) -> ParsedReport:
    """A staff member's draft: town and year may still be blank.

    Raises:
        ReportParseError: the draft is empty or too short to hold against the checklist.
    """
    try:
        return parse_report(text)
    except ReportParseError as exc:
        if exc.reason == NO_TEXT:
            raise ReportParseError(DRAFT_TOO_SHORT) from exc
        return parse_report(text, town="本镇", year=dt.date.today().year - 1)


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
