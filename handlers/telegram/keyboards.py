"""The core's buttons drawn as Telegram inline keyboards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.buttons import Button, encode


def markup(rows: list[list[Button]]) -> InlineKeyboardMarkup:
    """Rows of buttons as an inline keyboard; each press's data through the one codec."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=encode(b.press)) for b in row]
            for row in rows
        ]
    )
