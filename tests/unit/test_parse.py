"""Parsing the five real reports: fields, sections, snippets, normalisation."""

from __future__ import annotations

import pytest

from handlers.texts import error_text
from knowledge.domain.sections import SECTION_IDS
from knowledge.errors import ParseWarning, ReportParseError
from knowledge.text.parse import MAX_SNIPPET_CHARS, parse_report
from tests.conftest import corpus_text

EXPECTED_FIELDS = [
    # prefix, town, county, province, year, title, doc_number, addressee, issued_on
    ("000", "税郭镇", None, None, 2021, "税郭镇2021年度法治政府建设情况报告", None, None, None),
    (
        "001",
        "拾万镇",
        "大足区",
        "重庆市",
        2021,
        "关于拾万镇2021年法治政府建设情况的报告",
        "拾万府文〔2021〕165号",
        "区政府",
        "2021-11-23",
    ),
    ("002", "xx镇", "郁南县", None, 2021, None, None, None, None),
    ("003", "平岗镇", None, None, 2022, "2022年平岗镇法治建设工作总结", None, None, None),
    ("004", "凤凰镇", "临淄区", None, 2021, "2021年度凤凰镇法治政府工作报告", None, None, None),
]


@pytest.mark.parametrize(
    (
        "prefix",
        "town",
        "county",
        "province",
        "year",
        "title",
        "doc_number",
        "addressee",
        "issued_on",
    ),
    EXPECTED_FIELDS,
)
def test_parse_report_fields(
    prefix: str,
    town: str,
    county: str | None,
    province: str | None,
    year: int,
    title: str | None,
    doc_number: str | None,
    addressee: str | None,
    issued_on: str | None,
) -> None:
    report = parse_report(corpus_text(prefix))
    actual = (
        report.town,
        report.county,
        report.province,
        report.year,
        report.title,
        report.doc_number,
        report.addressee,
        report.issued_on,
    )
    assert actual == (town, county, province, year, title, doc_number, addressee, issued_on)


@pytest.mark.parametrize(
    ("prefix", "sections"),
    [
        ("000", ["preamble", "first_resp", "measures_results", "problems", "next_plan"]),
        ("001", ["preamble", "measures_results", "first_resp", "problems", "next_plan"]),
        ("002", ["preamble", "first_resp", "measures_results", "problems", "next_plan"]),
        ("003", ["preamble", "first_resp", "measures_results", "problems", "next_plan"]),
        # 凤凰镇 puts first-responsibility first, as its own top section.
        ("004", ["preamble", "first_resp", "measures_results", "problems", "next_plan"]),
    ],
)
def test_parse_report_section_order(prefix: str, sections: list[str]) -> None:
    report = parse_report(corpus_text(prefix))
    seen: list[str] = []
    for snippet in report.snippets:
        if snippet.section not in seen:
            seen.append(snippet.section)
    assert seen == sections


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_parse_report_snippets_are_phone_sized_whole_sentences(prefix: str) -> None:
    report = parse_report(corpus_text(prefix))
    assert report.snippets
    for snippet in report.snippets:
        assert snippet.section in SECTION_IDS
        assert snippet.text == snippet.text.strip() and snippet.text
        assert "[bookmark" not in snippet.text
        # Cut only at sentence ends: a chunk ends with closing punctuation (or is a whole item).
        assert len(snippet.text) <= MAX_SNIPPET_CHARS or "。" not in snippet.text[:-1]
    assert [s.ordinal for s in report.snippets] == list(range(len(report.snippets)))


def test_parse_closing_paragraph_splits_into_problems_and_plan() -> None:
    report = parse_report(corpus_text("000"))
    problems = [s.text for s in report.snippets if s.section == "problems"]
    plans = [s.text for s in report.snippets if s.section == "next_plan"]
    assert (
        len(problems) == 1 and problems[0].startswith("去年以来") and "下一步" not in problems[0]
    )
    assert len(plans) == 1 and plans[0].startswith("下一步，将始终围绕")


def test_parse_first_responsibility_sub_item_in_measures() -> None:
    report = parse_report(corpus_text("000"))
    first = [s for s in report.snippets if s.section == "first_resp"]
    assert [s.text[:11] for s in first] == ["一是履行第一责任人职责"]


