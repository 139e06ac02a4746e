"""The checklist (docs/domain.md): the five statutory contents, the topics, deadlines, and coverage."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final, Protocol

from knowledge.domain.topics import TOPICS, matching_signals
from knowledge.models import ChecklistItem, Deadline, ItemCoverage, ThinReason
from knowledge.text.normalize import search_form

RULE_DOCUMENT: Final = "《法治政府建设与责任落实督察工作规定》"
_RULE: Final = RULE_DOCUMENT + "第二十三条"

STATUTORY_ITEMS: Final[tuple[ChecklistItem, ...]] = (
    ChecklistItem(
        "measures_results", "上一年度推进法治政府建设的主要举措和成效", "statutory", _RULE
    ),
    ChecklistItem(
        "problems",
        "上一年度推进法治政府建设存在的不足和原因",
        "statutory",
        _RULE,
        often_forgotten="只写了问题，没有分析原因：规定要求写“不足和原因”",
    ),
    ChecklistItem(
        "first_resp",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "statutory",
        _RULE,
        often_forgotten="第一责任人履职情况最好单列一部分，而不是散在各项工作中",
    ),
    ChecklistItem("next_plan", "下一年度推进法治政府建设的主要安排", "statutory", _RULE),
    ChecklistItem(
        "other",
        "其他需要报告的情况",
        "statutory",
        _RULE,
        often_forgotten="“其他需要报告的情况”常被漏写：没有也应写明“无”或说明情况",
    ),
)

_FORGOTTEN_TOPICS: Final[dict[str, str]] = {
    "admin_reconsideration": "行政复议情况常被漏写（随附的 5 份真实报告中仅 1 份写到）",
    "admin_litigation": "行政机关负责人出庭应诉情况常被漏写（随附的 5 份真实报告中仅 2 份写到）",
    "emergency": "突发事件依法应对常被漏写（随附的 5 份真实报告均未写到）",
}

TOPIC_ITEMS: Final[tuple[ChecklistItem, ...]] = tuple(
    ChecklistItem(t.topic_id, t.name, "topic", t.source, _FORGOTTEN_TOPICS.get(t.topic_id))
    for t in TOPICS
)

CHECKLIST: Final[tuple[ChecklistItem, ...]] = STATUTORY_ITEMS + TOPIC_ITEMS
ITEM_BY_ID: Final[dict[str, ChecklistItem]] = {item.item_id: item for item in CHECKLIST}

_CAUSE: Final = re.compile(r"原因|由于|究其|根源|主要是因为|源于|之所以")
_SENTENCE: Final = re.compile(r"[^。！？；]+[。！？；]?")
_DOING_SECTIONS: Final = ("measures_results", "first_resp", "other")


class SnippetLike(Protocol):
    """What coverage needs of a snippet (stored or parsed)."""

    @property
    def section(self) -> str: ...
    @property
    def topics(self) -> tuple[str, ...]: ...
    @property
    def text(self) -> str: ...
    @property
    def heading(self) -> str | None: ...


def deadlines(today: dt.date, *, county_due: dt.date | None = None) -> tuple[Deadline, ...]:
    """The next report deadlines on or after today, each dated by its last allowed day.

    The 2019 rule: report to the level above before 1 March (第二十二条), publish before
    1 April (第二十四条). 29 February exists only in leap years, so the last day is computed.
    """
    report_by = dt.date(today.year, 3, 1) - dt.timedelta(days=1)
    year = today.year if today <= report_by else today.year + 1
    found = [
        Deadline(
            "report",
            (dt.date(year, 3, 1) - dt.timedelta(days=1)).isoformat(),
            f"3月1日之前：向上一级党委和政府报告{year - 1}年度法治政府建设情况，"
            f"同时抄送依法治县（区）办（{RULE_DOCUMENT}第二十二条）",
        ),
    ]
    publish_year = today.year if today <= dt.date(today.year, 3, 31) else today.year + 1
    found.append(
        Deadline(
            "publish",
            dt.date(publish_year, 3, 31).isoformat(),
            f"4月1日之前：通过报刊、网站等向社会公开{publish_year - 1}年度报告，"
            f"涉密内容除外（{RULE_DOCUMENT}第二十四条）",
        )
    )
    if county_due is not None:
        found.insert(0, Deadline("county", county_due.isoformat(), "本县（区）要求的报送日期"))
    return tuple(found)


def evidence_sentence(text: str, words: Sequence[str]) -> str:
    """The sentence of a text that holds the first of the words (or its first sentence)."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    simplified = [search_form(s) for s in sentences]
    for word in words:
        for original, plain in zip(sentences, simplified, strict=True):
            if word in plain:
                return str(original)
    return str(sentences[0]) if sentences else text


