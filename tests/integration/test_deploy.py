"""Operations on real files: online backup and restore while questions run, the shipped env file
read by a shell, and the health check before the first start."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from bot.config import load_settings
from knowledge.service import Knowledge
from knowledge.storage import maintenance
from knowledge.text.segment import Segmenter
from tests.integration.test_cli import run_bot

ROOT = Path(__file__).resolve().parents[2]


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


def test_env_example_as_shipped_loads_and_reads_as_shell(tmp_path: Path) -> None:
    # deploy/README.md: copy env.example, fill in the token and the admins, start.
    shipped = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
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
    # The unit's ExecStartPre on a first install, with no database yet.
    unit = (ROOT / "deploy" / "township-bot.service").read_text()
    assert "bot health --first-start-ok" in unit
    db = tmp_path / "none" / "township.db"
    first = run_bot("health", "--first-start-ok", db=db)
    assert first.returncode == 0 and "首次启动" in first.stdout and not db.exists()
    assert run_bot("health", db=db).returncode != 0
