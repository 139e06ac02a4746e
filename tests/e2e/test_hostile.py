"""What users and the world send, and the faults the bot must survive: odd senders, buttons
and groups; unusable, huge and hostile uploads; a read-only, full, locked, vanished or
half-deleted database; network faults, slow and flood-limited Telegram, kills and restarts.

Odd arguments to every command are in test_handlers_args.py, hostile questions in
tests/integration/test_search.py, unreadable files in tests/unit/test_readers.py, and
all-or-nothing writes in tests/integration/test_store.py.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.instance import AlreadyRunning, acquire_instance_lock
from knowledge.errors import ErrorCode, StoreBusy
from knowledge.service import Knowledge
from knowledge.storage import inbox
from knowledge.text.segment import Segmenter
from tests.auxil import ADMIN_ID, USER_ID, bot_settings, running_bot
from tests.conftest import CORPUS_FILES, corpus_text
from tests.fakebot import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]


async def start_serving(
    fake: FakeBotApi, db_path: Path, **extra_env: str
) -> asyncio.subprocess.Process:
    """`python -m bot serve` in its own process, pointed at the fake server."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TOWNSHIP_BOT_DB": str(db_path),
        **extra_env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


# Odd senders, buttons and groups --------------------------------------------------------------


async def test_an_anonymous_or_channel_sender_is_answered_but_may_not_upload(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        anonymous = {
            "message": {
                "message_id": 5,
                "date": 0,
                "text": "法律顾问",
                "chat": {"id": -1001, "type": "supergroup", "title": "群"},
                "sender_chat": {"id": -1001, "type": "supergroup", "title": "群"},
            }
        }
        fake_api.push_update(anonymous)
        [reply] = await fake_api.wait_for("sendMessage")
        assert "相关段落" in reply.params["text"]
        document = {
            "message": {
                "message_id": 6,
                "date": 0,
                "chat": {"id": -1001, "type": "supergroup", "title": "群"},
                "sender_chat": {"id": -1001, "type": "supergroup", "title": "群"},
                "document": {
                    "file_id": "f",
                    "file_unique_id": "f",
                    "file_name": "x.docx",
                    "file_size": 10,
                },
            }
        }
        fake_api.push_update(document)
        [_, refused] = await fake_api.wait_for("sendMessage", 2)
        assert "管理员权限" in refused.params["text"] and fake_api.calls_of("getFile") == []


async def test_a_double_pressed_button_whose_message_is_not_modified_is_no_error(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    from tests.e2e.test_e2e_bot import callback_data

    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("信访")
        [answer] = await fake_api.wait_for("sendMessage")
        data = callback_data(answer, "只看存在的问题")
        fake_api.inject(
            "editMessageText",
            status=400,
            description="Bad Request: message is not modified",
            times=2,
        )
        fake_api.push_callback(data, message_id=1)
        fake_api.push_callback(data, message_id=1)
        await fake_api.wait_for("answerCallbackQuery", 2)
        await fake_api.wait_idle()
        assert "出错了，请稍后再试。" not in fake_api.texts()


async def test_the_bot_leaves_a_group_it_was_added_to_by_an_unlisted_user(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    settings = bot_settings(fake_api, seeded_db_path, allowed=frozenset({USER_ID}))
    async with running_bot(settings):

        def added(by: int, chat_id: int) -> dict:  # type: ignore[type-arg]
            bot = {"id": 7000001, "is_bot": True, "first_name": "b"}
            return {
                "my_chat_member": {
                    "chat": {"id": chat_id, "type": "group", "title": "群"},
                    "date": 0,
                    "from": {"id": by, "is_bot": False, "first_name": "x"},
                    "old_chat_member": {"status": "left", "user": bot},
                    "new_chat_member": {"status": "member", "user": bot},
                }
            }

        fake_api.push_update(added(USER_ID, -5))
        fake_api.push_update(added(777, -6))
        [left] = await fake_api.wait_for("leaveChat")
        await fake_api.wait_idle()
        assert int(left.params["chat_id"]) == -6 and len(fake_api.calls_of("leaveChat")) == 1
        assert fake_api.texts(-6) == ["本机器人仅供授权用户使用，现在退出本群。"]


async def test_a_group_upgraded_to_a_supergroup_keeps_its_town(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)) as app:
        knowledge = app.bot_data["township.knowledge"]
        await knowledge.set_town(-42, "拾万")
        fake_api.inject(
            "sendMessage",
            status=400,
            description="Bad Request: group chat was upgraded",
            parameters={"migrate_to_chat_id": -100042},
        )
        fake_api.push_message("/start", chat_id=-42, chat_type="group")
        await fake_api.wait_for("sendMessage")
        await fake_api.wait_idle()
        assert await knowledge.get_town(-100042) == "拾万镇"


# Uploads --------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "reply"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old.doc", "请另存为 .docx"),
        (b"PK\x03\x04broken", "broken.docx", "文件不是有效的 .docx"),
        (_zip({"a.txt": b"x"}), "notword.docx", "这不是 Word 文档"),
        (b"%PDF-1.7", "report.pdf", "不支持PDF"),
        (b"", "empty.txt", "文件没有可读取的文字内容"),
        (
            "这份文件没有乡镇名称，也没有年份，只有很长很长的一段文字而已。".encode(),
            "x.txt",
            "城关镇 2024",
        ),
    ],
    ids=["ole-doc", "broken-zip", "zip-not-word", "pdf", "empty", "no-town"],
)
async def test_an_unusable_upload_by_an_admin_is_refused_with_a_reason_and_nothing_to_confirm(
    fake_api: FakeBotApi, seeded_db_path: Path, data: bytes, name: str, reply: str
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_document(data, file_name=name, user_id=ADMIN_ID)
        [answer] = await fake_api.wait_for("sendMessage")
        assert reply in answer.params["text"]
        assert "reply_markup" not in answer.params  # nothing to confirm


async def test_a_file_over_20mb_is_refused_before_it_is_downloaded(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_document(
            b"x", file_name="big.docx", user_id=ADMIN_ID, declared_size=30 * 1024 * 1024
        )
        [answer] = await fake_api.wait_for("sendMessage")
        assert answer.params["text"] == "文件超过 20MB，请压缩或拆分后再上传。"
        assert fake_api.calls_of("getFile") == []


async def test_ten_uploads_at_once_with_hostile_file_names_are_all_stored_safely(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    from tests.e2e.test_e2e_bot import callback_data

    base = corpus_text("000")
    async with running_bot(bot_settings(fake_api, seeded_db_path)) as app:
        for i in range(10):
            text = base.replace("税郭镇", f"测{'甲乙丙丁戊己庚辛壬癸'[i]}镇").replace(
                "税郭", "某地"
            )
            fake_api.push_document(
                text.encode(),
                file_name=f"../../etc/<b>{i}</b>‮.docx.exe",
                user_id=ADMIN_ID,
                caption="" if i else "测甲镇 2021",
            )
        previews = await fake_api.wait_for("sendMessage", 10)
        assert all("确认添加到报告库吗" in p.params["text"] for p in previews)
        for preview in previews:
            fake_api.push_callback(
                callback_data(preview, "✅ 确认添加"), message_id=9, user_id=ADMIN_ID
            )
        done = await fake_api.wait_for("editMessageText", 10)
        assert all("已添加" in d.params["text"] for d in done)
        knowledge = app.bot_data["township.knowledge"]
        towns = await knowledge.towns()
        assert sum(t.startswith("测") for t in towns) == 10
        assert await knowledge.store.integrity_check() == "ok"
        assert not any(Path(p).exists() for p in ("/etc/<b>0</b>.docx.exe",))


# Faults ---------------------------------------------------------------------------------------


async def test_a_read_only_database_answers_questions_and_refuses_changes(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    settings = bot_settings(fake_api, seeded_db_path, read_only=True)
    async with running_bot(settings):
        fake_api.push_message("法律顾问")
        [answer] = await fake_api.wait_for("sendMessage")
        assert "相关段落" in answer.params["text"]
        fake_api.push_document(corpus_text("000").encode(), file_name="a.txt", user_id=ADMIN_ID)
        [_, refused] = await fake_api.wait_for("sendMessage", 2)
        assert refused.params["text"] == "当前为只读模式，暂不能上传或修改。"
        fake_api.push_message("/mytown 拾万")
        [*_, busy] = await fake_api.wait_for("sendMessage", 3)
        assert busy.params["text"] == "当前为只读模式，暂不能上传或修改。"


async def test_a_full_disk_during_an_upload_stores_nothing_and_says_so(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        await kb.store.db.execute("VACUUM")  # no free pages left to fill
        pages = (await kb.store.fetchone("PRAGMA page_count"))[0]
        await kb.store.db.execute(f"PRAGMA max_page_count = {pages + 1}")
        text = corpus_text("004").replace("凤凰", "满盘")
        result = await kb.ingest_upload(text.encode(), name="x.txt")
        assert (result.status, result.error) == ("error", ErrorCode.STORE_FULL)
        assert "满盘镇" not in await kb.towns()
        assert (await kb.ask("法律顾问")).hits  # queries go on
        assert await kb.store.integrity_check() == "ok"
    finally:
        await kb.close()


async def test_a_database_deleted_while_serving_stops_the_bot_and_is_never_replaced(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    process = await start_serving(fake_api, seeded_db_path, TOWNSHIP_BOT_WATCHDOG_SECONDS="0.3")
    try:
        await fake_api.wait_for("setMyCommands", timeout=30)
        fake_api.push_message("/start")
        await fake_api.wait_for("sendMessage", timeout=30)
        os.remove(seeded_db_path)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 1
    assert b"vanished or was replaced" in stderr
    assert not seeded_db_path.exists()  # never silently replaced by an empty one


async def test_a_locked_database_still_answers_and_tells_writers_it_is_busy(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter, busy_timeout_ms=200)
    holder = sqlite3.connect(seeded_db_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert (await kb.ask("法律顾问")).hits  # WAL: readers are not blocked
        with pytest.raises(StoreBusy):
            await kb.set_town(1, "拾万")
        from handlers.dialogue import error_message
        from handlers.render import PLAIN

        assert error_message(StoreBusy("locked"), PLAIN) == "系统繁忙，请稍后再试。"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        await kb.close()


async def test_dropped_polls_and_a_failed_send_get_an_apology_and_do_not_stop_the_bot(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        await fake_api.wait_for("setMyCommands")
        fake_api.inject("getUpdates", drop=True, times=2)
        fake_api.inject("sendMessage", status=502, times=1)
        fake_api.push_message("法律顾问", user_id=1)
        await fake_api.wait_for("sendMessage", 2, timeout=30)  # the failed reply, then the apology
        fake_api.push_message("信访", user_id=2)
        calls = await fake_api.wait_for("sendMessage", 3, timeout=30)
        assert calls[1].params["text"] == "出错了，请稍后再试。"
        assert "相关段落" in calls[2].params["text"]


async def test_a_flood_limit_429_is_retried_after_the_wait_telegram_gives(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.inject("sendMessage", retry_after=1)
        start = time.monotonic()
        fake_api.push_message("/start")
        calls = await fake_api.wait_for("sendMessage", 2)
        assert calls[1].at - calls[0].at >= 0.9 and time.monotonic() - start < 10
        assert "法治报告助手" in calls[1].params["text"]


def test_a_second_instance_on_the_same_database_refuses_to_start(tmp_path: Path) -> None:
    first = acquire_instance_lock(tmp_path / "t.db")
    try:
        with pytest.raises(AlreadyRunning):
            acquire_instance_lock(tmp_path / "t.db")
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "1:x",
            "TOWNSHIP_BOT_DB": str(tmp_path / "t.db"),
        }
        result = subprocess.run(
            [sys.executable, "-m", "bot", "serve"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1 and "另一个机器人实例正在使用数据库" in result.stderr
    finally:
        first.close()


def test_killing_an_ingest_midway_leaves_no_partial_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        text = CORPUS_FILES[i % 5].read_text(encoding="utf-8")
        for name in ("税郭镇", "拾万镇", "xx镇", "平岗镇", "凤凰镇"):
            text = text.replace(name, f"杀{i:02d}镇")
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "k.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(db), "ingest", str(folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill once some reports are in, before all are
        if db.exists():
            with sqlite3.connect(db) as probe:
                try:
                    if probe.execute("SELECT count(*) FROM reports").fetchone()[0] > 6:
                        break
                except sqlite3.Error:
                    pass
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        empty = check.execute(
            "SELECT count(*) FROM reports r WHERE NOT EXISTS "
            "(SELECT 1 FROM snippets s WHERE s.report_id = r.report_id)"
        ).fetchone()[0]
        assert empty == 0
        stored = check.execute("SELECT count(*) FROM reports").fetchone()[0]
        assert 5 <= stored < 45


async def test_an_accepted_upload_not_yet_stored_is_stored_once_at_the_next_start(
    fake_api: FakeBotApi, seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    text = corpus_text("002").replace("xx镇", "收件镇")
    await inbox.put(kb.store, text.encode(), name="a.txt", town=None, year=None)
    await kb.close()  # the process died here: accepted, not stored
    async with running_bot(bot_settings(fake_api, seeded_db_path)) as app:
        knowledge = app.bot_data["township.knowledge"]
        assert "收件镇" in await knowledge.towns()
        assert await inbox.pending(knowledge.store) == []
    async with running_bot(bot_settings(fake_api, seeded_db_path)) as app:  # no doubles
        reports = await app.bot_data["township.knowledge"].reports()
        assert sum(r.town == "收件镇" for r in reports) == 1


async def test_a_start_without_network_retries_and_sigterm_stops_without_answering_twice(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    fake_api.inject("getMe", drop=True, times=2)
    process = await start_serving(fake_api, seeded_db_path)
    try:
        await fake_api.wait_for("setMyCommands", timeout=60)
        assert len(fake_api.calls_of("getMe")) >= 3  # two dropped, then retried
        fake_api.push_message("/start")
        [reply] = await fake_api.wait_for("sendMessage", timeout=30)
        assert "法治报告助手" in reply.params["text"]
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert fake_api.confirmed_all()  # the offset was confirmed: nothing is answered twice


async def test_a_slow_telegram_times_out_without_sending_the_message_twice(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        await fake_api.wait_for("setMyCommands")
        fake_api.inject("sendMessage", delay=8.0)  # longer than PTB's 5 s read timeout
        fake_api.push_message("/start", user_id=1)
        calls = await fake_api.wait_for("sendMessage", 2, timeout=30)
        welcome_sends = [c for c in calls if "法治报告助手" in str(c.params["text"])]
        assert len(welcome_sends) == 1  # a non-idempotent send is not repeated after TimedOut
        fake_api.push_message("信访", user_id=2)
        later = await fake_api.wait_for("sendMessage", 3, timeout=30)
        assert "相关段落" in str(later[-1].params["text"])


async def test_others_are_answered_while_a_huge_draft_is_checked(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    # A 6 MB draft is parsed in a worker process; another user's question is answered
    # before the draft's result comes back, instead of after it.
    paragraph = "一、主要举措和成效\n组织中心组学法6次，聘请常年法律顾问1名，审查合同12份。\n"
    huge = ("城关镇2023年度法治政府建设情况报告\n" + paragraph * 60000).encode("utf-8")
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/check", user_id=USER_ID)
        await fake_api.wait_for("sendMessage")
        fake_api.push_document(huge, file_name="草稿.txt", user_id=USER_ID)
        await fake_api.wait_for("getFile")
        fake_api.push_message("法律顾问", user_id=USER_ID + 1)
        await fake_api.wait_for("sendDocument", timeout=120)
        order = [
            (c.method, c.params.get("chat_id"))
            for c in fake_api.calls
            if c.method in ("sendMessage", "sendDocument")
        ]
        answered = order.index(("sendMessage", USER_ID + 1))
        checked = order.index(("sendDocument", USER_ID))
        assert answered < checked, order


async def test_deleting_the_wal_while_serving_loses_no_confirmed_upload(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    # The -wal and -shm files, which hold the latest writes, are deleted while the bot serves.
    # It must notice, save what the WAL held, and stop for a restart.
    from tests.e2e.test_e2e_bot import callback_data, docx_bytes

    report = corpus_text("003").replace("平岗", "新岗").replace("2022", "2023")
    process = await start_serving(
        fake_api,
        seeded_db_path,
        TOWNSHIP_BOT_WATCHDOG_SECONDS="0.3",
        TOWNSHIP_BOT_ADMINS=str(ADMIN_ID),
        TELEGRAM_API_BASE_FILE_URL=fake_api.base_file_url,
    )
    try:
        await fake_api.wait_for("setMyCommands", timeout=30)
        fake_api.push_document(docx_bytes(report), file_name="新岗镇.docx", user_id=ADMIN_ID)
        [preview] = await fake_api.wait_for("sendMessage", timeout=60)
        fake_api.push_callback(
            callback_data(preview, "✅ 确认添加"), message_id=1, user_id=ADMIN_ID
        )
        [done] = await fake_api.wait_for("editMessageText", timeout=30)
        assert "已添加" in done.params["text"]
        for suffix in ("-wal", "-shm"):
            os.remove(f"{seeded_db_path}{suffix}")
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 1 and b"vanished or was replaced" in stderr
    with sqlite3.connect(seeded_db_path) as db:
        towns = {row[0] for row in db.execute("SELECT town FROM reports")}
    db.close()
    assert "新岗镇" in towns


@pytest.fixture
def read_only_copy(seeded_db_path: Path, tmp_path: Path) -> Iterator[Path]:
    """The seeded database on a read-only filesystem (a read-only bind mount)."""
    source, mounted = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    mounted.mkdir()
    shutil.copy(seeded_db_path, source / "township.db")
    steps = [
        ["mount", "--bind", str(source), str(mounted)],
        ["mount", "-o", "remount,bind,ro", str(mounted)],
    ]
    for step in steps:
        if subprocess.run(step, capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", str(mounted)], capture_output=True, check=False)
            pytest.skip("a read-only bind mount needs mount privileges")
    try:
        yield mounted / "township.db"
    finally:
        subprocess.run(["umount", str(mounted)], capture_output=True, check=False)


async def test_the_bot_serves_read_only_from_a_read_only_filesystem(
    fake_api: FakeBotApi, read_only_copy: Path
) -> None:
    # No traceback, no lock file, no -shm: the bot starts read-only, answers, and says so in
    # its log.
    process = await start_serving(fake_api, read_only_copy)
    try:
        await fake_api.wait_for("setMyCommands", timeout=30)
        fake_api.push_message("法律顾问怎么写")
        [reply] = await fake_api.wait_for("sendMessage", timeout=30)
        assert "参考表述" in reply.params["text"]
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert b"Traceback" not in stderr and b"read-only" in stderr
