"""Model wording: passages from several towns, and templates with the town's facts blanked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from knowledge.domain.towns import split_label, stem
from knowledge.models import Snippet
from knowledge.text.excerpt import sentences

_COUNT: Final = re.compile(
    r"(约|近|共)?\d+(?:\.\d+)?\s*(余|多)?\s*"
    r"(万元|元|人次|次|件|起|宗|份|名|人|个|条|场|期|户|家|处|亩|路|项|批|轮|天|小时|公里|千米|"
    r"平方米|平米|m²|㎡|m2|米|km|吨|台|套|辆|所|座|间|块|本|册|张|幅|篇|封|万)"
)
_DATE: Final = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月\s*\d{1,2}\s*日")
_YEAR: Final = re.compile(r"(?<!\d)\d{4}\s*年(度)?")
_PERCENT: Final = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
_BARE_NUMBER: Final = re.compile(r"(?<![【\d])\d+(?:\.\d+)?(?![\d】])")
_FACT: Final = re.compile(r"\d")
# A quoted name of a local workroom, platform or brand: the town's own, never another's.
_LOCAL_NAME: Final = re.compile(
    r"“[^”]{2,14}”(?=[^，。；、“]{0,8}?(工作室|调解室|服务室|服务站|工作站|驿站|中心|平台|品牌|"
    r"服务队|志愿队|工作法|讲堂|课堂|之家|e站|超市))"
)
_COMPANY: Final = re.compile(
    r"(?:[\u4e00-\u9fff]{2,3}[省市县区])?[\u4e00-\u9fff]{0,3}?"
    r"(?:电信|移动|联通|银行|保险|电力|燃气|水务)[\u4e00-\u9fff]{0,4}?(?:分公司|公司|支行|分行)|"
    r"(?:(?![与和同向由在对及跟把被的了为府])[\u4e00-\u9fff]){2,8}(?:有限责任公司|有限公司|律师事务所)"
)
_ANONYMISED_LEADER: Final = re.compile(r"X{3}(?=新时代|法治思想|总书记|同志)")
_LEADING_WORDS: Final = "与和同向由在对及跟把被的了为"
_PERSON: Final = re.compile(r"[\u4e00-\u9fff]{2,3}(?=同志)")
_MARKET_DAY: Final = re.compile(
    r"逢[一二三四五六七八九十、0-9]+(?:日|号)?(?:赶集日|赶集|圩日|集日)?"
)
# 一是 / （一） / 1. / 第一， opening a sentence: the writer numbers their own list.
_OPENER: Final = re.compile(
    r"(^|(?<=[。；！？\n]))\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|"
    r"[一二三四五六七八九十]+、|\d+[.．、]|第[一二三四五六七八九十]+，|其[一二三四五六七八九十]，)"
)
# A day every town keeps (6.26禁毒宣传日, 12月4日国家宪法日): part of the wording, not a fact.
_NAMED_DAY: Final = re.compile(
    r"(\d{1,2}\s*[.．·]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日)(?=[“”\"\s]*[\u4e00-\u9fff]{0,10}?"
    r"(宣传日|宪法日|纪念日|教育日|活动日|宣传周|宣传月|节))"
)
TEMPLATE_BUDGET: Final = 260


def with_item_heading(snippet: Snippet) -> str:
    """An item under its own heading ('（一）法制宣传教育开展不平衡' > '主要是：…') told with the
    heading, which says what the item is about."""
    heading = snippet.heading or ""
    leaf = heading.split(" > ")[-1].strip()
    if " > " not in heading or not leaf or leaf in snippet.text:
        return snippet.text
    return f"{leaf.rstrip('。：:')}。{snippet.text}"


def restore_anonymised(text: str) -> str:
    """The anonymised copy writes XXX for a name it took out; in these reports it is 习近平."""
    return _ANONYMISED_LEADER.sub("习近平", text)


def make_template(text: str, *, town: str, county: str | None, words: Sequence[str] = ()) -> str:
    """The passage made ready to paste: the town's name, its local names and its figures blanked.

    我镇 stays 我镇; only the town's own name becomes 【本镇】. Quoted names of workrooms and
    platforms, companies, people and market days become 【名称】 or 【日期】; counts and measures
    become 【N】. Numbered openers (一是, （一）, 1.) are dropped. The template keeps whole sentences
    only, up to about TEMPLATE_BUDGET characters, starting at the sentence with most of `words`.
    """
    text = _from_best_sentence(text, words)
    # A private marker first, so that a name inside 【本镇】 is not replaced twice.
    marker = "\x00"
    town = split_label(town)[0]
    result = _LOCAL_NAME.sub("“【名称】”", _OPENER.sub("", text))
    result = re.sub(r"(?i)xx镇", marker, result.replace(town, marker))
    town_stem = stem(town)
    if len(town_stem) >= 2 and town_stem.lower() != "xx":
        result = result.replace(town_stem, marker)
    result = result.replace(marker, "【本镇】")
    if county:
        result = result.replace(county, "【本县（区）】")
    result = _ANONYMISED_PLACE.sub(
        lambda m: "【本县（区）】" if m.group(1) in "县区" else "【本市】", result
    )
    result = _unpaired_quotes(_LOCAL_PLACE.sub(_local_place, result))
    result = _COMPANY.sub(_company, result)
    # The anonymised copy writes XXX for a name it took out; in these reports it is 习近平.
    result = restore_anonymised(result)
    days = [m.group(0) for m in _NAMED_DAY.finditer(result)]
    result = _NAMED_DAY.sub("\x01", result)
    result = _PERSON.sub("【姓名】", result)
    result = _DATE.sub("【日期】", result)
    result = _MARKET_DAY.sub("【日期】", result)
    result = _YEAR.sub(lambda m: "【年度】" + ("年度" if m.group(1) else "年"), result)
    result = _PERCENT.sub("【N】%", result)
    result = _COUNT.sub(
        lambda m: (m.group(1) or "") + "【N】" + (m.group(2) or "") + m.group(3), result
    )
    result = _BARE_NUMBER.sub("【N】", result)
    for day in days:
        result = result.replace("\x01", day, 1)
    return _whole_sentences(result.strip(), TEMPLATE_BUDGET)


# A named place of the town (沙河湿地广场, 抱犊崮旅游大道南安城段): another town has its own.
_LOCAL_PLACE: Final = re.compile(
    r"(?!镇)[\u4e00-\u9fff]{2,3}"
    r"(湿地|旅游|文化|休闲|生态)?(广场|大道|公园|景区)([\u4e00-\u9fff]{1,4}段)?"
)
_NOT_A_PLACE_NAME: Final = re.compile(
    r"法治|法制|普法|宪法|文化|党建|村级|镇级|社区|全镇|各村|建成|打造"
)


def _local_place(match: re.Match[str]) -> str:
    """【地点】 for a named place; a kind of place (法治文化广场) stays as written."""
    return match.group(0) if _NOT_A_PLACE_NAME.search(match.group(0)) else "【地点】"


# The anonymised copy writes XX县 for the county it took out.
_ANONYMISED_PLACE: Final = re.compile(r"(?i)(?<![\u4e00-\u9fff])xx([县区市])")


def _unpaired_quotes(text: str) -> str:
    """A closing quote with no opening one before it (行政执法”两平台” in one report) opens."""
    out: list[str] = []
    open_quote = False
    for char in text:
        if char == "”" and not open_quote:
            char = "“"
        if char in "“”":
            open_quote = char == "“"
        out.append(char)
    return "".join(out)


def _from_best_sentence(text: str, words: Sequence[str]) -> str:
    """The text from its sentence that holds most of the words on (all of it without words)."""
    parts = sentences(text)
    scores = [sum(1 for w in words if w and w in part) for part in parts]
    if not parts or max(scores) == 0:
        return text
    return "".join(parts[scores.index(max(scores)) :])


def _company(match: re.Match[str]) -> str:
    """【名称】 for a company, keeping a preposition the pattern took with it (与…公司合作)."""
    name = match.group(0)
    lead = len(name) - len(name.lstrip(_LEADING_WORDS))
    return name[:lead] + "【名称】"


def _whole_sentences(text: str, budget: int) -> str:
    """As many whole sentences as fit the budget (at least one), never a half sentence."""
    kept = ""
    for sentence in sentences(text):
        if kept and len(kept) + len(sentence) > budget:
            break
        kept += sentence
    return kept.strip()


def concreteness(text: str) -> float:
    """How much a passage says that was done (numbers, named rules) rather than slogans."""
    facts = len(_FACT.findall(text))
    named = text.count("《")
    length = len(text)
    fit = 1.0 if 60 <= length <= 320 else 0.5
    return fit * (1 + min(facts, 10) * 0.3 + min(named, 3) * 0.2)
