"""Example wording, comparison with figures, the checklist, and the draft check, on the real corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import opencc
import pytest

from handlers.render import (
    PLAIN,
    column_label,
    coverage_evidence,
    render_comparison,
    render_draft_check,
)
from knowledge.domain.checklist import ITEM_BY_ID
from knowledge.errors import ErrorCode, ReportParseError
from knowledge.models import OTHERS_COLUMN, QueryFilters
from knowledge.service import Knowledge
from knowledge.text.normalize import to_simplified
from tests.conftest import corpus_text

DRAFT_WITHOUT_PROBLEMS_OR_FIRST_RESP = """城关镇2023年度法治政府建设情况报告
2023年，城关镇深入学习贯彻习近平法治思想，现将有关情况报告如下：
一、主要举措和成效
（一）聘请法律顾问。镇政府聘请常年法律顾问1名，全年审查合同12份，出具审查意见12条。
（二）开展普法宣传。落实“谁执法谁普法”责任制，全年开展普法活动20次。
（三）化解矛盾纠纷。排查矛盾纠纷45起，调解成功43起。
二、下一步打算
（一）继续加强普法宣传，创新宣传形式。
（二）推进行政执法三项制度落实。
"""


async def test_example_wording_comes_from_different_towns(knowledge: Knowledge) -> None:
    found = await knowledge.example("legal_advisor", limit=4)
    towns = [e.snippet.town for e in found.examples]
    assert len(towns) == 4 and len(set(towns)) == 4
    for example in found.examples:
        assert "legal_advisor" in example.snippet.topics
        assert (
            example.snippet.town not in example.template
            or example.snippet.town == "xx镇（郁南县）"
        )


async def test_example_wording_prefers_concrete_passages(knowledge: Knowledge) -> None:
    found = await knowledge.example("dispute_resolution", limit=2)
    assert any(ch.isdigit() for ch in found.examples[0].snippet.text)


@pytest.mark.parametrize(
    ("topic", "opening"),
    [
        # Passages about the topic first, not long factual ones that name it in passing.
        ("supervision", "今年以来我镇贯彻落实人大、政协、司法、社会监督工作"),
        ("gov_openness", "围绕群众关切事项"),
    ],
)
async def test_example_wording_prefers_passages_about_the_topic(
    knowledge: Knowledge, topic: str, opening: str
) -> None:
    found = await knowledge.example(topic, limit=2)
    assert found.examples[0].snippet.text.startswith(opening)


async def test_example_wording_free_words_and_town_filter(knowledge: Knowledge) -> None:
    found = await knowledge.example("出庭应诉怎么写", limit=3)
    assert {e.snippet.town for e in found.examples} == {"平岗镇", "凤凰镇"}
    only = await knowledge.example("普法", limit=3, filters=QueryFilters(town="凤凰"))
    assert only.examples and {e.snippet.town for e in only.examples} == {"凤凰镇"}


async def test_example_wording_section_topic(knowledge: Knowledge) -> None:
    found = await knowledge.example("存在的问题", limit=5)
    assert {e.snippet.section for e in found.examples} == {"problems"}
    assert len({e.snippet.town for e in found.examples}) == 5


async def test_compare_two_towns_coverage(knowledge: Knowledge) -> None:
    comparison = await knowledge.compare(["拾万", "税郭镇"])
    assert comparison.towns == ("拾万镇", "税郭镇")
    table = {
        item.item_id: {t: c.status for t, c in cov.items()} for item, cov in comparison.coverage
    }
    assert table["first_resp"] == {"拾万镇": "covered", "税郭镇": "thin"}
    assert table["other"] == {"拾万镇": "missing", "税郭镇": "missing"}
    assert table["problems"] == {"拾万镇": "thin", "税郭镇": "thin"}  # no causes given
    assert table["normative_docs"] == {"拾万镇": "missing", "税郭镇": "covered"}
    evidence = dict(comparison.coverage)[
        next(i for i, _ in comparison.coverage if i.item_id == "legal_advisor")
    ]
    assert "法律顾问" in (evidence["税郭镇"].evidence or "")


EXPECTED_FIGURES = [
    ("拾万镇", "信访件数", 34.0, "宗", False),
    ("拾万镇", "矛盾纠纷排查", 53.0, "起", True),
    ("税郭镇", "办件数", 8680.0, "件", True),
    ("税郭镇", "学法次数", 8.0, "次", False),
    ("税郭镇", "法律服务次数", 1800.0, "次", True),
    ("税郭镇", "公开信息条数", 30.0, "条", True),
    ("xx镇（郁南县）", "微网格", 52.0, "个", False),
    ("平岗镇", "执法证人数", 14.0, "名", False),
    ("平岗镇", "合同审查", 10.0, "件", False),
    ("平岗镇", "学法次数", 3.0, "次", False),
    ("凤凰镇", "矛盾纠纷化解", 40.0, "起", True),
    # No indicator fits: the counted noun after the number, or the object before it.
    ("拾万镇", "镇级公共服务中心", 1.0, "个", False),
    ("拾万镇", "社区戒毒康复人员", 4.0, "名", False),
    ("拾万镇", "严重精神障碍患者", 31.0, "名", False),
    ("拾万镇", "交通违法行为", 164.0, "起", False),
    ("拾万镇", "罚款", 2730.0, "元", False),
    ("平岗镇", "违法建筑", 2.0, "处", False),
    ("平岗镇", "环保问题", 4.0, "个", False),
    # A list sharing its head noun stays whole; a place is not an activity.
    ("拾万镇", "两三轮、变型拖拉机车主", 100.0, "名", True),
    ("税郭镇", "法制宣传示范点", 1.0, "处", False),
    # A bare '200余人次' counts what the clause before it counted.
    ("税郭镇", "信访人次", 200.0, "人次", True),
]


async def test_compare_figures_from_all_five_reports(knowledge: Knowledge) -> None:
    comparison = await knowledge.compare(["拾万镇", "税郭镇", "xx镇", "平岗镇", "凤凰镇"])
    found = {(f.town, f.indicator, f.value, f.unit, f.approx) for f in comparison.figures}
    for expected in EXPECTED_FIGURES:
        assert expected in found
    assert {f.town for f in comparison.figures} == {
        "拾万镇",
        "税郭镇",
        "xx镇（郁南县）",
        "平岗镇",
        "凤凰镇",
    }
    in_words = "零一二三四五六七八九"
    for figure in comparison.figures:  # each value as the sentence writes it (1万余件 = 10000,
        written = figure.text.replace(" ", "")  # 案件一件 = 1)
        assert (
            str(int(figure.value)) in written
            or f"{figure.value / 10_000:g}万" in written
            or (figure.value < 10 and f"{in_words[int(figure.value)]}{figure.unit}" in written)
        )
    # '43个自然村', '28个村' say where, not how much work: never a figure of their own.
    assert not [f for f in comparison.figures if f.indicator in ("村", "自然村")]


async def test_ask_how_many_gets_the_figures_on_the_asked_words(knowledge: Knowledge) -> None:
    petitions = await knowledge.ask("拾万镇有多少信访案件")
    assert [(f.town, f.indicator, f.value, f.unit) for f in petitions.figures] == [
        ("拾万镇", "信访件数", 34.0, "宗")
    ]
    advisers = await knowledge.ask("法律顾问有多少")
    assert len({f.town for f in advisers.figures}) >= 3
    assert all(f.indicator in ("法律顾问", "法律顾问覆盖") for f in advisers.figures)
    reach = [f for f in advisers.figures if f.indicator == "法律顾问覆盖"]
    assert reach and all((f.label and "村" in f.label) or f.label == "居委" for f in reach)
    wording = await knowledge.ask("法律顾问怎么写")
    assert wording.hits and wording.figures == ()


async def test_compare_unknown_same_and_too_many_towns(knowledge: Knowledge) -> None:
    half = await knowledge.compare(["拾万镇", "火星镇"])
    assert half.towns[0] == "拾万镇" and half.unknown == ("火星镇",)
    same = await knowledge.compare(["拾万镇", "拾万"])
    # One town: compared with the others, named one by one in a library this small.
    assert same.asked == ("拾万镇",) and len(same.towns) == 5
    many = await knowledge.compare(
        ["拾万", "税郭", "平岗", "凤凰", "xx镇", "拾万"] + ["火星"] * 15
    )
    assert len(many.towns) == 5 and len(many.unknown) == 15


async def test_compare_all_others_and_topic(knowledge: Knowledge) -> None:
    comparison = await knowledge.compare(["平岗镇"], all_others=True, topic="admin_litigation")
    assert comparison.towns[0] == "平岗镇" and len(comparison.towns) == 5
    litigation = next(c for i, c in comparison.coverage if i.item_id == "admin_litigation")
    assert litigation["平岗镇"].status == "covered" and litigation["凤凰镇"].status == "covered"
    assert litigation["税郭镇"].status == "missing"
    assert [s.town for s in comparison.side_by_side["平岗镇"]] == ["平岗镇"]


async def test_compare_leads_with_what_the_first_town_lacks(knowledge: Knowledge) -> None:
    comparison = await knowledge.compare(["税郭镇"], all_others=True)
    text = "\n".join(render_comparison(comparison, PLAIN, known=[]))
    lines = text.splitlines()
    assert lines[2] == "税郭镇没写到、别镇写了的："
    assert "· 行政机关负责人出庭应诉（凤凰镇、平岗镇）" in lines[3:8]
    # Only the rows where the towns differ are listed; the rest are counted.
    assert "其余 11 项各镇情况相同。" in text and "行政执法三项制度" in text
    assert "其他乡镇" not in text and len(text) < 2000


@pytest.mark.parametrize(
    ("topic", "label", "expected", "unexpected"),
    [
        (
            "矛盾纠纷",
            "矛盾纠纷",
            {("拾万镇", "信访件数", 34), ("税郭镇", "矛盾纠纷排查", 25)},
            "学法次数",
        ),
        ("行政执法", "行政执法", {("税郭镇", "执法活动", 110)}, "信访件数"),
        (
            "dispute_resolution",
            "矛盾纠纷多元化解和信访",
            {("拾万镇", "矛盾纠纷化解", 53)},
            "法律顾问",
        ),
    ],
)
async def test_compare_on_a_topic_picks_its_figures(
    knowledge: Knowledge,
    topic: str,
    label: str,
    expected: set[tuple[str, str, int]],
    unexpected: str,
) -> None:
    comparison = await knowledge.compare(["税郭镇", "拾万镇"], topic=topic)
    assert comparison.topic == label
    on_topic = {(f.town, f.indicator, int(f.value)) for f in comparison.topic_figures}
    assert expected <= on_topic
    assert unexpected not in {f.indicator for f in comparison.topic_figures}
    assert set(comparison.topic_figures) <= set(comparison.figures)

    text = "\n".join(render_comparison(comparison, PLAIN, known=[]))
    # The topic leads: no coverage table, each town's figures on it, then its passage.
    assert text.splitlines()[2] == f"“{label}”各镇写法："
    assert "覆盖" not in text and "报告中的数字" not in text and unexpected not in text
    for town, indicator, value in expected:
        block = text.split(f"\n{town}\n", 1)[1]
        assert block.startswith("数字：") and f"{indicator} " in block.splitlines()[0]
        assert str(value) in block.splitlines()[0]


async def test_compare_on_a_section_shows_all_figures(knowledge: Knowledge) -> None:
    comparison = await knowledge.compare(["税郭镇", "拾万镇"], topic="存在的问题")
    assert comparison.topic_figures is None
    text = "\n".join(render_comparison(comparison, PLAIN, known=[]))
    assert "“存在的不足和原因”各镇写法" in text and "数字" not in text
    assert "\n税郭镇\n" in text and "\n拾万镇\n" in text


async def test_checklist_counts_and_deadlines(knowledge: Knowledge) -> None:
    checklist = await knowledge.checklist(today=dt.date(2026, 11, 22))
    counts = {item.item_id: n for item, n in checklist.items}
    assert counts["other"] == 0 and counts["emergency"] == 0
    assert counts["admin_reconsideration"] == 1 and counts["admin_litigation"] == 2
    assert counts["first_resp"] == 5 and counts["problems"] == 5
    assert len(checklist.items) == 5 + 18
    assert [d.due_on for d in checklist.deadlines] == ["2027-02-28", "2027-03-31"]
    assert (
        "3月1日之前" in checklist.deadlines[0].what
        and "第二十二条" in checklist.deadlines[0].what
        and "4月1日之前" in checklist.deadlines[1].what
    )


async def test_check_draft_without_problems_and_first_resp(knowledge: Knowledge) -> None:
    check = await knowledge.check_draft(DRAFT_WITHOUT_PROBLEMS_OR_FIRST_RESP)
    status = {i.coverage.item.item_id: i.coverage.status for i in check.items}
    assert status["problems"] == "missing" and status["first_resp"] == "missing"
    assert status["measures_results"] == "covered" and status["legal_advisor"] == "covered"
    assert status["enforcement_3systems"] == "thin"  # only in the plan
    examples = {i.coverage.item.item_id: i.examples for i in check.items}
    assert 1 <= len(examples["problems"]) <= 2
    assert all(e.snippet.section == "problems" for e in examples["problems"])
    assert examples["legal_advisor"] == ()
    assert any("第一责任人" in r for r in check.reminders)
    assert any("原因" in r for r in check.reminders)
    assert check.summary()["missing"] >= 5


async def test_check_says_why_an_item_is_thin(knowledge: Knowledge) -> None:
    draft = (
        "城关镇2023年法治政府建设工作报告\n一、主要举措和成效\n"
        "（一）聘请法律顾问1名，审查合同15份。\n（二）排查化解矛盾纠纷30起。\n"
        "二、存在的问题\n一是普法宣传形式单一；二是执法人员力量不足。\n"
        "三、下一步打算\n继续加强普法宣传，推进行政执法规范化。\n"
    )
    check = await knowledge.check_draft(draft)
    judged = {i.coverage.item.item_id: (i.coverage.status, i.coverage.reason) for i in check.items}
    assert judged["problems"] == ("thin", "no_causes")
    assert judged["next_plan"] == ("thin", "one_passage")
    assert judged["pufa"] == ("thin", "only_planned")
    assert judged["legal_advisor"] == ("covered", None)
    assert judged["first_resp"] == ("missing", None)

    text = "\n".join(render_draft_check(check, PLAIN))
    problems = text.split("存在的不足和原因", 1)[1].split("\n\n", 1)[0]
    assert "没有分析原因" in problems


async def test_check_draft_in_traditional_characters(knowledge: Knowledge) -> None:
    simplified = await knowledge.check_draft(DRAFT_WITHOUT_PROBLEMS_OR_FIRST_RESP)
    traditional_text = opencc.OpenCC("s2t").convert(DRAFT_WITHOUT_PROBLEMS_OR_FIRST_RESP)
    assert traditional_text != DRAFT_WITHOUT_PROBLEMS_OR_FIRST_RESP
    traditional = await knowledge.check_draft(traditional_text)
    assert [i.coverage.status for i in traditional.items] == [
        i.coverage.status for i in simplified.items
    ]
    assert (
        to_simplified(traditional.items[0].coverage.evidence or "")
        == simplified.items[0].coverage.evidence
    )


@pytest.mark.parametrize("draft", ["", "  \n ", "我镇聘请法律顾问1名"])
async def test_check_too_short_a_draft_says_so(knowledge: Knowledge, draft: str) -> None:
    with pytest.raises(ReportParseError) as raised:
        await knowledge.check_draft(draft)
    assert raised.value.code == ErrorCode.DRAFT_TOO_SHORT


async def test_check_a_one_sentence_draft_without_town_or_year(knowledge: Knowledge) -> None:
    check = await knowledge.check_draft(
        "我镇今年聘请常年法律顾问1名，审查合同12份，出具审查意见12条。"
    )
    status = {i.coverage.item.item_id: i.coverage.status for i in check.items}
    assert status["legal_advisor"] == "covered" and status["problems"] == "missing"


async def test_check_a_real_report_finds_its_gaps(knowledge: Knowledge) -> None:
    check = await knowledge.check_draft(corpus_text("004"))
    status = {i.coverage.item.item_id: i.coverage.status for i in check.items}
    assert status["first_resp"] == "covered" and status["admin_reconsideration"] == "covered"
    assert status["other"] == "missing" and status["problems"] == "thin"


async def test_a_town_without_the_topic_never_shows_another_towns_words(
    knowledge: Knowledge,
) -> None:
    # 拾万镇's report never says 学法: the search for it drops the town, and the comparison
    # must not put what it then finds under 拾万镇's name.
    comparison = await knowledge.compare(["拾万镇", "凤凰镇"], topic="学法")
    assert all(s.town == "拾万镇" for s in comparison.side_by_side["拾万镇"])
    assert all(s.town == "凤凰镇" for s in comparison.side_by_side["凤凰镇"])
    assert comparison.side_by_side["凤凰镇"]


async def test_which_town_has_the_most_ranks_the_towns_figures(knowledge: Knowledge) -> None:
    most = await knowledge.ask("哪个镇化解纠纷最多")
    assert most.ranking == "most"
    assert [(f.town, f.value) for f in most.figures][:3] == [
        ("拾万镇", 53.0),
        ("凤凰镇", 40.0),
        ("税郭镇", 25.0),
    ]
    least = await knowledge.ask("哪个镇化解纠纷最少")
    assert least.ranking == "least" and least.figures[0].town == "税郭镇"


async def test_many_other_towns_are_one_column_worded_by_the_chat_core(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    base = corpus_text("003")  # 平岗镇 2022
    for i, name in enumerate(["甲岗", "乙岗", "丙岗", "丁岗", "戊岗", "己岗"]):
        path = tmp_path / f"{i}.txt"
        path.write_text(base.replace("平岗", name), encoding="utf-8")
        [result] = await knowledge.ingest_files([path])
        assert result.status == "added"
    found = await knowledge.compare(["拾万"])
    assert found.towns[-1] == OTHERS_COLUMN and found.others == 10
    assert column_label(found, found.towns[-1]) == "其他乡镇（10个）"
    cell = dict(found.coverage)[ITEM_BY_ID["legal_advisor"]][OTHERS_COLUMN]
    assert cell.tally is not None and cell.tally[0] == 10
    worded = coverage_evidence(cell) or ""
    assert worded.startswith("10 个乡镇中 ") and "；例如" in worded
    text = "\n".join(render_comparison(found, PLAIN, known=await knowledge.towns()))
    assert "其他乡镇（10个）" in text and "*others" not in text
