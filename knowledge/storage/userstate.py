"""What the bot remembers about chats: their town, reminder subscriptions, and a query log."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Final

from knowledge.domain.checklist import deadlines
from knowledge.storage.store import KnowledgeStore

logger = logging.getLogger(__name__)

# Reminders go out this many days before a deadline, each stage once.
REMINDER_STAGES: Final = (30, 7, 1)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A reminder to send now."""

    chat_id: int
    key: str
    due_on: dt.date
    what: str
    days_left: int


@dataclass(frozen=True, slots=True)
class UsageStats:
    """Usage for admins: counts by kind, active users, questions that found nothing."""

    total: int
    users: int
    by_kind: dict[str, int]
    no_results: tuple[tuple[str, int], ...]
    subscriptions: int


async def set_town(store: KnowledgeStore, chat_id: int, town: str) -> None:
    """Remember a chat's own town."""
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO chat_prefs (chat_id, town) VALUES (?, ?) ON CONFLICT (chat_id) "
            "DO UPDATE SET town = excluded.town, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')",
            (chat_id, town),
        )


async def get_town(store: KnowledgeStore, chat_id: int) -> str | None:
    """A chat's own town, if set."""
    row = await store.fetchone("SELECT town FROM chat_prefs WHERE chat_id = ?", (chat_id,))
    return str(row[0]) if row and row[0] else None


async def subscribe(
    store: KnowledgeStore, chat_id: int, *, today: dt.date, county_due: dt.date | None = None
) -> list[tuple[str, dt.date, str]]:
    """Subscribe a chat to the deadline reminders; returns the deadlines it will hear about."""
    found = deadlines(today, county_due=county_due)
    async with store.transaction() as db:
        for deadline in found:
            await db.execute(
                "INSERT INTO reminders (chat_id, deadline_key, due_on, active) VALUES (?,?,?,1) "
                "ON CONFLICT (chat_id, deadline_key) DO UPDATE SET due_on = excluded.due_on, "
                "active = 1",
                (chat_id, deadline.key, deadline.due_on),
            )
    return [(d.key, dt.date.fromisoformat(d.due_on), d.what) for d in found]


async def unsubscribe(store: KnowledgeStore, chat_id: int) -> bool:
    """Stop a chat's reminders; False when it had none."""
    async with store.transaction() as db:
        cursor = await db.execute(
            "UPDATE reminders SET active = 0 WHERE chat_id = ? AND active = 1", (chat_id,)
        )
        return cursor.rowcount > 0


async def subscribed_chats(store: KnowledgeStore) -> list[int]:
    """Chats with active reminders."""
    rows = await store.fetchall("SELECT DISTINCT chat_id FROM reminders WHERE active = 1")
    return [int(row[0]) for row in rows]


def _stage_start(due_on: dt.date, now: dt.datetime) -> dt.date | None:
    """The start of the latest reminder stage that has begun, if any."""
    started = [due_on - dt.timedelta(days=d) for d in REMINDER_STAGES]
    begun = [s for s in started if s <= now.date()]
    return max(begun) if begun else None


async def due_reminders(store: KnowledgeStore, now: dt.datetime) -> list[DueReminder]:
    """Reminders whose stage has begun and was not yet sent; past deadlines roll to next year."""
    rows = await store.fetchall(
        "SELECT chat_id, deadline_key, due_on, last_sent_at FROM reminders WHERE active = 1"
    )
    due: list[DueReminder] = []
    rolled: list[tuple[str, int, str]] = []
    for chat_id, key, due_on_text, last_sent in rows:
        try:
            due_on = dt.date.fromisoformat(due_on_text)
        except (TypeError, ValueError):
            # One bad row must never stop everyone's reminders.
            logger.warning("reminder of chat %s has a bad date %r: skipped", chat_id, due_on_text)
            continue
        if due_on < now.date():
            rolled.append((_a_year_later(key, due_on).isoformat(), chat_id, key))
            continue
        stage = _stage_start(due_on, now)
        if stage is None:
            continue
        if last_sent is not None and _sent_on(last_sent) >= stage:
            continue
        what = next(
            (d.what for d in deadlines(due_on) if d.key == key), "本县（区）要求的报送日期"
        )
        due.append(DueReminder(int(chat_id), key, due_on, what, (due_on - now.date()).days))
    if rolled and not store.read_only:
        async with store.transaction() as db:
            await db.executemany(
                "UPDATE reminders SET due_on = ?, last_sent_at = NULL "
                "WHERE chat_id = ? AND deadline_key = ?",
                rolled,
            )
    return due


def _sent_on(last_sent: str) -> dt.date:
    """The day a reminder was last sent; an unreadable value counts as never."""
    try:
        return dt.datetime.fromisoformat(last_sent).date()
    except (TypeError, ValueError):
        return dt.date.min


def _a_year_later(key: str, due_on: dt.date) -> dt.date:
    """The same deadline a year on: the report's is the last day of February (28 or 29),
    and a county's own 29 February becomes the 28th in a common year."""
    if key == "report":
        return dt.date(due_on.year + 1, 3, 1) - dt.timedelta(days=1)
    try:
        return due_on.replace(year=due_on.year + 1)
    except ValueError:
        return dt.date(due_on.year + 1, 2, 28)


async def mark_sent(store: KnowledgeStore, chat_id: int, key: str, at: dt.datetime) -> None:
    """Record that a reminder went out, so a restart does not send it again."""
    async with store.transaction() as db:
        await db.execute(
            "UPDATE reminders SET last_sent_at = ? WHERE chat_id = ? AND deadline_key = ?",
            (at.isoformat(timespec="seconds"), chat_id, key),
        )


async def deactivate_chat(store: KnowledgeStore, chat_id: int) -> None:
    """A chat that blocked the bot gets no more reminders."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminders SET active = 0 WHERE chat_id = ?", (chat_id,))


async def move_chat(store: KnowledgeStore, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its settings follow it to the new id."""
    async with store.transaction() as db:
        await db.execute(
            "UPDATE OR REPLACE reminders SET chat_id = ? WHERE chat_id = ?",
            (new_chat_id, old_chat_id),
        )
        await db.execute(
            "UPDATE OR REPLACE chat_prefs SET chat_id = ? WHERE chat_id = ?",
            (new_chat_id, old_chat_id),
        )


async def usage_stats(store: KnowledgeStore, *, top: int = 10) -> UsageStats:
    """Usage counts and the questions that found nothing most often."""
    total_row = await store.fetchone("SELECT count(*), count(DISTINCT user_id) FROM query_log")
    kinds = await store.fetchall(
        "SELECT kind, count(*) FROM query_log GROUP BY kind ORDER BY 2 DESC"
    )
    empty = await store.fetchall(
        "SELECT query, count(*) FROM query_log WHERE hits = 0 GROUP BY query "
        "ORDER BY 2 DESC, max(query_id) DESC LIMIT ?",
        (top,),
    )
    subs = await subscribed_chats(store)
    return UsageStats(
        total=int(total_row[0]) if total_row else 0,
        users=int(total_row[1]) if total_row else 0,
        by_kind={str(k): int(n) for k, n in kinds},
        no_results=tuple((str(q), int(n)) for q, n in empty),
        subscriptions=len(subs),
    )
