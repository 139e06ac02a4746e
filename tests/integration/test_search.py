"""Retrieval on the real corpus: a question set with expected snippets, filters, hostile input."""

from __future__ import annotations

import pytest

from knowledge.errors import TownNotFound
from knowledge.models import QueryFilters
from knowledge.service import Knowledge

# Questions staff ask, with a phrase that the right snippet holds, and the town it comes from.
QUESTION_SET = [
    ("法律顾问怎么写", "全面落实法律顾问制度", "平岗镇"),
    ("一村一法律顾问", "一村（社区）一法律顾问工作全面覆盖", "拾万镇"),
    ("行政机关负责人出庭应诉", "做好行政机关出庭应诉工作", "平岗镇"),
    ("行政复议", "严格落实行政应诉和行政复议工作安排", "凤凰镇"),
    ("信访案件有多少", "受理信访案件34宗", "拾万镇"),
    ("矛盾纠纷排查化解", "排查矛盾纠纷约53起", "拾万镇"),
    ("规范性文件备案", "完善规范性文件评估和定期清理公布制度", "税郭镇"),
    ("重大行政决策程序", "重大行政决策的必经程序", "税郭镇"),
    ("执法资格考试 执法证", "14名执法人员取得行政执法证", "平岗镇"),
    ("中心组学法几次", "镇党委理论中心组学法8次", "税郭镇"),
    ("民法典宣讲", "《民法典》宣讲第一期活动", "凤凰镇"),
    ("宪法日宣传", "12.4宪法日宣传周活动", "凤凰镇"),
    ("智慧平台 监控", "智能监控平台建设", "税郭镇"),
    ("便民服务中心办件", "镇便民服务中心共办理群众政务服务事项150多件", "平岗镇"),
    ("政府信息公开条数", "共公开各类信息30余条", "税郭镇"),
    ("综合行政执法委员会", "成立综合行政执法委员会", "xx镇（郁南县）"),
    ("民主法治示范村", "创建成为“民主法治示范村”", "拾万镇"),
    ("法制宣传教育不平衡", "法制宣传教育开展不平衡", "拾万镇"),
    ("人大代表建议 政协提案", "每年认真办理人大代表建议和政协提案", "凤凰镇"),
    ("网格", "全镇建立52个微网格", "xx镇（郁南县）"),
    # Only a part named: that part, one town after another.
    ("第一责任人职责怎么写", "镇党委书记作为法治建设第一责任人", "平岗镇"),
    ("第一责任人 领导小组", "履行推进法治建设第一责任人职责", "拾万镇"),
    ("合同审查", "全年共签订政府合同10件", "平岗镇"),
    ("鄉鎮法律顧問", "法律顾问", None),  # traditional script finds the simplified text
    ("法治宣传", "法制宣传", None),  # 法治 and 法制 are one word here
]


@pytest.mark.parametrize(("question", "phrase", "town"), QUESTION_SET)
async def test_search_question_set_finds_expected_snippet(
    knowledge: Knowledge, question: str, phrase: str, town: str | None
) -> None:
    answer = await knowledge.ask(question, limit=3)
    top = [(h.snippet.town, f"{h.snippet.heading} {h.snippet.text}") for h in answer.hits]
    assert any(phrase in text and (town is None or t == town) for t, text in top), top


async def test_search_town_named_in_question_filters(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("拾万 存在的问题")
    assert answer.filters == QueryFilters(town="拾万镇", year=None, section="problems")
    assert [h.snippet.town for h in answer.hits] == ["拾万镇", "拾万镇"]
    assert all(h.snippet.section == "problems" for h in answer.hits)


async def test_search_year_and_next_plan_in_question(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("2022年度 下一步打算", limit=10)
    assert answer.filters.year == 2022 and answer.filters.section == "next_plan"
    assert {h.snippet.town for h in answer.hits} == {"平岗镇"}
    assert len(answer.hits) == 3


@pytest.mark.parametrize(
    ("question", "town", "year", "section"),
    [
        ("2021年凤凰镇下一步打算", "凤凰镇", 2021, "next_plan"),
        ("拾万镇存在的问题和不足", "拾万镇", None, "problems"),
        ("凤凰镇第一责任人履职情况", "凤凰镇", None, "first_resp"),
        ("平岗镇主要举措和成效", "平岗镇", None, "measures_results"),
    ],
)
async def test_search_question_made_only_of_filters_lists_that_part(
    knowledge: Knowledge, question: str, town: str, year: int | None, section: str
) -> None:
    answer = await knowledge.ask(question)
    assert answer.filters == QueryFilters(town=town, year=year, section=section)  # type: ignore[arg-type]
    assert answer.terms == () and answer.hits
    assert all(h.snippet.town == town and h.snippet.section == section for h in answer.hits)


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("我想看看别的镇怎么写第一责任人履职", "first_resp"),
        ("看看其他乡镇的下一步打算", "next_plan"),
        ("别人存在的问题是怎么写的", "problems"),
    ],
)
async def test_search_other_towns_wording_around_a_part_lists_that_part(
    knowledge: Knowledge, question: str, section: str
) -> None:
    answer = await knowledge.ask(question)
    assert answer.filters.section == section and answer.terms == ()
    assert all(h.snippet.section == section for h in answer.hits)
    assert len({h.snippet.town for h in answer.hits}) >= 3


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("普法有什么好的做法", "普法"),
        ("矛盾纠纷化解有哪些典型经验", "矛盾纠纷"),
        ("政务公开的亮点", "公开"),
    ],
)
async def test_search_asking_for_good_practice_looks_at_what_was_done(
    knowledge: Knowledge, question: str, word: str
) -> None:
    # Without the filter the plans and problems, which also name 普法, come first.
    answer = await knowledge.ask(question)
    assert answer.filters.section == "measures_results" and answer.hits
    assert all(h.snippet.section == "measures_results" for h in answer.hits)
    assert word in answer.hits[0].snippet.text


