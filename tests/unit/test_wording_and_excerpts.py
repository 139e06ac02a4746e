"""Wording without a database: what a message asks to see, templates that blank a town's own
names and figures, excerpts that open at the matched sentence, and draft headings joined to
their text."""

from __future__ import annotations

import pytest

from knowledge.text.excerpt import ELLIPSIS, excerpt
from knowledge.usecases.check import parse_draft
from knowledge.usecases.target import resolve_target
from knowledge.usecases.wording import make_template


def test_template_blanks_town_counts_and_dates() -> None:
    text = "2021年，拾万镇受理信访案件34宗，于4月27日召开会议，我镇聘请1名法律顾问，调处率100%。"
    assert make_template(text, town="拾万镇", county="大足区") == (
        "【年度】年，【本镇】受理信访案件【N】宗，于【日期】召开会议，我镇聘请【N】名法律顾问，调处率【N】%。"
    )
    assert (
        make_template("xx镇建立52个微网格", town="xx镇", county=None)
        == "【本镇】建立【N】个微网格"
    )
    assert make_template("开展活动20余次", town="甲镇", county=None) == "开展活动【N】余次"


@pytest.mark.parametrize(
    ("text", "topic", "section", "words"),
    [
        ("legal_advisor", "legal_advisor", None, None),
        ("法律顾问、公职律师", "legal_advisor", None, None),
        ("problems", None, "problems", None),
        ("存在的问题", None, "problems", None),
        ("出庭应诉怎么写", None, None, "出庭应诉"),
        ("我镇存在的问题和原因", None, "problems", None),
        ("下一步工作打算怎么写", None, "next_plan", None),
        ("好的做法", None, "measures_results", None),
        # A part's name with a subject is that subject searched within the part.
        ("普法做法", None, None, "普法做法"),
        ("给我一段法律顾问的亮点范文", None, None, "法律顾问的亮点"),
    ],
)
def test_resolve_target(
    text: str, topic: str | None, section: str | None, words: str | None
) -> None:
    target = resolve_target(text)
    assert (target.topic, target.section, target.words) == (topic, section, words)


def test_an_excerpt_starts_at_the_matching_sentence_and_marks_cuts() -> None:
    text = (
        "我镇高度重视法治建设。" * 5 + "今年共受理信访案件34宗，调处率100%。" + "持续推进。" * 40
    )
    cut = excerpt(text, ["信访案件"], budget=60)
    assert cut.startswith(ELLIPSIS + "今年共受理信访案件34宗") and cut.endswith(ELLIPSIS)
    assert len(cut) <= 60 + 2 * len(ELLIPSIS)
    assert excerpt("短句。", ["无"], budget=60) == "短句。"


def test_a_template_blanks_local_names_measures_and_openers() -> None:
    text = (
        "四是加强社会综合治理。持续擦亮“源治久安”工作室，群众工作队“李厚猛”矛盾多元化调解室。"
        "与枣庄电信公司合作启动了“平安乡村  智慧税郭”智能监控平台。拆除违法建筑2处约380m²。"
        "坚持“三重一大”事项集体决策。逢三、六、九赶集日开展普法。我镇聘请1名法律顾问。"
    )
    template = make_template(text, town="税郭镇", county=None)
    assert template.startswith("加强社会综合治理。")
    for gone in ("源治久安", "李厚猛", "枣庄", "税郭", "380", "四是", "逢三"):
        assert gone not in template, gone
    assert "“【名称】”工作室" in template and "与【名称】合作" in template
    assert "【N】处约【N】m²" in template and "“三重一大”" in template
    assert "我镇聘请【N】名法律顾问" in template
    anonymised = make_template(
        "xx镇人民政府与广东光源律师事务所签订合同。坚持以XXX新时代中国特色社会主义思想为指导。",
        town="xx镇",
        county="郁南县",
    )
    assert anonymised == (
        "【本镇】人民政府与【名称】签订合同。坚持以习近平新时代中国特色社会主义思想为指导。"
    )


def test_a_heading_without_a_body_joins_the_text_after_it() -> None:
    draft = parse_draft(
        "城关镇2023年度法治政府建设情况报告\n一、主要举措和成效\n（一）加强组织领导\n1.健全机构\n"
        "成立法治政府建设领导小组，由党委书记任组长。\n二、存在的不足和原因\n执法力量不足。\n"
    )
    texts = [s.text for s in draft.snippets]
    assert "健全机构" not in texts
    assert "健全机构。成立法治政府建设领导小组，由党委书记任组长。" in texts


def test_an_excerpt_opens_at_the_sentence_a_figure_shown_above_comes_from() -> None:
    text = (
        "我镇与信访等部门联合开展普法活动20余次，排查矛盾纠纷25起。"
        "2021年共接待群众来访50余起，200余人次，目前已全部化解处理。"
        "杜绝了矛盾上行，维护了全镇稳定大局。"
    )
    anchor = "2021年共接待群众来访50余起，200余人次，目前已全部化解处理。"
    assert excerpt(text, ["信访"], budget=60).startswith("我镇与信访")
    assert excerpt(text, ["信访"], budget=60, anchor=anchor).startswith("……2021年共接待")
    # An anchor the text does not hold changes nothing.
    assert excerpt(text, ["信访"], budget=60, anchor="别的句子。").startswith("我镇与信访")


def test_named_places_and_the_anonymised_county_are_blanked() -> None:
    text = (
        "依托镇沙河湿地广场新打造法制宣传示范点1处，加强抱犊崮旅游大道南安城段示范点建设。"
        "建成法治文化广场3个，印发《XX县综合行政执法工作机制》，推广行政执法”两平台”。"
    )
    template = make_template(text, town="税郭镇", county=None)
    assert "沙河" not in template and "抱犊崮" not in template
    assert template.count("【地点】") == 2
    assert "法治文化广场" in template  # a kind of place, not a name
    assert "《【本县（区）】综合行政执法工作机制》" in template
    assert "“两平台”" in template
