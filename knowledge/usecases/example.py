"""Example wording: model passages on a topic from several towns, each with a template."""

from __future__ import annotations

from typing import Final, cast

from knowledge.domain.topics import TOPIC_BY_ID, topic_focus, topics_named_by
from knowledge.domain.vocabulary import CAUSE_WORDS, RELATED_WORDS, synonym_variants
from knowledge.models import (
    Example,
    Examples,
    QueryFilters,
    SectionId,
    Snippet,
)
from knowledge.storage.store import KnowledgeStore
from knowledge.text.normalize import search_form
from knowledge.usecases.ask import Retriever, bare_opening, collapse_duplicates, interleave_towns
from knowledge.usecases.target import SECTION_ORDER, Target, resolve_target
from knowledge.usecases.wording import concreteness, make_template, with_item_heading


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
        # What was done comes before what is planned or lacking: a 普法 example is the work,
        # not next year's plan (unless the words asked for that part).
        ranked = [
            h.snippet
            for h in sorted(
                answer.hits,
                key=lambda h: (
                    h.score
                    * SECTION_WEIGHT.get(h.snippet.section, 1.0)
                    * (0.7 + 0.3 * min(concreteness(h.snippet.text), 3) / 3)
                ),
                reverse=True,
            )
        ]
        # '反诈宣传': passages with every word (反诈 and 宣传) when some have them all, not
        # others that share only 宣传.
        whole = [
            s
            for s in ranked
            if all(any(v in s.text for v in synonym_variants(t)) for t in answer.terms)
        ]
        if whole and len(answer.terms) > 1:
            ranked = whole
        # '成立综合执法队' names 综合行政执法改革: passages on it, not ones that share only 成立.
        named = set(topics_named_by(target.words))
        on_topic = [s for s in ranked if named & set(s.topics)]
        if named and on_topic:
            ranked = on_topic
        if not ranked and nearest is not None:
            # '述法咋写' when no report says 述法: say so, then the nearest item's wording.
            near = Target(nearest, topic=nearest) if nearest in TOPIC_BY_ID else None
            if near is None and nearest in SECTION_ORDER:
                near = Target(nearest, section=cast(SectionId, nearest))
            if near is not None:
                ranked = await _structured_candidates(store, near, filters)
                related = [w for a in absent for w in RELATED_WORDS.get(a, ())]
                ranked.sort(key=lambda s: not any(w in s.text for w in related))
                focus = tuple(related) or focus
                limit = min(limit, 2)
    else:
        ranked = await _structured_candidates(store, target, filters)
    # A part's bare opening ('存在的问题和不足：') is no model to follow when others exist.
    substantial = [s for s in ranked if not bare_opening(s.text)]
    chosen = collapse_duplicates(interleave_towns(substantial or ranked), limit)
    return Examples(
        topic=topic,
        label=target.label,
        examples=tuple(
            Example(s, make_template(_with_problem(s), town=s.town, county=s.county, words=focus))
            for s in chosen
        ),
        absent=absent,
        nearest_item=nearest,
        reports=reports,
    )


def _with_problem(snippet: Snippet) -> str:
    """A problem's cause is pasted with the problem it explains (its heading)."""
    return with_item_heading(snippet) if snippet.section == "problems" else snippet.text


SECTION_WEIGHT: Final = {"problems": 0.8, "next_plan": 0.7, "preamble": 0.8}


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
    order = SECTION_ORDER
    if target.topic is None:
        # A problem given with its cause is the model the rule asks for ('不足和原因').
        return sorted(
            pool,
            key=lambda s: (
                order.get(s.section, 3),
                s.section == "problems" and not CAUSE_WORDS.search(s.text),
                -concreteness(s.text),
            ),
        )
    topic = target.topic

    def merit(snippet: Snippet) -> float:
        # A passage about the topic with facts beats a long factual one naming it in passing.
        focus = topic_focus(topic, search_form(snippet.text), search_form(snippet.heading or ""))
        return focus * (0.6 + 0.4 * min(concreteness(snippet.text), 3) / 3)

    return sorted(pool, key=lambda s: (order.get(s.section, 3), -merit(s)))
