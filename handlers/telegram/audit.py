"""One log line per update: user id, command, result count, time taken; never the text."""

from __future__ import annotations

import logging
import time

from telegram import Update

from handlers.telegram.context import BotContext

logger = logging.getLogger("township.updates")


def command_of(update: Update) -> str:
    """What kind of request an update is, without its content."""
    if update.callback_query is not None:
        return "button"
    message = update.effective_message
    if message is None:
        return "other"
    if message.text and message.text.startswith("/"):
        return message.text.split()[0].split("@")[0][:32]
    if message.document is not None:
        return "document"
    return "text" if message.text else "other"


def note_results(update: Update, context: BotContext, count: int) -> None:
    """Record how many results an update's reply carried, for its log line."""
    context.state.results[update.update_id] = count


async def mark_start(update: object, context: BotContext) -> None:
    """Group -1: remember when the update arrived."""
    if isinstance(update, Update):
        context.state.started[update.update_id] = time.monotonic()


async def log_done(update: object, context: BotContext) -> None:
    """Group 1, after the handlers: the update's one log line."""
    if not isinstance(update, Update):
        return
    started = context.state.started.pop(update.update_id, None)
    elapsed = (time.monotonic() - started) * 1000 if started is not None else -1.0
    results = context.state.results.pop(update.update_id, None)
    user = update.effective_user
    logger.info(
        "update=%s user=%s command=%s results=%s ms=%.0f",
        update.update_id,
        user.id if user else None,
        command_of(update),
        "-" if results is None else results,
        elapsed,
    )
