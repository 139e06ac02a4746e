"""One bot per database: a second instance with the same database refuses to start."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class AlreadyRunning(RuntimeError):
    """Another process holds the database's instance lock."""


def acquire_instance_lock(db_path: Path) -> IO[str]:
    """Hold an exclusive lock next to the database for the life of the process.

    Raises:
        AlreadyRunning: another instance holds it.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(f"{db_path}.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until exit
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise AlreadyRunning(str(db_path)) from exc
    handle.truncate(0)
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
