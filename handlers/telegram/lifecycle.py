"""Chats and the process: groups the bot is added to, migrated groups, the database watchdog."""

from __future__ import annotations

import contextlib
import logging

from telegram import ChatMember, Update
from telegram.error import TelegramError

from handlers import texts
from handlers.telegram.context import BotContext
from knowledge.errors import DatabaseMissing

logger = logging.getLogger(__name__)
FATAL_KEY = "township.fatal"


async def added_to_chat(update: Update, context: BotContext) -> None:
    """Leave a group when an allowlist is set and whoever added the bot is not on it."""
    change = update.my_chat_member
    if change is None or change.chat.type == "private":
        return
    joined = change.new_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    config = context.config
    adder = change.from_user.id if change.from_user else None
    if not joined or not config.allowed or adder in config.allowed or adder in config.admins:
        return
    logger.warning("added to group %s by unlisted user %s: leaving", change.chat.id, adder)
    with contextlib.suppress(TelegramError):
        await context.bot.send_message(change.chat.id, texts.GROUP_NOT_ALLOWED)
    await context.bot.leave_chat(change.chat.id)


async def watch_database(context: BotContext) -> None:
    """Stop the bot if its database file was deleted or replaced (never carry on with none)."""
    try:
        await context.knowledge.ensure_database_file()
    except DatabaseMissing as exc:
        logger.critical("database %s vanished or was replaced: stopping", exc)
        context.bot_data[FATAL_KEY] = True
        context.application.stop_running()
