"""Figures read from report sentences: what counts as a measure of work, and how it is named."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.domain.checklist import report_year
from knowledge.models import Snippet
from knowledge.usecases.figures import extract_figures


def snippet(text: str, topics: tuple[str, ...] = ()) -> Snippet:
    return Snippet(
        snippet_id=1,
        report_id=1,
        town="测试镇",
        county=None,
        year=2024,
        section="measures_results",
        topics=topics,
        heading=None,
        text=text,
        ordinal=0,
    )


@pytest.mark.parametrize(
    "text",
    [
        "镇党委每两月1次专题研究法治建设。",
        "坚持每季度开展1次法治培训。",
        "每月一次组织学法，每周2次入户走访。",
    ],
)
def test_a_frequency_is_not_a_count(text: str) -> None:
    assert [(f.indicator, f.value) for f in extract_figures([snippet(text)])] == []


def test_a_place_alone_measures_no_work() -> None:
    found = extract_figures([snippet("全镇43个自然村全部进行了签约，28个村完成安装。")])
    assert [f for f in found if f.unit == "个"] == []


def test_places_an_indicator_reaches_are_its_coverage() -> None:
    [villages, committee] = extract_figures(
        [snippet("全镇7个行政村、1个居委都分别聘请了法律顾问。", ("legal_advisor",))]
    )
    assert (villages.indicator, villages.label, villages.value) == ("法律顾问覆盖", "行政村", 7)
    assert committee.name == "法律顾问覆盖（居委）"


def test_sub_activities_of_one_indicator_keep_their_names() -> None:
    text = "开展党组中心组集中学法3次，为全体镇村干部开展法律授课6次、组织开展会前学法8次。"
    found = extract_figures([snippet(text, ("leader_law_study",))])
    assert [(f.name, f.value) for f in found] == [
        ("学法次数（党组中心组集中学法）", 3),
        ("学法次数（法律授课）", 6),
        ("学法次数（会前学法）", 8),
    ]


def test_a_lone_figure_needs_no_sub_name() -> None:
    [petitions] = extract_figures([snippet("今年以来，共受理信访案件34宗。")])
    assert petitions.name == "信访件数" and petitions.label is None


def test_people_counted_are_never_cases() -> None:
    found = extract_figures([snippet("接待群众来访50余起，200余人次。")])
    assert [(f.indicator, f.unit) for f in found] == [("信访件数", "起"), ("信访人次", "人次")]


@pytest.mark.parametrize(
    ("today", "year"),
    [("2026-11-28", 2026), ("2026-10-01", 2026), ("2027-02-20", 2026), ("2027-09-30", 2026)],
)
def test_the_report_being_written_is_this_years_from_october(today: str, year: int) -> None:
    assert report_year(dt.date.fromisoformat(today)) == year


def test_ten_thousands_are_read_as_such() -> None:
    [handled] = extract_figures([snippet("服务大厅今年代理办结基层群众事项1万余件。")])
    assert (handled.indicator, handled.value, handled.approx) == ("办件数", 10_000, True)
    [money] = extract_figures([snippet("多方筹措资金20万元。")])
    assert (money.value, money.unit) == (20, "万元")  # 万元 is the unit, not a scale
