"""One pasted paragraph of a draft looked over ('帮我看看这段：…', '问题部分我这么写行不：…'):
the part it belongs to, what is vague or missing for that part, and a library sentence to
model each fix on. A whole draft goes to check.py instead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from knowledge.domain.topics import topics_of
from knowledge.domain.vocabulary import CAUSE_WORDS
from knowledge.models import QueryFilters, SectionId, Snippet
from knowledge.storage.store import KnowledgeStore
from knowledge.text.excerpt import sentences
from knowledge.text.normalize import search_form
from knowledge.usecases.wording import restore_anonymised

AdviceKind = Literal[
    "vague",
    "no_figure",
    "no_cause",
    "cause_partly",
    "duty_missing",
    "plan_vague",
    "steps_missing",
    "wrong_lead",
    "sum_mismatch",
]


@dataclass(frozen=True, slots=True)
class Advice:
    """One thing to change, the words it is about, and a sentence from another town to follow."""

    kind: AdviceKind
    words: tuple[str, ...]
    example_town: str | None = None
    example: str | None = None


@dataclass(frozen=True, slots=True)
class ParagraphReview:
    """A pasted paragraph held against what its part needs."""

    section: SectionId
    advice: tuple[Advice, ...]


# Words that stand where a number or a fact should: 开展学法活动多次, 法治意识明显提高.
_VAGUE: Final = re.compile(
    r"多次|多场|多期|多批|若干|大量|一系列|一批|多项|多种形式|"
    r"(明显|显著|大幅|有效|不断|进一步|全面)(提高|提升|增强|加强|改善)|"
    r"取得了?(一定|良好|较好|明显|显著|积极)的?(成效|效果|成绩)|(成效|效果)(明显|显著|良好)|"
    r"(情况|总体|整体|形势)(总体)?(良好|较好|平稳)"
)
_FIGURE: Final = re.compile(r"\d+(\.\d+)?\s*(万|千)?\s*(余|多)?\s*[次场期人件起个名户份条处项%％]")
_PROBLEM: Final = re.compile(r"不足|问题|不够|不强|不高|不平衡|薄弱|欠缺|有待|短板|差距|滞后")
_PLAN: Final = re.compile(r"^(下一步|下步|明年|今后|20\d{2}年.{0,12}将)|将(继续|进一步|持续)")
_PLAN_SLOGAN: Final = re.compile(
    r"再上新台阶|迈上新台阶|新成效|新局面|新水平|新高度|继续(加强|努力|推进)|持续推进|进一步(加强|提高)"
)
_LEADER: Final = re.compile(r"第一责任人|党委书记|党政主要负责人|主要负责人|书记|镇长")
# What a 第一责任人 is expected to have done (2016 规定 第五条, 第六条), and how reports say it.
DUTIES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("带头学法", re.compile(r"学法|学习.{0,12}(法|习近平法治思想)")),
    ("研究部署法治工作", re.compile(r"研究|部署|主持召开|专题会")),
    ("听取法治建设汇报", re.compile(r"听取.{0,12}汇报")),
    ("述职述法", re.compile(r"述法|述职")),
    ("重大问题亲自过问", re.compile(r"亲自|督办|过问|督导")),
)
# The five steps a 重大行政决策 must go through (《重大行政决策程序暂行条例》).
DECISION_STEPS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("公众参与", re.compile(r"公众参与|群众参与|征求.{0,6}意见|听证")),
    ("专家论证", re.compile(r"专家论证|专家")),
    ("风险评估", re.compile(r"风险评估|稳定风险")),
    ("合法性审查", re.compile(r"合法性审查|合法性审核|合法合规性审查")),
    ("集体讨论决定", re.compile(r"集体讨论|集体决策|集体研究")),
)
_DECISION: Final = re.compile(r"重大(行政)?决策")
# '学法12次，其中集中学法4次、会前学法6次': a total and the parts said to make it up.
_TOTAL_THEN_PARTS: Final = re.compile(
    r"(?P<total>\d+)\s*(?P<unit>[次件起场人个名])[^。；]{0,4}?其中(?P<parts>[^。；]+)"
)


def parts_against_total(plain: str) -> tuple[str, ...] | None:
    """('12', '4+6=10') when the parts after 其中 do not add up to the total before it."""
    for found in _TOTAL_THEN_PARTS.finditer(plain):
        unit = found.group("unit")
        parts = [int(n) for n in re.findall(rf"(\d+)\s*{unit}", found.group("parts"))]
        total = int(found.group("total"))
        if len(parts) >= 2 and sum(parts) != total:
            added = "+".join(str(n) for n in parts)
            return (f"{total}{unit}", f"{added}={sum(parts)}{unit}")
    return None


_MAYOR_LEADS: Final = re.compile(r"镇长(任|担任|为)组长|书记(任|担任|为)副组长")
_SECRETARY_LEADS: Final = re.compile(r"书记(任|担任)组长")
MAX_ADVICE: Final = 4


def section_of_paragraph(text: str, named: SectionId | None) -> SectionId:
    """The part a paragraph belongs to: the one the user named, else what its words say."""
    if named is not None:
        return named
    plain = search_form(text)
    if _LEADER.search(plain) and ("第一责任人" in plain or "述法" in plain):
        return "first_resp"
    if len(_PROBLEM.findall(plain)) >= 2:
        return "problems"
    said = sentences(plain)
    if said and sum(bool(_PLAN.search(x)) for x in said) * 2 > len(said):
        return "next_plan"
    return "measures_results"


async def review_paragraph(
    store: KnowledgeStore, text: str, *, section: SectionId | None = None
) -> ParagraphReview:
    """What to change in one paragraph, each with a model sentence from the library."""
    part = section_of_paragraph(text, section)
    plain = search_form(text)
    said = sentences(plain)
    # The sentence with the vague words says what the model sentence should be about; its
    # topic, or the paragraph's first one, keeps the model on the same work.
    focus = next((x for x in said if _VAGUE.search(x)), plain)
    topics = topics_of(focus) or next((topics_of(x) for x in said if topics_of(x)), ())
    advice: list[Advice] = []
    vague = tuple(dict.fromkeys(m.group(0) for m in _VAGUE.finditer(text)))
    if part in ("measures_results", "first_resp", "preamble"):
        model = await _model_sentence(store, focus, topics, _DONE_PARTS, _FIGURE)
        if vague:
            advice.append(Advice("vague", vague, *model))
        elif not _FIGURE.search(text):
            advice.append(Advice("no_figure", (), *model))
    if part == "first_resp":
        missing = tuple(name for name, pattern in DUTIES if not pattern.search(plain))
        if missing:
            wanted = dict(DUTIES)[missing[0]]
            example = await _model_sentence(store, plain, (), ("first_resp",), wanted)
            advice.append(Advice("duty_missing", missing, *example))
    mismatch = parts_against_total(plain)
    if mismatch is not None:
        advice.insert(0, Advice("sum_mismatch", mismatch))
    if _MAYOR_LEADS.search(plain):
        # '领导小组由镇长任组长 书记任副组长': the 第一责任人 leads, and that is the 书记.
        lead = await _model_sentence(store, plain, (), _DONE_PARTS, _SECRETARY_LEADS)
        advice.insert(0, Advice("wrong_lead", (), *lead))
    if _DECISION.search(plain) and part in _DONE_PARTS:
        skipped = tuple(name for name, pattern in DECISION_STEPS if not pattern.search(plain))
        if skipped:
            example = await _model_sentence(
                store, plain, (), _DONE_PARTS, re.compile(r"专家论证.{0,20}风险评估")
            )
            advice.insert(0, Advice("steps_missing", skipped, *example))
    if part == "problems":
        items = [x.strip("，,。 ") for x in _ITEM.split(plain) if len(x.strip("，,。 ")) >= 4]
        bare = [x for x in items if not CAUSE_WORDS.search(x)]
        if not CAUSE_WORDS.search(plain):
            cause = await _model_sentence(store, plain, (), ("problems",), CAUSE_WORDS)
            advice.append(Advice("no_cause", (), *cause))
        elif bare and len(items) > 1:
            # '一是…不平衡；二是…，原因是…': the item without its cause.
            cause = await _model_sentence(store, bare[0], (), ("problems",), CAUSE_WORDS)
            advice.append(Advice("cause_partly", tuple(x[:16] for x in bare), *cause))
        if vague:
            advice.append(Advice("vague", vague))
    # '下一步将继续加强。' says nothing, in whatever part it ends; nor does a plan made of
    # slogans ('推动法治政府建设再上新台阶') with nothing to do, count or date.
    short = tuple(x for x in sentences(text) if len(x) < 24 and _PLAN.search(x))
    if part == "next_plan" and not short and not _FIGURE.search(text):
        short = tuple(dict.fromkeys(m.group(0) for m in _PLAN_SLOGAN.finditer(text)))
    if short or (part == "next_plan" and vague):
        example = await _model_sentence(store, plain, topics, ("next_plan",), _CONCRETE_PLAN)
        advice.append(Advice("plan_vague", short or vague, *example))
    return ParagraphReview(part, tuple(advice[:MAX_ADVICE]))


# Where one problem ends and the next begins: 一是…；二是…
_ITEM: Final = re.compile(r"[一二三四五六七八九十]是|[；;。]|\d[.、]")
_DONE_PARTS: Final[tuple[SectionId, ...]] = ("measures_results", "first_resp")
# A plan worth copying names what it will do: 加大普法经费投入, 每季度组织1次.
_CONCRETE_PLAN: Final = re.compile(r"^(?!.*(存在|不足|问题)).{30,}$")
_COMMON_PAIRS: Final = frozenset(
    {"我镇", "工作", "法治", "开展", "进一步", "加强", "建设", "全镇"}
)


def _pairs(text: str) -> set[str]:
    """Neighbouring Chinese characters: a cheap measure of shared wording."""
    return {text[i : i + 2] for i in range(len(text) - 1)} - _COMMON_PAIRS


async def _model_sentence(
    store: KnowledgeStore,
    like: str,
    topics: tuple[str, ...],
    parts: tuple[SectionId, ...],
    wanted: re.Pattern[str],
) -> tuple[str | None, str | None]:
    """(town, sentence): the library sentence from those parts that does what is asked (gives a
    figure, a cause, a concrete plan) and is most like the user's words, on the paragraph's
    topics when some sentence is."""
    pool: list[Snippet] = []
    for topic in topics[:3]:
        pool += await store.get_snippets(QueryFilters(), topic=topic, limit=100)
    tagged = {snippet.snippet_id for snippet in pool}
    for part in parts:
        pool += await store.get_snippets(QueryFilters(section=part), limit=200)
    mine = _pairs(like)
    best: tuple[tuple[bool, float], str, str] | None = None
    for snippet in pool:
        if snippet.section not in parts:
            continue
        for sentence in sentences(snippet.text):
            sentence = sentence.strip()
            if not (12 <= len(sentence) <= 160 and wanted.search(sentence)):
                continue
            plain = search_form(sentence)
            # Shared wording per length: a short sentence to copy beats a long one that shares
            # more words only by being long.
            theirs = _pairs(plain)
            # On the topic by its own words, or inside a passage on it and sharing the user's
            # wording ('2021年共公开各类信息30余条' in a passage on 政务公开).
            on_topic = bool(set(topics) & set(topics_of(plain))) or (
                snippet.snippet_id in tagged and len(mine & theirs) >= 3
            )
            key = (on_topic, len(mine & theirs) / max(len(theirs), 1) ** 0.5)
            if best is None or key > best[0]:
                best = (key, snippet.town, sentence)
    return (best[1], restore_anonymised(best[2])) if best is not None else (None, None)
