"""The usage log (/stats) written beside the questions, never in front of them.

Writing a log row needs SQLite's write lock. While another process (an import, a backup) holds
it, a write waits; on the connection that answers questions every later question would wait
behind it. So log rows go into a bounded queue and one task writes them on a connection of its
own. A row that cannot be written in time is dropped with a warning: usage counts are not worth
a slower answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Final

from knowledge.errors import KnowledgeError
from knowledge.storage.store import KnowledgeStore

logger = logging.getLogger(__name__)

MAX_PENDING: Final = 1000
FLUSH_SECONDS: Final = 5.0  # how long close() waits for the last rows


class UsageLog:
    """Queued, batched writes of query_log rows on their own connection."""

    def __init__(self, db_path: Path, *, busy_timeout_ms: int) -> None:
        self._path = db_path
        self._busy_timeout_ms = busy_timeout_ms
        self._queue: asyncio.Queue[tuple[int | None, str, str, int]] = asyncio.Queue(MAX_PENDING)
        self._task: asyncio.Task[None] | None = None

    def add(self, *, user_id: int | None, kind: str, query: str, hits: int) -> None:
        """Queue a row; returns at once. A full queue drops the row."""
        try:
            self._queue.put_nowait((user_id, kind, query[:200], hits))
        except asyncio.QueueFull:
            logger.warning("usage log queue full: a row was dropped")
            return
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._write_forever())

    async def drained(self) -> None:
        """Wait until every queued row was written (or dropped)."""
        await self._queue.join()

    async def close(self) -> None:
        """Write what is queued (for a few seconds at most), then stop."""
        if self._task is None:
            return
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._queue.join(), FLUSH_SECONDS)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _write_forever(self) -> None:
        store = KnowledgeStore(self._path, busy_timeout_ms=self._busy_timeout_ms)
        try:
            await store.open(create=False)
            while True:
                rows = [await self._queue.get()]
                while not self._queue.empty():
                    rows.append(self._queue.get_nowait())
                try:
                    async with store.transaction() as db:
                        await db.executemany(
                            "INSERT INTO query_log (user_id, kind, query, hits) VALUES (?,?,?,?)",
                            rows,
                        )
                except KnowledgeError:
                    logger.warning("usage log: %d rows not written", len(rows))
                finally:
                    for _ in rows:
                        self._queue.task_done()
        except KnowledgeError:
            logger.warning("usage log unavailable: rows are dropped")
            while True:  # keep draining so that nobody waits on the queue
                await self._queue.get()
                self._queue.task_done()
        finally:
            await store.close()
