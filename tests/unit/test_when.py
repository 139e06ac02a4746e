"""Which questions ask when or how often, and which sentence of a hit answers them."""

from __future__ import annotations

import pytest

from knowledge.models import Answer, QueryFilters, SearchHit, Snippet
from knowledge.usecases.when import asks_when, with_when


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("凤凰宪法日是哪天搞的", "when"),
        ("民法典宣讲啥时候搞的", "when"),
        ("平岗多久听一回汇报", "how_often"),
        ("联席会议几个月一次", "how_often"),
        ("税郭学法一年几次", None),  # a count: the figures answer it
        ("法律顾问咋写", None),
    ],
)
def test_asks_when(question: str, kind: str | None) -> None:
    assert asks_when(question) == kind


def _hit(town: str, text: str) -> SearchHit:
    snippet = Snippet(1, 1, town, None, 2021, "measures_results", (), None, text)
    return SearchHit(snippet, 1.0, None, 0.0, ())


def test_the_clause_with_the_asked_words_gives_the_date() -> None:
    text = (
        "中心组分别于4月27日、11月8日对习近平法治思想专题讲座进行学习，"
        "于11月3日在全体机关干部中开展习近平法治思想讲座。"
    )
    answer = Answer(
        "机关干部讲座是哪天", QueryFilters(), (_hit("凤凰镇", text),), ("机关干部", "讲座")
    )
    said = with_when(answer, "when").said
    assert [(s.town, s.value) for s in said] == [("凤凰镇", "11月3日")]
    assert said[0].text == "于11月3日在全体机关干部中开展习近平法治思想讲座"


def test_no_sentence_with_the_words_and_a_date_says_nothing() -> None:
    answer = Answer(
        "宪法日哪天", QueryFilters(), (_hit("平岗镇", "4月1日开展普法。"),), ("宪法日",)
    )
    assert with_when(answer, "when").said == ()


def test_every_date_of_the_town_for_how_many_and_when() -> None:
    text = "2月24日，开展民法典宣讲。4月15日，开展国家安全教育日宣传；12月4日，开展宪法日宣传。"
    answer = Answer("普法几场 都是啥时候", QueryFilters(), (_hit("凤凰镇", text),), ("宣传",))
    said = with_when(answer, "when").said
    assert [s.value for s in said] == ["2月24日", "4月15日", "12月4日"]
    assert said[1].text == "4月15日，开展国家安全教育日宣传"
