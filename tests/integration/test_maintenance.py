"""Backup and restore refuse what would damage something, and odd arguments are messages, from
the real command line."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bot.instance import acquire_instance_lock
from tests.integration.test_cli import run_bot


def test_backup_never_overwrites(seeded_db_path: Path, tmp_path: Path) -> None:
    existing = tmp_path / "old.db"
    existing.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.db"
    link.symlink_to(existing)
    for dest, message in [
        (seeded_db_path, "就是正在使用的数据库"),
        (existing, "已存在（文件）"),
        (link, "是一个链接"),
        (Path("/dev/null"), "设备或特殊文件"),
    ]:
        result = run_bot("backup", str(dest), db=seeded_db_path)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"
    folder = tmp_path / "backups"
    folder.mkdir()
    made = run_bot("backup", str(folder), db=seeded_db_path)
    assert made.returncode == 0 and len(list(folder.glob("township-*.db"))) == 1


def test_odd_arguments_are_messages(seeded_db_path: Path) -> None:
    year = run_bot("ask", "法律顾问", "--year", "99999999999999999999", db=seeded_db_path)
    assert year.returncode == 2 and "年度应在 1990 到 2100 之间" in year.stderr
    zero = run_bot("ingest", "/dev/zero", db=seeded_db_path)
    assert "不是普通文件" in zero.stdout and "Traceback" not in zero.stderr


def test_restore_refuses_a_foreign_trigger_and_a_running_bot(
    seeded_db_path: Path, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered.db"
    shutil.copy(seeded_db_path, tampered)
    with sqlite3.connect(tampered) as db:
        db.execute("CREATE TRIGGER wipe AFTER INSERT ON query_log BEGIN DELETE FROM snippets; END")
    db.close()
    refused = run_bot("restore", str(tampered), db=seeded_db_path)
    assert refused.returncode == 1 and "trigger wipe" in refused.stderr
    good = tmp_path / "good.db"
    assert run_bot("backup", str(good), db=seeded_db_path).returncode == 0
    lock = acquire_instance_lock(seeded_db_path)  # as a running bot holds it
    try:
        busy = run_bot("restore", str(good), db=seeded_db_path)
    finally:
        lock.close()
    assert busy.returncode == 1 and "请先停止机器人" in busy.stdout
    assert run_bot("restore", str(good), db=seeded_db_path).returncode == 0
