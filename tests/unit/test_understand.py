"""The one reader of a message: kinds, towns, facts, figures and the words left to search."""

from __future__ import annotations

import pytest

from knowledge.understand import read, read_caption
from tests.understand_cases import CASES

TOWNS = ["拾万镇", "税郭镇", "凤凰镇", "平岗镇", "xx镇（郁南县）"]
OWN = "城关镇"


@pytest.mark.parametrize(("text", "kind", "towns"), CASES, ids=[c[0][:20] for c in CASES])
def test_read_kind_and_towns(text: str, kind: str, towns: tuple[str, ...]) -> None:
    request = read(text, towns=TOWNS, own_town=OWN)
    assert (request.kind, request.towns) == (kind, towns)


def test_read_table_is_large_enough() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("报告交给谁 主送写区政府还是区委", "recipients"),
        ("抄送抄給誰啊", "copy_to"),
        ("这个报告要不要在网上公开", "publish"),
        ("一般写多少字", "length"),
        ("文号咋写 拾万那个是啥格式", "doc_number"),
        ("落款写镇政府还是党委政府一起落", "signature"),
        ("成文日期写哪天", "date"),
        ("标题咋起", "title"),
        ("开头咋开 有固定说法吗", "opening"),
        ("其他需要报告的情况 这块写啥", "other_part"),
    ],
)
def test_read_fact_keys(text: str, fact: str) -> None:
    assert read(text, towns=TOWNS).fact == fact


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Spoken fillers set the intent or vanish; they are never searched.
        ("平岗班子学法搞了几回", "班子学法"),
        ("凤凰出庭应诉那块咋写的", "出庭应诉"),
        ("有没有例子 法律顾问那块咋写", "法律顾问"),
        ("疫情防控还写不写啊 都放开了", "疫情防控"),
        ("二十大精神开头要提吗", "二十大精神"),
        ("跟平岗比比执法", "执法"),
        ("權力清單哪個鎮寫了", "权力清单"),
    ],
)
def test_read_words_without_fillers(text: str, words: str) -> None:
    assert read(text, towns=TOWNS, own_town=OWN).words == words


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("稅郭學法搞了幾次啊", True), ("拾万民主法治示范村有几个", True), ("法律顾问怎么写", False)],
)
def test_read_figures_wanted(text: str, wanted: bool) -> None:
    assert read(text, towns=TOWNS).wants_figures is wanted


def test_read_year_and_section() -> None:
    request = read("2021年拾万下一步打算", towns=TOWNS)
    assert (request.year, request.section, request.towns) == (2021, "next_plan", ("拾万镇",))
    # '2022年工作计划' is a plan written in the 2021 report: not a year filter.
    assert read("2022年工作计划", towns=TOWNS).year is None


def test_read_own_town_without_one_set() -> None:
    request = read("我们镇和拾万镇比一比", towns=TOWNS, own_town=None)
    assert request.kind == "compare"
    assert request.missing_own_town
    assert request.towns == ("拾万镇",)


# Among thousands of towns some stem sounds like a word of an ordinary question.
SOUND_ALIKE_TOWNS = [*TOWNS, "金坪镇", "新溪镇", "水铺镇", "北安镇", "河坪镇", "黄和镇", "石湾镇"]


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        ("习近平法治思想学习", ()),
        ("政府信息公开", ()),
        ("谁执法谁普法", ()),
        ("规范性文件备案", ()),
        ("我们和平岗比比看", ("平岗镇",)),
        ("凤凰和税郭比下普法", ("凤凰镇", "税郭镇")),
        ("金坪的普法", ("金坪镇",)),
        ("十万镇信访", ("拾万镇",)),
        ("税国的法律顾问", ("税郭镇",)),
    ],
)
def test_read_sound_alike_town_never_cuts_a_word(text: str, towns: tuple[str, ...]) -> None:
    assert read(text, towns=SOUND_ALIKE_TOWNS).towns == towns


def test_read_two_anonymised_towns_are_two() -> None:
    towns = [*TOWNS, "xx镇（新兴县）"]
    request = read("郁南那个xx镇 和新兴的比比网格", towns=towns)
    assert request.towns == ("xx镇（郁南县）", "xx镇（新兴县）")


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("拾万镇 2023", ("拾万镇", 2023)),
        ("稅郭鎮2022年度", ("税郭镇", 2022)),
        ("2021", (None, 2021)),
        ("新来的报告", (None, None)),
        ("", (None, None)),
    ],
)
def test_read_caption_of_an_upload(caption: str, expected: tuple[str | None, int | None]) -> None:
    assert read_caption(caption) == expected
