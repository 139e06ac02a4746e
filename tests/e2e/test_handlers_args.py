"""Every command's odd arguments, through the real Application and the fake Bot API server."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.service import Knowledge
from knowledge.storage import userstate
from knowledge.text.segment import Segmenter
from tests.auxil import USER_ID, bot_settings, running_bot
from tests.fakebot import FakeBotApi

# (message, a phrase the reply must hold)
ODD_INPUTS = [
    ("/ask", "用法：/ask 关键词"),
    ("/ask    ", "用法：/ask 关键词"),
    ("/ask ？？？", "没太明白您想查什么"),
    ("/ask 😀😀", "没太明白您想查什么"),
    ("/ask 镇", "没太明白您想查什么"),
    ("/ask <b>x</b> a_b*c", "没太明白您想查什么"),
    ("/ask '; DROP TABLE reports; --", "没太明白您想查什么"),
    ("/ask 火星人移民", "份报告都没有写到“火星人"),
    ("/ask 疫情防控中依法行政", "没有出现“疫情防控”，以下按“依法行政”查找"),
    ('/ask 乡村 AND (振兴 "引号 NEAR(a b) *', "相关段落"),
    ("/ask " + "法" * 4000, "没有找到相关内容"),
    ("/ask 拾方镇的信访", "您是否指：拾万镇？"),
    ("/example", "用法：/example 主题"),
    ("/example 火星探测", "参考表述"),
    # A topic of thousands of characters is echoed cut short, not in full.
    ("/example " + "火" * 3000, "都没有写到“火火火火火火火火火火火火火火火火火火火…”"),
    ("/compare 拾万镇 税郭镇 " + "法" * 3000, "法…”各镇写法"),
    ('/compare 拾万镇 税郭镇 "NEAR(a b)" * OR', "对比：拾万镇 / 税郭镇"),
    ("/compare", "用法：/compare"),
    ("/compare 拾万镇 拾万镇", "请提供两个不同的乡镇"),
    ("/compare 拾万镇 火星镇", "报告库中没有：火星镇"),
    ("/compare " + " ".join(["拾万镇", "税郭镇", "平岗镇", "凤凰镇", "xx镇"] * 4), "对比："),
    ("/mytown", "您还没有设置本镇"),
    ("/mytown " + "长" * 50, "用法：/mytown 镇名"),
    ("/remind 明天", "日期格式应为"),
    ("/remind 2024-02-29", "2024-02-29 不在今天到一年之内"),
    ("/remind 2999-01-01", "不在今天到一年之内"),
    ("/remind off", "您还没有订阅提醒"),
    ("/start " + "x" * 80, "法治报告助手"),
    ("/start ../../etc", "法治报告助手"),
    ("/Start", "法治报告助手"),
    (f"/start@{'township_test_bot'}", "法治报告助手"),
    ("/help extra words", "可用命令"),
    ("/checklist now", "必须包含"),
    ("/stats", "无权限"),
    ("\u200b法治\u202e宣传\x00", "相关段落"),
    ("报告必须写哪些内容", "必须包含"),
    ("报告什么时候交", "时间要求"),
    ("给我一段出庭应诉的范文", "参考表述"),
    ("帮我写一段关于法律顾问的内容", "“法律顾问”的参考表述"),
    ("拾万镇有多少信访案件", "拾万镇 · 信访件数：<b>34宗</b>"),
    ("你好", "法治报告助手"),
    ("谢谢！", "不客气"),
    # Saying where one works is /mytown; asking to be reminded is /remind.
    ("我们镇和拾万镇比一比", "用 /mytown 设置本镇后"),
    ("我们镇是税郭镇", "已设置本镇为：税郭镇"),
    ("我们镇和拾万镇比一比", "对比：税郭镇 / 拾万镇"),
    # 'Other towns' are the comparison's second column, not a topic to look up.
    ("我们镇和其他乡镇比一比", "税郭镇没写到、别镇写了的"),
    ("对比一下凤凰镇和平岗镇的普法", "<b>凤凰镇</b>\n数字：无"),
    ("/compare 税郭 拾万 矛盾纠纷", "信访件数 <b>34宗</b>"),
    ("我在拾万工作", "已设置本镇为：拾万镇"),
    ("/mytown", "您设置的本镇是：拾万镇"),
    ("我们镇是否需要写行政复议", "“行政复议”是年度报告的常见事项"),
    ("提醒我交报告", "已订阅截止日期提醒"),
    ("/remind off", "已取消截止日期提醒"),
]


async def test_handlers_odd_arguments(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        for text, phrase in ODD_INPUTS:
            before = len(fake_api.calls_of("sendMessage"))
            fake_api.push_message(text, user_id=USER_ID)
            sent = await fake_api.wait_for("sendMessage", before + 1)
            await fake_api.wait_idle(quiet=0.15)
            replies = " ".join(
                str(c.params["text"]) for c in fake_api.calls_of("sendMessage")[before:]
            )
            assert phrase in replies, (text, replies[:300])
            assert all(len(str(c.params["text"])) <= 4096 for c in sent)
            assert "Traceback" not in replies


async def test_handlers_ignore_other_bots_edits_and_answer_non_text(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/start@other_bot", chat_id=-100, chat_type="supergroup")
        fake_api.push_message("法律顾问", edited=True)
        await fake_api.wait_idle()
        assert fake_api.calls_of("sendMessage") == []
        fake_api.push_message(
            None,
            extra={
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                }
            },
        )
        [reply] = await fake_api.wait_for("sendMessage")
        assert reply.params["text"] == "目前仅支持文字提问和上传 .txt/.docx 报告。"


@pytest.mark.parametrize(
    ("allowed", "answered"), [(frozenset({USER_ID}), True), (frozenset({2}), False)]
)
async def test_handlers_allowlist(
    fake_api: FakeBotApi, seeded_db_path: Path, allowed: frozenset[int], answered: bool
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path, allowed=allowed)):
        fake_api.push_message("法律顾问", user_id=USER_ID)
        [reply] = await fake_api.wait_for("sendMessage")
        assert ("相关段落" in reply.params["text"]) is answered
        assert (reply.params["text"] == "抱歉，您没有使用本机器人的权限。") is not answered


async def test_handlers_rate_limit(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    settings = bot_settings(fake_api, seeded_db_path, rate_limit_count=5, rate_limit_seconds=60.0)
    async with running_bot(settings):
        for _ in range(8):
            fake_api.push_message("法律顾问", user_id=USER_ID)
        await fake_api.wait_for("sendMessage", 8)
        await fake_api.wait_idle()
        texts = fake_api.texts()
        assert texts.count("您发送得太快了，请稍后再试。") == 3
        fake_api.push_message("法律顾问", user_id=2)  # another user is not slowed down
        await fake_api.wait_for("sendMessage", 9)
        assert "相关段落" in fake_api.texts()[-1]


async def test_every_update_passes_one_gate(fake_api: FakeBotApi, seeded_db_path: Path) -> None:
    # /mytown and buttons count against the same limit as questions.
    settings = bot_settings(fake_api, seeded_db_path, rate_limit_count=3, rate_limit_seconds=60.0)
    async with running_bot(settings):
        fake_api.push_message("法律顾问", user_id=USER_ID)
        [answer] = await fake_api.wait_for("sendMessage")
        more = next(
            b["callback_data"]
            for row in answer.params["reply_markup"]["inline_keyboard"]
            for b in row
            if b["text"] == "换个乡镇"
        )
        for index in range(4):
            fake_api.push_message(f"/mytown 税郭{index}", user_id=USER_ID)
        await fake_api.wait_for("sendMessage", 5)
        fake_api.push_callback(more, message_id=1, user_id=USER_ID)
        calls = await fake_api.wait_for("answerCallbackQuery")
        await fake_api.wait_idle()
        texts = fake_api.texts()
        assert texts.count("您发送得太快了，请稍后再试。") == 2
        assert calls[-1].params.get("text") == "您发送得太快了，请稍后再试。"
        assert not fake_api.calls_of("editMessageText")  # the refused button ran nothing


async def test_a_stored_name_is_never_markup(
    fake_api: FakeBotApi, seeded_db_path: Path, segmenter: Segmenter
) -> None:
    # A name stored before names were checked is still shown as text, never as markup.
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        await userstate.set_town(kb.store, USER_ID + 1, "<b>官")
    finally:
        await kb.close()
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/mytown", user_id=USER_ID + 1)
        [old] = await fake_api.wait_for("sendMessage")
        assert "&lt;b&gt;官" in old.params["text"]
        fake_api.push_message('/mytown <a href="http://x.example">官</a>', user_id=USER_ID)
        [_, refused] = await fake_api.wait_for("sendMessage", 2)
        assert refused.params["text"].startswith("用法：/mytown")
        fake_api.push_message("/mytown", user_id=USER_ID)
        [*_, shown] = await fake_api.wait_for("sendMessage", 3)
        assert "<a" not in shown.params["text"] and "设置本镇" in shown.params["text"]
