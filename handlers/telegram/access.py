"""Who may use the bot, who is an admin, and how often a user may ask."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers import texts
from handlers.telegram.audit import log_done
from handlers.telegram.context import BotContext

logger = logging.getLogger(__name__)


def is_admin(update: Update, context: BotContext) -> bool:
    """True for a real user listed in TOWNSHIP_BOT_ADMINS (checked on every admin action)."""
    user = update.effective_user
    return user is not None and user.id in context.config.admins


def is_allowed(update: Update, context: BotContext) -> bool:
    """True when no allowlist is set, or the user is on it (admins always are)."""
    config = context.config
    if not config.allowed:
        return True
    user = update.effective_user
    return user is not None and (user.id in config.allowed or user.id in config.admins)


def within_rate(context: BotContext, user_id: int, *, now: float | None = None) -> bool:
    """A sliding window per user: at most rate_limit_count requests per rate_limit_seconds."""
    now = time.monotonic() if now is None else now
    window = context.config.rate_limit_seconds
    recent = [t for t in context.state.hits.get(user_id, []) if now - t < window]
    allowed = len(recent) < context.config.rate_limit_count
    if allowed:
        recent.append(now)
    context.state.hits[user_id] = recent
    return allowed


async def admit(update: Update, context: BotContext) -> bool:
    """Check allowlist and rate limit; tell the user when refused (a button press by a short
    notice on the button, a message by a reply)."""
    if not is_allowed(update, context):
        user = update.effective_user
        logger.info("refused user %s", user.id if user else None)
        await _refuse(update, texts.NOT_ALLOWED)
        return False
    user = update.effective_user
    if user is not None and not within_rate(context, user.id):
        await _refuse(update, texts.RATE_LIMITED)
        return False
    return True


async def gate(update: object, context: BotContext) -> None:
    """Before any handler: every new message and every button press passes the allowlist and
    the rate limit once; a refused one goes no further (its log line is still written)."""
    if not isinstance(update, Update) or (
        update.message is None and update.callback_query is None
    ):
        return
    if await admit(update, context):
        return
    await log_done(update, context)
    raise ApplicationHandlerStop


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def refuse_non_admin(update: Update, context: BotContext) -> bool:
    """Reply 无权限 and log who tried; True when refused."""
    if is_admin(update, context):
        return False
    user = update.effective_user
    logger.warning("non-admin %s tried an admin action", user.id if user else None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.NO_PERMISSION)
    return True
