"""What a topic argument means (a topic, a part of the report, or words to search), and the
order in which parts answer a topic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from knowledge.domain.sections import (
    SECTION_IDS,
    SECTION_NAMES,
    resolve_section,
    section_named_in,
)
from knowledge.domain.topics import TOPIC_BY_ID, TOPICS
from knowledge.models import (
    SectionId,
)
from knowledge.text.normalize import search_form

_ASKING: Final = re.compile(r"怎么写|如何写|怎样写|写法|范文|参考|表述|例子|示例|给我|一段|请|的$")


SECTION_ORDER: Final = {
    "measures_results": 0,
    "first_resp": 0,
    "other": 0,
    "problems": 1,
    "next_plan": 2,
}


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
    by_name = resolve_section(raw) if raw in SECTION_NAMES.values() else None
    if by_name is not None:  # the part's own name, as the comparison and the web pass it
        return Target(raw, section=by_name)
    plain = _ASKING.sub("", search_form(raw)).strip() or search_form(raw)
    for topic in TOPICS:
        if plain == topic.name or plain == search_form(topic.name):
            return Target(topic.name, topic=topic.topic_id)
    named = section_named_in(plain)
    if named:
        # '存在的问题' or '我镇的下一步打算' is the part; '普法做法' is 普法 within it.
        section, found = named
        # 述法 names the part for a search but is a subject of its own to write about.
        if found.group(0) not in ("述法",) and not _FILLER.sub(
            "", plain[: found.start()] + plain[found.end() :]
        ):
            return Target(SECTION_NAMES[section], section=section)
    return Target(raw, words=plain)
