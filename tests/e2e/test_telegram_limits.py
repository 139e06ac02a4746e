"""Replies fit Telegram's limits for any content: the length is counted in UTF-16 units as
Telegram counts it, and a cut never falls inside markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from handlers.render import HTML, MESSAGE_LIMIT, split_messages, telegram_length
from tests.auxil import USER_ID, bot_settings, running_bot
from tests.fakebot import FakeBotApi


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag


def balanced(text: str) -> bool:
    tags = _Tags()
    tags.feed(text)
    return not tags.stack


def test_emoji_count_twice_and_long_bold_is_cut_outside_its_tags() -> None:
    emoji_block = "草稿" + "😀" * 3000 + "。"
    bold_block = HTML.bold("法" * 5000)  # no sentence end anywhere
    messages = split_messages(HTML.bold("头"), [emoji_block, bold_block])
    assert len(messages) >= 4
    for message in messages:
        assert telegram_length(message) <= MESSAGE_LIMIT
        assert balanced(message), message[:40]
    assert "".join(messages).count("😀") == 3000  # nothing lost


def test_entities_are_not_split() -> None:
    block = "&lt;" * 3000 + HTML.esc("<b>") * 500
    for message in split_messages("", [block]):
        assert telegram_length(message) <= MESSAGE_LIMIT
        assert not message.endswith("&") and not message.startswith(("lt;", "gt;"))


async def test_an_emoji_draft_gets_its_check_and_file(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    # The fake Bot API refuses what Telegram refuses (length in UTF-16, bad markup).
    draft = (
        "城关镇2023年度法治政府建设情况报告\n一、主要举措和成效\n"
        + "组织学法😀培训🎉，聘请法律顾问👍。" * 600
        + "\n二、存在的不足和原因\n执法力量不足，原因是编制少。"
    )
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/check", user_id=USER_ID)
        await fake_api.wait_for("sendMessage")
        fake_api.push_message(draft[:4000], user_id=USER_ID)
        await fake_api.wait_for("sendDocument")
        await fake_api.wait_idle()
        assert any("草稿检查结果" in t for t in fake_api.texts())
        assert not any("出错了" in t for t in fake_api.texts())
