"""Jobs for the worker-pool tests: importable by a spawned worker without the whole bot."""

from __future__ import annotations


def allocate(size: int) -> int:
    """Hold `size` bytes at once."""
    return len(bytearray(size))


def spin(seconds: float) -> float:
    """Burn CPU time for about `seconds`."""
    import time

    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return time.process_time() - start
