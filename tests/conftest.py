"""Shared fixtures: a real jieba segmenter, real SQLite files, the real bundled corpus."""

from __future__ import annotations

import asyncio
import gc
import shutil
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import aiosqlite
import pytest

from knowledge.service import Knowledge
from knowledge.storage.store import KnowledgeStore
from knowledge.text.segment import Segmenter
from knowledge.usecases.ingest import bundled_corpus_files

if TYPE_CHECKING:
    from tests.fakebot import FakeBotApi

CORPUS_FILES = bundled_corpus_files()


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    """One warmed-up segmenter for the whole run (loading jieba takes about half a second)."""
    seg = Segmenter()
    seg.warm_up()
    return seg


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> Path:
    """A database filled from the bundled corpus once; tests get copies of it."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"

    async def build() -> None:
        knowledge = await Knowledge.open(path, segmenter=segmenter)
        await knowledge.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        await knowledge.close()

    asyncio.run(build())
    return path


@pytest.fixture
def seeded_db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded database."""
    path = tmp_path / "township.db"
    shutil.copy(seeded_db_file, path)
    return path


@pytest.fixture
async def knowledge(seeded_db_path: Path, segmenter: Segmenter) -> AsyncIterator[Knowledge]:
    """The knowledge base over a copy of the seeded database, always closed."""
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        yield kb
    finally:
        await kb.close()


@pytest.fixture
async def fresh_store(tmp_path: Path) -> AsyncIterator[KnowledgeStore]:
    """An empty store in a new file."""
    store = KnowledgeStore(tmp_path / "fresh.db")
    await store.open()
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def empty_knowledge(tmp_path: Path, segmenter: Segmenter) -> AsyncIterator[Knowledge]:
    """A knowledge base with no reports (the corpus is not loaded)."""
    kb = await Knowledge.open(tmp_path / "empty.db", segmenter=segmenter, load_corpus=False)
    try:
        yield kb
    finally:
        await kb.close()


def corpus_text(prefix: str) -> str:
    """The text of a bundled report by its file prefix ('000' … '004')."""
    return next(p for p in CORPUS_FILES if p.name.startswith(prefix)).read_text(encoding="utf-8")


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """The fake Telegram Bot API server on 127.0.0.1."""
    from tests.fakebot import FakeBotApi

    fake = FakeBotApi()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail, never hang, when a test left a database connection open.

    aiosqlite's worker thread is not a daemon, and with warnings as errors its __del__ raises
    before it stops the thread: one leaked connection would keep the run alive forever.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
        leaked = [
            obj
            for obj in gc.get_objects()
            if isinstance(obj, aiosqlite.Connection) and obj._connection is not None
        ]
        for connection in leaked:
            connection.stop()
    if leaked:
        print(f"\n{len(leaked)} database connection(s) were left open by a test")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
