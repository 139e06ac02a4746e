"""Operating the database: online backup, restore, and a health check."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from knowledge.errors import DatabaseMissing, ErrorCode, MaintenanceRefused, StoreError
from knowledge.models import Health
from knowledge.storage.store import BUSY_TIMEOUT_MS, SCHEMA_VERSION, schema_sql


def backup_database(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Copy a live database with SQLite's online backup (consistent while the bot writes).

    Raises:
        DatabaseMissing: the source does not exist.
    """
    source, dest = Path(source), Path(dest)
    if not source.exists():
        raise DatabaseMissing(str(source))
    dest = _backup_target(source, dest)
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


def _backup_target(source: Path, dest: Path) -> Path:
    """Where a backup goes: a new file (in a folder, a dated name); never over anything.

    Raises:
        MaintenanceRefused: the destination exists, is a link or a device, or is the database.
    """
    if dest.is_dir() and not dest.is_symlink():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = dest / f"{source.stem}-{stamp}.db"
    if dest.is_symlink():
        raise MaintenanceRefused(code=ErrorCode.BACKUP_IS_LINK, dest=str(dest))
    if dest.exists():
        if dest.resolve() == source.resolve():
            raise MaintenanceRefused(code=ErrorCode.BACKUP_IS_DATABASE, dest=str(dest))
        raise MaintenanceRefused(
            code=ErrorCode.BACKUP_EXISTS,
            dest=str(dest),
            kind="file" if dest.is_file() else "special",
        )
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


def _foreign_objects(path: Path) -> list[str]:
    """Tables, triggers, views and indexes in a database that our schema does not make (a
    trigger there would run on the next write)."""
    fresh = sqlite3.connect(":memory:")
    try:
        fresh.executescript(schema_sql())
        ours = {tuple(r) for r in fresh.execute("SELECT type, name FROM sqlite_master")}
    finally:
        fresh.close()
    db = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        theirs = {tuple(r) for r in db.execute("SELECT type, name FROM sqlite_master")}
    finally:
        db.close()
    return sorted(f"{kind} {name}" for kind, name in theirs - ours)


def restore_database(backup: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Health:
    """Put a backup in place (with the bot stopped), after checking the backup is sound.

    Raises:
        StoreError: the backup is damaged; nothing was replaced.
    """
    health = check_health(backup)
    if health.integrity != "ok":
        raise StoreError(f"backup is damaged: {health.integrity}")
    foreign = _foreign_objects(Path(backup))
    if foreign:
        raise MaintenanceRefused(
            code=ErrorCode.BACKUP_FOREIGN_OBJECTS, names="、".join(foreign[:5])
        )
    dest = Path(dest)
    partial = dest.with_name(dest.name + ".restoring")
    partial.unlink(missing_ok=True)
    backup_database(backup, partial)
    os.replace(partial, dest)
    for suffix in ("-wal", "-shm"):
        Path(str(dest) + suffix).unlink(missing_ok=True)
    return check_health(dest)
