"""The knowledge layer's front door: one object that opens the store and runs the use cases."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from pathlib import Path

from knowledge.ingest import ensure_corpus, ingest_bytes, ingest_paths, preview_bytes, store_parsed
from knowledge.models import Answer, IngestResult, ParsedReport, QueryFilters, Report
from knowledge.search import Retriever
from knowledge.segment import Segmenter
from knowledge.store import KnowledgeStore
from knowledge.towns import resolve_town

logger = logging.getLogger(__name__)


class Knowledge:
    """Store, segmenter and retriever, opened once and shared by every chat."""

    def __init__(self, store: KnowledgeStore, segmenter: Segmenter) -> None:
        self.store = store
        self.segmenter = segmenter
        self.retriever = Retriever(store, segmenter)

    @classmethod
    async def open(
        cls,
        db_path: str | Path,
        *,
        read_only: bool = False,
        load_corpus: bool = True,
        segmenter: Segmenter | None = None,
    ) -> Knowledge:
        """Open the database (creating and filling an empty one from the bundled corpus).

        Raises:
            DatabaseMissing: read-only mode and the file does not exist.
            StoreError: the file is not a usable database.
        """
        segmenter = segmenter or Segmenter()
        store = KnowledgeStore(db_path, read_only=read_only)
        await asyncio.gather(store.open(), asyncio.to_thread(segmenter.warm_up))
        knowledge = cls(store, segmenter)
        if load_corpus:
            try:
                await ensure_corpus(store, segmenter)
            except BaseException:
                await store.close()
                raise
        return knowledge

    async def close(self) -> None:
        """Close the store."""
        await self.store.close()

    async def ask(
        self, question: str, *, filters: QueryFilters | None = None, limit: int = 5
    ) -> Answer:
        """The best snippets for a question in plain Chinese."""
        filters = await self.resolve_filters(filters or QueryFilters())
        return await self.retriever.search(question, filters=filters, limit=limit)

    async def resolve_filters(self, filters: QueryFilters) -> QueryFilters:
        """Turn a user's town name into the stored one (拾万 → 拾万镇).

        Raises:
            TownNotFound: the town is unknown.
        """
        if filters.town is None:
            return filters
        town = resolve_town(filters.town, await self.store.list_towns())
        return QueryFilters(town=town, year=filters.year, section=filters.section)

    async def ingest_files(self, paths: Iterable[str | Path]) -> list[IngestResult]:
        """Ingest files or folders of .txt/.docx."""
        return await ingest_paths(self.store, self.segmenter, paths)

    async def ingest_upload(
        self, data: bytes, *, name: str, town: str | None = None, year: int | None = None
    ) -> IngestResult:
        """Ingest one uploaded file's bytes."""
        return await ingest_bytes(
            self.store, self.segmenter, data, name=name, town=town, year=year
        )

    async def preview_upload(
        self, data: bytes, *, town: str | None = None, year: int | None = None
    ) -> ParsedReport:
        """Parse an upload without storing it."""
        return await preview_bytes(data, town=town, year=year)

    async def store_report(self, parsed: ParsedReport, *, name: str) -> IngestResult:
        """Store a report parsed earlier (after an admin confirmed it)."""
        return await store_parsed(self.store, self.segmenter, parsed, name=name)

    async def reports(self) -> list[Report]:
        """The stored reports."""
        return await self.store.list_reports()

    async def towns(self) -> list[str]:
        """The stored towns."""
        return await self.store.list_towns()
