"""/remind and the job that sends due reminders (rebuilt from SQLite, never sent twice)."""

from __future__ import annotations

import datetime as dt
import logging

from telegram import Update
from telegram.error import ChatMigrated, Forbidden, NetworkError

from handlers import texts
from handlers.telegram.context import BotContext
from handlers.telegram.replies import send

logger = logging.getLogger(__name__)
JOB_NAME = "reminders"


MAX_DAYS_AHEAD = 400  # a county's own date falls within the coming report season


async def remind(update: Update, context: BotContext) -> None:
    """/remind subscribes, /remind off stops, /remind 2027-03-01 adds the county's own date."""
    if update.effective_chat is None:
        return
    arg = " ".join(context.args or []).strip().lower()
    if arg in ("off", "stop", "取消", "关闭"):
        stopped = await context.knowledge.unsubscribe(update.effective_chat.id)
        await send(update, [texts.REMIND_OFF if stopped else texts.REMIND_NONE])
        return
    county_due = None
    if arg:
        try:
            county_due = dt.date.fromisoformat(arg)
        except ValueError:
            await send(update, [texts.REMIND_BAD_DATE])
            return
        today = dt.date.today()
        if not today <= county_due <= today + dt.timedelta(days=MAX_DAYS_AHEAD):
            await send(
                update, [texts.REMIND_DATE_OUT_OF_RANGE.format(date=county_due.isoformat())]
            )
            return
    await subscribe_chat(update, context, county_due=county_due)


async def subscribe_chat(
    update: Update, context: BotContext, *, county_due: dt.date | None = None
) -> None:
    """Subscribe the chat (/remind, or '到期提醒我') and list the dates it will hear about."""
    if update.effective_chat is None:
        return
    found = await context.knowledge.subscribe(update.effective_chat.id, county_due=county_due)
    dates = "\n".join(f"· {due.isoformat()}：{what}" for _, due, what in found)
    await send(update, [texts.REMIND_ON.format(dates=dates)])


async def send_due_reminders(context: BotContext) -> None:
    """Send every reminder whose stage has begun; a blocked chat does not stop the others."""
    knowledge = context.knowledge
    now = dt.datetime.now()
    for due in await knowledge.due_reminders(now):
        template = texts.REMINDER_TODAY if due.days_left == 0 else texts.REMINDER
        text = template.format(what=due.what, date=due.due_on.isoformat(), days=due.days_left)
        chat_id = due.chat_id
        try:
            try:
                await context.bot.send_message(chat_id, text)
            except ChatMigrated as exc:
                await knowledge.move_chat(chat_id, exc.new_chat_id)
                chat_id = exc.new_chat_id
                await context.bot.send_message(chat_id, text)
        except Forbidden:
            logger.info("chat %s blocked the bot: reminders stopped", chat_id)
            await knowledge.deactivate_chat(chat_id)
            continue
        except NetworkError:
            logger.warning("reminder to chat %s not sent; will retry", chat_id)
            continue
        await knowledge.mark_reminder_sent(chat_id, due.key, now)
