"""Second-round hostile findings that live in the knowledge layer, on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import ErrorCode
from knowledge.service import Knowledge
from knowledge.storage import inbox
from knowledge.text.segment import Segmenter
from tests.auxil import USER_ID, bot_settings, running_bot
from tests.conftest import corpus_text
from tests.fakebot import FakeBotApi


def _version(n: int) -> bytes:
    text = corpus_text("001").replace("拾万镇", "百福镇").replace("拾万", "百福")
    return text.replace("受理信访案件34宗", f"受理信访案件{30 + n}宗").encode("utf-8")


async def _left_pending(kb: Knowledge) -> None:
    """Version 1 confirmed but not stored (as a full disk leaves it): pending in the inbox."""
    first = await kb.preview_upload(_version(1))
    await inbox.put(kb.store, _version(1), name="v1.txt", town=first.town, year=first.year)


async def test_an_older_pending_upload_never_replaces_a_newer_report(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    # R1: version 1 was confirmed while the disk was full, so it stayed pending in the inbox;
    # version 2 was then added. The next start must not put version 1 back over version 2.
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        await _left_pending(kb)
        second = await kb.preview_upload(_version(2))
        assert (await kb.store_upload(_version(2), name="v2.txt", parsed=second)).status in (
            "added",
            "replaced",
        )
    finally:
        await kb.close()
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)  # the next start
    try:
        [dropped] = await kb.finish_inbox()
        assert dropped.status == "error" and dropped.error == ErrorCode.SUPERSEDED
        answer = await kb.ask("百福镇 受理信访案件")
        assert any("受理信访案件32宗" in h.snippet.text for h in answer.hits)
        assert not any("受理信访案件31宗" in h.snippet.text for h in answer.hits)
        assert await inbox.pending(kb.store) == []
    finally:
        await kb.close()


async def test_a_pending_upload_with_nothing_newer_is_finished(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        await _left_pending(kb)
        [finished] = await kb.finish_inbox()
        assert finished.status == "added" and finished.town == "百福镇"
    finally:
        await kb.close()


async def test_a_job_over_its_memory_or_cpu_limit_gets_a_reason_and_the_pool_goes_on() -> None:
    from knowledge.errors import ErrorCode, UnsupportedFile
    from knowledge.text.workers import HeavyWork
    from tests.heavyjobs import allocate, spin

    heavy = HeavyWork(cpu_seconds=1, memory_bytes=512 * 1024 * 1024)
    try:
        assert await heavy.run(allocate, 10 * 1024 * 1024) == 10 * 1024 * 1024
        with pytest.raises(UnsupportedFile) as memory:
            await heavy.run(allocate, 2 * 1024 * 1024 * 1024)
        with pytest.raises(UnsupportedFile) as cpu:
            await heavy.run(spin, 5.0)
        assert memory.value.code == cpu.value.code == ErrorCode.TOO_HEAVY
        assert await heavy.run(allocate, 1024) == 1024  # a new worker took over
    finally:
        heavy.close()


async def test_others_are_answered_while_a_huge_draft_is_checked(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    # R5: a 6 MB draft is parsed in a worker process; another user's question is answered
    # before the draft's result comes back, instead of after it.
    paragraph = "一、主要举措和成效\n组织中心组学法6次，聘请常年法律顾问1名，审查合同12份。\n"
    huge = ("城关镇2023年度法治政府建设情况报告\n" + paragraph * 60000).encode("utf-8")
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/check", user_id=USER_ID)
        await fake_api.wait_for("sendMessage")
        fake_api.push_document(huge, file_name="草稿.txt", user_id=USER_ID)
        await fake_api.wait_for("getFile")
        fake_api.push_message("法律顾问", user_id=USER_ID + 1)
        await fake_api.wait_for("sendDocument", timeout=120)
        order = [
            (c.method, c.params.get("chat_id"))
            for c in fake_api.calls
            if c.method in ("sendMessage", "sendDocument")
        ]
        answered = order.index(("sendMessage", USER_ID + 1))
        checked = order.index(("sendDocument", USER_ID))
        assert answered < checked, order


async def test_a_full_disk_with_a_pending_upload_never_stops_the_start(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    # R14: the start finishes the inbox; with no room the upload stays pending for the next
    # start, and the knowledge base answers questions meanwhile.
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        await _left_pending(kb)
        pages = (await kb.store.fetchone("PRAGMA page_count"))[0]  # type: ignore[index]
        await kb.store.db.execute(f"PRAGMA max_page_count = {int(pages)}")  # a full disk
        [waiting] = await kb.finish_inbox()
        assert waiting.status == "error" and waiting.error == ErrorCode.UPLOAD_KEPT
        assert (await kb.ask("法律顾问")).hits
        assert [row[1] for row in await inbox.pending(kb.store)] == ["v1.txt"]
        await kb.store.db.execute("PRAGMA max_page_count = 1073741823")  # room again
        [finished] = await kb.finish_inbox()
        assert finished.status == "added" and await inbox.pending(kb.store) == []
    finally:
        await kb.close()