def test_parse_broken_numbering_keeps_items_under_measures() -> None:
    report = parse_report(corpus_text("003"))
    headings = [
        s.heading for s in report.snippets if s.section in ("measures_results", "first_resp")
    ]
    assert "一、工作开展情况 > （三）履行法治政府职能、严格规范文明执法" in headings
    assert "一、工作开展情况 > （四）持续推进“放管服”工作开展，依法化解社会矛盾" in headings
    assert "一、工作开展情况 > （四）做好行政机关负责人出庭应诉常态化工作" in headings


def test_parse_document_fields_are_not_snippets() -> None:
    report = parse_report(corpus_text("001"))
    texts = " ".join(s.text for s in report.snippets)
    assert "拾万府文" not in texts and "抄" not in texts[-50:] and "区政府：" not in texts
    assert report.snippets[-1].text.endswith("一体推进法治拾万、法治政府、法治社会建设。")


def test_parse_normalises_word_residue() -> None:
    report = parse_report(corpus_text("004"))
    texts = [s.text for s in report.snippets]
    joined = "\n".join(texts)
    assert "4月27日、11月8日" in joined  # spaces inside dates removed
    assert "于11月3日在全体机关干部中开展" in joined  # sentence broken by a page break joined
    assert " and " not in joined and "习近平新时代中国特色社会主义思想和党的十九大精神" in joined
    report1 = parse_report(corpus_text("001"))
    assert any(
        "传达上级有关法治工作部署和研究本镇法治建设工作" in s.text for s in report1.snippets
    )


def test_parse_topics_tagged() -> None:
    report = parse_report(corpus_text("001"))
    advisor = next(s for s in report.snippets if "一法律顾问" in s.text)
    assert "legal_advisor" in advisor.topics
    petition = next(s for s in report.snippets if "受理信访案件34宗" in s.text)
    assert "dispute_resolution" in petition.topics
    anonymised = parse_report(corpus_text("002"))
    assert "xi_law_thought" in anonymised.snippets[0].topics  # XXX法治思想


def test_parse_traditional_text_keeps_original_and_finds_town() -> None:
    text = (
        "鳳凰鎮2023年度法治政府建設情況報告\n"
        "2023年，鳳凰鎮堅持以習近平法治思想為指導，現將有關情況報告如下：\n"
        "一、主要舉措和成效\n（一）聘請法律顧問。鎮政府聘請常年法律顧問1名，審查合同12份。\n"
        "二、存在的問題\n普法宣傳形式單一。\n三、下一步打算\n繼續加強普法宣傳。\n"
    )
    report = parse_report(text)
    assert (report.town, report.year) == ("凤凰镇", 2023)  # one town in either script
    assert [s.section for s in report.snippets] == [
        "preamble",
        "measures_results",
        "problems",
        "next_plan",
    ]
    assert "legal_advisor" in report.snippets[1].topics
    assert report.snippets[1].text.startswith("鎮政府聘請")


def test_parse_report_without_headings_still_parses() -> None:
    text = (
        "2023年，城关镇扎实推进法治政府建设，现将有关情况报告如下：\n"
        "城关镇聘请常年法律顾问，对重大合同进行合法性审查，全年审查合同20份。\n"
        "但也存在普法宣传形式单一等问题。下一步，我们将创新普法形式。\n"
    )
    report = parse_report(text)
    assert report.town == "城关镇"
    assert [s.section for s in report.snippets] == [
        "preamble",
        "measures_results",
        "problems",
        "next_plan",
    ]
    assert report.warnings == (ParseWarning.NO_HEADINGS,)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "文件没有可读取的文字内容"),
        ("   \n\n\t ", "文件没有可读取的文字内容"),
        ("这是一段没有乡镇名称也没有年份的文字，内容很长很长很长很长。", "未能从文中识别乡镇名称"),
        ("城关镇做了很多工作。城关镇还要继续努力，做好各项工作。", "未能从文中识别报告年度"),
    ],
)
def test_parse_report_rejects_unusable_text(text: str, reason: str) -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_report(text)
    assert error_text(caught.value.code, caught.value.fields).startswith(reason)


def test_parse_report_town_and_year_given_by_caller() -> None:
    text = "城关镇做了很多工作。城关镇还要继续努力，做好各项工作。"
    report = parse_report(text, year=2024)
    assert (report.town, report.year) == ("城关镇", 2024)


def test_parse_content_hash_ignores_whitespace_and_script_width() -> None:
    text = corpus_text("000")
    again = parse_report(text.replace("\n", "\r\n") + "\n\n")
    assert parse_report(text).content_hash == again.content_hash
