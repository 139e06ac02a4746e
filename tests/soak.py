"""Soak: thousands of mixed messages from many users at once, against the fake Bot API server.

Run by tests/e2e/test_soak.py; for the README's figures run `python -m tests.soak --messages 3000`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.auxil import bot_settings, running_bot
from tests.fakebot import FakeBotApi

MESSAGES = [
    "法律顾问怎么写",
    "行政复议",
    "信访案件有多少",
    "给我一段出庭应诉的范文",
    "报告必须写哪些内容",
    "报告什么时候交",
    "拾万镇 存在的问题",
    "/example 普法",
    "/compare 拾万镇 税郭镇",
    "/checklist",
    "/mytown 平岗",
    "/remind",
    "/ask 矛盾纠纷排查",
    "？？？",
    "😀😀",
    "乡村 AND (振兴",
    "镇",
    "'; DROP TABLE reports; --",
    "/ask",
    "\u200b法治\u202e",
    "鄉村振興",
    "下一步打算",
    "/start",
    "我们镇和拾万镇比一比矛盾纠纷",
]


@dataclass(frozen=True)
class SoakResult:
    """What a soak run measured."""

    messages: int
    answered: int
    seconds: float
    p50_ms: float
    p99_ms: float
    peak_rss_mb: float
    integrity: str
    apologies: int

    @property
    def rate(self) -> float:
        """Messages answered per second."""
        return self.answered / self.seconds


async def soak(
    fake: FakeBotApi,
    db_path: Path,
    *,
    messages: int,
    timeout: float = 240.0,
    rate: float | None = None,
) -> SoakResult:
    """Push `messages` messages, each from its own user, all at once (or `rate` per second);
    wait for every answer."""
    # Thousands of per-update lines stay out of the output; the fake API still reads them
    # (its own handler on this logger) to know when every update is finished.
    logging.getLogger("township.updates").propagate = False
    settings = bot_settings(fake, db_path, rate_limit_count=1000)
    async with running_bot(settings):
        await fake.wait_for("setMyCommands")
        pushed: dict[int, float] = {}
        start = time.monotonic()
        for i in range(messages):
            user = 100_000 + i
            pushed[user] = time.monotonic()
            fake.push_message(MESSAGES[i % len(MESSAGES)], user_id=user)
            if rate:
                await asyncio.sleep(max(0.0, start + (i + 1) / rate - time.monotonic()))
        first_reply: dict[int, float] = {}
        deadline = start + timeout
        seen = 0

        def collect() -> None:
            nonlocal seen
            for call in fake.calls[seen:]:
                if call.method == "sendMessage":
                    first_reply.setdefault(int(call.params.get("chat_id", 0)), call.at)
            seen = len(fake.calls)

        while len(first_reply) < messages and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            collect()
        elapsed = time.monotonic() - start
        await fake.wait_idle(timeout=60)
    logging.getLogger("township.updates").propagate = True
    latencies = [(first_reply[u] - pushed[u]) * 1000 for u in pushed if u in first_reply]
    with sqlite3.connect(db_path) as db:
        integrity = str(db.execute("PRAGMA integrity_check").fetchone()[0])
    return SoakResult(
        messages=messages,
        answered=len(first_reply),
        seconds=elapsed,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p99_ms=sorted(latencies)[int(0.99 * (len(latencies) - 1))] if latencies else 0.0,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        integrity=integrity,
        apologies=fake.texts().count("出错了，请稍后再试。"),
    )


async def _main(messages: int, rate: float | None) -> None:
    from knowledge.service import Knowledge

    folder = Path(tempfile.mkdtemp())
    try:
        db = folder / "soak.db"
        knowledge = await Knowledge.open(db)
        await knowledge.close()
        fake = FakeBotApi()
        await fake.start()
        try:
            result = await soak(fake, db, messages=messages, rate=rate)
        finally:
            await fake.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"messages        {result.messages}")
    print(f"answered        {result.answered}")
    print(f"messages/s      {result.rate:.0f}")
    print(f"reply p50       {result.p50_ms:.0f} ms")
    print(f"reply p99       {result.p99_ms:.0f} ms")
    print(f"peak memory     {result.peak_rss_mb:.0f} MB (bot and fake server in one process)")
    print(f"integrity       {result.integrity}; apologies {result.apologies}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="township-bot soak run")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument(
        "--rate", type=float, default=None, help="messages per second (default: all at once)"
    )
    options = parser.parse_args()
    asyncio.run(_main(options.messages, options.rate))
