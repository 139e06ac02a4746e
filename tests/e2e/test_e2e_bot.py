"""End to end: the real Application over HTTP against the fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx

from tests.auxil import ADMIN_ID, USER_ID, bot_settings, running_bot
from tests.conftest import corpus_text
from tests.fakebot import FakeBotApi


def keyboard_of(call) -> list[list[dict]]:  # type: ignore[no-untyped-def]
    markup = call.params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    return (markup or {}).get("inline_keyboard", [])


def callback_data(call, label: str) -> str:  # type: ignore[no-untyped-def]
    for row in keyboard_of(call):
        for button in row:
            if button["text"] == label:
                return str(button["callback_data"])
    raise AssertionError(f"no button {label}")


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


async def test_e2e_start_question_button_and_commands(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        commands = await fake_api.wait_for("setMyCommands")
        assert {c["command"] for c in commands[0].params["commands"]} >= {
            "ask",
            "compare",
            "remind",
        }
        fake_api.push_message("/start")
        [welcome] = await fake_api.wait_for("sendMessage")
        assert "法治报告助手" in welcome.params["text"]

        fake_api.push_message("拾万镇的信访工作")
        answers = await fake_api.wait_for("sendMessage", 2)
        answer = answers[1]
        assert answer.params["parse_mode"] == "HTML"
        assert "<b>拾万镇 · 2021 · 主要举措和成效</b>" in answer.params["text"]
        assert "<b>信访</b>" in answer.params["text"]

        data = callback_data(answer, "只看存在的问题")
        fake_api.push_callback(data, message_id=1, user_id=USER_ID)
        [edited] = await fake_api.wait_for("editMessageText")
        assert "部分 存在的不足" in edited.params["text"] or "没有找到" in edited.params["text"]
        await fake_api.wait_for("answerCallbackQuery")

        fake_api.push_callback("m:nonsense", message_id=1)
        fake_api.push_callback("zzz", message_id=1)
        calls = await fake_api.wait_for("answerCallbackQuery", 3)
        assert calls[-1].params.get("text") == "按钮已过期，请重新查询。"

        fake_api.push_callback(data, message_id=1, user_id=555)  # somebody else's button
        calls = await fake_api.wait_for("answerCallbackQuery", 4)
        assert calls[-1].params.get("text") == "这不是您的操作。" and calls[-1].params.get(
            "show_alert"
        )


async def test_e2e_comparison_with_my_town(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        # Updates are handled concurrently: each waits for the one before it.
        fake_api.push_message("我们镇和拾万镇比一比矛盾纠纷")
        sent = await fake_api.wait_for("sendMessage", 1)
        fake_api.push_message("/mytown 税郭")
        sent = await fake_api.wait_for("sendMessage", 2)
        fake_api.push_message("我们镇和拾万镇比一比矛盾纠纷")
        assert sent[0].params["text"].startswith("还没有设置本镇，先给出拾万镇与其他乡镇的对比")
        assert "已设置本镇为：税郭镇" in sent[1].params["text"]
        await fake_api.wait_idle()
        text = "\n".join(fake_api.texts()[2:])
        assert "对比：税郭镇 / 拾万镇" in text and "信访件数 <b>34宗</b>" in text
        assert "“矛盾纠纷”各镇写法" in text
        fake_api.push_message("/compare 平岗")
        await fake_api.wait_idle()
        assert fake_api.calls_of("sendChatAction")[-1].params["action"] == "typing"
        assert all(len(t) <= 4096 for t in fake_api.texts())


async def test_e2e_admin_upload_confirm_and_non_admin(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    report = corpus_text("003").replace("平岗", "新岗").replace("2022", "2023")
    async with running_bot(bot_settings(fake_api, seeded_db_path)) as app:
        fake_api.push_document(docx_bytes(report), file_name="新岗镇.docx", user_id=USER_ID)
        [hint] = await fake_api.wait_for("sendMessage")
        assert "管理员权限" in hint.params["text"]
        assert fake_api.calls_of("getFile") == []  # a non-admin's file is never downloaded

        fake_api.push_document(
            docx_bytes(report), file_name="../../etc/新岗镇.docx", user_id=ADMIN_ID
        )
        preview = (await fake_api.wait_for("sendMessage", 2))[1]
        assert fake_api.calls_of("downloadFile")
        assert "解析结果：新岗镇 2023 年度" in preview.params["text"]
        confirm = callback_data(preview, "✅ 确认添加")

        fake_api.push_callback(confirm, message_id=5, user_id=USER_ID)  # forged by a non-admin
        refused = await fake_api.wait_for("answerCallbackQuery")
        assert refused[0].params.get("text") == "无权限。"

        fake_api.push_callback(confirm, message_id=5, user_id=ADMIN_ID)
        [done] = await fake_api.wait_for("editMessageText")
        assert "已添加" in done.params["text"] and "新岗镇 2023" in done.params["text"]
        knowledge = app.bot_data["township.knowledge"]
        assert "新岗镇" in await knowledge.towns()

        fake_api.push_document(docx_bytes(report), file_name="again.docx", user_id=ADMIN_ID)
        again = (await fake_api.wait_for("sendMessage", 3))[2]
        assert "该报告已存在（新岗镇 2023 年度" in again.params["text"]


async def test_e2e_check_draft_as_document(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    draft = "城关镇2023年度法治政府建设情况报告\n一、主要举措和成效\n（一）聘请常年法律顾问1名，审查合同12份。\n"
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/check")
        [prompt] = await fake_api.wait_for("sendMessage")
        assert "请把草稿直接发给我" in prompt.params["text"]
        fake_api.push_document(draft.encode("gb18030"), file_name="草稿.txt", user_id=USER_ID)
        await fake_api.wait_idle()
        text = "\n".join(fake_api.texts()[1:])
        assert (
            "草稿检查结果" in text
            and "❌ 党政主要负责人履行推进法治建设第一责任人职责情况" in text
        )
        [document] = await fake_api.wait_for("sendDocument")
        assert "草稿检查结果" in document.files["document"].decode("utf-8")


async def _run_reminder_job(app) -> None:  # type: ignore[no-untyped-def]
    """One run of the reminder job, now and awaited: an event, not a wait for its timer."""
    from bot.app import JOB_NAME

    [job] = app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(app)


async def test_e2e_reminder_fires_once_across_restart(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    county_due = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    settings = bot_settings(fake_api, seeded_db_path)
    async with running_bot(settings, reminder_interval=3600, reminder_first=3600) as app:
        fake_api.push_message(f"/remind {county_due}", user_id=USER_ID)
        await fake_api.wait_for("sendMessage")
        fake_api.push_message("/mytown 凤凰", user_id=USER_ID)
        await fake_api.wait_idle()
        await _run_reminder_job(app)
        await _run_reminder_job(app)  # the same stage is sent once
    reminders = [
        t for t in fake_api.texts(USER_ID) if "本县（区）要求的报送日期" in t and "还有 3 天" in t
    ]
    assert len(reminders) == 1
    sent_before = len(fake_api.texts())

    async with running_bot(settings, reminder_interval=3600, reminder_first=3600) as app:
        await _run_reminder_job(app)  # a restart: still once
        fake_api.push_message("/mytown", user_id=USER_ID)
        await fake_api.wait_idle()
    later = fake_api.texts()[sent_before:]
    assert not any("本县（区）要求的报送日期" in t for t in later)
    assert later[-1] == "您设置的本镇是：凤凰镇。修改请发送 /mytown 镇名"


async def test_e2e_blocked_user_does_not_stop_reminders(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    county_due = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    settings = bot_settings(fake_api, seeded_db_path)
    async with running_bot(settings, reminder_interval=3600, reminder_first=3600) as app:
        knowledge = app.bot_data["township.knowledge"]
        await knowledge.subscribe(11, county_due=dt.date.fromisoformat(county_due))
        await knowledge.subscribe(12, county_due=dt.date.fromisoformat(county_due))
    fake_api.blocked_chats.add(11)
    async with running_bot(settings, reminder_interval=3600, reminder_first=3600) as app:
        await _run_reminder_job(app)
    assert any("本县（区）要求的报送日期" in t for t in fake_api.texts(12))
    async with running_bot(settings, reminder_interval=3600, reminder_first=3600) as app:
        knowledge = app.bot_data["township.knowledge"]
        from knowledge.storage import userstate

        assert await userstate.subscribed_chats(knowledge.store) == [12]


async def test_e2e_admin_stats(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("火星探测", user_id=USER_ID)
        await fake_api.wait_for("sendMessage")
        fake_api.push_message("/stats", user_id=ADMIN_ID)
        [_, stats] = await fake_api.wait_for("sendMessage", 2)
        assert "使用统计：共 1 次请求" in stats.params["text"]
        assert "· 火星探测（1 次）" in stats.params["text"]


async def test_e2e_more_button_and_draft_as_text(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("普法")
        [answer] = await fake_api.wait_for("sendMessage")
        first_page = answer.params["text"]
        fake_api.push_callback(callback_data(answer, "更多"), message_id=1)
        [more] = await fake_api.wait_for("editMessageText")
        assert more.params["text"] != first_page and "\n1. " not in more.params["text"]
        # the second page goes on numbering after the first five
        assert "6. " in more.params["text"]
        fake_api.push_message("/check")
        await fake_api.wait_for("sendMessage", 2)
        fake_api.push_message(
            "城关镇2023年度法治政府建设情况报告。一、主要举措：聘请常年法律顾问1名，审查合同12份。"
        )
        await fake_api.wait_for("sendDocument")
        assert any("草稿检查结果" in t for t in fake_api.texts())


async def test_e2e_more_examples_button(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("给我一段法律顾问的范文")
        [examples] = await fake_api.wait_for("sendMessage")
        first = examples.params["text"]
        assert "\n1. <b>" in first and "4. <b>" not in first and "<code>" in first
        data = callback_data(examples, "更多范文")

        fake_api.push_callback(data.replace("x:", "m:"), message_id=1)  # an answer's button
        calls = await fake_api.wait_for("answerCallbackQuery")
        assert calls[-1].params.get("text") == "按钮已过期，请重新查询。"

        fake_api.push_callback(data, message_id=1)
        [more] = await fake_api.wait_for("editMessageText")
        text = more.params["text"]
        assert "4. <b>" in text and "\n1. <b>" not in text and "<code>" in text
        assert text.split("4. ", 1)[1] not in first

        # The originals behind this page's templates, and back.
        fake_api.push_callback(callback_data(more, "看原文"), message_id=1)
        [_, originals] = await fake_api.wait_for("editMessageText", 2)
        assert "原文" in originals.params["text"] and "<code>" not in originals.params["text"]
        assert "4. <b>" in originals.params["text"] and "【" not in originals.params["text"]
        fake_api.push_callback(callback_data(originals, "看模板"), message_id=1)
        [*_, back] = await fake_api.wait_for("editMessageText", 3)
        assert back.params["text"] == text


async def test_e2e_town_buttons_keep_their_meaning_after_an_import(
    fake_api: FakeBotApi, seeded_db_path: Path, tmp_path: Path
) -> None:
    # An import between showing the town buttons and pressing one must not shift them; each
    # press gets one answer, also on the stale path.
    from knowledge.service import Knowledge

    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("法律顾问", user_id=USER_ID)
        [answer] = await fake_api.wait_for("sendMessage")
        fake_api.push_callback(callback_data(answer, "换个乡镇"), message_id=1, user_id=USER_ID)
        [picker] = await fake_api.wait_for("editMessageText")
        shitwan = callback_data(picker, "拾万镇")
        # Another process adds two reports of a new town: it now heads the town list.
        copies = []
        for year in ("2021", "2022"):
            copy = tmp_path / f"baifu{year}.txt"
            text = corpus_text("001").replace("拾万镇", "百福镇").replace("拾万", "百福")
            copy.write_text(text.replace("2021年度", f"{year}年度"), encoding="utf-8")
            copies.append(copy)
        other = await Knowledge.open(seeded_db_path, load_corpus=False)
        try:
            await other.ingest_files(copies)
        finally:
            await other.close()
        fake_api.push_callback(shitwan, message_id=1, user_id=USER_ID)
        [_, filtered] = await fake_api.wait_for("editMessageText", 2)
        assert "乡镇 拾万镇" in filtered.params["text"] and "百福" not in filtered.params["text"]
        presses = len(fake_api.calls_of("answerCallbackQuery"))
        fake_api.push_callback(shitwan.replace("p:", "x:"), message_id=1, user_id=USER_ID)
        await fake_api.wait_for("answerCallbackQuery", presses + 1)
        await fake_api.wait_idle()
        assert len(fake_api.calls_of("answerCallbackQuery")) == presses + 1


async def test_e2e_confirm_pressed_three_times_stores_once(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    # Three quick presses of 确认添加 store the report once and say 已添加 once.
    report = corpus_text("003").replace("平岗", "新岗").replace("2022", "2023")
    async with running_bot(bot_settings(fake_api, seeded_db_path)) as app:
        fake_api.push_document(docx_bytes(report), file_name="新岗镇.docx", user_id=ADMIN_ID)
        [preview] = await fake_api.wait_for("sendMessage")
        confirm = callback_data(preview, "✅ 确认添加")
        for _ in range(3):
            fake_api.push_callback(confirm, message_id=1, user_id=ADMIN_ID)
        await fake_api.wait_for("answerCallbackQuery", 3)
        await fake_api.wait_idle()
        edits = [c.params["text"] for c in fake_api.calls_of("editMessageText")]
        assert sum("已添加" in t for t in edits) == 1
        assert not any("该报告已存在" in t or "重复" in t for t in edits), edits
        expired = [c for c in fake_api.calls_of("answerCallbackQuery") if c.params.get("text")]
        assert len(expired) == 2
        knowledge = app.bot_data["township.knowledge"]
        assert [r.town for r in await knowledge.reports()].count("新岗镇") == 1


async def test_e2e_second_admin_is_told_what_was_replaced(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    # Two admins confirm two versions of one town and year; the second learns whose
    # upload it replaced and when.
    other_admin = ADMIN_ID + 1
    settings = bot_settings(fake_api, seeded_db_path, admins=frozenset({ADMIN_ID, other_admin}))
    first = corpus_text("003").replace("平岗", "新岗").replace("2022", "2023")
    second = first.replace("全年共签订政府合同10件", "全年共签订政府合同12件")
    async with running_bot(settings):
        for index, (admin, text, name) in enumerate(
            [(ADMIN_ID, first, "第一版.docx"), (other_admin, second, "第二版.docx")]
        ):
            fake_api.push_document(docx_bytes(text), file_name=name, user_id=admin)
            [*_, preview] = await fake_api.wait_for("sendMessage", index + 1)
            fake_api.push_callback(
                callback_data(preview, "✅ 确认添加"), message_id=index + 1, user_id=admin
            )
            await fake_api.wait_for("editMessageText", index + 1)
        [added, replaced] = [c.params["text"] for c in fake_api.calls_of("editMessageText")]
    assert "已添加" in added
    assert "替换" in replaced and "来自 第一版.docx" in replaced and "入库时间 20" in replaced
