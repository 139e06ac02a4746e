"""Operating the database: online backup, restore, and a health check."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import DatabaseMissing, StoreError
from knowledge.store import BUSY_TIMEOUT_MS, SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Health:
    """What the health check found."""

    ok: bool
    integrity: str
    schema_version: int
    reports: int
    snippets: int


def backup_database(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Copy a live database with SQLite's online backup (consistent while the bot writes).

    Raises:
        DatabaseMissing: the source does not exist.
    """
    source, dest = Path(source), Path(dest)
    if not source.exists():
        raise DatabaseMissing(str(source))
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    with (
        sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True) as src,
        sqlite3.connect(partial) as out,
    ):
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        src.backup(out, pages=1024)
    src.close()
    out.close()
    os.replace(partial, dest)  # a half-written backup never carries the final name
    return dest


def check_health(path: str | os.PathLike[str]) -> Health:
    """Open read-only and check integrity, schema version and counts."""
    path = Path(path)
    if not path.exists():
        raise DatabaseMissing(str(path))
    try:
        db = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            integrity = str(db.execute("PRAGMA quick_check").fetchone()[0])
            version = int(db.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)
            reports = int(db.execute("SELECT count(*) FROM reports").fetchone()[0])
            snippets = int(db.execute("SELECT count(*) FROM snippets").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise StoreError(str(exc)) from exc
    ok = integrity == "ok" and version == SCHEMA_VERSION and reports > 0
    return Health(ok, integrity, version, reports, snippets)


def restore_database(backup: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Health:
    """Put a backup in place (with the bot stopped), after checking the backup is sound.

    Raises:
        StoreError: the backup is damaged; nothing was replaced.
    """
    health = check_health(backup)
    if health.integrity != "ok":
        raise StoreError(f"backup is damaged: {health.integrity}")
    dest = Path(dest)
    backup_database(backup, dest)
    for suffix in ("-wal", "-shm"):
        Path(str(dest) + suffix).unlink(missing_ok=True)
    return check_health(dest)
