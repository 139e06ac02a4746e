"""A passage cut for a phone: it starts at the sentence that matched and stays short.

A report paragraph runs to 300–500 characters and the clause a user asked about sits in its
middle. The excerpt opens with the best-matching sentence, keeps the sentences after it while
they fit, and marks what was left out with "……".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

ELLIPSIS: Final = "……"
# A sentence ends at a full stop, question or exclamation mark, or a semicolon (as lists do).
_SENTENCE: Final = re.compile(r"[^。！？；!?;]*[。！？；!?;]?")
# Inside a sentence too long to show whole, cut after a comma or an enumeration mark.
_CLAUSE_END: Final = "，、：,:"


def sentences(text: str) -> list[str]:
    """The text split into sentences, each keeping its end mark; nothing is lost."""
    return [s for s in _SENTENCE.findall(text) if s]


def matching_sentence(text: str, words: Sequence[str]) -> str | None:
    """The sentence with the most of the words (the first on a tie), or None if none has one."""
    best, best_count = None, 0
    for sentence in sentences(text):
        count = sum(1 for w in words if w and w in sentence)
        if count > best_count:
            best, best_count = sentence, count
    return best.strip() if best is not None else None


def excerpt(
    text: str, words: Sequence[str], *, budget: int = 200, anchor: str | None = None
) -> str:
    """The passage from its best-matching sentence on, at most about `budget` characters.

    `anchor`: a sentence that must open the excerpt when the text has it (the one a figure
    shown above comes from). Without a match the passage is taken from its start. Text before
    the start and after the end is replaced by "……"; a single sentence longer than the budget
    is cut after a clause.
    """
    text = text.strip()
    anchor = anchor.strip() if anchor else None
    if anchor and not any(anchor in part for part in sentences(text)):
        anchor = None  # not a sentence of this text: the words decide
    if len(text) <= budget and anchor is None:
        start_text = matching_sentence(text, words)
        if start_text is None or text.startswith(start_text):
            return text
    parts = sentences(text)
    scores = [sum(1 for w in words if w and w in part) for part in parts]
    if anchor is not None:
        # The anchor's sentence outranks any count of words.
        scores = [
            score + (len(words) + 1) * (anchor in part)
            for score, part in zip(scores, parts, strict=True)
        ]
    start = scores.index(max(scores)) if parts and max(scores) > 0 else 0
    kept: list[str] = []
    used = 0
    for part in parts[start:]:
        if kept and used + len(part) > budget:
            if used < budget // 3:
                # '一是完善民主合法决策机制。' alone says nothing: the next sentence, cut.
                kept.append(_cut_clause(part, budget - used))
            break
        kept.append(part)
        used += len(part)
    body = "".join(kept).strip()
    if len(body) > budget:
        body = _cut_clause(body, budget)
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if not text.endswith(body) else ""
    return f"{head}{body}{tail}"


def _cut_clause(sentence: str, budget: int) -> str:
    """The sentence cut after its last clause mark within the budget (else at the budget)."""
    window = sentence[:budget]
    cut = max(window.rfind(mark) for mark in _CLAUSE_END)
    if cut >= budget // 2:
        return window[:cut]
    return window
