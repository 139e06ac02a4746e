"""Text normalisation shared by documents and queries.

Two forms exist: the *display* form keeps the author's punctuation and script (what staff copy),
the *search* form is NFKC, lower-case and simplified Chinese (what the index and queries use).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import opencc

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_WORD_RESIDUE = re.compile(r"\[(?:bookmark|BOOKMARK): [^\]]*\]")
_SPACE_AROUND_DIGIT = re.compile(
    rf"(?<=[{_CJK}])[ \t\u3000]+(?=\d)|(?<=\d)[ \t\u3000]+(?=[{_CJK}])"
)
_ENGLISH_AND = re.compile(rf"(?<=[{_CJK}])\s*\band\b\s*(?=[{_CJK}])")
# 一村（居、社区）一法律顾问 and 一村一法律顾问 are one thing (docs/domain.md).
_ONE_PER_VILLAGE = re.compile(r"一村[（(][^）)]{1,8}[）)]一")
_MULTI_SPACE = re.compile(r"[ \t\u3000\xa0]{2,}")
_FULLWIDTH_ALNUM = {
    **{cp: cp - 0xFEE0 for cp in range(ord("０"), ord("９") + 1)},
    **{cp: cp - 0xFEE0 for cp in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{cp: cp - 0xFEE0 for cp in range(ord("ａ"), ord("ｚ") + 1)},
    ord("\u3000"): ord(" "),
}
_KEEP_CONTROL = {"\n", "\t"}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _invisible_class() -> re.Pattern[str]:
    # One regex over the BMP's control, format, private-use and surrogate code points: a
    # per-character unicodedata loop was a third of the query time.
    ranges: list[str] = []
    start = None
    for cp in range(0x10000):
        hidden = chr(cp) not in _KEEP_CONTROL and unicodedata.category(chr(cp)) in _HIDDEN
        if hidden and start is None:
            start = cp
        elif not hidden and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]|[\U000e0000-\U000e007f]")


_HIDDEN = ("Cc", "Cf", "Co", "Cs")
_INVISIBLE = _invisible_class()


def strip_invisible(text: str) -> str:
    """Drop control and format characters (zero-width, RTL override, NUL), keep newlines."""
    return _INVISIBLE.sub("", text)


def clean_line(line: str) -> str:
    """Normalise one line of report text for display: residue, spaces, width, stray English."""
    line = _WORD_RESIDUE.sub("", line)
    line = strip_invisible(line).replace("\t", " ")
    line = line.translate(_FULLWIDTH_ALNUM)
    line = _SPACE_AROUND_DIGIT.sub("", line)
    line = _ENGLISH_AND.sub("和", line)
    line = _MULTI_SPACE.sub(" ", line)
    return line.strip()


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones."""
    return str(_t2s().convert(text))


def search_form(text: str) -> str:
    """The form the index and the queries share: NFKC, lower case, simplified, no invisibles."""
    text = strip_invisible(_WORD_RESIDUE.sub("", text))
    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    return _ONE_PER_VILLAGE.sub("一村一", text)


def has_cjk(text: str) -> bool:
    """True when the text holds at least one Chinese character."""
    return re.search(f"[{_CJK}]", text) is not None


CJK_CLASS = _CJK


_NOT_PRINTABLE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff0-\uffff\ud800-\udfff]"
)


def printable(text: str) -> str:
    """The text without control, bidi and non-characters: safe in XML and in a file name."""
    return _NOT_PRINTABLE.sub("", text).strip()
