"""Heavy parsing (uploaded files, drafts) in a bounded pool of worker processes.

Reading a large .docx or decoding and parsing a 15 MB text is pure Python: in a thread it holds
the GIL and every other user waits. In a worker process the bot's event loop keeps answering.
Each job runs under a CPU-time and an address-space limit; a job that exceeds them kills only
its worker, and the caller gets a clear Chinese reason instead.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Final, TypeVar

from knowledge.errors import ErrorCode, UnsupportedFile

T = TypeVar("T")

MAX_WORKERS: Final = 1  # one heavy job at a time: a burst queues instead of taking every core
JOB_CPU_SECONDS: Final = 30
JOB_MEMORY_BYTES: Final = 1024 * 1024 * 1024


def _limit_memory(memory_bytes: int) -> None:
    """Worker start: cap the worker's address space (a zip bomb or a huge text stops here)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))


def _limited(cpu_seconds: int, work: Callable[..., T], *args: object) -> T:
    """Run one job with at most cpu_seconds more CPU time for this worker."""
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

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """Run work(*args) in a worker process.

        Raises:
            UnsupportedFile: the job ran out of CPU time or memory (its worker was killed).
            KnowledgeError: whatever the work raises, as it raised it.
        """
        pool = self._ensure_pool()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(pool, _limited, self._cpu_seconds, work, *args)
        except (BrokenProcessPool, MemoryError) as exc:
            self._discard(pool)
            raise UnsupportedFile(code=ErrorCode.TOO_HEAVY) from exc

    def close(self) -> None:
        """Stop the workers after the job in hand (each is bounded by its CPU limit)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._max_workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_limit_memory,
                initargs=(self._memory_bytes,),
            )
        return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)
