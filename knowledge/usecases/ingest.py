"""Files → parsed reports → the store: one transaction per report, idempotent by content hash."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Final

from knowledge.domain.towns import split_label
from knowledge.errors import (
    ErrorCode,
    KnowledgeError,
    ReportParseError,
    StoreError,
    StoreFull,
    StoreReadOnly,
)
from knowledge.models import IngestResult, ParsedReport
from knowledge.storage.store import KnowledgeStore
from knowledge.text.parse import parse_report
from knowledge.text.readers import MAX_FILE_BYTES, read_document
from knowledge.text.segment import Segmenter

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: Final = (".txt", ".docx")
# Below this many files a worker pool costs more to start than it saves.
POOL_MIN_FILES: Final = 32
_worker_segmenter: Segmenter | None = None


def bundled_corpus_files() -> list[Path]:
    """The five real reports shipped inside the package."""
    folder = resources.files("knowledge").joinpath("corpus")
    return sorted(Path(str(folder)).glob("*.txt"))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the .txt/.docx files inside folders named, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            files.append(path)
    return files


def read_and_parse(
    data: bytes, *, town: str | None = None, year: int | None = None
) -> ParsedReport:
    """Bytes of a .txt/.docx → parsed report (synchronous: run it in a thread)."""
    return parse_report(read_document(data), town=town, year=year)


def own_name_as_we(text: str, town: str) -> str:
    """The text as the index reads it: a report's own town name (税郭镇) becomes 我镇, as most
    reports write it anyway. Town filters find a town's passages; its name in its own text only
    made copies of a county's template differ (东安镇坚持… / 西平镇坚持…), each indexed apart."""
    name = split_label(town)[0]
    if len(name) < 2 or name[-1] not in "镇乡道":
        return text
    return text.replace(name, "我街道" if name.endswith("街道") else "我" + name[-1])


def index_terms(segmenter: Segmenter, parsed: ParsedReport) -> list[str]:
    """The FTS terms of each snippet: its heading path and its text (each heading cut once)."""
    heading_terms: dict[str, str] = {}
    terms = []
    for snippet in parsed.snippets:
        heading = snippet.heading or ""
        if heading not in heading_terms:
            heading_terms[heading] = segmenter.for_index(own_name_as_we(heading, parsed.town))
        text = own_name_as_we(snippet.text, parsed.town)
        terms.append(f"{heading_terms[heading]} {segmenter.for_index(text)}".strip())
    return terms


def _init_worker() -> None:
    global _worker_segmenter
    _worker_segmenter = Segmenter()
    _worker_segmenter.warm_up()


def _prepare_in_worker(data: bytes) -> tuple[ParsedReport, list[str]] | KnowledgeError:
    """Parse and segment in a worker process; a refusal comes back as its reason."""
    assert _worker_segmenter is not None
    try:
        parsed = read_and_parse(data)
    except KnowledgeError as exc:
        return exc
    return parsed, index_terms(_worker_segmenter, parsed)


async def preview_bytes(
    data: bytes, *, town: str | None = None, year: int | None = None
) -> ParsedReport:
    """Parse without storing, for an admin to confirm first.

    Raises:
        KnowledgeError: UnsupportedFile or ReportParseError with a Chinese reason.
    """
    return await asyncio.to_thread(read_and_parse, data, town=town, year=year)


async def store_parsed(
    store: KnowledgeStore,
    segmenter: Segmenter,
    parsed: ParsedReport,
    *,
    name: str,
) -> IngestResult:
    """Index and store a parsed report; the result says added, unchanged or replaced."""
    terms = await asyncio.to_thread(index_terms, segmenter, parsed)
    return await _store_with_terms(store, parsed, terms, name=name)


async def _store_with_terms(
    store: KnowledgeStore, parsed: ParsedReport, terms: list[str], *, name: str
) -> IngestResult:
    before = await store.stored_version(parsed.town, parsed.year, parsed.county)
    status, report_id = await store.add_report(parsed, terms, source_name=name)
    return IngestResult(
        replaced=before if status == "replaced" else None,
        file=name,
        status=status,
        report_id=report_id,
        town=parsed.town,
        county=parsed.county,
        year=parsed.year,
        title=parsed.title,
        snippets=len(parsed.snippets),
        sections=parsed.section_counts(),
        warnings=parsed.warnings,
    )


async def ingest_bytes(
    store: KnowledgeStore,
    segmenter: Segmenter,
    data: bytes,
    *,
    name: str,
    town: str | None = None,
    year: int | None = None,
    merge: bool = True,
) -> IngestResult:
    """Read, parse and store one file's bytes; a bad file gives an "error" result, not a raise.
    `merge`: merge the index afterwards (a batch merges once, at its end)."""
    try:
        parsed = await preview_bytes(data, town=town, year=year)
        terms = await asyncio.to_thread(index_terms, segmenter, parsed)
        result = await _store_safely(store, parsed, terms, name=name)
    except KnowledgeError as exc:
        return IngestResult(file=name, status="error", error=exc.code, error_fields=exc.fields)
    if merge and result.status in ("added", "replaced"):
        await _merge_index(store)
    return result


