"""Logging configuration: one line per event, libraries kept quiet."""

from __future__ import annotations

import logging


def setup_logging(level: str = "INFO") -> None:
    """Configure the root logger; never called by library code."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=getattr(logging, level, logging.INFO),
    )
    for noisy in ("httpx", "httpcore", "apscheduler", "jieba", "aiosqlite", "telegram.ext"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
