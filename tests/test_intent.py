"""What a plain message asks for: the same understanding for Telegram and the terminal."""

from __future__ import annotations

import pytest

from knowledge.intent import understand

TOWNS = ["拾万镇", "税郭镇", "凤凰镇", "平岗镇", "xx镇"]


@pytest.mark.parametrize(
    ("text", "kind", "towns", "topic"),
    [
        ("法律顾问怎么写", "ask", (), None),
        ("给我一段出庭应诉的范文", "example", (), "出庭应诉"),
        ("帮我写一段关于法律顾问的内容", "example", (), "法律顾问"),
        ("我们镇和拾万镇比一比矛盾纠纷", "compare", ("税郭镇", "拾万镇"), "矛盾纠纷"),
        ("对比一下凤凰镇和平岗镇的普法", "compare", ("凤凰镇", "平岗镇"), "普法"),
        # The other towns are the comparison's second column, not a topic.
        ("拾万镇和其他乡镇比一比", "compare", ("拾万镇",), None),
        ("我们镇跟所有乡镇对比", "compare", ("税郭镇",), None),
        ("拾万镇和别的镇比较一下信访", "compare", ("拾万镇",), "信访"),
        ("报告必须写哪些内容", "checklist", (), None),
        ("报告什么时候交", "deadline", (), None),
        ("提醒我交报告", "remind", (), None),
        ("我们镇是凤凰镇", "set_town", ("凤凰镇",), None),
        ("帮我检查一下草稿", "check", (), None),
        ("你好", "greeting", (), None),
    ],
)
def test_understand(text: str, kind: str, towns: tuple[str, ...], topic: str | None) -> None:
    intent = understand(text, towns=TOWNS, own_town="税郭镇")
    assert (intent.kind, intent.towns, intent.topic) == (kind, towns, topic)


def test_understand_our_town_without_one_set() -> None:
    intent = understand("我们镇和拾万镇比一比", towns=TOWNS, own_town=None)
    assert intent.kind == "compare" and intent.missing_own_town
    assert intent.towns == ("拾万镇",)
