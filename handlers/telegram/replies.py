"""Sending and editing replies: split messages, keyboards on the last part, typing indicator."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

from handlers.telegram.context import BotContext
from knowledge.models import Document

logger = logging.getLogger(__name__)


async def typing(update: Update, context: BotContext) -> None:
    """Show 'typing…' while we work; never fail the request for it."""
    chat = update.effective_chat
    if chat is None:
        return
    with contextlib.suppress(TelegramError):
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)


async def send(
    update: Update, messages: list[str], *, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send the parts of a reply; the keyboard goes under the last one."""
    target = update.effective_message
    if target is None:
        return None
    last = None
    for index, text in enumerate(messages):
        markup = keyboard if index == len(messages) - 1 else None
        last = await target.reply_text(text, reply_markup=markup, do_quote=False)
    return last


async def send_files(update: Update, files: Sequence[Document]) -> None:
    """Send the files a reply made (a report skeleton, an annotated draft) as documents."""
    target = update.effective_message
    if target is None:
        return
    for document in files:
        await target.reply_document(document.data, filename=document.file_name, do_quote=False)


async def edit(
    update: Update,
    context: BotContext,
    messages: list[str],
    *,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace the pressed message with the first part and send the rest after it."""
    query = update.callback_query
    if query is None:
        return
    first_keyboard = keyboard if len(messages) == 1 else None
    try:
        await query.edit_message_text(messages[0], reply_markup=first_keyboard)
    except BadRequest as exc:
        # A double click edits to the same text: Telegram says so, and nothing is wrong.
        if "not modified" not in str(exc).lower():
            raise
    chat = update.effective_chat
    if chat is None:
        return
    for index, text in enumerate(messages[1:], 1):
        markup = keyboard if index == len(messages) - 1 else None
        await context.bot.send_message(chat.id, text, reply_markup=markup)
