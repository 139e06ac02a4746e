"""The one error handler: log first, then a short apology; never the exception text."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import ChatMigrated, TelegramError

from handlers import texts
from handlers.dialogue import error_message
from handlers.render import HTML
from handlers.telegram.context import BotContext
from knowledge.errors import KnowledgeError

logger = logging.getLogger(__name__)


async def error_handler(update: object, context: BotContext) -> None:
    """Log the failure with its trace and the update's ids; apologise to the user."""
    if (
        isinstance(context.error, ChatMigrated)
        and isinstance(update, Update)
        and update.effective_chat
    ):
        # The group became a supergroup: its town and reminders follow it to the new id.
        await context.knowledge.move_chat(update.effective_chat.id, context.error.new_chat_id)
        logger.info("chat %s moved to %s", update.effective_chat.id, context.error.new_chat_id)
        return
    if isinstance(context.error, KnowledgeError) and isinstance(update, Update):
        # An expected failure (busy, read-only, disk full…) outside a guarded use case.
        logger.warning("update %s: %s", update.update_id, type(context.error).__name__)
        if update.effective_message is not None:
            with contextlib.suppress(TelegramError):
                await update.effective_message.reply_text(error_message(context.error, HTML))
        return
    update_id = update.update_id if isinstance(update, Update) else None
    user = update.effective_user if isinstance(update, Update) else None
    logger.error(
        "update %s from user %s failed",
        update_id,
        user.id if user else None,
        exc_info=context.error,
    )
    if isinstance(update, Update) and update.effective_message is not None:
        with contextlib.suppress(TelegramError):
            await update.effective_message.reply_text(texts.SORRY)
