"""Town names: exact and fuzzy recognition against the towns the store knows (rapidfuzz)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from knowledge.errors import TownNotFound
from knowledge.text.segment import shared_segmenter

_SUFFIXES: Final = ("街道办事处", "街道", "镇", "乡")
_CANDIDATE: Final = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,4}?)(街道|镇|乡|真|震|振)")
_NOT_A_TOWN: Final = frozenset(
    {"我们", "我", "本", "全", "该", "各", "乡", "城", "村", "集", "场", "他们"}
)
CONFIDENT_SCORE: Final = 85.0
SUGGEST_SCORE: Final = 60.0
# Anonymised copies name no town (xx镇, XX镇, 某镇): only their county tells two apart.
_ANONYMOUS: Final = re.compile(r"^(x+|×+|某+|\*+|○+|〇+)(镇|乡|街道|街道办事处)$", re.IGNORECASE)
_LABEL: Final = re.compile(r"^(?P<town>.+?)（(?P<county>[^（）]+)）$")
_COUNTY_SUFFIX: Final = re.compile(r"(自治县|县|区|市|旗)$")


def town_label(town: str, county: str | None) -> str:
    """The name a town goes by in answers: 拾万镇, or xx镇（郁南县） for an anonymised copy,
    so two anonymised towns of different counties stay two towns."""
    if county and _ANONYMOUS.match(town):
        return f"{town}（{county}）"
    return town


def split_label(label: str) -> tuple[str, str | None]:
    """A town label back into its stored town and county: xx镇（郁南县） → (xx镇, 郁南县)."""
    found = _LABEL.match(label)
    if found is None:
        return label, None
    return found.group("town"), found.group("county")


def names_a_town(name: str, towns: Sequence[str]) -> bool:
    """The one test of whether words name a town: a stored town or its stem (拾万), or any
    word ending as a town's name does (某某乡) — not '否需要写复议'."""
    return name.endswith(("镇", "乡", "街道")) or any(name in (t, stem(t)) for t in towns)


def town_of_county(
    text: str, towns: Sequence[str], *, skip: Collection[str] = ()
) -> tuple[str, str] | None:
    """A labelled town named by its county ('郁南那个xx镇' → xx镇（郁南县）) and the words."""
    names = _county_names(tuple(towns))
    for label, name in names:
        if name in text and label not in skip:
            return label, name
    # '玉南那个' typed for 郁南: the county's sound, where it stands before 那个/县/的.
    sounds = _county_sounds(tuple(towns))
    if not sounds:
        return None
    text = text[:200]
    syllables = [_syllable(c) for c in text]
    for start in range(len(text)):
        for size in (2, 3):
            sounded = sounds.get(" ".join(syllables[start : start + size]))
            after = _COUNTY_CONTEXT.match(text[start + size :])
            if sounded is not None and sounded not in skip and after is not None:
                unit = after.group(0) if after.group(0) in ("县", "区") else ""
                return sounded, text[start : start + size] + unit
    return None


@lru_cache(maxsize=8)
def _county_sounds(towns: tuple[str, ...]) -> dict[str, str]:
    """The sound of each county name (郁南 → 'yu nan') → its town's label."""
    return {
        " ".join(_syllable(c) for c in name): label
        for label, name in _county_names(towns)
        if 2 <= len(name) <= 3
    }


_COUNTY_CONTEXT: Final = re.compile(r"^(那个|那|县|区|的|这个)")