def item_coverage(item: ChecklistItem, snippets: Sequence[SnippetLike]) -> ItemCoverage:
    """How a report's (or draft's) snippets cover one checklist item."""
    if item.kind == "statutory":
        reason, evidence = _statutory(item.item_id, snippets)
    else:
        reason, evidence = _topical(item.item_id, snippets)
    if evidence is None:
        return ItemCoverage(item, "missing", None)
    if reason is None:
        return ItemCoverage(item, "covered", evidence)
    return ItemCoverage(item, "thin", evidence, reason)


def coverage(snippets: Sequence[SnippetLike]) -> list[ItemCoverage]:
    """Coverage of every checklist item."""
    return [item_coverage(item, snippets) for item in CHECKLIST]


# Each judge returns (why it is thin or None when covered, evidence or None when missing).
_Judged = tuple[ThinReason | None, str | None]


def _statutory(section: str, snippets: Sequence[SnippetLike]) -> _Judged:
    own = [s for s in snippets if s.section == section]
    if not own:
        return None, None
    evidence = evidence_sentence(own[0].text, [])
    if section == "problems":
        causes = [s for s in own if _CAUSE.search(search_form(s.text))]
        if not causes:
            return "no_causes", evidence
        return None, evidence_sentence(causes[0].text, ["原因", "由于", "究其", "根源"])
    if section == "first_resp":
        own_heading = any("第一责任人" in search_form(s.heading or "")[:40] for s in own)
        return (None if own_heading or len(own) >= 2 else "not_separate"), evidence
    if section == "other":
        return None, evidence
    return (None if len(own) >= 2 else "one_passage"), evidence


def _topical(topic_id: str, snippets: Sequence[SnippetLike]) -> _Judged:
    tagged = [s for s in snippets if topic_id in s.topics]
    if not tagged:
        return None, None
    doing = [s for s in tagged if s.section in _DOING_SECTIONS]
    best = doing[0] if doing else tagged[0]
    words = matching_signals(topic_id, search_form(best.text)) or matching_signals(
        topic_id, search_form(best.heading or "")
    )
    evidence = evidence_sentence(best.text, words)
    # Only in the plan or the problems, or only named in a heading: said, not done.
    if not doing:
        return "only_planned", evidence
    if not matching_signals(topic_id, search_form(best.text)):
        # '（一）聘请常年法律顾问1名，审查合同12份。': a heading that is itself a sentence
        # with figures reports what was done; a bare heading only names the subject.
        own_heading = (best.heading or "").split(" > ")[-1]
        if _FIGURE_IN_HEADING.search(own_heading):
            return None, own_heading
        return "only_named", evidence
    return None, evidence


_FIGURE_IN_HEADING: Final = re.compile(r"\d+\s*(余|多)?\s*[件宗起次名人个份场期条项户家处万元%％]")


# From October the year's own report is what staff are drafting (due before 1 March).
DRAFTING_FROM_MONTH: Final = 10


def report_year(today: dt.date) -> int:
    """The year whose report is being written on `today`: this year from October, before
    that the year just ended (whose report is due before 1 March)."""
    return today.year if today.month >= DRAFTING_FROM_MONTH else today.year - 1
