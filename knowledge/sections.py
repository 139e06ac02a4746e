"""Section ids of the report (DOMAIN.md) and the heading patterns that name them."""

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
    ("other", re.compile(r"其他需要报告|其它需要报告")),
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
QUESTION_RULES: Final[tuple[tuple[SectionId, re.Pattern[str]], ...]] = (
    ("other", re.compile(r"其他需要报告|其它需要报告")),
    ("first_resp", re.compile(r"第一责任人|述法")),
    (
        "problems",
        re.compile(r"存在的?问题|问题(和|及)?不足|不足(和|及)?原因|不足之处|短板|存在的不足"),
    ),
    ("next_plan", re.compile(r"下一步|下步|打算|明年|工作计划|工作安排|下一年")),
    ("measures_results", re.compile(r"主要举措|举措和成效|举措及成效|取得的成效")),
)


def section_of_heading(heading: str) -> SectionId | None:
    """Return the section a top-level heading names, or None for a topical heading."""
    for section, pattern in _HEADING_RULES:
        if pattern.search(heading):
            return section
    return None


def section_in_question(question: str) -> SectionId | None:
    """Return the section a question asks about, if it names one."""
    for section, pattern in QUESTION_RULES:
        if pattern.search(question):
            return section
    return None


def resolve_section(name: str) -> SectionId | None:
    """Map a section id or a Chinese name to its id."""
    name = name.strip()
    if name in SECTION_IDS:
        return name
    for section, label in SECTION_NAMES.items():
        if name and (name == label or name in label):
            return section  # type: ignore[return-value]
    return section_in_question(name)
