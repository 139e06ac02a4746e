"""Model wording: passages from several towns, and templates with the town's facts blanked."""

from __future__ import annotations

import re
from typing import Final

from knowledge.towns import split_label, stem

_COUNT: Final = re.compile(
    r"(约|近|共)?\d+(?:\.\d+)?\s*(余|多)?\s*(万元|元|人次|次|件|起|宗|份|名|人|个|条|场|期|户|家|处|亩|路|项)"
)
_DATE: Final = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月\s*\d{1,2}\s*日")
_YEAR: Final = re.compile(r"(?<!\d)\d{4}\s*年(度)?")
_PERCENT: Final = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
_SELF: Final = re.compile(r"我镇|本镇|我乡|本乡|我街道|本街道")
_FACT: Final = re.compile(r"\d")


def make_template(text: str, *, town: str, county: str | None) -> str:
    """The passage with the town's name, counts and dates turned into placeholders."""
    # A private marker first, so that 本镇 inside 【本镇】 is not replaced twice.
    marker = "\x00"
    town = split_label(town)[0]
    result = re.sub(r"(?i)xx镇", marker, text.replace(town, marker))
    town_stem = stem(town)
    if len(town_stem) >= 2 and town_stem.lower() != "xx":
        result = result.replace(town_stem, marker)
    result = _SELF.sub(marker, result).replace(marker, "【本镇】")
    if county:
        result = result.replace(county, "【本县（区）】")
    result = _DATE.sub("【日期】", result)
    result = _YEAR.sub(lambda m: "【年度】" + ("年度" if m.group(1) else "年"), result)
    result = _PERCENT.sub("【N】%", result)
    result = _COUNT.sub(lambda m: "【N】" + (m.group(2) or "") + m.group(3), result)
    return result


def concreteness(text: str) -> float:
    """How much a passage says that was done (numbers, named rules) rather than slogans."""
    facts = len(_FACT.findall(text))
    named = text.count("《")
    length = len(text)
    fit = 1.0 if 60 <= length <= 320 else 0.5
    return fit * (1 + min(facts, 10) * 0.3 + min(named, 3) * 0.2)
