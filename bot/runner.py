"""`serve` and `chat`: the Telegram bot when a token is set, else the terminal dialogue."""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.config import Settings

logger = logging.getLogger(__name__)

NO_TOKEN = (
    "未设置 TELEGRAM_BOT_TOKEN，现在进入终端对话（与 Telegram 中的回答相同）。\n"
    "连接 Telegram：向 @BotFather 申请令牌，写入 deploy/env 或环境变量 TELEGRAM_BOT_TOKEN 后重新运行。\n"
)


def run_interactive(settings: Settings, command: str) -> int:
    """Run the bot (polling or webhook) or the console chat."""
    if command == "serve" and settings.token:
        from telegram import Update

        from bot.app import build_application
        from bot.instance import AlreadyRunning, acquire_instance_lock
        from handlers.telegram.lifecycle import FATAL_KEY

        try:
            lock = acquire_instance_lock(settings.db_path)
        except AlreadyRunning:
            sys.stderr.write(
                f"另一个机器人实例正在使用数据库 {settings.db_path}，本实例不启动。\n"
            )
            return 1
        app = build_application(settings)
        logger.info(
            "starting the Telegram bot (%s)", "webhook" if settings.webhook_url else "polling"
        )
        if settings.webhook_url:
            app.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path="telegram",
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret or None,
                allowed_updates=Update.ALL_TYPES,
                bootstrap_retries=5,
            )
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=5)
        lock.close()
        # The watchdog stopped us because the database vanished: exit non-zero for systemd.
        return 1 if app.bot_data.get(FATAL_KEY) else 0
    from handlers.console.terminal import chat

    if command == "chat":
        return asyncio.run(chat(settings.db_path, read_only=settings.read_only))
    if sys.stdin.isatty():
        sys.stderr.write(NO_TOKEN)
    return asyncio.run(_terminal_and_page(settings))


async def _terminal_and_page(settings: Settings) -> int:
    """`make run` without a token: the terminal dialogue, and the page beside it."""
    from bot.web import serve_beside
    from handlers.console.terminal import converse
    from knowledge.service import Knowledge

    knowledge = await Knowledge.open(settings.db_path, read_only=settings.read_only)
    page = None
    try:
        page = await serve_beside(knowledge, settings, port=settings.page_port)
        return await converse(knowledge)
    finally:
        if page is not None:
            await page.stop()
        await knowledge.close()
