"""The deployed bot: an env file made from deploy/env.example starts it, it logs one line per
update without the text or the token, and its webhook checks the secret token."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import httpx
import pytest

from bot.app import build_application
from bot.config import load_settings
from knowledge.storage import maintenance
from tests.auxil import bot_settings, free_port, running_bot
from tests.fakebot import FakeBotApi
from tests.unit.test_deploy_settings import read_env_file

ROOT = Path(__file__).resolve().parents[2]


async def test_env_file_from_example_starts_the_bot(fake_api: FakeBotApi, tmp_path: Path) -> None:
    text = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
    # As deploy/README.md says: only the token and the admins are filled in.
    text = text.replace("TELEGRAM_BOT_TOKEN=", f"TELEGRAM_BOT_TOKEN={fake_api.token}", 1)
    text = text.replace("TOWNSHIP_BOT_ADMINS=", "TOWNSHIP_BOT_ADMINS=99", 1)
    text = re.sub(r"TOWNSHIP_BOT_DB=.*", f"TOWNSHIP_BOT_DB={tmp_path / 'state' / 'bot.db'}", text)
    text = re.sub(r"TELEGRAM_API_BASE_URL=.*", f"TELEGRAM_API_BASE_URL={fake_api.base_url}", text)
    env_file = tmp_path / "env"
    env_file.write_text(text, encoding="utf-8")
    settings = load_settings(read_env_file(env_file))
    assert settings.admins == frozenset({99}) and settings.file_base_url == fake_api.base_file_url
    async with running_bot(settings):
        fake_api.push_message("/start")
        [reply] = await fake_api.wait_for("sendMessage")
        assert "法治报告助手" in reply.params["text"]
    assert maintenance.check_health(tmp_path / "state" / "bot.db").reports == 5


async def test_one_log_line_per_update_without_text_or_token(
    fake_api: FakeBotApi, seeded_db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("法律顾问怎么写", user_id=4242)
        await fake_api.wait_for("sendMessage")
        await fake_api.wait_idle()
    lines = [r.getMessage() for r in caplog.records if r.name == "township.updates"]
    assert len(lines) == 1
    assert re.fullmatch(r"update=\d+ user=4242 command=text results=\d+ ms=\d+", lines[0])
    # Ours and python-telegram-bot's (httpx and the fake server's own access log are not ours:
    # bot/logsetup.py sets httpx to WARNING, since it would print URLs holding the token).
    ours = ("bot", "handlers", "knowledge", "township", "telegram")
    everything = "\n".join(
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.INFO and r.name.split(".")[0] in ours
    )
    assert "法律顾问怎么写" not in everything and fake_api.token not in everything


async def test_webhook_checks_the_secret_token(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    app = build_application(bot_settings(fake_api, seeded_db_path))
    port = free_port()
    await app.initialize()
    assert app.post_init is not None and app.updater is not None
    await app.post_init(app)
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="telegram",
        webhook_url="https://bot.example.org/telegram",
        secret_token="s3cret",
    )
    await app.start()
    try:
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/start",
                "chat": {"id": 1, "type": "private"},
                "from": {"id": 1, "is_bot": False, "first_name": "x"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        async with httpx.AsyncClient() as client:
            url = f"http://127.0.0.1:{port}/telegram"
            wrong = await client.post(
                url,
                content=json.dumps(update),
                headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": "wrong",
                },
            )
            assert wrong.status_code == 403
            right = await client.post(
                url,
                content=json.dumps(update),
                headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret",
                },
            )
            assert right.status_code == 200
        [reply] = await fake_api.wait_for("sendMessage")
        assert "法治报告助手" in reply.params["text"]
        assert fake_api.calls_of("setWebhook")[0].params["secret_token"] == "s3cret"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
