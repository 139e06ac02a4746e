"""Uploads left pending in the inbox (by a full disk or a crash) and the limits of the worker
pool, in the knowledge layer on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import ErrorCode
from knowledge.service import Knowledge
from knowledge.storage import inbox
from knowledge.text.segment import Segmenter
from tests.conftest import corpus_text


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
    # Version 1 was confirmed while the disk was full, so it stayed pending in the inbox;
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


async def test_a_full_disk_with_a_pending_upload_never_stops_the_start(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    # The start finishes the inbox; with no room the upload stays pending for the next
    # start, and the knowledge base answers questions meanwhile.
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        await _left_pending(kb)
        await kb.store.db.execute("VACUUM")  # no free pages left to fill
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


async def test_a_small_job_queued_behind_a_heavy_one_still_runs() -> None:
    import asyncio

    from knowledge.errors import ErrorCode, UnsupportedFile
    from knowledge.text.workers import HeavyWork
    from tests.heavyjobs import allocate, spin

    heavy = HeavyWork(cpu_seconds=1, memory_bytes=512 * 1024 * 1024)
    try:
        assert await heavy.run(allocate, 1024) == 1024  # the worker is up
        hog = asyncio.ensure_future(heavy.run(spin, 5.0))
        small = asyncio.ensure_future(heavy.run(allocate, 2048))  # queued behind the hog
        with pytest.raises(UnsupportedFile) as killed:
            await hog
        assert killed.value.code == ErrorCode.TOO_HEAVY
        assert await small == 2048  # not blamed for the hog: run again on a fresh worker
    finally:
        heavy.close()
