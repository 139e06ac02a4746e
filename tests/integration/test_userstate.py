"""Chat towns, reminder subscriptions (never lost, never repeated across restarts), query log."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from knowledge.service import Knowledge
from knowledge.storage import userstate
from knowledge.text.segment import Segmenter


async def test_set_town_fuzzy_and_unknown(knowledge: Knowledge) -> None:
    assert await knowledge.set_town(1, "拾万") == ("拾万镇", True)
    assert await knowledge.get_town(1) == "拾万镇"
    assert await knowledge.set_town(1, "城关镇") == ("城关镇", False)
    assert await knowledge.get_town(1) == "城关镇"
    assert await knowledge.get_town(2) is None


async def test_reminders_stage_once_and_survive_restart(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        today = dt.date(2027, 1, 10)
        await userstate.subscribe(kb.store, 42, today=today)
        await userstate.subscribe(kb.store, 43, today=today, county_due=dt.date(2027, 1, 29))
        # The report is due 2027-02-28 (before 1 March): its 30-day stage begins 01-29,
        # the day the county's own date falls due; publication (03-31) is two months off.
        now = dt.datetime(2027, 1, 29, 9, 0)
        due = await userstate.due_reminders(kb.store, now)
        assert sorted((d.chat_id, d.key, d.days_left) for d in due) == [
            (42, "report", 30),
            (43, "county", 0),
            (43, "report", 30),
        ]
        for d in due[:2]:
            await userstate.mark_sent(kb.store, d.chat_id, d.key, now)
    finally:
        await kb.close()

    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)  # a restart
    try:
        again = await userstate.due_reminders(kb.store, now + dt.timedelta(hours=1))
        assert len(again) == len(due) - 2
        for d in again:
            await userstate.mark_sent(kb.store, d.chat_id, d.key, now)
        assert await userstate.due_reminders(kb.store, now + dt.timedelta(days=2)) == []
        week = await userstate.due_reminders(kb.store, dt.datetime(2027, 2, 21, 9))
        assert {(d.key, d.days_left) for d in week} == {("report", 7)}
        publish = await userstate.due_reminders(kb.store, dt.datetime(2027, 3, 1, 9))
        assert {(d.key, d.days_left) for d in publish} == {("publish", 30)}
    finally:
        await kb.close()


async def test_reminders_roll_to_next_year_and_stop(knowledge: Knowledge) -> None:
    await userstate.subscribe(knowledge.store, 7, today=dt.date(2027, 1, 1))
    assert await userstate.due_reminders(knowledge.store, dt.datetime(2027, 4, 2)) == []
    rows = await knowledge.store.fetchall("SELECT due_on FROM reminders WHERE chat_id = 7")
    assert {r[0] for r in rows} == {"2028-02-29", "2028-03-31"}
    assert await userstate.unsubscribe(knowledge.store, 7) is True
    assert await userstate.unsubscribe(knowledge.store, 7) is False
    assert await userstate.subscribed_chats(knowledge.store) == []


async def test_blocked_chat_and_migrated_group(knowledge: Knowledge) -> None:
    await userstate.subscribe(knowledge.store, 8, today=dt.date(2027, 1, 1))
    await userstate.subscribe(knowledge.store, -100, today=dt.date(2027, 1, 1))
    await userstate.deactivate_chat(knowledge.store, 8)
    await userstate.move_chat(knowledge.store, -100, -1001234)
    assert await userstate.subscribed_chats(knowledge.store) == [-1001234]


async def test_usage_stats(knowledge: Knowledge) -> None:
    for query, hits in [("法律顾问", 3), ("火星", 0), ("火星", 0), ("月球", 0)]:
        await knowledge.log(user_id=5, kind="ask", query=query, hits=hits)
    stats = await knowledge.stats()
    assert (stats.total, stats.users, stats.by_kind) == (4, 1, {"ask": 4})
    assert stats.no_results == (("火星", 2), ("月球", 1))


async def test_one_bad_reminder_row_never_stops_the_others(knowledge: Knowledge) -> None:
    # A 29 February that rolls into a common year, an unreadable date and an unreadable
    # last-sent time: each chat is judged alone, and the good one is still reminded.
    await userstate.subscribe(knowledge.store, 1, today=dt.date(2027, 1, 1))
    async with knowledge.store.transaction() as db:
        await db.executemany(
            "INSERT INTO reminders (chat_id, deadline_key, due_on, last_sent_at, active) "
            "VALUES (?, ?, ?, ?, 1)",
            [
                (2, "county", "2028-02-29", None),
                (3, "county", "not-a-date", None),
                (4, "county", "2028-02-20", "yesterday"),
            ],
        )
    now = dt.datetime(2028, 2, 1, 9)
    await userstate.due_reminders(knowledge.store, now)  # chat 1's 2027 dates roll to 2028
    due = await userstate.due_reminders(knowledge.store, now)
    assert {d.chat_id for d in due} == {1, 2, 4}
    # After its day, the 29 February rolls to the 28th of a common year.
    await userstate.due_reminders(knowledge.store, dt.datetime(2028, 3, 5, 9))
    rows = await knowledge.store.fetchall("SELECT due_on FROM reminders WHERE chat_id = 2")
    assert rows[0][0] == "2029-02-28"


async def test_questions_never_wait_for_the_usage_log(knowledge: Knowledge) -> None:
    # Another process holds the write lock; questions are still answered (they only read)
    # and their usage rows are written once the lock is free.
    other = sqlite3.connect(knowledge.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        for question in ("法律顾问", "出庭应诉", "矛盾纠纷"):
            answer = await knowledge.ask(question)
            assert answer.hits
            await knowledge.log(user_id=7, kind="ask", query=question, hits=len(answer.hits))
        held = other.execute("SELECT count(*) FROM query_log").fetchone()[0]
    finally:
        other.execute("COMMIT")
        other.close()
    assert held == 0  # nothing could be written while the lock was held …
    await knowledge.usage.drained()
    stats = await knowledge.stats()
    assert stats.total == 3  # … and everything was written after
