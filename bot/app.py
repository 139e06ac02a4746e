"""Build the Telegram Application: settings, services opened in post_init, handlers registered."""

from __future__ import annotations

import logging
import os

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, Defaults

from bot.config import Settings
from handlers import texts
from handlers.telegram.context import CONFIG_KEY, CONTEXT_TYPES, KNOWLEDGE_KEY, HandlerConfig
from handlers.telegram.lifecycle import watch_database
from handlers.telegram.registry import register
from handlers.telegram.reminders import JOB_NAME, send_due_reminders
from knowledge.service import Knowledge

logger = logging.getLogger(__name__)
WEB_KEY = "township.web"  # the page served beside the bot (TOWNSHIP_BOT_WEB_PORT)


def handler_config(settings: Settings, **overrides: float) -> HandlerConfig:
    """The part of the settings handlers see."""
    return HandlerConfig(
        admins=settings.admins,
        allowed=settings.allowed,
        rate_limit_count=settings.rate_limit_count,
        rate_limit_seconds=settings.rate_limit_seconds,
        read_only=settings.read_only,
        **{"watchdog_interval": settings.watchdog_seconds, **overrides},
    )


def build_application(settings: Settings, **config_overrides: float) -> Application:  # type: ignore[type-arg]
    """The bot, ready to run_polling() or run_webhook(); nothing is opened until post_init."""
    # Opt in to python-telegram-bot's coming timedelta durations (RetryAfter.retry_after …):
    # without it every 429 from Telegram also raises a deprecation warning.
    os.environ.setdefault("PTB_TIMEDELTA", "1")

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        knowledge = await Knowledge.open(settings.db_path, read_only=settings.read_only)
        app.bot_data[KNOWLEDGE_KEY] = knowledge
        finished = await knowledge.finish_inbox()
        if finished:
            logger.info("finished %d interrupted uploads", len(finished))
        await app.bot.set_my_commands([BotCommand(name, help) for name, help in texts.COMMANDS])
        config: HandlerConfig = app.bot_data[CONFIG_KEY]
        if app.job_queue is not None:
            app.job_queue.run_repeating(
                send_due_reminders,
                interval=config.reminder_interval,
                first=config.reminder_first,
                name=JOB_NAME,
            )
            app.job_queue.run_repeating(
                watch_database,
                interval=config.watchdog_interval,
                first=config.watchdog_interval,
                name="watchdog",
            )
        if settings.web_port:
            from bot.web import serve_beside

            app.bot_data[WEB_KEY] = await serve_beside(knowledge, settings, port=settings.web_port)
        logger.info("bot ready: %d reports", await knowledge.report_count())

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        page = app.bot_data.pop(WEB_KEY, None)
        if page is not None:  # the page first: it answers from the knowledge base
            await page.stop()
        knowledge = app.bot_data.pop(KNOWLEDGE_KEY, None)
        if knowledge is not None:
            await knowledge.close()

    builder = (
        Application.builder()
        .token(settings.token)
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(True)
        .media_write_timeout(60)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url).base_file_url(settings.file_base_url)
    app = builder.build()
    app.bot_data[CONFIG_KEY] = handler_config(settings, **config_overrides)
    register(app)
    return app
