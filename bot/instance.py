"""One bot per database: a second instance with the same database refuses to start."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
from pathlib import Path
from typing import IO

logger = logging.getLogger(__name__)


class AlreadyRunning(RuntimeError):
    """Another process holds the database's instance lock."""


def acquire_instance_lock(db_path: Path) -> IO[str]:
    """Hold an exclusive lock next to the database for the life of the process.

    On a folder nobody can write (a read-only filesystem) there is nothing to protect: the
    lock is a handle on nothing, and the bot answers read-only.

    Raises:
        AlreadyRunning: another instance holds it.
    """
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{db_path}.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until exit
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            logger.warning("no instance lock beside %s (%s): read-only", db_path, exc.strerror)
            return open(os.devnull, encoding="utf-8")
        raise
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise AlreadyRunning(str(db_path)) from exc
    handle.truncate(0)
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
