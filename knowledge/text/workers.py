"""Heavy parsing (uploaded files, drafts) in a bounded pool of worker processes.

Reading a large .docx or decoding and parsing a 15 MB text is pure Python: in a thread it holds
the GIL and every other user waits. In a worker process the bot's event loop keeps answering.
Each job runs under a CPU-time and an address-space limit; a job that exceeds them kills only
its worker, and the caller gets a clear Chinese reason instead.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final, TypeVar

from knowledge.errors import ErrorCode, UnsupportedFile

T = TypeVar("T")

MAX_WORKERS: Final = 1  # one heavy job at a time: a burst queues instead of taking every core
JOB_CPU_SECONDS: Final = 30
JOB_MEMORY_BYTES: Final = 1024 * 1024 * 1024


_started: Any = None  # in a worker: the shared number of the job it is running


def _start_worker(memory_bytes: int, started: Any) -> None:
    """Worker start: cap the worker's address space (a zip bomb or a huge text stops here)
    and keep the shared slot where it says which job it runs."""
    global _started
    _started = started
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))


def _limited(job: int, cpu_seconds: int, work: Callable[..., T], *args: object) -> T:
    """Run one job with at most cpu_seconds more CPU time for this worker."""
    if _started is not None:
        _started.value = job
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = spent + cpu_seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    return work(*args)


class HeavyWork:
    """The pool: started at the first job, restarted after a worker was killed."""

    def __init__(
        self,
        *,
        max_workers: int = MAX_WORKERS,
        cpu_seconds: int = JOB_CPU_SECONDS,
        memory_bytes: int = JOB_MEMORY_BYTES,
    ) -> None:
        self._max_workers = max_workers
        self._cpu_seconds = cpu_seconds
        self._memory_bytes = memory_bytes
        self._pool: ProcessPoolExecutor | None = None
        self._started: Any = None  # the job the worker runs (shared with it)
        self._jobs = itertools.count(1)

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """Run work(*args) in a worker process.

        Raises:
            UnsupportedFile: the job ran out of CPU time or memory (its worker was killed).
            KnowledgeError: whatever the work raises, as it raised it.
        """
        for attempt in range(2):
            job = next(self._jobs)
            pool = self._ensure_pool()
            started = self._started
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(
                    pool, _limited, job, self._cpu_seconds, work, *args
                )
            except (BrokenProcessPool, MemoryError) as exc:
                self._discard(pool)
                # Only the job the killed worker was running is too heavy: one waiting behind
                # it (another user's small draft) runs again on a fresh worker.
                if attempt or started is None or started.value == job:
                    raise UnsupportedFile(code=ErrorCode.TOO_HEAVY) from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Stop the workers after the job in hand (each is bounded by its CPU limit)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._started = context.Value("q", 0, lock=False)
            self._pool = ProcessPoolExecutor(
                max_workers=self._max_workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self._memory_bytes, self._started),
            )
        return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)
