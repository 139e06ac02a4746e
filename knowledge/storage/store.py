"""The SQLite store of reports and snippets (aiosqlite, WAL, FTS5 kept in sync by triggers)."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

import aiosqlite

from knowledge.domain.towns import split_label, town_label
from knowledge.errors import (
    DatabaseMissing,
    StoreBusy,
    StoreClosed,
    StoreError,
    StoreFull,
    StoreReadOnly,
)
from knowledge.models import ParsedReport, QueryFilters, Report, Snippet

logger = logging.getLogger(__name__)

SCHEMA_VERSION: Final = 6
BUSY_TIMEOUT_MS: Final = 5000
# How often cached counts are checked against writes by another process (a CLI ingest beside
# the running bot); SQLite's data_version tells, at the cost of one round trip.
CACHE_CHECK_SECONDS: Final = 1.0
# Document frequencies kept per term: questions reuse a small vocabulary, and counting a long
# posting list through fts5vocab costs milliseconds.
TERM_CACHE_SIZE: Final = 20_000

_SNIPPET_COLUMNS: Final = (
    "s.snippet_id, s.report_id, r.town, r.county, r.year, s.section, "
    "(SELECT group_concat(t.topic) FROM snippet_topics AS t WHERE t.snippet_id = s.snippet_id), "
    "s.heading, s.text, s.ordinal"
)


def schema_sql() -> str:
    """The schema every new database is made with."""
    return resources.files("knowledge.storage").joinpath("schema.sql").read_text(encoding="utf-8")


def filter_clause(filters: QueryFilters) -> tuple[str, list[Any]]:
    """SQL conditions (on s = snippets, r = reports) and parameters for the filters."""
    conditions: list[str] = []
    params: list[Any] = []
    if filters.town is not None:
        town, county = split_label(filters.town)
        conditions.append("r.town = ?")
        params.append(town)
        if county is not None:
            conditions.append("r.county = ?")
            params.append(county)
    if filters.year is not None:
        conditions.append("r.year = ?")
        params.append(filters.year)
    if filters.section is not None:
        conditions.append("s.section = ?")
        params.append(filters.section)
    return (" AND ".join(conditions) or "1"), params


RANK_DIGITS: Final = 3


def filtered_search_sql(
    match_expr: str, filters: QueryFilters, limit: int
) -> tuple[str, list[Any]]:
    """The FTS5 query for candidates within filters; match_expr must come from
    Segmenter.match_expr. Within one town the town's few snippets lead and each looks up its
    passage's rank (CROSS JOIN fixes that order); otherwise the matching passages lead and
    join their copies, keeping only those within the filters before the sort by bm25."""
    where, params = filter_clause(filters)
    source = (
        "reports AS r CROSS JOIN snippets AS s ON r.report_id = s.report_id "
        "CROSS JOIN passages_fts AS f ON f.rowid = s.passage_id"
        if filters.town is not None
        else "passages_fts AS f JOIN snippets AS s ON s.passage_id = f.rowid "
        "JOIN reports AS r ON r.report_id = s.report_id"
    )
    sql = (
        # max(s.snippet_id) makes SQLite take the other columns from each group's newest copy.
        f"SELECT {_SNIPPET_COLUMNS}, f.rank, s.terms, max(s.snippet_id) FROM {source} "
        f"WHERE passages_fts MATCH ? AND {where} GROUP BY round(f.rank, {RANK_DIGITS}) "
        "ORDER BY f.rank LIMIT ?"
    )
    return sql, [match_expr, *params, limit]


# Every matching passage is ranked (bm25 costs about 1.6 µs a row), so an early report is
# found by its own words after thousands of newer ones. A passage is ranked once for all its
# copies; passages that differ only in a town's name score the same to RANK_DIGITS places, and
# each such group is one candidate (its newest passage), so the candidates are distinct.
COPIES_PER_PASSAGE: Final = 4
BEST_COPIES_SQL: Final = (
    "WITH best AS (SELECT max(rowid) AS pid, min(rank) AS best_rank, count(*) AS passages "
    "FROM passages_fts WHERE passages_fts MATCH ? "
    f"GROUP BY round(rank, {RANK_DIGITS}) ORDER BY min(rank) LIMIT ?) "
    f"SELECT {_SNIPPET_COLUMNS}, s.terms, s.passage_id, p.copies, best.best_rank, best.passages "
    "FROM best JOIN passages AS p ON p.passage_id = best.pid "
    # The newest copies of each passage (a few), by the index on snippets (passage_id): one of
    # them stands for the passage, from a town the better passages do not already show.
    "JOIN snippets AS s ON s.snippet_id IN (SELECT c.snippet_id FROM snippets AS c "
    f"WHERE c.passage_id = best.pid ORDER BY c.snippet_id DESC LIMIT {COPIES_PER_PASSAGE}) "
    "JOIN reports AS r ON r.report_id = s.report_id ORDER BY s.snippet_id DESC"
)


def _writable(path: Path) -> bool:
    """True when the file (or, before it exists, the nearest folder above it) can be written."""
    target = path
    while not target.exists() and target != target.parent:
        target = target.parent
    return os.access(target, os.W_OK)


def _inode_of(path: Path, suffix: str) -> int | None:
    """The inode of a file beside the database (None when it does not exist)."""
    try:
        return Path(f"{path}{suffix}").stat().st_ino
    except FileNotFoundError:
        return None


def _to_snippet(row: Sequence[Any]) -> Snippet:
    return Snippet(
        snippet_id=row[0],
        report_id=row[1],
        town=town_label(row[2], row[3]),
        county=row[3],
        year=row[4],
        section=row[5],
        topics=tuple(sorted(row[6].split(","))) if row[6] else (),
        heading=row[7],
        text=row[8],
        ordinal=row[9],
    )


async def _move_topics_to_rows(db: aiosqlite.Connection) -> None:
    """Schema 4: the comma-joined topics column of versions 1-3 becomes snippet_topics rows."""
    async with db.execute("SELECT name FROM pragma_table_info('snippets')") as cursor:
        columns = {str(row[0]) for row in await cursor.fetchall()}
    if "topics" not in columns:
        return
    async with db.execute("SELECT snippet_id, topics FROM snippets WHERE topics != ''") as cursor:
        rows = await cursor.fetchall()
    await db.executemany(
        "INSERT OR IGNORE INTO snippet_topics (topic, snippet_id) VALUES (?, ?)",
        [(topic, int(row[0])) for row in rows for topic in str(row[1]).split(",") if topic],
    )
    await db.execute("ALTER TABLE snippets DROP COLUMN topics")


async def _recorded_version(db: aiosqlite.Connection) -> int | None:
    """The schema version a database records (None for a new, empty file)."""
    async with db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ) as cursor:
        if await cursor.fetchone() is None:
            return None
    async with db.execute("SELECT max(version) FROM schema_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def _add_passage_column(db: aiosqlite.Connection) -> None:
    """Schema 6, before the schema file runs (it indexes the column): snippets.passage_id."""
    async with db.execute("SELECT name FROM pragma_table_info('snippets')") as cursor:
        columns = {str(row[0]) for row in await cursor.fetchall()}
    if columns and "passage_id" not in columns:
        await db.execute("ALTER TABLE snippets ADD COLUMN passage_id INTEGER")


async def _index_passages(db: aiosqlite.Connection) -> None:
    """Schema 6: the per-snippet FTS index of versions 1-5 becomes one row per distinct
    wording (passages, filled here; the schema file's triggers keep it in step)."""
    for name in ("snippets_ai", "snippets_ad", "snippets_au"):
        await db.execute(f"DROP TRIGGER IF EXISTS {name}")
    await db.execute("DROP TABLE IF EXISTS snippets_vocab")
    await db.execute("DROP TABLE IF EXISTS snippets_fts")
    await db.execute("DELETE FROM passages")
    await db.execute(
        "INSERT INTO passages (terms, copies) SELECT terms, count(*) FROM snippets GROUP BY terms"
    )
    await db.execute(
        "UPDATE snippets SET passage_id = "
        "(SELECT passage_id FROM passages AS p WHERE p.terms = snippets.terms)"
    )
    await db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')")


def translate_sqlite_error(exc: sqlite3.Error) -> StoreError:
    """Map SQLite's messages to the store's named errors."""
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return StoreBusy(str(exc))
    if "readonly" in message or "read-only" in message:
        return StoreReadOnly(str(exc))
    if "full" in message:
        return StoreFull(str(exc))
    return StoreError(str(exc))


class KnowledgeStore:
    """Reports and snippets in one SQLite file; one connection, writes serialised by a lock."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.busy_timeout_ms = busy_timeout_ms
        self._db: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._inode: int | None = None
        self._sidecars: dict[str, int | None] = {}  # -wal / -shm inodes, watched while serving
        # Read on every query, changed only by writes: cached and dropped at each commit here
        # and whenever data_version shows a commit by another connection.
        self._snippet_count: int | None = None
        self._passage_count: int | None = None
        self._report_count: int | None = None
        self._towns: list[str] | None = None
        self._term_docs: dict[str, int] = {}
        self._data_version: int | None = None
        self._checked_at = -CACHE_CHECK_SECONDS
        self.cache_check_seconds = CACHE_CHECK_SECONDS

    async def open(self, *, create: bool = True) -> None:
        """Open the database, creating it and applying the schema unless read-only.

        Raises:
            DatabaseMissing: the file does not exist and create is False or read-only.
            StoreError: the file is not a usable database.
        """
        exists = self.path.exists()
        if not exists and (self.read_only or not create):
            raise DatabaseMissing(str(self.path))
        if not self.read_only and not _writable(self.path):
            raise StoreReadOnly(f"{self.path} is not writable")
        try:
            if self.read_only:
                self._db = await self._connect_read_only()
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = await aiosqlite.connect(self.path)
            await self._db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            await self._db.execute("PRAGMA foreign_keys = ON")
            if not self.read_only:
                await self._db.execute("PRAGMA journal_mode = WAL")
                await self._db.execute("PRAGMA synchronous = NORMAL")
                await self._migrate()
            else:
                await self._db.execute("SELECT count(*) FROM reports")
        except sqlite3.Error as exc:
            await self.close()
            raise translate_sqlite_error(exc) from exc
        self._inode = self.path.stat().st_ino
        if not self.read_only:
            self._sidecars = {suffix: _inode_of(self.path, suffix) for suffix in ("-wal", "-shm")}

    async def _connect_read_only(self) -> aiosqlite.Connection:
        """A read-only connection. A WAL database whose folder cannot be written (a read-only
        filesystem) has no -shm to share: it is opened as immutable, nobody can write it."""
        base = f"file:{self.path.resolve()}?mode=ro"
        if os.access(self.path.parent, os.W_OK) or Path(f"{self.path}-shm").exists():
            return await aiosqlite.connect(base, uri=True)
        logger.warning("%s is on a read-only filesystem: opened as immutable", self.path)
        return await aiosqlite.connect(base + "&immutable=1", uri=True)

    async def close(self) -> None:
        """Close the connection; safe to call twice."""
        if self._db is not None:
            db, self._db = self._db, None
            await db.close()

    async def __aenter__(self) -> KnowledgeStore:
        await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        """The open connection."""
        if self._db is None:
            raise StoreClosed("store is not open")
        return self._db

    def check_file(self) -> None:
        """Raise DatabaseMissing if the file, or the WAL files that hold its latest writes,
        were deleted or replaced under us."""
        try:
            inode = self.path.stat().st_ino
        except FileNotFoundError as exc:
            raise DatabaseMissing(str(self.path)) from exc
        if self._inode is not None and inode != self._inode:
            raise DatabaseMissing(str(self.path))
        for suffix, known in self._sidecars.items():
            if known is not None and _inode_of(self.path, suffix) != known:
                raise DatabaseMissing(f"{self.path}{suffix}")

    async def rescue_wal(self) -> None:
        """Copy what the WAL holds into the database file through our still-open handles (the
        WAL file may be gone from the folder): confirmed uploads are not lost."""
        if self._db is None or self.read_only:
            return
        try:
            await self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            logger.error("could not checkpoint the WAL before stopping: %s", exc)

    async def _migrate(self) -> None:
        db = self.db
        current = await _recorded_version(db)
        if current is not None and current < 6:
            await _add_passage_column(db)
        await db.executescript(schema_sql())
        if current is None:
            await db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        elif current < SCHEMA_VERSION:
            # Additive versions are applied by the idempotent schema file above; a change that
            # alters existing tables would be a named step here, keyed by the version it reaches.
            logger.info("migrating schema from version %s to %s", current, SCHEMA_VERSION)
            if current < 3:
                # The report is due before 1 March (2019 rule), not at the quarter's end.
                await db.execute(
                    "UPDATE OR REPLACE reminders SET deadline_key = 'report', "
                    "due_on = date(substr(due_on, 1, 4) || '-03-01', '-1 day') "
                    "WHERE deadline_key = 'report_q1'"
                )
            if current < 4:
                await _move_topics_to_rows(db)
            if current < 6:
                await _index_passages(db)
            await db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
        elif current > SCHEMA_VERSION:
            raise StoreError(
                f"database schema {current} is newer than this program's {SCHEMA_VERSION}"
            )
        await db.commit()

    async def schema_version(self) -> int:
        """The schema version recorded in the database."""
        row = await self.fetchone("SELECT max(version) FROM schema_version")
        return int(row[0]) if row and row[0] is not None else 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: all of it is stored, or none of it."""
        if self.read_only:
            raise StoreReadOnly(str(self.path))
        async with self._write_lock:
            db = self.db
            try:
                await db.execute("BEGIN IMMEDIATE")
                yield db
                await db.commit()
                self._drop_caches()
            except BaseException as exc:
                await db.rollback()
                if isinstance(exc, sqlite3.Error):
                    raise translate_sqlite_error(exc) from exc
                raise

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Run a read query and return its rows, in one trip to the database thread (a cursor
        would cost three: execute, fetch and close)."""
        try:
            return list(await self.db.execute_fetchall(sql, tuple(params)))
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        """Run a read query and return its first row."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    def _drop_caches(self) -> None:
        self._snippet_count = self._passage_count = self._report_count = self._towns = None
        self._term_docs.clear()

    async def _check_caches(self) -> None:
        """Drop the caches if another connection committed since they were filled."""
        now = time.monotonic()
        if now - self._checked_at < self.cache_check_seconds:
            return
        self._checked_at = now
        row = await self.fetchone("PRAGMA data_version")
        version = int(row[0]) if row else 0
        if version != self._data_version:
            self._data_version = version
            self._drop_caches()

    # Reports ------------------------------------------------------------------------------

    async def add_report(
        self, parsed: ParsedReport, terms: Sequence[str], *, source_name: str | None
    ) -> tuple[Literal["added", "unchanged", "replaced"], int]:
        """Store a parsed report with its index terms (one string per snippet).

        The same text twice changes nothing; a new text for the same town and year replaces
        the old report. All in one transaction.
        """
        async with self.transaction() as db:
            async with db.execute(
                "SELECT report_id FROM reports WHERE content_hash = ?", (parsed.content_hash,)
            ) as cursor:
                same = await cursor.fetchone()
            if same is not None:
                return "unchanged", int(same[0])
            async with db.execute(
                "SELECT report_id FROM reports WHERE town = ? AND year = ? "
                "AND (county IS ? OR county IS NULL OR ? IS NULL)",
                (parsed.town, parsed.year, parsed.county, parsed.county),
            ) as cursor:
                older = [int(row[0]) for row in await cursor.fetchall()]
            for report_id in older:
                await db.execute("DELETE FROM reports WHERE report_id = ?", (report_id,))
            cursor = await db.execute(
                "INSERT INTO reports (content_hash, town, county, province, year, title, "
                "doc_number, addressee, issued_on, source_name) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    parsed.content_hash,
                    parsed.town,
                    parsed.county,
                    parsed.province,
                    parsed.year,
                    parsed.title,
                    parsed.doc_number,
                    parsed.addressee,
                    parsed.issued_on,
                    source_name,
                ),
            )
            report_id = int(cursor.lastrowid or 0)
            for snippet, snippet_terms in zip(parsed.snippets, terms, strict=True):
                cursor = await db.execute(
                    "INSERT INTO snippets (report_id, ordinal, section, heading, text, terms) "
                    "VALUES (?,?,?,?,?,?)",
                    (
                        report_id,
                        snippet.ordinal,
                        snippet.section,
                        snippet.heading,
                        snippet.text,
                        snippet_terms,
                    ),
                )
                await db.executemany(
                    "INSERT OR IGNORE INTO snippet_topics (topic, snippet_id) VALUES (?, ?)",
                    [(topic, cursor.lastrowid) for topic in snippet.topics],
                )
        return ("replaced" if older else "added"), report_id

    async def stored_version(
        self, town: str, year: int, county: str | None
    ) -> tuple[str, str] | None:
        """(file name, stored at) of the report that adding this town and year would replace."""
        row = await self.fetchone(
            "SELECT source_name, ingested_at FROM reports WHERE town = ? AND year = ? "
            "AND (county IS ? OR county IS NULL OR ? IS NULL) ORDER BY ingested_at DESC",
            (town, year, county, county),
        )
        return (str(row[0] or ""), str(row[1])) if row else None

    async def find_report_by_hash(self, content_hash: str) -> Report | None:
        """The stored report with this content hash, if any."""
        reports = await self._select_reports("r.content_hash = ?", (content_hash,))
        return reports[0] if reports else None

    async def find_report(self, town: str, year: int) -> Report | None:
        """The stored report of a town for a year, if any."""
        reports = await self.list_reports(town=town, year=year)
        return reports[0] if reports else None

    async def list_reports(
        self, *, town: str | None = None, year: int | None = None
    ) -> list[Report]:
        """Stored reports (of a town label, of a year) with their snippet counts per section,
        newest first."""
        where, params = filter_clause(QueryFilters(town=town, year=year))
        return await self._select_reports(where, params)

    async def _select_reports(self, where: str, params: Sequence[Any]) -> list[Report]:
        rows = await self.fetchall(
            "SELECT r.report_id, r.town, r.county, r.province, r.year, r.title, r.doc_number, "
            "r.addressee, r.issued_on, r.source_name, "
            "(SELECT group_concat(section || ':' || n) FROM (SELECT section, count(*) AS n "
            " FROM snippets WHERE report_id = r.report_id GROUP BY section)) "
            f"FROM reports AS r WHERE {where} ORDER BY r.year DESC, r.town",
            params,
        )
        reports = []
        for row in rows:
            sections = {
                part.split(":")[0]: int(part.split(":")[1])
                for part in (row[10] or "").split(",")
                if part
            }
            reports.append(
                Report(
                    report_id=row[0],
                    town=row[1],
                    county=row[2],
                    province=row[3],
                    year=row[4],
                    title=row[5],
                    doc_number=row[6],
                    addressee=row[7],
                    issued_on=row[8],
                    source_name=row[9],
                    snippets=sum(sections.values()),
                    sections=sections,
                )
            )
        return reports

    async def latest_report(self, town: str) -> Report | None:
        """The newest stored report of a town label (xx镇（郁南县） or 拾万镇)."""
        reports = await self.list_reports(town=town)
        return reports[0] if reports else None

    async def report_lengths(self) -> list[tuple[int, str, int]]:
        """Each stored report's length in characters (its snippets' text), town label, year."""
        rows = await self.fetchall(
            "SELECT sum(length(s.text)), r.town, r.county, r.year FROM snippets AS s "
            "JOIN reports AS r ON r.report_id = s.report_id GROUP BY s.report_id"
        )
        return [(int(row[0]), town_label(row[1], row[2]), int(row[3])) for row in rows if row[0]]

    async def count_reports_matching(self, match_expr: str) -> int:
        """How many reports have a snippet matching the expression (from Segmenter.match_expr)."""
        row = await self.fetchone(
            "SELECT count(DISTINCT s.report_id) FROM passages_fts AS f "
            "JOIN snippets AS s ON s.passage_id = f.rowid WHERE passages_fts MATCH ?",
            (match_expr,),
        )
        return int(row[0]) if row else 0

    async def towns_matching(self, match_expr: str) -> set[str]:
        """The town labels of the reports with a snippet matching the expression."""
        rows = await self.fetchall(
            "SELECT DISTINCT r.town, r.county FROM passages_fts AS f "
            "JOIN snippets AS s ON s.passage_id = f.rowid "
            "JOIN reports AS r ON r.report_id = s.report_id WHERE passages_fts MATCH ?",
            (match_expr,),
        )
        return {town_label(row[0], row[1]) for row in rows}

    async def count_reports_with_topic(self, topic: str) -> int:
        """How many reports have a passage tagged with this topic."""
        row = await self.fetchone(
            "SELECT count(DISTINCT s.report_id) FROM snippet_topics AS t "
            "JOIN snippets AS s ON s.snippet_id = t.snippet_id WHERE t.topic = ?",
            (topic,),
        )
        return int(row[0]) if row else 0

    async def reports_per_section(self) -> dict[str, int]:
        """How many reports have a part of each section."""
        rows = await self.fetchall(
            "SELECT section, count(DISTINCT report_id) FROM snippets GROUP BY section"
        )
        return {str(row[0]): int(row[1]) for row in rows}

    async def count_reports_with_section(self, section: str) -> int:
        """How many reports have a part of this section."""
        row = await self.fetchone(
            "SELECT count(DISTINCT report_id) FROM snippets WHERE section = ?", (section,)
        )
        return int(row[0]) if row else 0

    # Index maintenance ----------------------------------------------------------------------

    async def get_meta(self, key: str) -> str | None:
        """A value kept beside the data (the signature of the segmenter that built the index)."""
        row = await self.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def snippet_sources(self) -> list[tuple[int, str | None, str, str]]:
        """Every snippet's id, heading, text and town: what the index is built from."""
        rows = await self.fetchall(
            "SELECT s.snippet_id, s.heading, s.text, r.town FROM snippets AS s "
            "JOIN reports AS r ON r.report_id = s.report_id"
        )
        return [(int(r[0]), r[1], str(r[2]), str(r[3])) for r in rows]

    async def rewrite_terms(
        self, terms: Sequence[tuple[int, str]], *, meta: tuple[str, str]
    ) -> None:
        """Replace the index terms of the given snippets and record what built them, in one
        transaction (the update trigger keeps the FTS table in step)."""
        async with self.transaction() as db:
            await db.executemany(
                "UPDATE snippets SET terms = ? WHERE snippet_id = ?",
                [(t, snippet_id) for snippet_id, t in terms],
            )
            await db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')")
            await db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                meta,
            )

    async def optimize_index(self) -> None:
        """Merge the full-text index into one segment (FTS5 'optimize'): after a batch of
        writes a question reads one b-tree, not one per write (0.1 s for 5,000 reports)."""
        async with self.transaction() as db:
            await db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')")

    async def report_count(self) -> int:
        """How many reports are stored (cached until the next write, as the other counts)."""
        await self._check_caches()
        if self._report_count is None:
            row = await self.fetchone("SELECT count(*) FROM reports")
            self._report_count = int(row[0]) if row else 0
        return self._report_count

    async def list_towns(self) -> list[str]:
        """Distinct town names, most reports first."""
        await self._check_caches()
        if self._towns is None:
            rows = await self.fetchall(
                "SELECT town, county FROM reports GROUP BY town, county "
                "ORDER BY count(*) DESC, town, county"
            )
            labels = [town_label(row[0], row[1]) for row in rows]
            self._towns = list(dict.fromkeys(labels))
        return list(self._towns)

    # Snippets -----------------------------------------------------------------------------

    async def search_fts(
        self, match_expr: str, filters: QueryFilters, *, limit: int
    ) -> list[tuple[Snippet, float, str]]:
        """Candidates for a MATCH expression: snippet, FTS5 rank (bm25: lower is better), and
        the indexed terms (search form, for reranking without normalising again)."""
        found, _ = await self.search_fts_counted(match_expr, filters, limit=limit)
        return found

    async def search_fts_counted(
        self, match_expr: str, filters: QueryFilters, *, limit: int
    ) -> tuple[list[tuple[Snippet, float, str]], int]:
        """search_fts, and how many snippets matched in all (copies of one passage, which
        are one candidate, each count): enough matches need no looser search."""
        if filters != QueryFilters():
            rows = await self.fetchall(*filtered_search_sql(match_expr, filters, limit))
            within = [(_to_snippet(row), float(row[10]), str(row[11])) for row in rows]
            return within, len(within)
        # One trip: the best passages, each group of equal rank once, with a few newest copies.
        rows = await self.fetchall(BEST_COPIES_SQL, (match_expr, limit))
        copies: dict[int, list[tuple[Snippet, str]]] = {}
        rank_of: dict[int, float] = {}
        matched = 0
        for row in rows:  # newest first
            passage_id = int(row[11])
            if passage_id not in rank_of:
                rank_of[passage_id] = float(row[13])
                # Looking up every match's copies would cost more than ranking them: the
                # group's other passages count once, its representative with all its copies.
                matched += int(row[12] or 0) + int(row[14]) - 1
            copies.setdefault(passage_id, []).append((_to_snippet(row), str(row[10])))
        found: list[tuple[Snippet, float, str]] = []
        shown: set[str] = set()
        for passage_id in sorted(copies, key=rank_of.__getitem__):
            options = copies[passage_id]
            snippet, terms = next(((s, t) for s, t in options if s.town not in shown), options[0])
            shown.add(snippet.town)
            found.append((snippet, rank_of[passage_id], terms))
        return found, matched

    async def get_snippets(
        self,
        filters: QueryFilters,
        *,
        topic: str | None = None,
        report_id: int | None = None,
        limit: int = 1000,
    ) -> list[Snippet]:
        """Snippets by filters, in report order."""
        where, params = filter_clause(filters)
        if topic is not None:
            where += " AND s.snippet_id IN (SELECT snippet_id FROM snippet_topics WHERE topic = ?)"
            params.append(topic)
        if report_id is not None:
            where += " AND s.report_id = ?"
            params.append(report_id)
        # Walking the reports in (year, town) order stops after `limit` rows, where sorting a
        # whole part (存在的问题 in 5,000 reports) costs 20 ms. A rare topic is the exception:
        # the walk would pass most reports to find it, so SQLite picks the order there.
        join = "CROSS JOIN" if topic is None else "JOIN"
        rows = await self.fetchall(
            f"SELECT {_SNIPPET_COLUMNS} FROM reports AS r {join} snippets AS s "
            "ON r.report_id = s.report_id "
            f"WHERE {where} ORDER BY r.year DESC, r.town, s.ordinal LIMIT ?",
            [*params, limit],
        )
        return [_to_snippet(row) for row in rows]

    async def snippet_count(self) -> int:
        """How many snippets are stored."""
        await self._check_caches()
        if self._snippet_count is None:
            row = await self.fetchone("SELECT count(*) FROM snippets")
            self._snippet_count = int(row[0]) if row else 0
        return self._snippet_count

    async def passage_count(self) -> int:
        """How many distinct passages are indexed (copies of one wording are one)."""
        await self._check_caches()
        if self._passage_count is None:
            row = await self.fetchone("SELECT count(*) FROM passages")
            self._passage_count = int(row[0]) if row else 0
        return self._passage_count

    async def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """In how many passages each indexed term occurs (fts5vocab)."""
        await self._check_caches()
        unknown = sorted({t for t in terms if t not in self._term_docs})
        if unknown:
            marks = ",".join("?" for _ in unknown)
            rows = await self.fetchall(
                f"SELECT term, doc FROM passages_vocab WHERE term IN ({marks})", unknown
            )
            if len(self._term_docs) + len(unknown) > TERM_CACHE_SIZE:
                self._term_docs.clear()
            self._term_docs.update(dict.fromkeys(unknown, 0))
            self._term_docs.update((row[0], int(row[1])) for row in rows)
        return {t: self._term_docs[t] for t in terms if self._term_docs.get(t)}

    async def integrity_check(self) -> str:
        """SQLite's integrity check and FTS5's own: 'ok' when both pass."""
        row = await self.fetchone("PRAGMA integrity_check")
        result = str(row[0]) if row else "no answer"
        if result == "ok" and not self.read_only:
            try:
                await self.db.execute(
                    "INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')"
                )
            except sqlite3.Error as exc:
                return f"fts: {exc}"
        return result
