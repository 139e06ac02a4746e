"""Towns side by side: checklist coverage, the figures they give, a topic's passages."""

from __future__ import annotations

from collections import Counter
from typing import Final

from knowledge.domain.checklist import CHECKLIST, coverage
from knowledge.domain.topics import topics_named_by
from knowledge.domain.towns import resolve_town
from knowledge.domain.vocabulary import synonym_variants
from knowledge.errors import TownNotFound
from knowledge.models import (
    OTHERS_COLUMN,
    ChecklistItem,
    Comparison,
    Figure,
    ItemCoverage,
    QueryFilters,
    Snippet,
)
from knowledge.storage.store import KnowledgeStore
from knowledge.text.normalize import search_form
from knowledge.usecases.ask import Retriever
from knowledge.usecases.figures import extract_figures
from knowledge.usecases.target import Target, resolve_target

MAX_COMPARED_TOWNS: Final = 5
OTHERS_SAMPLE: Final = 200
FEW_OTHERS: Final = 6  # up to this many other towns are compared by name


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
            label = OTHERS_COLUMN
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
        others=len(others),
    )


async def town_figures(store: KnowledgeStore, town: str) -> list[Figure]:
    """Every figure of the town's newest report, once each."""
    return merge_figures(extract_figures(await _latest_snippets(store, town)))


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
    by_topic = [f for f in figures if f.topic in topics] if topics else []
    # A figure whose sentence names the words or a synonym (52个微网格 for 网格化) counts too,
    # though its paragraph was filed under another topic.
    forms = [v for w in words.split() for v in synonym_variants(w)] if words else []
    said = [f for f in figures if f not in by_topic and any(_speaks_of(v, f) for v in forms)]
    return by_topic + said


def _speaks_of(words: str, figure: Figure) -> bool:
    """The figure's sentence or name holds the words, whole or in their two-character parts:
    '化解纠纷' is said as '化解基层矛盾纠纷40余起', '办件量' as '办理…事项8680余件'."""
    text = search_form(figure.text) + search_form(figure.name)
    if words in text:
        return True
    pieces = [words[i : i + 2] for i in range(0, len(words) - 1, 2)] if len(words) >= 4 else []
    if pieces and all(piece in text for piece in pieces):
        return True
    # '党委会研究法治' as '召开4次党委扩大会议研究法治工作': most of its character pairs.
    pairs = [words[i : i + 2] for i in range(len(words) - 1)] if len(words) >= 5 else []
    return bool(pairs) and sum(p in text for p in pairs) >= 0.6 * len(pairs)


def _aggregate(item: ChecklistItem, covs: list[ItemCoverage], towns: list[str]) -> ItemCoverage:
    counts = Counter(c.status for c in covs)
    status = counts.most_common(1)[0][0]
    covered = [(t, c) for t, c in zip(towns, covs, strict=True) if c.status == "covered"]
    tally = (len(covs), counts["covered"], counts["thin"])
    town, example = covered[0] if covered else (None, None)
    return ItemCoverage(
        item,
        status,
        example.evidence if example else None,
        tally=tally,
        evidence_town=town,
    )


async def _topic_snippets(
    store: KnowledgeStore, retriever: Retriever, target: Target, town: str
) -> list[Snippet]:
    filters = QueryFilters(town=town)
    if target.words is not None:
        answer = await retriever.search(target.words, filters=filters, limit=6)
        # Only this town's passages: when it has none the search drops the town, and another
        # town's words must never appear under this town's name.
        own = [h for h in answer.hits if h.snippet.town == town]
        # What a town did (its work or its leaders') comes before its problems and plans on
        # the same words; among those, the better match.
        done = ("measures_results", "first_resp")
        hits = sorted(own, key=lambda h: (h.snippet.section not in done, -h.score))
        return [h.snippet for h in hits[:3]]
    # A whole part keeps all its items (up to 8): how many a town wrote is part of the answer.
    limit = 8 if target.section is not None and target.topic is None else 3
    snippets = await store.get_snippets(
        QueryFilters(town=town, section=target.section), topic=target.topic, limit=limit
    )
    return snippets
