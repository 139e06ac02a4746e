"""Running the real Application against the fake Bot API server."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings, load_settings
from tests.fakebot import FakeBotApi

ROOT = Path(__file__).resolve().parents[1]
ADMIN_ID = 99
USER_ID = 1


def bot_settings(fake: FakeBotApi, db_path: Path, **changes: Any) -> Settings:
    """Settings that point the bot at the fake server and a test database."""
    values: dict[str, Any] = {
        "token": fake.token,
        "db_path": db_path,
        "admins": frozenset({ADMIN_ID}),
        "api_base_url": fake.base_url,
        "rate_limit_count": 1000,
        **changes,
    }
    return replace(load_settings({}), **values)


@asynccontextmanager
async def running_bot(settings: Settings, **config: float) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Start the Application as run_polling does (post_init, polling, jobs) and stop it after."""
    app = build_application(settings, **config)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def free_port() -> int:
    """A port nobody listens on now (for a server a test starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bot_env(**extra: str) -> dict[str, str]:
    """The environment for `python -m bot` in a subprocess: no settings of this machine's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "TOWNSHIP_"))}
    return {**env, "PYTHONPATH": str(ROOT), **extra}