async def ingest_paths(
    store: KnowledgeStore, segmenter: Segmenter, paths: Iterable[str | Path]
) -> list[IngestResult]:
    """Ingest files and folders; each file is its own transaction, results in input order.

    Many files are parsed and segmented in worker processes (jieba is pure Python and holds
    the GIL) while this process writes to SQLite.
    """
    files = expand_paths(paths)
    pool: Executor | None = None
    if len(files) >= POOL_MIN_FILES and (os.cpu_count() or 1) > 1:
        pool = ProcessPoolExecutor(
            max_workers=min(os.cpu_count() or 2, 4),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
        )
    try:
        results = await _ingest_files(store, segmenter, files, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if any(r.status in ("added", "replaced") for r in results):
        await _merge_index(store)
    return results


async def _merge_index(store: KnowledgeStore) -> None:
    """Merge the index's segments after a batch: each write leaves one more to search."""
    try:
        await store.optimize_index()
    except StoreError as exc:  # a full or busy disk: the index still answers, a little slower
        logger.warning("index not merged after ingest: %s", exc)


Prepared = asyncio.Future[tuple[ParsedReport, list[str]] | KnowledgeError]


async def _ingest_files(
    store: KnowledgeStore, segmenter: Segmenter, files: list[Path], pool: Executor | None
) -> list[IngestResult]:
    loop = asyncio.get_running_loop()

    async def finish(
        path: Path, data: bytes | IngestResult, prepared: Prepared | None
    ) -> IngestResult:
        if isinstance(data, IngestResult):
            return data
        if prepared is None:
            result = await ingest_bytes(store, segmenter, data, name=path.name, merge=False)
        else:
            outcome = await prepared
            if isinstance(outcome, KnowledgeError):
                result = IngestResult(
                    file=path.name, status="error", error=outcome.code, error_fields=outcome.fields
                )
            else:
                result = await _store_safely(store, *outcome, name=path.name)
        return replace(result, file=str(path))

    # A bounded window: workers prepare the next files while this one is written.
    pending: list[tuple[Path, bytes | IngestResult, Prepared | None]] = []
    results: list[IngestResult] = []
    for path in files:
        data = _read_file(path)
        prepared = None
        if pool is not None and isinstance(data, bytes):
            prepared = loop.run_in_executor(pool, _prepare_in_worker, data)
        pending.append((path, data, prepared))
        if len(pending) > 16:
            results.append(await finish(*pending.pop(0)))
    for item in pending:
        results.append(await finish(*item))
    return results


def _read_file(path: Path) -> bytes | IngestResult:
    try:
        if not path.is_file():  # a device (/dev/zero), a pipe or a folder: never read on
            return IngestResult(file=str(path), status="error", error=ErrorCode.NOT_A_FILE)
        if path.stat().st_size > MAX_FILE_BYTES:
            return IngestResult(
                file=str(path),
                status="error",
                error=ErrorCode.FILE_TOO_LARGE,
                error_fields={"limit_mb": MAX_FILE_BYTES // 2**20},
            )
        return path.read_bytes()
    except OSError:
        return IngestResult(file=str(path), status="error", error=ErrorCode.FILE_UNREADABLE)


async def _store_safely(
    store: KnowledgeStore, parsed: ParsedReport, terms: list[str], *, name: str
) -> IngestResult:
    try:
        return await _store_with_terms(store, parsed, terms, name=name)
    except StoreReadOnly:
        return IngestResult(file=name, status="error", error=ErrorCode.READ_ONLY)
    except StoreFull:
        return IngestResult(file=name, status="error", error=ErrorCode.STORE_FULL)


async def ensure_corpus(store: KnowledgeStore, segmenter: Segmenter) -> list[IngestResult]:
    """Fill an empty database from the bundled corpus; a filled one is left alone."""
    if store.read_only or await store.report_count() > 0:
        return []
    logger.info("empty database: loading the bundled corpus")
    results = await ingest_paths(store, segmenter, bundled_corpus_files())
    failed = [r for r in results if r.status == "error"]
    if failed:
        raise ReportParseError(
            f"bundled corpus failed to load: {failed[0].file}: {failed[0].error}"
        )
    return results


INDEX_SIGNATURE_KEY: Final = "index_signature"


async def refresh_index(store: KnowledgeStore, segmenter: Segmenter) -> int:
    """Rebuild the stored index terms when the segmenter's dictionary changed since they were
    made (a new domain word such as 反诈 is one token in new reports and must be one in old
    ones too). Returns how many snippets were re-indexed; 0 when current or read-only."""
    if store.read_only:
        return 0
    signature = segmenter.signature()
    if await store.get_meta(INDEX_SIGNATURE_KEY) == signature:
        return 0
    sources = await store.snippet_sources()

    def cut_all() -> list[tuple[int, str]]:
        headings: dict[str, str] = {}
        terms = []
        for snippet_id, heading, text, town in sources:
            key = own_name_as_we(heading or "", town)
            if key not in headings:
                headings[key] = segmenter.for_index(key)
            body = segmenter.for_index(own_name_as_we(text, town))
            terms.append((snippet_id, f"{headings[key]} {body}".strip()))
        return terms

    terms = await asyncio.to_thread(cut_all)
    await store.rewrite_terms(terms, meta=(INDEX_SIGNATURE_KEY, signature))
    logger.info("index rebuilt for a new dictionary: %d snippets", len(terms))
    return len(terms)
