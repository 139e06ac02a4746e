"""What a report skeleton contains, independent of how it is laid out.

The writer numbers headings itself, so headings here carry no "一、" or "（一）" prefix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkeletonItem:
    """A level-2 topical item under a statutory part.

    A sentence that starts with an Arabic number and a full stop ("1." or "1．") is written
    as a level-3 heading; every other sentence is a body paragraph.
    """

    heading: str
    sentences: tuple[str, ...]
    # Shown as a grey hint so the writer sees it is not part of the report text.
    last_year: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkeletonPart:
    """A level-1 statutory part: body paragraphs first, then the numbered items."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[SkeletonItem, ...] = ()


@dataclass(frozen=True)
class SkeletonPlan:
    """A whole report: title, 主送, opening, parts, joint signature and date."""

    title: str
    addressee: str
    opening: tuple[str, ...]
    parts: tuple[SkeletonPart, ...]
    signatures: tuple[str, ...]
    # Arabic numerals, as GB/T 9704-2012 7.3.5.4 asks: "2027年2月20日".
    date: str
