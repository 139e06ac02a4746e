"""Numbers a report gives (信访件数, 办件数 …) with unit, estimate flag and sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from knowledge.models import Answer, Figure, Snippet
from knowledge.text.normalize import search_form
from knowledge.text.segment import Segmenter

_UNITS: Final = "万元|元|人次|次|件|起|宗|份|名|人|个|条|场|期|户|家|处|亩|路|项|%|％"
_NUMBER: Final = re.compile(
    rf"(?P<about>约|近|超过|共|达)?(?P<value>\d+(?:\.\d+)?)\s*(?P<scale>万(?!元)|千)?\s*"
    rf"(?P<more>余|多)?\s*(?P<unit>{_UNITS})(?P<roughly>左右)?"
)
_SCALE: Final = {"万": 10_000.0, "千": 1_000.0}
_CLAUSE: Final = re.compile(r"[^，,。；;：:！？]+")
_NOT_A_COUNT: Final = re.compile(r"^\d+\s*(年|月|日|号|时)")

# Indicator name ← words in the clause before the number, first match wins, and only for
# the units it counts: '法制宣传示范点1处' is a place, not a 普法活动.
_COUNTS: Final = frozenset("件 宗 起 次 人次 个 批".split())
_PEOPLE: Final = frozenset("名 人 个 家".split())
_INDICATORS: Final[tuple[tuple[str, str | None, frozenset[str], re.Pattern[str]], ...]] = (
    ("信访件数", "dispute_resolution", _COUNTS, re.compile(r"信访|来访|接访")),
    (
        "矛盾纠纷排查",
        "dispute_resolution",
        _COUNTS,
        re.compile(r"排查.*(纠纷|矛盾)|(纠纷|矛盾).*排查"),
    ),
    (
        "矛盾纠纷化解",
        "dispute_resolution",
        _COUNTS,
        re.compile(r"(化解|调处|调解).*(纠纷|矛盾)|(纠纷|矛盾).*(化解|调处|调解)"),
    ),
    ("法律顾问", "legal_advisor", _PEOPLE, re.compile(r"法律顾问|律师")),
    ("法律服务次数", "legal_advisor", _COUNTS | {"场"}, re.compile(r"法律服务")),
    ("执法证人数", "enforcement_3systems", _PEOPLE, re.compile(r"执法证|执法资格")),
    ("合同审查", "legality_review", _COUNTS | {"份", "项"}, re.compile(r"合同")),
    (
        "学法次数",
        "leader_law_study",
        _COUNTS | {"期", "场"},
        re.compile(r"学法|中心组|授课|讲座|培训"),
    ),
    ("办件数", "gov_functions", _COUNTS | {"项"}, re.compile(r"办理|办结|代办|办件|事项")),
    ("公开信息条数", "gov_openness", _COUNTS | {"条"}, re.compile(r"公开")),
    ("普法活动", "pufa", _COUNTS | {"场", "期", "份"}, re.compile(r"普法|宣传")),
    ("行政应诉案件", "admin_litigation", _COUNTS, re.compile(r"应诉|诉讼")),
    ("党委会议研究法治", "org_leadership", _COUNTS | {"期", "场"}, re.compile(r"会议|研究")),
)


def extract_figures(snippets: Sequence[Snippet]) -> list[Figure]:
    """Every counted quantity in the snippets of the measures and first-responsibility parts."""
    figures: list[Figure] = []
    for snippet in snippets:
        if snippet.section not in ("measures_results", "first_resp", "other"):
            continue
        for sentence in re.findall(r"[^。！？；]+[。！？；]?", snippet.text):
            figures.extend(_in_sentence(snippet, sentence.strip()))
    return figures


# '拾万镇有多少信访案件', '学法几次': the user wants the number itself.
def figures_answering(
    snippets: Sequence[Snippet],
    terms: Sequence[Sequence[str]],
    limit: int = 5,
    *,
    prefer_units: frozenset[str] = frozenset(),
) -> list[Figure]:
    """The figures in the snippets whose sentence holds one of the terms (any of its forms).

    Figures named by an asked-for word come first: '法律顾问有多少' wants 法律顾问 10个
    before 合同审查 10件 from a sentence that also names the advisers.
    """
    forms = [form for group in terms for form in group]
    whole = _figures_on(snippets, forms)
    # '信息公开了多少条' and '公开各类信息30余条': a compound asked, its halves written.
    pairs = [(form[:2], form[2:]) for form in forms if len(form) == 4]
    split = _figures_on(snippets, [half for pair in pairs for half in pair])
    found = whole + [f for f in split if f not in whole]

    # The figure whose name holds most of the asked words first: '村级公共服务站有几个' wants
    # 村级公共服务站 10个 before 镇级公共服务中心 1个 from the same sentence; an amount asked
    # for ('罚了多少钱') comes before the counts beside it.
    def named(figure: Figure) -> int:
        name = search_form(figure.name)
        return sum(form in name for form in forms) + sum(a in name and b in name for a, b in pairs)

    found.sort(key=lambda f: (f.unit not in prefer_units, -named(f), f.indicator.endswith("覆盖")))
    picked = [f for f in found if named(f) or f.unit in prefer_units]
    fallback = [f for f in found if f in whole] or found
    return (picked or fallback)[:limit]


# Units that name no particular thing: a figure in one of them says nothing about its topic.
_GENERIC_UNITS: Final = frozenset(
    {"个", "次", "人", "件", "名", "场", "起", "人次", "%", "元", "万元"}
)


def _figures_on(snippets: Sequence[Snippet], forms: Sequence[str]) -> list[Figure]:
    found: list[Figure] = []
    seen: set[tuple[str, str, float, str]] = set()
    for snippet in snippets:
        figures = extract_figures([snippet])
        matched = [f for f in figures if any(form in search_form(f.text) for form in forms)]
        # A later sentence of the paragraph in the same particular unit goes on with the
        # topic: 计划安装500余路智能语音监控摄像头 … 共计330余路智能语音监控平台上线.
        units = {f.unit for f in matched} - _GENERIC_UNITS
        matched += [f for f in figures if f not in matched and f.unit in units]
        for figure in matched:
            key = (figure.town, figure.indicator, figure.value, figure.unit)
            if key not in seen:
                seen.add(key)
                found.append(figure)
    return found


# '仅有前期行政应诉二审案件一件，': a count in words, ending its clause (三项制度 is a name).
_COUNT_IN_WORDS: Final = re.compile(
    r"(?<![一二三四五六七八九十两])([一二三四五六七八九十两])(件|起|宗|次|名)$"
)
_DIGIT: Final = {c: str(i) for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": "2"}


def _in_sentence(snippet: Snippet, sentence: str) -> list[Figure]:
    found: list[Figure] = []
    for clause in _CLAUSE.findall(sentence):
        clause = _COUNT_IN_WORDS.sub(lambda m: _DIGIT[m.group(1)] + m.group(2), clause.rstrip())
        plain = search_form(clause)
        for match in _NUMBER.finditer(clause):
            if _NOT_A_COUNT.match(clause[match.start("value") :]):
                continue
            before = search_form(clause[: match.start()])
            after = search_form(clause[match.end() :])
            if _FREQUENCY.search(before) or _FREQUENCY_AFTER.match(after):
                continue  # '每两月1次' says how often, not how many
            place = _PLACE.match(clause[match.end() :]) if match.group("unit") == "个" else None
            if found and not re.search(r"[\u4e00-\u9fff]", _NUMBER.sub("", clause)):
                # A bare '200余人次' after '接待群众来访50余起' counts the same thing.
                indicator, topic = found[-1].indicator, found[-1].topic
            else:
                indicator, topic = _name(before, after, plain, match.group("unit"))
            label = None
            if place is not None:
                # '7个行政村…都聘请了法律顾问' is how far it reaches, not how many advisers;
                # '43个自然村' alone measures no work at all.
                if topic is None:
                    continue
                indicator, label = f"{indicator}覆盖", place.group(0)
            elif topic is not None:
                label = _activity(before, indicator)
            if match.group("unit") == "人次" and indicator.endswith("件数"):
                indicator = indicator[:-2] + "人次"  # people counted, never cases
            found.append(
                Figure(
                    town=snippet.town,
                    topic=topic or (snippet.topics[0] if snippet.topics else None),
                    indicator=indicator,
                    value=float(match.group("value"))
                    * _SCALE.get(match.group("scale") or "", 1.0),
                    unit=match.group("unit").replace("％", "%"),
                    approx=bool(
                        match.group("about") in ("约", "近", "超过")
                        or match.group("more")
                        or match.group("roughly")
                    ),
                    text=sentence,
                    label=label,
                )
            )
    # A sub-activity's name only where the sentence counts several of one indicator
    # (学法 3, 6 and 8 times: 中心组, 授课, 会前); alone, the indicator says enough.
    counts = Counter(f.indicator for f in found)
    return [
        f if f.indicator.endswith("覆盖") or counts[f.indicator] > 1 else replace(f, label=None)
        for f in found
    ]


# '每两月1次', '每季度开展1次', '每月一次': a frequency.
_FREQUENCY: Final = re.compile(r"每[一二两三四半]?个?(月|季度?|周|年|天|日|星期)[^，,]{0,4}$")
_FREQUENCY_AFTER: Final = re.compile(r"^/(月|季度?|周|年)")
# Places a number may count: the reach of a measure, never the work itself.
_PLACE: Final = re.compile(
    r"(自然村|行政村|村居|村（社区）|村\(社区\)|社区|居委会?|村|网格|镇街|街道|乡镇)"
    # …and nothing it qualifies: '10个村级公共服务站' counts stations, not villages.
    r"(?=$|[，,。；;、\s]|都|均|全|已|分别|实现|中|内|里|开展|进行|完成|共|聘请|建立|设立|成立|签约)"
)


def _activity(before: str, indicator: str) -> str | None:
    """What exactly a known indicator counted, from the words just before the number:
    '组织开展会前学法' + '8次' is 会前学法; nothing when it only repeats the indicator."""
    found = _object_before(before)
    if found:
        # '2021年共为群众办理事项' names 群众办理事项: what follows the last 共/为/开展.
        found = _ACTIVITY_START.split(found)[-1]
    if not found or len(found) < 3 or found in indicator or indicator.startswith(found):
        return None
    return found[-10:]


_ACTIVITY_START: Final = re.compile(r".*(?:\d+年|共|为|累计|全年|今年以来|以来|开展|组织)")


def _name(before: str, after: str, clause: str, unit: str) -> tuple[str, str | None]:
    """Name what a number counts: a known indicator, a rate, or the noun it counts."""
    if unit in ("%", "％"):
        rate = re.findall(r"[\u4e00-\u9fff]{1,4}率", clause)
        if rate:
            return rate[-1], None
    # The words nearest the number name it: '…信访、组织等部门联合开展普法活动20余次' is 普法.
    for text in (before[-8:], after[:8], before, after):
        for name, topic, units, pattern in _INDICATORS:
            if unit in units and pattern.search(text):
                return name, topic
    return _counted_noun(after) or _object_before(before) or "其他", None


# Naming a number by the words around it, when no indicator fits.
_QUALIFIER: Final = re.compile(r"^[\d.]+\s*级以上|[“”\"'《》]")
_JOINER: Final = re.compile(r"[和及与等的]|、$|中$|共计|全部|均|都|无|集中|参加|参与|接受")
_LEADING_VERBS: Final = re.compile(
    r"^(?:共计|累计|共|计|全年|今年|依法|已经|已|开展|完成|发现|处罚|拆除|创建成为|创建|建成|配合|建立|组织|新打造|打造)+"
)
_LAST_VERB: Final = re.compile(r".*(?:开展|完成|发现|处罚|拆除|成为|建立|组织|配合|打造)")


def _counted_noun(after: str) -> str | None:
    """'4名' + '社区戒毒康复人员和31名…' counts 社区戒毒康复人员."""
    # A list sharing its head noun stays whole: '100余名' + '两三轮、变型拖拉机车主'.
    run = re.match(r"[\u4e00-\u9fff（）()、]{2,14}", _QUALIFIER.sub("", after))
    if not run:
        return None
    noun = _LEADING_VERBS.sub("", _JOINER.split(run.group(0))[0]).rstrip("（(、")
    return noun or None


def _object_before(before: str) -> str | None:
    """'…违法载人等交通违法行为' + '164起' counts 交通违法行为; '共罚款' + '2730元' is 罚款."""
    runs = re.findall(r"[\u4e00-\u9fff（）()]+", before)
    if not runs:
        return None
    tail = re.split(r"[和及与、等]", runs[-1])[-1]
    obj = _LEADING_VERBS.sub("", _LAST_VERB.sub("", tail))
    return (obj if len(obj) >= 2 else tail)[-10:]


# '罚了多少钱', '投入多少资金': the amount, before the counts around it.
# '几个镇…谁有' names the towns asked about, not a count in 个.
_ASKED_UNIT: Final = re.compile(rf"(?:多少|几)(?P<unit>{_UNITS})(?!镇|乡|街道|报告|单位)")


_ASKED_PEOPLE: Final = re.compile(r"(多少|几)个?(人|名)")


def asked_units(question: str) -> frozenset[str]:
    """The units a question names ('办了多少件事' → 件, '装了多少路' → 路, '几个人' → 人/名):
    those figures first."""
    if _ASKED_PEOPLE.search(question):
        return frozenset({"人", "名", "人次"})
    return frozenset(m.group("unit") for m in _ASKED_UNIT.finditer(question))


_MONEY: Final = re.compile(r"钱|金额|罚款|罚了|资金|经费|投入|花了|多少元|几万")
MONEY_UNITS: Final = frozenset({"元", "万元"})


def with_figures(
    answer: Answer, segmenter: Segmenter, *, limit: int, ranking: str | None = None
) -> Answer:
    """A '多少…' answer cut to `limit` hits, with the numbers all its hits give on the words
    it asked about; for '…最多', the figure named most often ranked across towns."""
    shown = replace(answer, hits=answer.hits[:limit], figures_asked=True)
    if not answer.hits or not answer.terms:
        return shown
    forms = [segmenter.alternatives(t) for t in answer.terms]
    snippets = [h.snippet for h in answer.hits]
    units = MONEY_UNITS if _MONEY.search(answer.query) else asked_units(answer.query)
    if ranking is None:
        found = figures_answering(snippets, forms, prefer_units=units)
        if units and not any(f.unit in units for f in found):
            # '便民中心办了多少件': the best passage's count in the asked unit, though its
            # sentence names the work otherwise (为群众办理事项8680余件).
            best = [f for f in extract_figures(snippets[:1]) if f.unit in units]
            found = (best + found)[:5]
        if units and any(f.unit in units for f in found):
            found = [f for f in found if f.unit in units]  # 多少件 wants counts of 件
        return replace(shown, figures=tuple(found))
    found = figures_answering(snippets, forms, limit=50)
    if "率" in answer.query:  # '调处率最高' ranks the rates, not the counts beside them
        found = [f for f in found if f.unit == "%"] or found
    if not found:
        return shown
    indicator = Counter(f.indicator for f in found).most_common(1)[0][0]
    by_town: dict[str, list[Figure]] = {}
    for figure in found:
        if figure.indicator == indicator:
            by_town.setdefault(figure.town, []).append(figure)
    ranked = sorted(
        (town_total(figures) for figures in by_town.values()),
        key=lambda f: f.value,
        reverse=ranking == "most",
    )
    return replace(shown, figures=tuple(ranked), ranking=ranking)


def town_total(figures: Sequence[Figure]) -> Figure:
    """A town's number on one indicator: the sum when it counts several kinds in one unit
    (学法: 中心组集中学法3次, 法律授课6次, 会前学法8次 → 17次, each named), else its largest."""
    kinds: dict[str, Figure] = {}
    for figure in figures:
        if figure.label and figure.label not in kinds:
            kinds[figure.label] = figure
    parts = list(kinds.values())
    if len(parts) < 2 or len({f.unit for f in parts}) > 1 or parts[0].unit == "%":
        return max(figures, key=lambda f: f.value)
    total = sum(f.value for f in parts)
    named = "、".join(f"{f.label}{f.value:g}{f.unit}" for f in parts)
    return replace(
        parts[0], value=total, approx=any(f.approx for f in parts), label=f"合计：{named}"
    )
