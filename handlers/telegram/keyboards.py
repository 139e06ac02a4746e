"""Inline keyboards and the callback data they carry (≤ 64 bytes, parsed defensively)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers import texts

MAX_TOWN_BUTTONS = 8


def answer_keyboard(qid: str, *, has_more: bool, section: str | None) -> InlineKeyboardMarkup:
    """Buttons under an answer: more, another town, only problems / only plans."""
    first = []
    if has_more:
        first.append(InlineKeyboardButton(texts.BUTTON_MORE, callback_data=f"m:{qid}"))
    first.append(InlineKeyboardButton(texts.BUTTON_OTHER_TOWN, callback_data=f"o:{qid}"))
    second = []
    if section != "problems":
        second.append(
            InlineKeyboardButton(texts.BUTTON_PROBLEMS, callback_data=f"s:{qid}:problems")
        )
    if section != "next_plan":
        second.append(InlineKeyboardButton(texts.BUTTON_PLANS, callback_data=f"s:{qid}:next_plan"))
    return InlineKeyboardMarkup([first, second])


def examples_keyboard(qid: str, *, has_more: bool, originals: bool) -> InlineKeyboardMarkup:
    """Under example wording: the originals (or back to the templates), and '更多范文'."""
    row = [
        InlineKeyboardButton(texts.BUTTON_TEMPLATES, callback_data=f"t:{qid}")
        if originals
        else InlineKeyboardButton(texts.BUTTON_ORIGINALS, callback_data=f"r:{qid}")
    ]
    if has_more:
        row.append(InlineKeyboardButton(texts.BUTTON_MORE_EXAMPLES, callback_data=f"x:{qid}"))
    return InlineKeyboardMarkup([row])


def town_keyboard(qid: str, towns: list[str]) -> InlineKeyboardMarkup:
    """One button per town (by index into the known towns), and one for all towns."""
    rows = [
        [InlineKeyboardButton(town, callback_data=f"p:{qid}:{i}")]
        for i, town in enumerate(towns[:MAX_TOWN_BUTTONS])
    ]
    rows.append([InlineKeyboardButton(texts.BUTTON_ALL_TOWNS, callback_data=f"p:{qid}:a")])
    return InlineKeyboardMarkup(rows)


def guess_keyboard(qid: str, town: str) -> InlineKeyboardMarkup:
    """'您是否指：拾万镇？' as a button."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(town, callback_data=f"g:{qid}")]])


def upload_keyboard(token: str) -> InlineKeyboardMarkup:
    """Confirm or cancel an upload."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_CONFIRM, callback_data=f"u:{token}:y"),
                InlineKeyboardButton(texts.BUTTON_CANCEL, callback_data=f"u:{token}:n"),
            ]
        ]
    )


def parse_callback(data: str | None) -> tuple[str, list[str]] | None:
    """'m:1f' → ('m', ['1f']); None for anything we did not make."""
    if not data or len(data) > 64 or ":" not in data:
        return None
    kind, *args = data.split(":")
    if kind not in {"m", "o", "p", "s", "g", "u", "x", "r", "t"} or not all(args):
        return None
    return kind, args