async def test_search_words_found_nowhere_are_named_not_searched(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("火星人移民")
    assert answer.hits == () and answer.terms == ()
    assert answer.absent[0] == "火星人"
    mixed = await knowledge.ask("法律顾问 火星人")
    assert mixed.terms == ("法律顾问",) and mixed.hits
    assert all("法律顾问" in h.snippet.text for h in mixed.hits[:3])
    # 防控 is in the reports but 疫情 is not: 疫情防控 cannot match, and the answer says so.
    partly = await knowledge.ask("疫情防控中依法行政")
    assert partly.terms == ("依法行政",) and partly.absent == ("疫情防控",)


async def test_search_a_plan_for_next_year_is_not_a_year_filter(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("2022年工作计划")
    assert answer.filters.year is None and answer.filters.section == "next_plan"
    assert {h.snippet.year for h in answer.hits} == {2021}


async def test_search_explicit_town_option_fuzzy(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("矛盾纠纷", filters=QueryFilters(town="拾万"))
    assert answer.filters.town == "拾万镇" and answer.hits
    assert {h.snippet.town for h in answer.hits} == {"拾万镇"}


async def test_search_unknown_town_option_raises_with_towns(knowledge: Knowledge) -> None:
    with pytest.raises(TownNotFound) as caught:
        await knowledge.ask("矛盾纠纷", filters=QueryFilters(town="火星镇"))
    assert caught.value.name == "火星镇" and caught.value.suggestions


async def test_search_typo_town_is_a_guess_not_a_filter(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("拾方镇的信访")
    assert answer.filters.town is None and answer.town_guess == "拾万镇"


async def test_search_collapses_near_identical_snippets(knowledge: Knowledge, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "copy.txt"
    from tests.conftest import corpus_text

    copy.write_text(
        corpus_text("001").replace("拾万镇", "百福镇").replace("拾万", "百福"), encoding="utf-8"
    )
    [result] = await knowledge.ingest_files([copy])
    assert result.status == "added" and result.town == "百福镇"
    answer = await knowledge.ask("受理信访案件", limit=5)
    texts = [h.snippet.text for h in answer.hits]
    assert sum("受理信访案件34宗" in t for t in texts) == 1


async def test_search_single_character_is_low_signal(knowledge: Knowledge) -> None:
    # 镇 alone says nothing: no search, and the reply asks for what to look up.
    answer = await knowledge.ask("镇")
    assert answer.hits == () and answer.terms == () and answer.absent == ()
    lone = await knowledge.ask("法")
    assert lone.low_signal and lone.hits


HOSTILE_QUERIES = [
    "",
    "   ",
    "？？？",
    "。，！",
    "😀😀",
    "乡村振兴🌾进展",
    "ＧＤＰ 增长",
    "AI+政务",
    "乡村 AND (振兴",
    '"引号',
    "title:xx",
    "-x",
    "NEAR(a b)",
    "*",
    "a OR b NOT c",
    "^法治",
    "'; DROP TABLE reports; --",
    "1 OR 1=1",
    "<b>x</b>",
    "a_b*c",
    "\u200b法治\u202e",
    "\x00法律",
    "法" * 4000,
    "法律顾问" * 1000,
    "鄉村振興",
    "))))((((",
    '""""',
    "{法治}",
    "法治:",
    "snippets_fts",
    "passages_fts",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
async def test_search_hostile_query_never_raises(knowledge: Knowledge, query: str) -> None:
    answer = await knowledge.ask(query)
    assert len(answer.terms) <= 16
    assert await knowledge.store.report_count() == 5
    assert await knowledge.store.integrity_check() == "ok"


@pytest.mark.parametrize("query", ["", "   ", "？？？", "😀😀", "*", '""""'])
async def test_search_no_terms_gives_no_hits(knowledge: Knowledge, query: str) -> None:
    answer = await knowledge.ask(query)
    assert (answer.terms, answer.hits) == ((), ())


async def test_search_emoji_dropped_and_traditional_same_as_simplified(
    knowledge: Knowledge,
) -> None:
    emoji = await knowledge.ask("乡村振兴🌾")
    plain = await knowledge.ask("乡村振兴")
    traditional = await knowledge.ask("鄉村振興")
    ids = [h.snippet.snippet_id for h in plain.hits]
    assert ids and [h.snippet.snippet_id for h in emoji.hits] == ids
    assert [h.snippet.snippet_id for h in traditional.hits] == ids
