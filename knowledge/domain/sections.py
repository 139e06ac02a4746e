"""Section ids of the report (docs/domain.md) and the heading patterns that name them."""

from __future__ import annotations

import re
from typing import Final

from knowledge.models import SectionId

SECTION_IDS: Final[tuple[SectionId, ...]] = (
    "preamble",
    "measures_results",
    "first_resp",
    "problems",
    "next_plan",
    "other",
)

SECTION_NAMES: Final[dict[str, str]] = {
    "preamble": "开头",
    "measures_results": "主要举措和成效",
    "first_resp": "第一责任人职责履行情况",
    "problems": "存在的不足和原因",
    "next_plan": "下一年度主要安排",
    "other": "其他需要报告的情况",
}

# Order matters: a heading naming several parts gets the first that matches.
_HEADING_RULES: Final[tuple[tuple[SectionId, re.Pattern[str]], ...]] = (
    (
        "other",
        re.compile(
            r"其他需要报告|其它需要报告|^[一二三四五六七八九十]{1,2}、\s*其[他它](情况|事项)?\s*$"
        ),
    ),
    ("first_resp", re.compile(r"第一责任人|主要负责人履行")),
    (
        "problems",
        re.compile(r"存在的?(问题|不足|短板)|问题(和|及|与)(不足|原因)|不足(和|及|与)原因"),
    ),
    (
        "next_plan",
        re.compile(
            r"下一?步|打算|工作(计划|思路|安排)|主要安排|(明年|20\d\d年).*(计划|安排|思路)"
        ),
    ),
)

# Words a user may put in a question to mean a section.
# Each pattern takes the whole phrase ('下一步工作打算'), so no leftover word is searched for.
QUESTION_RULES: Final[tuple[tuple[SectionId, re.Pattern[str]], ...]] = (
    ("other", re.compile(r"其[他它]需要报告的?(情况|事项)?")),
    (
        "first_resp",
        re.compile(
            r"(党政主要负责人)?(履行)?(推进法治建设)?第一责任人(职责)?(履职)?(情况)?|述法|"
            r"一把手(履职|职责)?(情况)?"
        ),
    ),
    (
        "problems",
        re.compile(
            r"存在的?(问题|不足)([和及与]?(不足|问题))?([和及与]?原因)?|问题[和及与]?不足|"
            r"不足[和及与]?原因|不足之处|短板|"
            # '问题那块写了啥', '不足部分咋写': the part by its everyday name.
            r"(问题|不足|原因)(那块|那部分|那段|部分|这块|那一块|这一块|板块)|"
            r"(写了|有)(啥|什么|哪些)(问题|不足)|(问题|不足)(写了|有)(啥|什么|哪些)"
        ),
    ),
    (
        "next_plan",
        re.compile(
            r"(下一步|下步|下一年度?|明年|今后)的?(工作)?(打算|计划|安排|思路)?|"
            r"(工作)?打算|工作(计划|安排)"
        ),
    ),
    (
        "measures_results",
        # '普法有什么好的做法' wants what was done, not the plan; '枫桥经验' is a topic.
        re.compile(
            r"主要举措[和及]?(成效)?|举措[和及]成效|取得的成效|"
            r"(好的?|先进的?|典型的?|有效的?|成功的?|特色)?做法|(好的?|先进的?|典型的?)经验|亮点"
        ),
    ),
)


def section_of_heading(heading: str) -> SectionId | None:
    """Return the section a top-level heading names, or None for a topical heading."""
    for section, pattern in _HEADING_RULES:
        if pattern.search(heading):
            return section
    return None


def section_named_in(question: str) -> tuple[SectionId, re.Match[str]] | None:
    """The section a question names and the words that name it (the first rule that fits)."""
    for section, pattern in QUESTION_RULES:
        found = pattern.search(question)
        if found:
            return section, found
    return None


def section_in_question(question: str) -> SectionId | None:
    """Return the section a question asks about, if it names one."""
    named = section_named_in(question)
    return named[0] if named else None


def resolve_section(name: str) -> SectionId | None:
    """Map a section id or a Chinese name to its id."""
    name = name.strip()
    if name in SECTION_IDS:
        return name
    for section, label in SECTION_NAMES.items():
        if name and (name == label or name in label):
            return section  # type: ignore[return-value]
    return section_in_question(name)
