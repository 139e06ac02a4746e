"""Town names: exact and fuzzy recognition against the towns the store knows (rapidfuzz)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, process

from knowledge.errors import TownNotFound

_SUFFIXES: Final = ("街道办事处", "街道", "镇", "乡")
_CANDIDATE: Final = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,4}?)(街道|镇|乡|真|震|振)")
_NOT_A_TOWN: Final = frozenset(
    {"我们", "我", "本", "全", "该", "各", "乡", "城", "村", "集", "场", "他们"}
)
CONFIDENT_SCORE: Final = 85.0
SUGGEST_SCORE: Final = 60.0


def stem(town: str) -> str:
    """The name without its unit: 拾万镇 → 拾万."""
    for suffix in _SUFFIXES:
        if town.endswith(suffix) and len(town) > len(suffix):
            return town[: -len(suffix)]
    return town


@dataclass(frozen=True, slots=True)
class TownMention:
    """A town found in a question: the stored name, the words that named it, and how sure."""

    town: str
    span: str
    confident: bool
    score: float


def resolve_town(name: str, towns: list[str]) -> str:
    """The stored town a user means by name (拾万 → 拾万镇, small typos allowed).

    Raises:
        TownNotFound: nothing is close; carries the known towns as suggestions.
    """
    name = name.strip()
    if name in towns:
        return name
    stems = {stem(t): t for t in towns}
    if stem(name) in stems:
        return stems[stem(name)]
    found = process.extractOne(
        stem(name), list(stems), scorer=fuzz.WRatio, score_cutoff=SUGGEST_SCORE
    )
    if found is not None and found[1] >= CONFIDENT_SCORE:
        return stems[found[0]]
    suggestions = (stems[found[0]],) if found is not None else tuple(towns[:10])
    raise TownNotFound(name, suggestions)


@lru_cache(maxsize=8)
def _names(towns: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str], int]:
    """Full names and stems → town, built once per list of towns (thousands of them)."""
    full = {town: town for town in towns}
    stems: dict[str, str] = {}
    for town in towns:
        town_stem = stem(town)
        if len(town_stem) >= 2 and town_stem.lower() != "xx":
            stems.setdefault(town_stem, town)
    longest = max((len(t) for t in towns), default=0)
    return full, stems, longest


def _exact(text: str, names: dict[str, str], longest: int) -> tuple[str, str] | None:
    """The longest name found in the text (a dictionary look-up per substring, not per town)."""
    best: tuple[str, str] | None = None
    for start in range(len(text)):
        for size in range(min(longest, len(text) - start), 1, -1):
            town = names.get(text[start : start + size])
            if town is not None:
                if best is None or size > len(best[1]):
                    best = (town, text[start : start + size])
                break
    return best


def find_town_in_text(text: str, towns: list[str]) -> TownMention | None:
    """The town a question names, exactly (拾万, 拾万镇) or nearly (拾万真, 拾方镇)."""
    full, stems, longest = _names(tuple(towns))
    for names in (full, stems):
        found = _exact(text, names, longest)
        if found is not None:
            return TownMention(found[0], found[1], True, 100.0)
    for match in _CANDIDATE.finditer(text):
        candidate = match.group(1)
        if candidate in _NOT_A_TOWN or candidate[-1] in "我本全该各":
            continue
        # Whole names compare better than two-character stems: 拾方镇 ~ 拾万镇 is 67, 拾方 ~ 拾万 50.
        unit = {"真": "镇", "震": "镇", "振": "镇"}.get(match.group(2), match.group(2))
        near = process.extractOne(
            candidate + unit, towns, scorer=fuzz.WRatio, score_cutoff=SUGGEST_SCORE
        )
        if near is not None:
            town, score = str(near[0]), float(near[1])
            return TownMention(town, match.group(0), score >= CONFIDENT_SCORE, score)
    return None
