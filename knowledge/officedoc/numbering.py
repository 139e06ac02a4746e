"""Chinese heading numbers: 一、 for level 1, （一） for level 2."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"

# "1." or "1．" at the start of a sentence marks a level-3 heading.
_LEVEL3 = re.compile(r"^\d+[.．]")


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def level1_number(n: int) -> str:
    return f"{chinese_numeral(n)}、"


def level2_number(n: int) -> str:
    return f"（{chinese_numeral(n)}）"


def is_level3(sentence: str) -> bool:
    """True when the sentence itself carries a level-3 number such as "1."."""
    return _LEVEL3.match(sentence) is not None
