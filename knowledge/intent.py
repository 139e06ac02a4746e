"""Free text → what the user wants. One understanding shared by Telegram and the terminal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from knowledge.normalize import search_form
from knowledge.towns import find_town_in_text, stem

IntentKind = Literal[
    "ask", "example", "compare", "checklist", "check", "deadline", "remind", "set_town", "greeting"
]

# A whole message that only greets, thanks or asks how to use the bot: nothing to search for.
_GREETING: Final = re.compile(
    r"^(你好|您好|大家好|早上好|下午好|晚上好|哈喽|嗨|hi|hello|hey|在吗|在不在|谢谢|多谢|感谢|"
    r"谢谢你|谢谢您|好的|收到|你是谁|你能做什么|你会什么|怎么用|如何使用|帮助|help)"
    r"[啊呀呢哈吗]?[\s!！。.,，~～?？]*$"
)
_CHECKLIST: Final = re.compile(
    r"(必须|应当|应该|需要|要)(写|包含|包括)|哪些内容|报告要点|清单|必备|五项内容|结构是什么"
)
_DEADLINE: Final = re.compile(
    r"截止|什么时候(交|报|报送|公开|发布)|期限|deadline|几号(前|之前)?交"
)
_REMIND: Final = re.compile(
    r"提醒我|提醒一下|订阅提醒|到期提醒|截止提醒|提前提醒|到时(候)?提醒|记得提醒|通知我"
)
# '我们镇是税郭镇', '我是拾万镇的', '我在平岗镇工作': the same as /mytown.
_SET_TOWN: Final = re.compile(
    r"^(?:(?:我们|咱们?|本)(?:镇|乡|街道)(?:是|为|叫)|我(?:是|在|来自))"
    r"(?P<name>[\u4e00-\u9fff]{1,12}?)(?:的|工作|上班|人)?[\s。.!！]*$"
)
_COMPARE: Final = re.compile(r"比一比|比较|对比|相比|比一下|差距在哪")
_EXAMPLE: Final = re.compile(
    r"范文|参考表述|参考写法|模板|样板|例文|示范段落|给我一段|来一段|写一段"
)
_CHECK: Final = re.compile(
    r"检查(一下)?(我的|我们的)?(草稿|初稿|报告)|帮我看看(草稿|初稿)|草稿.*缺"
)
# '和其他乡镇比一比': one town is compared with all others anyway, so these name no topic.
_OTHER_TOWNS: Final = re.compile(
    r"(其他|其它|其余|别的|所有|全部|兄弟|周边|外地)的?(乡镇|镇|乡|街道)?|各(乡镇|镇|街道)|大家"
)
_OWN_TOWN: Final = re.compile(r"我们镇|我镇|本镇|我们乡|我乡|本乡|我们街道|咱们镇|咱镇")
_FILLER: Final = re.compile(
    r"比一比|比较一下|比较|对比一下|对比|相比|比一下|和|与|跟|同|给我一段|来一段|写一段|一段|范文|参考表述|"
    r"参考写法|模板|样板|例文|示范段落|关于|有关|方面|内容|怎么写|如何写|的|吧|呢|吗|请|帮我|一下"
)


@dataclass(frozen=True, slots=True)
class Intent:
    """What a message asks for, with its arguments."""

    kind: IntentKind
    text: str
    towns: tuple[str, ...] = ()
    topic: str | None = None
    missing_own_town: bool = False


def understand(text: str, *, towns: list[str], own_town: str | None) -> Intent:
    """Classify a message: a question, a request for wording, a comparison, the checklist…"""
    plain = search_form(text).strip()
    if _GREETING.match(plain):
        return Intent("greeting", text)
    own = _SET_TOWN.match(plain)
    if own and _names_a_town(own.group("name"), towns):
        return Intent("set_town", text, towns=(own.group("name"),))
    if _CHECK.search(plain):
        return Intent("check", text)
    if _COMPARE.search(plain):
        return _compare(text, plain, towns, own_town)
    if _EXAMPLE.search(plain):
        topic = _FILLER.sub("", plain).strip(" ，,。？?！!") or plain
        return Intent("example", text, topic=topic)
    if _REMIND.search(plain):
        return Intent("remind", text)
    if _DEADLINE.search(plain):
        return Intent("deadline", text)
    if _CHECKLIST.search(plain):
        return Intent("checklist", text)
    return Intent("ask", text)


def _names_a_town(name: str, towns: list[str]) -> bool:
    """'税郭镇', '某某乡' or a stored town's stem ('拾万'); not '否需要写复议'."""
    return name.endswith(("镇", "乡", "街道")) or any(name in (t, stem(t)) for t in towns)


def _compare(text: str, plain: str, towns: list[str], own_town: str | None) -> Intent:
    found: list[str] = []
    missing_own = False
    rest = plain
    if _OWN_TOWN.search(rest):
        rest = _OWN_TOWN.sub(" ", rest)
        if own_town:
            found.append(own_town)
        else:
            missing_own = True
    while True:
        mention = find_town_in_text(rest, towns)
        if mention is None:
            break
        if mention.town not in found:
            found.append(mention.town)
        rest = rest.replace(mention.span, " ")
        if mention.town in rest:
            rest = rest.replace(mention.town, " ")
        rest = rest.replace(stem(mention.town), " ") if len(stem(mention.town)) >= 2 else rest
    rest = _OTHER_TOWNS.sub(" ", rest)
    words = re.sub(r"[\s，,。？?！!、]+", " ", _FILLER.sub(" ", rest)).strip()
    return Intent(
        "compare", text, towns=tuple(found), topic=words or None, missing_own_town=missing_own
    )
