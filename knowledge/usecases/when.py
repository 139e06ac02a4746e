"""'凤凰宪法日是哪天搞的', '平岗多久听一回汇报': the sentence that says when or how often, first.

A paragraph often dates several events (4月27日 … 11月8日 … 11月3日); the one asked about is
the sentence that holds most of the question's words and a date (or a frequency)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, Literal

from knowledge.domain.vocabulary import synonym_variants
from knowledge.models import Answer, KeySentence
from knowledge.text.excerpt import sentences
from knowledge.text.normalize import search_form

WhenKind = Literal["when", "how_often"]

_ASKS_WHEN: Final = re.compile(
    r"哪天|哪一天|哪日|什么时候|啥时候|啥时|何时|几月几[号日]|几月份|哪个月|几号|哪年"
)
_ASKS_HOW_OFTEN: Final = re.compile(
    r"多久|多长时间|隔多长|几个月一次|频率|多少天一次|几(天|周|个月)一(次|回)"
)
_DATE: Final = re.compile(
    r"\d{4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{1,2}月(份|初|中旬|下旬|底)|"
    r"上半年|下半年|年初|年底|年中|第[一二三四]季度|\d{1,2}[.．]\d{1,2}(?=[^\d%])"
)
_FREQUENCY: Final = re.compile(
    r"每(年|半年|季度?|月|周|两个?月|双月|个月|逢)[^，。；]{0,8}?(一|1|两|2|三|3)?(次|回)?|"
    r"(半年|一年|全年|每年|一季度|一个月)[^，。；]{0,10}?[一二两三四\d]次|定期|常态化"
)
_CLAUSE: Final = re.compile(r"[^，；,;]+[，；,;]?")
_CLAUSE_OR_SENTENCE: Final = re.compile(r"[^，；,;。]+[，；,;。]?")
MAX_SAID: Final = 3


def asks_when(question: str) -> WhenKind | None:
    """'哪天' asks for a date, '多久一回' for how often; neither: None."""
    plain = search_form(question)
    if _ASKS_HOW_OFTEN.search(plain):
        return "how_often"
    if _ASKS_WHEN.search(plain):
        return "when"
    return None


_EVERY: Final = re.compile(r"都是?(啥|什么|哪)|哪几|几场|几次|几回|分别|各是")
MAX_DATES: Final = 6


def with_when(answer: Answer, kind: WhenKind) -> Answer:
    """The answer with, per town, the sentence that dates (or times) what was asked; for
    '几场 都是啥时候', every dated clause of the first town's passage."""
    pattern = _DATE if kind == "when" else _FREQUENCY
    forms = [v for term in answer.terms for v in synonym_variants(term)]
    if kind == "when" and _EVERY.search(search_form(answer.query)) and answer.hits:
        every = _every_date(answer, pattern)
        if len(every) > 1:
            return replace(answer, said=every)
    found: list[tuple[int, int, KeySentence]] = []
    towns: set[str] = set()
    for rank, hit in enumerate(answer.hits):
        if hit.snippet.town in towns:
            continue
        best: tuple[int, KeySentence] | None = None
        for sentence in sentences(hit.snippet.text):
            in_sentence = sum(1 for form in forms if form in search_form(sentence))
            if in_sentence == 0:
                continue
            # One sentence may date several events: the clause with the asked words decides.
            clauses = _CLAUSE.findall(sentence)
            for index, clause in enumerate(clauses):
                match = pattern.search(clause)
                if match is None:
                    continue
                shared = 2 * sum(1 for form in forms if form in search_form(clause)) + in_sentence
                if best is None or shared > best[0]:
                    # A bare '2月24日，' takes the clause after it; '每月组织，' the one before.
                    start, end = index, index + 1
                    if len(clause) < 12:
                        start, end = (index, index + 2) if match.start() == 0 else (index - 1, end)
                    text = "".join(clauses[max(start, 0) : end]).strip().rstrip("，；,;。")
                    best = (shared, KeySentence(hit.snippet.town, match.group(0), text))
        if best is not None:
            towns.add(hit.snippet.town)
            found.append((-best[0], rank, best[1]))
    found.sort(key=lambda item: item[:2])
    return replace(answer, said=tuple(said for _, _, said in found[:MAX_SAID]))


def _every_date(answer: Answer, pattern: re.Pattern[str]) -> tuple[KeySentence, ...]:
    """Each dated clause of the first hit's town, passage by passage as they were found."""
    town = answer.hits[0].snippet.town
    said: list[KeySentence] = []
    for hit in answer.hits:
        if hit.snippet.town != town:
            continue
        clauses = _CLAUSE_OR_SENTENCE.findall(hit.snippet.text)
        for index, clause in enumerate(clauses):
            match = pattern.match(clause.strip())
            if match is not None and all(s.value != match.group(0) for s in said):
                # '4月15日，' says when; the clause after it says what.
                text = "".join(clauses[index : index + 2]) if len(clause) < 12 else clause
                said.append(KeySentence(town, match.group(0), text.strip().rstrip("，；,;。")))
    return tuple(said[:MAX_DATES])
