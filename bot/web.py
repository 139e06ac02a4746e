"""Wiring of the web channel: its settings, the uvicorn server in this process's event loop,
`python -m bot web`, `web-login`, and the page beside the Telegram bot or the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
import sys
from dataclasses import dataclass

import uvicorn

from bot.config import Settings
from handlers.web.app import build_app
from handlers.web.config import WebConfig
from knowledge.service import Knowledge

logger = logging.getLogger(__name__)
LOGIN_MINUTES = 15


def web_config(settings: Settings) -> WebConfig:
    """The web channel's options from the settings."""
    return WebConfig(
        base_url=settings.web_base_url,
        access_code=settings.web_access_code,
        rate_count=settings.web_rate_count,
        rate_seconds=settings.web_rate_seconds,
        https_only=settings.web_base_url.startswith("https://"),
    )


async def web_server(
    knowledge: Knowledge, settings: Settings, *, host: str, port: int
) -> uvicorn.Server:
    """A uvicorn server for the page over an open knowledge base (not started yet)."""
    app = await build_app(knowledge, web_config(settings))
    proxies = ",".join(settings.web_proxies)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        # X-Forwarded-* only from the configured proxy: otherwise any client could pick its
        # own address and escape the rate limit.
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or "",
        server_header=False,
        log_level="warning",
        lifespan="off",
    )
    return uvicorn.Server(config)


def run_web(settings: Settings, *, host: str, port: int) -> int:
    """`python -m bot web`: the page alone. SIGTERM (systemd, docker) stops it like Ctrl+C:
    uvicorn finishes its requests, then the knowledge base and its workers close."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)  # uvicorn hands the signal back here once it has stopped

    signal.signal(signal.SIGTERM, stop)

    async def main() -> int:
        knowledge = await Knowledge.open(settings.db_path, read_only=settings.read_only)
        try:
            server = await web_server(knowledge, settings, host=host, port=port)
            sys.stderr.write(f"网页已启动：http://{host}:{port}/（Ctrl+C 停止）\n")
            await server.serve()
            return 0 if server.started else 1
        finally:
            await knowledge.close()

    return asyncio.run(main())


async def create_login(settings: Settings, admin: str) -> str:
    """`python -m bot web-login NAME`: a one-time sign-in link."""
    knowledge = await Knowledge.open(settings.db_path)
    try:
        token = await knowledge.create_web_login(
            admin, valid_for=dt.timedelta(minutes=LOGIN_MINUTES)
        )
    finally:
        await knowledge.close()
    return f"{settings.web_base_url}/login/{token}"


@dataclass
class RunningPage:
    """A page served in the background of this event loop."""

    server: uvicorn.Server
    task: asyncio.Task[None]

    async def stop(self) -> None:
        self.server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def serve_beside(
    knowledge: Knowledge, settings: Settings, *, port: int
) -> RunningPage | None:
    """Start the page beside the bot or the terminal, and print its address; None when its
    port cannot be had (the rest carries on without it)."""
    server = await web_server(knowledge, settings, host=settings.web_host, port=port)
    task = asyncio.create_task(server.serve())
    # uvicorn has no started event to await; its flag turns within milliseconds.
    while not server.started and not task.done():
        await asyncio.sleep(0.05)
    if task.done():
        with contextlib.suppress(BaseException):
            task.result()
        sys.stderr.write(f"网页端口 {port} 不可用，网页未启动。\n")
        return None
    sys.stderr.write(f"网页已启动：http://{settings.web_host}:{port}/\n")
    return RunningPage(server, task)