@lru_cache(maxsize=8)
def _county_names(towns: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(label, a name of its county) for the labelled towns: read once per list of towns,
    not at every question (a library of 5,000 towns has few labels)."""
    names = []
    for label in towns:
        county = split_label(label)[1]
        if county is None:
            continue
        for name in dict.fromkeys((county, _COUNTY_SUFFIX.sub("", county))):
            if len(name) >= 2:
                names.append((label, name))
    return tuple(names)


def stem(town: str) -> str:
    """The name without its unit: 拾万镇 → 拾万 (a label keeps its county: xx镇（郁南县）)."""
    if _LABEL.match(town):
        return town
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
    bare = {split_label(t)[0]: t for t in reversed(towns)}
    if name in bare:
        return bare[name]
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


def warm_up(towns: Sequence[str]) -> None:
    """Build the name and sound indexes of these towns now (30 ms for 2,000 towns), not inside
    the first question after a start or an ingest."""
    _names(tuple(towns))
    _sounds(tuple(towns))


@lru_cache(maxsize=8)
def _names(towns: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str], int]:
    """Full names and stems → town, built once per list of towns (thousands of them)."""
    full = {town: town for town in towns}
    for town in towns:
        full.setdefault(split_label(town)[0], town)
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


def find_town_in_text(text: str, towns: Sequence[str]) -> TownMention | None:
    """The town a question names, exactly (拾万, 拾万镇) or nearly (拾万真, 拾方镇)."""
    full, stems, longest = _names(tuple(towns))
    for names in (full, stems):
        found = _exact(text, names, longest)
        if found is not None:
            return TownMention(found[0], found[1], True, 100.0)
    homophone = _homophone(text, towns)
    if homophone is not None:
        return homophone
    words: list[tuple[int, int]] | None = None
    for match in _CANDIDATE.finditer(text):
        candidate = match.group(1)
        if candidate in _NOT_A_TOWN or candidate[-1] in "我本全该各":
            continue
        # The unit must stand alone: 乡 of 乡村, 振 of 乡村振兴 name no town (镇政府 does).
        words = shared_segmenter().word_spans(text) if words is None else words
        unit_at = match.start(2)
        if any(
            a <= unit_at < b and (a < unit_at or not _BODY_AFTER_UNIT.match(text[unit_at + 1 : b]))
            for a, b in words
        ):
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


# What stands before an amount: 罚款十万, 投入十万, 约十万, 二十万.
_BEFORE_AMOUNT: Final = frozenset(
    "罚奖投花补拨共计达约近超过额资金款值一二三四五六七八九十百千万亿两零"
)
# What follows a number that counts something: 十万元, 十万余人, 十万多.
_MEASURE: Final = re.compile(r"[元人件次个起余多名户条项处份张亩吨米斤块年月天\d]")
_BODY_AFTER_UNIT: Final = re.compile(r"^(人民)?(政府|党委|办事处|办)?$")
_NUMERALS: Final = frozenset("一二三四五六七八九十百千万亿两零")
_UNIT_AFTER: Final = re.compile(r"^(镇|乡|街道|真|震)")


@lru_cache(maxsize=8)
def _sounds(towns: tuple[str, ...]) -> tuple[dict[str, str], tuple[int, ...]]:
    """Each stored stem's pinyin → town (phone keyboards type 十万 for 拾万, 税国 for 税郭),
    and the syllable counts of the stems, longest first."""
    found: dict[str, str] = {}
    for town in towns:
        town_stem = stem(town)
        if len(town_stem) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in town_stem):
            found.setdefault(" ".join(lazy_pinyin(list(town_stem))), town)
    sizes = tuple(sorted({len(key.split()) for key in found}, reverse=True))
    return found, sizes


def town_by_sound(name: str, towns: Sequence[str]) -> str | None:
    """The town whose name sounds exactly like the whole of `name` ('平冈' → 平岗镇): for words
    said to name a town, where a sound-alike inside a sentence would be a guess."""
    name = re.sub(r"(镇|乡|街道)$", "", name.strip())
    if len(name) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return None
    sounds, _ = _sounds(tuple(towns))
    return sounds.get(" ".join(_syllable(c) for c in name))


@lru_cache(maxsize=8192)
def _syllable(character: str) -> str:
    """One character's pinyin, remembered: pypinyin costs far more per call than per character."""
    return lazy_pinyin(character)[0] if character.strip() else character


def _homophone(text: str, towns: Sequence[str]) -> TownMention | None:
    """A town typed with the wrong characters of the same sound. Without a unit after it, a
    run of numerals (投入十万元) is not a town, nor are characters that belong to a word of the
    sentence: among thousands of towns some stem sounds like 信息, 备案 or 近平 in 习近平."""
    sounds, sizes = _sounds(tuple(towns))
    if not sounds:
        return None
    text = text[:200]
    words: list[tuple[int, int]] | None = None
    # One syllable per character (list input), as the stems were read.
    syllables = [_syllable(c) for c in text]
    for start in range(len(text)):
        for size in sizes:
            piece = text[start : start + size]
            if len(piece) < size or not all("\u4e00" <= c <= "\u9fff" for c in piece):
                continue
            town = sounds.get(" ".join(syllables[start : start + size]))
            if town is None:
                continue
            unit = _UNIT_AFTER.match(text[start + size :])
            if unit is None:
                words = shared_segmenter().word_spans(text) if words is None else words
                if any(c in _NUMERALS for c in piece):
                    # '投入十万元' counts money; '跟十万比比' names 拾万: a whole word, no measure.
                    after = text[start + size : start + size + 1]
                    before = text[start - 1 : start] if start else ""
                    if (
                        (start, start + size) not in words
                        or _MEASURE.match(after)
                        or (before and (before in _BEFORE_AMOUNT or before.isdigit()))
                    ):
                        continue
                    return TownMention(town, piece, True, 90.0)
                # 和平 of '凤凰和平刚' is 和 before a town: a conjunction, not the word's start.
                if any(
                    a < start + size
                    and start < b
                    and not (a == start - 1 and text[a] in "和与跟同及")
                    for a, b in words
                ):
                    continue
            span = piece + (unit.group(0) if unit else "")
            return TownMention(town, span, True, 90.0)
    return None
