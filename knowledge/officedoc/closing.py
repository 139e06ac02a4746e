"""Where the issuing organs' names and the date go when the document carries no seal.

GB/T 9704-2012, 7.3.5.2 (不加盖印章的公文): one blank line below the body, the issuing organ's
name is set with two characters of right space (右空二字); the date goes on the next line,
its first character two characters to the right of the name's first character (首字比发文
机关署名首字右移二字). If the date is longer than the name, the date gets the two characters
of right space and the name's right space grows to keep the two-character shift. For joint
issuing (联合行文) the lead organ's name comes first and the others follow one per line below
it (依次向下编排).

Choices the standard leaves open, made here:
- joint names form one block whose first characters line up (the widest name decides the
  block's right space), so "the name's first character" is one column;
- "longer" compares widths counting CJK characters as one character and half-width Latin
  letters and digits as half;
- names and date are right-aligned with right indents in characters. That puts the date's
  first character exactly where the rule says when digits are half a character wide, as in
  Word with Times New Roman and no automatic Chinese-digit spacing (layout.py turns it off).
  A renderer with wider digits (LibreOffice 7.4 substituting DejaVu and ignoring the
  autospace switch) starts the date up to a character early, which beats a left indent
  there: that wraps the date onto a second line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# 右空二字 and 右移二字 in the standard.
RIGHT_SPACE = 2.0
DATE_SHIFT = 2.0


@dataclass(frozen=True)
class ClosingLayout:
    """Right space in characters for each signature line and for the date line."""

    signature_right: tuple[float, ...]
    date_right: float


def text_width(text: str) -> float:
    """Width in full-width characters: CJK counts 1, half-width Latin and digits 0.5."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in ("Na", "H", "N") else 1.0 for ch in text)


def closing_layout(signatures: tuple[str, ...], date: str) -> ClosingLayout:
    if not signatures:
        raise ValueError("at least one signature is needed")
    block = max(text_width(name) for name in signatures)
    date_width = text_width(date)
    if date_width > block:
        date_right = RIGHT_SPACE
        block_right = RIGHT_SPACE + date_width + DATE_SHIFT - block
    else:
        block_right = RIGHT_SPACE
        date_right = block_right + block - DATE_SHIFT - date_width
    # Shorter names get extra right space so every name starts in the block's first column.
    return ClosingLayout(
        signature_right=tuple(block_right + block - text_width(name) for name in signatures),
        date_right=date_right,
    )
