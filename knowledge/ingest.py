"""Files → parsed reports → the store: one transaction per report, idempotent by content hash."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Final

from knowledge.errors import KnowledgeError, ReportParseError, StoreFull, StoreReadOnly
from knowledge.models import IngestResult, ParsedReport
from knowledge.parse import parse_report
from knowledge.readers import MAX_FILE_BYTES, read_document
from knowledge.segment import Segmenter
from knowledge.store import KnowledgeStore

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: Final = (".txt", ".docx")


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
    terms = await asyncio.to_thread(
        lambda: [segmenter.for_index(f"{s.heading or ''} {s.text}") for s in parsed.snippets]
    )
    status, report_id = await store.add_report(parsed, terms, source_name=name)
    return IngestResult(
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
) -> IngestResult:
    """Read, parse and store one file's bytes; a bad file gives an "error" result, not a raise."""
    try:
        parsed = await preview_bytes(data, town=town, year=year)
        return await store_parsed(store, segmenter, parsed, name=name)
    except StoreReadOnly:
        return IngestResult(file=name, status="error", error="当前为只读模式，暂不能添加报告")
    except StoreFull:
        return IngestResult(file=name, status="error", error="存储空间不足，报告未保存")
    except KnowledgeError as exc:
        reason = getattr(exc, "reason", None) or "无法读取该文件"
        return IngestResult(file=name, status="error", error=reason)


async def ingest_paths(
    store: KnowledgeStore, segmenter: Segmenter, paths: Iterable[str | Path]
) -> list[IngestResult]:
    """Ingest files and folders; each file is its own transaction."""
    results = []
    for path in expand_paths(paths):
        name = path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                results.append(
                    IngestResult(
                        file=str(path), status="error", error="文件超过 20MB，请压缩或拆分后再上传"
                    )
                )
                continue
            data = path.read_bytes()
        except OSError:
            results.append(
                IngestResult(file=str(path), status="error", error="文件不存在或无法读取")
            )
            continue
        result = await ingest_bytes(store, segmenter, data, name=name)
        results.append(IngestResult(**{**_as_dict(result), "file": str(path)}))
    return results


def _as_dict(result: IngestResult) -> dict[str, object]:
    return {name: getattr(result, name) for name in IngestResult.__slots__}


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
