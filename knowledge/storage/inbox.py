"""Uploads accepted but not yet stored survive a crash: kept here first, finished at start."""

from __future__ import annotations

import hashlib
import logging

from knowledge.storage.store import KnowledgeStore

logger = logging.getLogger(__name__)


async def put(
    store: KnowledgeStore, data: bytes, *, name: str, town: str | None, year: int | None
) -> str:
    """Record an accepted upload; the same bytes twice are one row."""
    sha = hashlib.sha256(data).hexdigest()
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO inbox (content_sha, file_name, data, town, year, status) "
            "VALUES (?,?,?,?,?,'pending') ON CONFLICT (content_sha) DO UPDATE SET status = 'pending'",
            (sha, name, data, town, year),
        )
    return sha


async def done(store: KnowledgeStore, sha: str, status: str = "done") -> None:
    """Mark an upload finished (its data is dropped: the report is stored now)."""
    async with store.transaction() as db:
        await db.execute(
            "UPDATE inbox SET status = ?, data = x'' WHERE content_sha = ?", (status, sha)
        )


async def pending(store: KnowledgeStore) -> list[tuple[str, str, bytes, str | None, int | None]]:
    """Uploads not finished: (sha, name, data, town, year)."""
    rows = await store.fetchall(
        "SELECT content_sha, file_name, data, town, year FROM inbox WHERE status = 'pending' "
        "ORDER BY received_at"
    )
    return [(r[0], r[1], bytes(r[2]), r[3], r[4]) for r in rows]


async def superseded(store: KnowledgeStore, sha: str) -> bool:
    """True when a report of the upload's town and year was stored after the upload came:
    finishing the upload now would replace the newer version with the older."""
    row = await store.fetchone(
        "SELECT 1 FROM inbox AS i JOIN reports AS r ON r.town = i.town AND r.year = i.year "
        "WHERE i.content_sha = ? AND r.ingested_at >= i.received_at",
        (sha,),
    )
    return row is not None
