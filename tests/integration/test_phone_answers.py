"""Answers shaped for a phone and for pasting: one screen per question, the matched sentence
first, templates without other towns' names, comparisons and draft checks that lead with what
was asked, and the same answers over a large library of similar reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.__main__ import NEEDLE_QUESTION, build_corpus
from handlers.render import HTML, PLAIN, render_answer, render_draft_check, render_examples
from knowledge.service import Knowledge
from knowledge.text.excerpt import ELLIPSIS, excerpt, sentences
from knowledge.text.segment import Segmenter

PLAIN_QUESTIONS = [
    "法律顾问",
    "出庭应诉",
    "矛盾纠纷排查",
    "普法宣传",
    "政务公开",
    "行政执法",
    "中心组学法",
    "存在的问题",
    "下一步打算",
    "便民服务中心",
    "网格化管理",
    "宪法宣传",
]
LIBRARY_TOWNS = ("拾万", "税郭", "平岗", "凤凰")


@pytest.mark.parametrize("question", PLAIN_QUESTIONS)
async def test_a_plain_question_fits_one_screen(knowledge: Knowledge, question: str) -> None:
    answer = await knowledge.ask(question, limit=3)
    [message] = render_answer(answer, PLAIN)
    assert answer.hits and len(message) <= 900, len(message)
    assert "\n3. " in message or len(answer.hits) < 3
    assert "\n4. " not in message
    for hit in answer.hits:
        shown = excerpt(hit.snippet.text, answer.terms, budget=180)
        first = sentences(shown.removeprefix(ELLIPSIS))[0]
        # The passage opens with a sentence that holds the words, unless none of them does.
        if any(t in hit.snippet.text for t in answer.terms):
            assert any(t in first for t in answer.terms), (first, answer.terms)


async def test_matched_words_are_bold_and_figures_come_first(knowledge: Knowledge) -> None:
    answer = await knowledge.ask("拾万镇有多少信访案件", limit=3)
    [message] = render_answer(answer, HTML)
    lines = message.splitlines()
    assert lines[0] == "<b>报告中的数字：</b>" and "34宗" in lines[1]
    assert "<b>信访案件</b>" in message


@pytest.mark.parametrize("topic", ["法律顾问", "矛盾纠纷化解", "普法", "first_resp", "problems"])
async def test_templates_can_be_pasted(knowledge: Knowledge, topic: str) -> None:
    found = await knowledge.example(topic, limit=3)
    assert len({e.snippet.town for e in found.examples}) == len(found.examples) == 3
    for example in found.examples:
        template = example.template
        assert not any(town in template for town in LIBRARY_TOWNS), template
        assert not re.search(r"(^|[。；])[一二三四五六七八九十]+是", template), template
        assert template[-1] in "。！？；", template  # never a half sentence
    [message] = render_examples(found, HTML)
    # One template per town, tap-to-copy; the originals are behind a button, not repeated.
    assert message.count("<code>") == 3 and "可改写为" not in message
    assert len(render_examples(found, PLAIN)[0]) <= 1100


DRAFT = """城关镇2023年度法治政府建设情况报告

一、主要举措和成效
（一）加强学法。组织中心组学法6次，聘请常年法律顾问1名，审查合同12份。
（二）普法宣传。开展普法宣传活动20场，发放资料3000份。

二、存在的不足
普法宣传形式单一，执法人员不足。

三、下一步工作安排
加强执法人员培训，推进依法行政。
"""


async def test_a_draft_check_leads_with_the_gaps(knowledge: Knowledge) -> None:
    check = await knowledge.check_draft(DRAFT)
    messages = render_draft_check(check, PLAIN)
    text = "\n".join(messages)
    lines = text.splitlines()
    assert lines[0].startswith("草稿检查结果：规定必写的五部分有 4 处要补")
    assert lines[2] == "规定必写、需要补的："
    statutory = text.split("多数乡镇写了、草稿还没写的")[0]
    assert "❌ 党政主要负责人履行推进法治建设第一责任人职责情况" in statutory
    assert "只列了问题，没有分析原因" in statutory and "❌ 其他需要报告的情况" in statutory
    common = text.split("多数乡镇写了、草稿还没写的")[1].split("另有")[0]
    assert 3 <= common.count("❌ ") <= 5 and common.count("参考（") == common.count("❌ ")
    assert re.search(r"另有 \d+ 项未写到", text)
    assert len(text) < 2600


async def test_no_stored_snippet_is_a_bare_heading(knowledge: Knowledge) -> None:
    rows = await knowledge.store.fetchall("SELECT text FROM snippets")
    bare = [r[0] for r in rows if len(r[0]) <= 30 and r[0].strip()[-1] not in "。；！？.;!?"]
    assert bare == []


async def test_answers_stay_distinct_over_many_similar_reports(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    # 300 reports that reuse five reports' boilerplate under new town names: each passage has
    # sixty near-copies, more than one window of candidates.
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths, needle_town = build_corpus(folder, 300)
    kb = await Knowledge.open(tmp_path / "big.db", segmenter=segmenter, load_corpus=False)
    try:
        results = await kb.ingest_files(paths)
        assert all(r.status in ("added", "replaced") for r in results)
        for question in ("法律顾问", "矛盾纠纷排查化解", "普法宣传"):
            hits = (await kb.ask(question, limit=3)).hits
            assert len(hits) == 3, question
            assert len({h.snippet.town for h in hits}) == 3, question
            assert len({h.snippet.text for h in hits}) == 3, question
        # The first report ingested is found by its own words after 299 newer ones.
        needle = (await kb.ask(NEEDLE_QUESTION, limit=3)).hits
        assert needle and needle[0].snippet.town == needle_town
    finally:
        await kb.close()
