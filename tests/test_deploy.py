"""Operations: the env example starts the bot, online backup and restore, logs, settings, webhook."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from bot.app import build_application
from bot.config import SETTINGS, SettingsError, load_settings
from knowledge.service import Knowledge
from knowledge.storage import maintenance
from knowledge.text.segment import Segmenter
from tests.auxil import running_bot
from tests.fakebot import FakeBotApi
from tests.test_cli import run_bot

ROOT = Path(__file__).resolve().parents[1]


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_env_example_has_placeholders_only_and_every_setting() -> None:
    env = read_env_file(ROOT / "deploy" / "env.example")
    assert env["TELEGRAM_BOT_TOKEN"] == "" and env["TOWNSHIP_BOT_ADMINS"] == ""
    assert not any(re.fullmatch(r"\d{6,}:[\w-]{20,}", v) for v in env.values())
    assert {spec.env for spec in SETTINGS} == set(env)


async def test_env_file_from_example_starts_the_bot(fake_api: FakeBotApi, tmp_path: Path) -> None:
    text = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
    # As deploy/README.md says: only the token and the admins are filled in (R15).
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


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TOWNSHIP_BOT_ADMINS": "12,abc"}, "TOWNSHIP_BOT_ADMINS 应为逗号分隔的数字用户 ID"),
        ({"TOWNSHIP_BOT_RATE_LIMIT": "x/10"}, "设置格式有误"),
        ({"TOWNSHIP_BOT_LOG_LEVEL": "LOUD"}, "TOWNSHIP_BOT_LOG_LEVEL 无效"),
        ({"TOWNSHIP_BOT_WEBHOOK_SECRET": "有空格 的"}, "只能包含字母、数字、_ 和 -"),
        (
            {"TOWNSHIP_BOT_WEBHOOK_URL": "https://bot.example/hook"},
            "必须设置 TOWNSHIP_BOT_WEBHOOK_SECRET",
        ),
    ],
)
def test_malformed_setting_fails_fast_in_chinese(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


async def test_backup_while_queries_run_then_restore(
    seeded_db_path: Path, segmenter: Segmenter, tmp_path: Path
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    stop = asyncio.Event()
    answered = 0

    async def keep_asking() -> None:
        nonlocal answered
        while not stop.is_set():
            answer = await kb.ask("法律顾问")
            assert answer.hits
            answered += 1
            started.set()
            await kb.set_town(answered, "拾万")  # writes go on during the backup too

    started = asyncio.Event()
    worker = asyncio.create_task(keep_asking())
    await started.wait()  # the questions run before the backup starts, and during it
    backup = await asyncio.to_thread(
        maintenance.backup_database, seeded_db_path, tmp_path / "b" / "x.db"
    )
    stop.set()
    await worker
    await kb.close()
    assert answered > 0
    restored = maintenance.restore_database(backup, tmp_path / "restored.db")
    assert restored.ok and restored.reports == 5 and restored.integrity == "ok"
    kb = await Knowledge.open(tmp_path / "restored.db", segmenter=segmenter)
    try:
        assert (await kb.ask("法律顾问")).hits
    finally:
        await kb.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(Exception):  # noqa: B017 - sqlite reports it as it likes; nothing replaced
        maintenance.restore_database(damaged, tmp_path / "restored.db")
    assert maintenance.check_health(tmp_path / "restored.db").ok


async def test_one_log_line_per_update_without_text_or_token(
    fake_api: FakeBotApi, seeded_db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.auxil import bot_settings

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_checks_the_secret_token(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    from tests.auxil import bot_settings

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


def test_env_example_as_shipped_loads_and_reads_as_shell(tmp_path: Path) -> None:
    # deploy/README.md: copy env.example, fill in the token and the admins, start (R15).
    shipped = (Path(__file__).parent.parent / "deploy" / "env.example").read_text(encoding="utf-8")
    filled = shipped.replace("TELEGRAM_BOT_TOKEN=", "TELEGRAM_BOT_TOKEN=123456:TEST-token", 1)
    filled = filled.replace("TOWNSHIP_BOT_ADMINS=", "TOWNSHIP_BOT_ADMINS=42", 1)
    env = {}
    for line in filled.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    settings = load_settings(env)
    assert settings.token == "123456:TEST-token" and settings.admins == frozenset({42})
    script = tmp_path / "env"
    script.write_text(filled, encoding="utf-8")
    shell = subprocess.run(
        ["bash", "-c", f"set -a; . {script}; echo $TOWNSHIP_BOT_ADMINS"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shell.returncode == 0 and shell.stdout.strip() == "42", shell.stderr


def test_health_before_the_first_start(tmp_path: Path) -> None:
    # The unit's ExecStartPre on a first install, with no database yet (R15).
    unit = (Path(__file__).parent.parent / "deploy" / "township-bot.service").read_text()
    assert "bot health --first-start-ok" in unit
    db = tmp_path / "none" / "township.db"
    first = run_bot("health", "--first-start-ok", db=db)
    assert first.returncode == 0 and "首次启动" in first.stdout and not db.exists()
    assert run_bot("health", db=db).returncode != 0
