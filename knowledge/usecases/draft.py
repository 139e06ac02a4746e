"""A report skeleton for a town and year: the five statutory parts in order, the topics most
reports cover with template sentences from the library, and last year's figures beside them.

The plan is plain data (knowledge.officedoc.SkeletonPlan); officedoc writes it as a .docx in the
GB/T 9704-2012 layout. The Chinese here is the report's own wording, not chat text.
"""

from __future__ import annotations

import re
from typing import Final

from knowledge.domain.checklist import CHECKLIST
from knowledge.domain.towns import split_label
from knowledge.models import QueryFilters, SectionId, Snippet
from knowledge.officedoc import SkeletonItem, SkeletonPart, SkeletonPlan
from knowledge.storage.store import KnowledgeStore
from knowledge.text.excerpt import sentences
from knowledge.usecases.ask import Retriever
from knowledge.usecases.checklist import corpus_counts
from knowledge.usecases.compare import merge_figures
from knowledge.usecases.example import example_wording
from knowledge.usecases.figures import extract_figures
from knowledge.usecases.wording import make_template

MAX_TOPICS: Final = 6  # level-2 items under 主要举措和成效
SENTENCES_PER_ITEM: Final = 2
MAX_LAST_YEAR: Final = 3  # figures of the town's earlier report shown under one item
FIGURE_CLAUSE: Final = 36  # characters of a last-year figure's clause
YEAR: Final = "【年度】"
OWN_TOWN: Final = "【本镇】"
COUNTY: Final = "【县（区）】"
OPENING_FALLBACK: Final = (
    "{year}年，{town}党委、政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻"
    "习近平法治思想，全面落实法治政府建设各项任务，现将本年度法治政府建设情况报告如下。"
)
PROBLEMS_HINT: Final = "（逐条写明不足的具体表现，并分析原因：规定要求写“不足和原因”。）"
OTHER_NONE: Final = "无。"


async def build_plan(
    store: KnowledgeStore, retriever: Retriever, *, town: str | None, year: int
) -> SkeletonPlan:
    """The skeleton of `town`'s report for `year` (【本镇】 when the town is not known)."""
    name, county = split_label(town) if town else (OWN_TOWN, None)
    earlier = await _earlier_report(store, town, year)
    if county is None and earlier:
        county = earlier[0].county
    measures = await _measure_items(store, retriever, name, year, earlier)
    return SkeletonPlan(
        title=f"{name}{year}年度法治政府建设情况报告",
        addressee=f"中共{county or COUNTY}委、{county or COUNTY}人民政府：",
        opening=(await _section_template(store, "preamble", name, year) or _opening(name, year),),
        parts=(
            SkeletonPart(f"{year}年度推进法治政府建设的主要举措和成效", items=measures),
            SkeletonPart(
                f"{year}年度推进法治政府建设存在的不足和原因",
                paragraphs=_present(
                    PROBLEMS_HINT, await _section_template(store, "problems", name, year)
                ),
            ),
            SkeletonPart(
                "党政主要负责人履行推进法治建设第一责任人职责情况",
                paragraphs=_present(await _section_template(store, "first_resp", name, year)),
            ),
            SkeletonPart(
                f"{year + 1}年度推进法治政府建设的主要安排",
                paragraphs=_present(await _section_template(store, "next_plan", name, year + 1)),
            ),
            SkeletonPart("其他需要报告的情况", paragraphs=(OTHER_NONE,)),
        ),
        signatures=_signatures(name),
        # Due to the level above before 1 March: a February date, its day left to fill in.
        date=f"{year + 1}年2月【】日",
    )


def _opening(name: str, year: int) -> str:
    return OPENING_FALLBACK.format(year=year, town=name)


def _present(*paragraphs: str | None) -> tuple[str, ...]:
    return tuple(p for p in paragraphs if p)


def _signatures(name: str) -> tuple[str, str]:
    """The joint signature of the town's Party committee and government."""
    if name.endswith("街道"):
        return f"中共{name}工作委员会", f"{name}办事处"
    return f"中共{name}委员会", f"{name}人民政府"


async def _earlier_report(store: KnowledgeStore, town: str | None, year: int) -> list[Snippet]:
    """The snippets of the town's newest report before `year` (nothing for an unknown town)."""
    if not town:
        return []
    reports = [r for r in await store.list_reports(town=town) if r.year < year]
    if not reports:
        return []
    return await store.get_snippets(QueryFilters(), report_id=reports[0].report_id)


async def _measure_items(
    store: KnowledgeStore, retriever: Retriever, name: str, year: int, earlier: list[Snippet]
) -> tuple[SkeletonItem, ...]:
    """The topics most stored reports cover, each with template sentences and last year's
    figures on it."""
    counts = await corpus_counts(store)
    topics = sorted(
        (item for item in CHECKLIST if item.kind == "topic" and counts.get(item.item_id)),
        key=lambda item: -counts[item.item_id],
    )[:MAX_TOPICS]
    figures = merge_figures(extract_figures(earlier)) if earlier else []
    # "上年报告" when it is last year's; an older one says its year.
    label = (
        "上年报告"
        if earlier and earlier[0].year == year - 1
        else f"{earlier[0].year if earlier else ''}年报告"
    )
    items = []
    for topic in topics:
        found = await example_wording(store, retriever, topic.item_id, limit=1)
        template = found.examples[0].template if found.examples else ""
        own = [f for f in figures if f.topic == topic.item_id][:MAX_LAST_YEAR]
        items.append(
            SkeletonItem(
                heading=topic.name,
                sentences=_first_sentences(template, name, year),
                last_year=tuple(
                    dict.fromkeys(f"{label}：{_figure_text(f.text, f.value)}" for f in own)
                ),
            )
        )
    return tuple(items)


def _figure_text(sentence: str, value: float) -> str:
    """The clause that gives a figure, short enough to sit beside a placeholder."""
    number = f"{value:g}"
    clauses = [c for c in re.split(r"[，；。,;]", sentence) if number in c]
    clause = (clauses[0] if clauses else sentence).strip()
    if len(clause) <= FIGURE_CLAUSE:
        return clause
    at = max(0, clause.find(number) - FIGURE_CLAUSE // 2)
    return ("……" if at else "") + clause[at : at + FIGURE_CLAUSE] + "……"


def _first_sentences(template: str, name: str, year: int) -> tuple[str, ...]:
    """The template's first sentences, with the town and the year it speaks of filled in."""
    picked = [s.strip() for s in sentences(template) if s.strip()][:SENTENCES_PER_ITEM]
    return tuple(s.replace(OWN_TOWN, name).replace(YEAR, str(year)) for s in picked)


async def _section_template(
    store: KnowledgeStore, section: SectionId, name: str, year: int
) -> str | None:
    """Two sentences of the newest report's part, made into a template for this town."""
    snippets = await store.get_snippets(QueryFilters(section=section), limit=1)
    if not snippets:
        return None
    snippet = snippets[0]
    template = make_template(snippet.text, town=snippet.town, county=snippet.county)
    picked = _first_sentences(template, name, year)
    return "".join(picked) or None
