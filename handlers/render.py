"""Pure rendering of knowledge results: HTML for Telegram, plain text for the terminal.

No Telegram import here, so the command line can use it without loading python-telegram-bot.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from handlers import texts
from knowledge.domain.checklist import ITEM_BY_ID
from knowledge.domain.sections import SECTION_NAMES
from knowledge.domain.towns import split_label
from knowledge.domain.vocabulary import synonym_variants
from knowledge.models import (
    OTHERS_COLUMN,
    Answer,
    Checklist,
    Comparison,
    DraftCheck,
    Examples,
    Figure,
    IngestResult,
    ItemCheck,
    ItemCoverage,
    Report,
    SearchHit,
    Snippet,
)
from knowledge.officedoc import DraftComment
from knowledge.text.excerpt import excerpt
from knowledge.text.normalize import has_cjk
from knowledge.usecases.anchors import Anchored
from knowledge.usecases.facts import FactAnswer, WhetherAnswer, WhichTowns
from knowledge.usecases.figures import town_total
from knowledge.usecases.review import ParagraphReview
from knowledge.usecases.wording import with_item_heading

MESSAGE_LIMIT: Final = 4000  # under Telegram's 4096, leaving room for entities
MAX_PARTS: Final = 5
# A phone screen holds about 900 characters: three passages of this length and their sources.
PASSAGE_BUDGET: Final = 180
HEADING_BUDGET: Final = 24
MAX_FIGURES: Final = 4
MAX_COMPARED_FIGURES: Final = 4
COMPARE_PASSAGE_BUDGET: Final = 150
CHECK_EXAMPLE_BUDGET: Final = 80
FIGURE_CONTEXT: Final = 36


@dataclass(frozen=True, slots=True)
class Markup:
    """How to mark text up: HTML for Telegram, nothing for the terminal."""

    html: bool

    def esc(self, text: str) -> str:
        """Escape user or corpus text."""
        return html.escape(text, quote=False) if self.html else text

    def bold(self, text: str) -> str:
        """Bold, escaped."""
        return f"<b>{self.esc(text)}</b>" if self.html else text

    def italic(self, text: str) -> str:
        """Italic, escaped."""
        return f"<i>{self.esc(text)}</i>" if self.html else text

    def code(self, text: str) -> str:
        """Monospace, escaped: Telegram copies it with one tap, so a template can be pasted."""
        return f"<code>{self.esc(text)}</code>" if self.html else text

    def highlight(self, text: str, words: Iterable[str]) -> str:
        """Escape the text and bold the matched words in it."""
        words = sorted({w for w in words if w}, key=len, reverse=True)
        if not self.html or not words:
            return self.esc(text)
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        out, last = [], 0
        for match in pattern.finditer(text):
            out.append(self.esc(text[last : match.start()]))
            out.append(self.bold(match.group(0)))
            last = match.end()
        out.append(self.esc(text[last:]))
        return "".join(out).replace("</b><b>", "")  # 信访 + 案件 bold as one run


HTML: Final = Markup(html=True)
PLAIN: Final = Markup(html=False)


def section_name(section: str) -> str:
    """The full name of a part of the report (存在的不足和原因)."""
    return SECTION_NAMES.get(section, section)


def source_line(town: str, year: int, section: str, markup: Markup) -> str:
    """'拾万镇 · 2021 · 存在的不足'."""
    label = texts.SECTION_LABELS.get(section, section)
    return markup.bold(f"{town} · {year} · {label}")


def render_hit(
    index: int,
    hit: SearchHit,
    markup: Markup,
    words: Sequence[str] = (),
    anchors: Sequence[str] = (),
) -> str:
    """One snippet: its source, the nearest heading, and the passage from the sentence that
    matched (or that a figure shown above comes from), shortened for a phone."""
    s = hit.snippet
    lines = [f"{index}. {source_line(s.town, s.year, s.section, markup)}"]
    heading = s.heading.split(" > ")[-1].strip() if s.heading else ""
    if heading:
        lines.append(markup.italic(_short(heading, HEADING_BUDGET)))
    anchor = next((a for a in anchors if a and a in s.text), None)
    passage = excerpt(s.text, words, budget=PASSAGE_BUDGET, anchor=anchor)
    lines.append(markup.highlight(passage, words))
    return "\n".join(lines)


def render_answer(answer: Answer, markup: Markup, *, first: int = 1) -> list[str]:
    """An answer for a phone: figures first when asked for, then a few short passages."""
    head: list[str] = []
    if answer.town_guess:
        head.append(texts.TOWN_GUESS.format(town=answer.town_guess))
    if not answer.hits:
        if answer.absent and not any(has_cjk(w) for w in answer.absent):
            return ["\n".join([*head, texts.NO_TERMS])]  # 啊啊sdkfj: nothing to name
        if answer.absent:
            absent = "、".join(_short(w, 20) for w in answer.absent[:3])
            head.append(
                markup.esc(texts.NOT_IN_LIBRARY.format(words=absent, n=answer.reports or ""))
            )
            if answer.nearest_item in ITEM_BY_ID:
                name = ITEM_BY_ID[answer.nearest_item].name
                head.append(markup.esc(texts.NEAREST_ITEM.format(item=name)))
            return ["\n".join(head)]
        elif not answer.terms and answer.filters.town is None and answer.filters.section is None:
            return ["\n".join([*head, texts.NO_TERMS])]
        return ["\n".join([*head, texts.NO_RESULTS])]
    if answer.figures and answer.ranking and first == 1:
        top = answer.figures[0]
        value = figure_value(top)
        lead = texts.RANKING_MOST if answer.ranking == "most" else texts.RANKING_LEAST
        if answer.figures[0].unit == "%":  # a rate is highest, not most
            lead = texts.RANKING_HIGHEST if answer.ranking == "most" else texts.RANKING_LOWEST
        head.append(markup.bold(lead.format(indicator=top.indicator, town=top.town, value=value)))
        head.append(markup.esc(texts.RANKING_NOTE.format(n=len(answer.figures))))
        summed = [f.town for f in answer.figures if f.label and f.label.startswith("合计")]
        if summed:  # 3+6+8 kinds of study against one kind: say so, the kinds are listed
            head.append(markup.esc(texts.RANKING_SUMMED.format(towns="、".join(summed))))
        head += [figure_line(f, markup, town=True) for f in answer.figures[: MAX_FIGURES + 1]]
    elif answer.figures and first == 1:
        head.append(markup.bold(texts.FIGURES_HEAD))
        head += [figure_line(f, markup, town=True) for f in answer.figures[:MAX_FIGURES]]
    if answer.figures_asked and not answer.figures and first == 1:
        head.append(markup.esc(texts.FIGURES_NONE_LINE))  # say so, not leave them to look
    if answer.said and first == 1:
        # '哪天' / '多久一回': the date first, in the sentence that gives it.
        for said in answer.said:
            sentence = _short(said.text, 90)
            head.append(
                f"· {markup.esc(said.town)}：{markup.bold(said.value)}（{markup.esc(sentence)}）"
            )
    head.append(markup.esc(texts.RESULTS_FOR.format(query=_short(answer.query, 40))))
    if answer.wanted is not None:
        head.append(markup.esc(_relaxed_line(answer)))
    parts = _filter_parts(answer)
    if parts:
        head.append(markup.esc(texts.FILTERS.format(parts=" · ".join(parts))))
    if answer.filters.section == "problems" and first == 1:
        head.append(markup.esc(texts.PROBLEMS_TIP))
    if answer.absent and answer.terms:
        partly = texts.PARTLY_IN_LIBRARY.format(
            absent="、".join(_short(w, 20) for w in answer.absent[:3]),
            terms="、".join(answer.terms[:5]),
        )
        head.append(markup.esc(partly))
    if answer.low_signal:
        head.append(texts.LOW_SIGNAL)
    words = highlight_words(answer)
    anchors = [f.text.strip() for f in answer.figures] + [s.text for s in answer.said]
    blocks = [
        render_hit(i, hit, markup, words, anchors) for i, hit in enumerate(answer.hits, first)
    ]
    return split_messages("\n".join(head), blocks)


def highlight_words(answer: Answer) -> list[str]:
    """The words to bold in an answer's snippets, and their synonyms the search matched
    (合法合规性审查 for 合法性审查)."""
    return [v for t in answer.terms if len(t) > 1 for v in synonym_variants(t)]


def _relaxed_line(answer: Answer) -> str:
    """What was dropped so that the answer is not empty: '平岗镇的报告里没有找到…'."""
    wanted, got = answer.wanted, answer.filters
    words = "、".join(answer.terms[:3])
    if wanted is not None and wanted.town and got.town is None:
        return texts.RELAXED_TOWN.format(town=wanted.town, words=words)
    if wanted is not None and wanted.year and got.year is None:
        return texts.RELAXED_YEAR.format(year=wanted.year, words=words)
    return texts.RELAXED_SECTION.format(words=words)


def render_fact(found: FactAnswer, markup: Markup, *, towns: Sequence[str] = ()) -> list[str]:
    """A fact about the report: a named town's own value first, then the rule with its source,
    then the library's examples."""
    lines = []
    named = {split_label(t)[0] for t in towns}
    own = [e for e in found.examples if e.town in named]
    if named and not own and found.key in texts.FACT_NAMES:
        # '凤凰那份报告落款是哪天': its report has none; say so before the rule.
        for town in sorted(named):
            head = texts.FACT_NAMES[found.key]
            lines.append(markup.bold(texts.FACT_TOWN_NONE.format(town=town, head=head)))
    for example in own:
        lead = texts.FACT_TOWN_VALUE.format(
            town=example.town, year=example.year, head=texts.FACT_NAMES.get(found.key, "")
        )
        lines.append(f"{markup.esc(lead)}{markup.bold(_short(example.value, 80))}")
    lines.append(markup.bold(texts.FACT_HEADS[found.key]))
    for rule in found.rules:
        lines.append(f"· {markup.esc(rule.text)}")
        lines.append(markup.italic(texts.SOURCE.format(source=rule.source)))
    if found.lengths is not None:
        low, median, high = found.lengths
        lines.append(
            markup.esc(
                texts.FACT_LENGTHS.format(n=found.reports, low=low, median=median, high=high)
            )
        )
    if found.examples:
        head = texts.FACT_EXAMPLE_HEADS.get(found.key, texts.FACT_EXAMPLES)
        lines.append(markup.bold(head))
        for example in found.examples:
            value = _short(example.value, 160)
            if found.key == "title" and "总结" in value:
                value += texts.TITLE_NOT_SUMMARY  # the rule above says why
            lines.append(f"· {markup.esc(f'{example.town} {example.year}：{value}')}")
    return split_messages("", ["\n".join(lines)])


def render_whether(found: WhetherAnswer, markup: Markup) -> list[str]:
    """Whether a subject must be written: the verdict first, then why and who wrote it."""
    subject = _short(found.subject, 20) or (found.item.name if found.item else "")
    item = found.item
    if found.nothing and item is not None and item.item_id != "other" and found.exact:
        return _render_nothing(found, subject, markup)
    if item is not None and item.kind == "statutory" and found.exact:
        verdict = texts.WHETHER_STATUTORY.format(item=item.name, source=item.source)
        if item.item_id == "other":
            verdict += texts.WHETHER_OTHER_NONE
    elif item is not None and found.exact:
        verdict = texts.WHETHER_TOPIC.format(item=item.name)
    elif item is not None:
        verdict = texts.WHETHER_UNDER.format(subject=subject, item=item.name)
    else:
        verdict = texts.WHETHER_NONE.format(subject=subject)
    if found.note is not None and found.note_leads:
        verdict = found.note.text
    elif found.nothing and item is not None and item.item_id in _OPTIONAL_WORK:
        verdict += texts.WHETHER_NOTHING_SKIP  # no work of a kind nobody must report
    elif found.nothing and found.note is None:
        verdict += texts.WHETHER_NOTHING_LINE.format(sentence=_none_sentence(subject))
    lines = [markup.bold(verdict)]
    if found.note is not None:
        if not found.note_leads:
            lines.append(markup.esc(found.note.text))
        lines.append(markup.italic(texts.SOURCE.format(source=found.note.source)))
    counted = found.count_of or subject
    count = texts.WHETHER_COUNT.format(n=found.reports, m=found.reports_with, subject=counted)
    if found.towns:
        count = count.rstrip("。") + texts.WHETHER_TOWNS.format(towns="、".join(found.towns))
    if found.reports_with or found.note is None:  # '0 份写到“村干部犯事被判”' says nothing
        lines.append(markup.esc(count))
    if found.nothing_example is not None:
        town, sentence = found.nothing_example
        lines.append(
            markup.esc(
                texts.WHETHER_NOTHING_EXAMPLE.format(town=town, sentence=_short(sentence, 90))
            )
        )
    if found.reports_with:
        lines.append(markup.esc(texts.WHETHER_SEE_EXAMPLE.format(subject=subject)))
    return ["\n".join(lines)]


def render_review(found: ParagraphReview, markup: Markup) -> list[str]:
    """A pasted paragraph's fixes: the verdict, then each fix with a sentence to model it on."""
    part = texts.SECTION_LABELS.get(found.section, found.section)
    if not found.advice:
        fine = texts.REVIEW_FINE_PROBLEMS if found.section == "problems" else texts.REVIEW_FINE
        return ["\n".join([markup.bold(fine.format(part=part)), texts.REVIEW_FULL_CHECK])]
    lines = [markup.bold(texts.REVIEW_HEAD.format(part=part, n=len(found.advice)))]
    for index, advice in enumerate(found.advice, 1):
        words = (
            "”与“".join(advice.words)
            if advice.kind == "sum_mismatch"
            else "”“".join(advice.words[:4])
            if advice.kind not in ("duty_missing", "steps_missing")
            else "、".join(advice.words)
        )
        lines.append(
            f"{index}. " + markup.esc(texts.REVIEW_ADVICE[advice.kind].format(words=words))
        )
        if advice.example and advice.example_town:
            model = texts.REVIEW_MODEL.format(
                town=advice.example_town, sentence=_short(advice.example, 90)
            )
            lines.append("   " + markup.esc(model))
    lines.append(texts.REVIEW_FULL_CHECK)
    return ["\n".join(lines)]


# Work a town may simply not have done this year (no platform, no emergency, no reform yet).
_OPTIONAL_WORK: Final = frozenset(
    {"digital_gov", "emergency", "enforcement_reform", "gov_functions"}
)
_CASES: Final = re.compile(r"复议|应诉|诉讼|信访|纠纷|案件|投诉|事故|处罚")


def _none_sentence(subject: str) -> str:
    """How a report says it had none of the subject: 本年度我镇未发生行政复议案件."""
    said = next((v for k, v in texts.WHETHER_NOTHING_SAID.items() if k in subject), None)
    if said is None:
        own = texts.WHETHER_NOTHING_CASE if _CASES.search(subject) else texts.WHETHER_NOTHING_WORK
        said = own.format(subject=subject)
    return said


def _render_nothing(found: WhetherAnswer, subject: str, markup: Markup) -> list[str]:
    """The town had none of the subject: say so in one sentence, as other reports do."""
    lines = [markup.bold(texts.WHETHER_NOTHING.format(sentence=_none_sentence(subject)))]
    if found.nothing_example is not None:
        town, sentence = found.nothing_example
        lines.append(
            markup.esc(texts.WHETHER_NOTHING_EXAMPLE.format(town=town, sentence=sentence))
        )
    lines.append(
        markup.esc(
            texts.WHETHER_COUNT.format(n=found.reports, m=found.reports_with, subject=subject)
        )
    )
    return ["\n".join(lines)]


def render_which_towns(found: WhichTowns, markup: Markup) -> list[str]:
    """Each town, yes or no, on a subject: the ones that wrote it first."""
    total = len(found.with_it) + len(found.without)
    if not found.with_it:
        words = "、".join(_short(w, 20) for w in found.absent[:3]) or _short(found.subject, 20)
        lines = [markup.esc(texts.NOT_IN_LIBRARY.format(words=words, n=total))]
        if found.nearest_item in ITEM_BY_ID:
            name = ITEM_BY_ID[found.nearest_item].name
            lines.append(markup.esc(texts.NEAREST_ITEM.format(item=name)))
        return ["\n".join(lines)]
    subject = _short(found.subject, 20)
    lines = [
        markup.bold(texts.WHICH_WITH.format(subject=subject, m=len(found.with_it), n=total))
        + markup.esc("、".join(found.with_it))
    ]
    if found.without:
        lines.append(markup.esc(texts.WHICH_WITHOUT.format(towns="、".join(found.without))))
    lines.append(markup.esc(texts.WHETHER_SEE_EXAMPLE.format(subject=subject)))
    return ["\n".join(lines)]


def _filter_parts(answer: Answer) -> list[str]:
    f = answer.filters
    parts = []
    if f.town:
        parts.append(f"乡镇 {f.town}")
    if f.year:
        parts.append(f"{f.year} 年度")
    if f.section:
        parts.append(f"部分 {texts.SECTION_LABELS.get(f.section, f.section)}")
    return parts


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_messages(head: str, blocks: list[str], *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join blocks under a head into messages of at most `limit` units as Telegram counts them
    (UTF-16, markup not counted), cutting between blocks, then between lines, and only as a
    last resort inside a line, never inside a tag, closing and reopening bold or italics."""
    pieces = [piece for block in blocks for piece in _fit_block(block, limit)]
    messages = _pack([head, *pieces] if head else pieces, "\n\n", limit)
    if len(messages) > MAX_PARTS:
        hidden = len(messages) - MAX_PARTS
        messages = messages[:MAX_PARTS]
        note = "\n\n" + texts.MORE_HIDDEN.format(n=hidden)
        room = limit - telegram_length(note)
        messages[-1] = _fit_block(messages[-1], room)[0] + note
    return messages


_TAG: Final = re.compile(r"(<[^>]*>|&#?\w+;)")


def telegram_length(text: str) -> int:
    """The length Telegram checks: UTF-16 units of the text once tags and entities are parsed."""
    visible = html.unescape(re.sub(r"<[^>]*>", "", text))
    return len(visible.encode("utf-16-le")) // 2


def _fit_block(block: str, limit: int) -> list[str]:
    """A block as pieces that each fit: whole lines where they fit, long lines cut safely."""
    if telegram_length(block) <= limit:
        return [block]
    lines = [
        part
        for line in block.split("\n")
        for part in ([line] if telegram_length(line) <= limit else _cut_line(line, limit))
    ]
    return _pack(lines, "\n", limit)


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Pieces joined in order into as few texts as fit the limit (each piece fits alone)."""
    packed: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if current and telegram_length(candidate) > limit:
            packed.append(current)
            current = piece
        else:
            current = candidate
    if current:
        packed.append(current)
    return packed


def _cut_line(line: str, limit: int) -> list[str]:
    """One over-long line cut between characters, never inside a tag or an entity; tags open
    at a cut are closed there and reopened in the next piece."""
    chunks: list[str] = []
    current, used = "", 0
    open_tags: list[str] = []
    for token in _TAG.split(line):
        if not token:
            continue
        if token.startswith("<"):
            name = token.strip("</>").split()[0] if token.strip("</>") else ""
            if token.startswith("</"):
                if open_tags and open_tags[-1] == name:
                    open_tags.pop()
            else:
                open_tags.append(name)
            current += token
            continue
        units = [token] if token.startswith("&") else list(token)
        for unit in units:
            size = telegram_length(unit)
            if used + size > limit and used:
                chunks.append(current + "".join(f"</{t}>" for t in reversed(open_tags)))
                current = "".join(f"<{t}>" for t in open_tags)
                used = 0
            current += unit
            used += size
    if current:
        chunks.append(current)
    return chunks


def render_ingest(results: list[IngestResult], markup: Markup) -> str:
    """What happened to each ingested file."""
    lines = []
    for r in results:
        status = texts.STATUS_LABELS[r.status]
        if r.status == "error":
            lines.append(
                f"✗ {markup.esc(_short(r.file, 60))}：{status}，{markup.esc(texts.error_text(r.error or 'failed', r.error_fields))}"
            )
            continue
        sections = "，".join(
            f"{texts.SECTION_LABELS.get(k, k)} {v}" for k, v in r.sections.items()
        )
        lines.append(
            f"✓ {markup.esc(_short(r.file, 60))}：{markup.bold(f'{r.town} {r.year}')} {status}；"
            f"{texts.SNIPPET_COUNT.format(n=r.snippets)}（{sections}）"
        )
        if r.replaced is not None:
            file, at = r.replaced
            lines.append(
                "  " + markup.esc(texts.REPLACED_WHAT.format(file=file or "（未记录）", at=at))
            )
        lines.extend(f"  ⚠ {texts.PARSE_WARNINGS.get(w, w)}" for w in r.warnings)
    counts = {s: sum(1 for r in results if r.status == s) for s in texts.STATUS_LABELS}
    lines.append(
        texts.INGEST_SUMMARY.format(
            total=len(results),
            added=counts["added"],
            replaced=counts["replaced"],
            unchanged=counts["unchanged"],
            errors=counts["error"],
        )
    )
    return "\n".join(lines)


def render_reports(reports: list[Report], markup: Markup) -> str:
    """The stored reports, one line each."""
    if not reports:
        return texts.REPORTS_EMPTY
    lines = [texts.REPORTS_HEADER.format(n=len(reports))]
    for r in reports:
        place = " ".join(p for p in (r.province, r.county) if p)
        lines.append(
            f"#{r.report_id} {markup.bold(f'{r.town} {r.year}')}"
            + (f"（{markup.esc(place)}）" if place else "")
            + f" {markup.esc(r.title or '')} · {texts.SNIPPET_COUNT.format(n=r.snippets)}"
        )
    return "\n".join(lines)


def render_examples(
    examples: Examples, markup: Markup, *, first: int = 1, originals: bool = False
) -> list[str]:
    """One ready-to-paste template per town (tap to copy), or the original passages behind them."""
    if not examples.examples:
        if examples.absent:
            words = "、".join(_short(w, 20) for w in examples.absent[:3])
            lines = [markup.esc(texts.NOT_IN_LIBRARY.format(words=words, n=examples.reports))]
            if examples.nearest_item in ITEM_BY_ID:
                name = ITEM_BY_ID[examples.nearest_item].name
                lines.append(markup.esc(texts.NEAREST_ITEM.format(item=name)))
            return ["\n".join(lines)]
        return [texts.EXAMPLES_NONE.format(label=markup.esc(_short(examples.label, 30)))]
    label = _short(examples.label, 30)
    absent_line = ""
    if examples.absent and examples.nearest_item in ITEM_BY_ID:
        # Nothing on the words themselves: say so, and the nearest item's wording follows.
        words = "、".join(_short(w, 20) for w in examples.absent[:3])
        label = ITEM_BY_ID[examples.nearest_item].name
        absent_line = markup.esc(texts.NOT_IN_LIBRARY.format(words=words, n=examples.reports))
    heads = texts.EXAMPLES_ORIGINAL_HEAD if originals else texts.EXAMPLES_HEAD
    towns = {e.snippet.town for e in examples.examples}
    if not originals and len(towns) == 1 and len(examples.examples) > 1:
        heads = texts.EXAMPLES_HEAD_ONE_TOWN  # not '每镇一段' over two passages of one town
    head = markup.esc(heads.format(label=label, town=next(iter(towns))))
    if absent_line:
        head = f"{absent_line}\n{head}"
    if markup.html and not originals:
        head += "\n" + texts.COPY_HINT
    blocks = []
    for index, example in enumerate(examples.examples, first):
        s = example.snippet
        body = markup.esc(s.text) if originals else markup.code(example.template)
        blocks.append(f"{index}. {source_line(s.town, s.year, s.section, markup)}\n{body}")
    return split_messages(head, blocks)


def _number(value: float) -> str:
    """A number as a report writes it: 1万 rather than 10000."""
    if value >= 10_000 and value % 1_000 == 0:
        return f"{value / 10_000:g}万"
    return f"{value:g}"


def figure_value(figure: Figure) -> str:
    """As the report says it: 40余起, 1万余件, 约53件, 14名, 97.6%."""
    number = _number(figure.value)
    if not figure.approx:
        return f"{number}{figure.unit}"
    text = figure.text.replace(" ", "")
    for more in ("余", "多"):
        if f"{number}{more}" in text:
            return f"{number}{more}{figure.unit}"
    return f"约{number}{figure.unit}"


def figure_line(figure: Figure, markup: Markup, *, town: bool = False) -> str:
    """One figure on a line: what, how many, and the words around it."""
    value = figure_value(figure)
    name = f"{figure.town} · {figure.name}" if town else figure.name
    context = _around(" ".join(figure.text.split()), _number(figure.value), FIGURE_CONTEXT)
    return f"· {markup.esc(name)}：{markup.bold(value)}（{markup.esc(context)}）"


def _around(text: str, needle: str, width: int) -> str:
    """About `width` characters of the text around the needle (its first place), '…' at cuts."""
    if len(text) <= width:
        return text
    at = text.find(needle)
    if at < 0:
        return _short(text, width)
    start = max(0, min(at - width * 2 // 3, len(text) - width))
    end = start + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def render_comparison(
    comparison: Comparison,
    markup: Markup,
    *,
    known: list[str],
    full_table: bool = False,
    ranking: Literal["most", "least"] | None = None,
    detail: bool = False,
) -> list[str]:
    """A comparison that leads with what was asked: on a topic, each town's figures and best
    passage (and the coverage table after them when asked for); without one, where the first
    town differs from the others, then the figures."""
    head: list[str] = []
    if comparison.unknown:
        head.append(
            markup.esc(
                texts.COMPARE_UNKNOWN.format(
                    names="、".join(comparison.unknown), towns="、".join(known[:12])
                )
            )
        )
    if comparison.capped:
        head.append(texts.COMPARE_CAPPED)
    if not comparison.towns:
        return ["\n".join(head) or texts.COMPARE_NONE]
    columns = " / ".join(column_label(comparison, t) for t in comparison.towns)
    head.append(markup.bold(texts.COMPARE_HEAD.format(towns=columns)))
    if ranking is not None and comparison.topic:
        head.append(markup.esc(_ranking_verdict(comparison, ranking)))
    elif detail and comparison.topic:
        head.append(markup.esc(_detail_verdict(comparison)))
    if comparison.topic:
        parts = _topic_comparison(comparison, markup)
        if full_table:
            parts += _coverage_differences(comparison, markup)
    else:
        parts = [*_coverage_differences(comparison, markup), *_figure_blocks(comparison, markup)]
    return split_messages("\n".join(head), parts)


def _ranking_verdict(comparison: Comparison, ranking: Literal["most", "least"]) -> str:
    """'谁搞得多' answered first: by the numbers the reports give on one indicator, or why they
    cannot be set side by side."""
    figures = list(comparison.topic_figures or ())
    asked = comparison.asked or comparison.towns
    if not figures:
        return texts.RANK_NONE.format(towns="、".join(asked))
    # The indicator most towns give: 法律顾问覆盖 7个 and 法律顾问 1名 are not one measure.
    towns_giving = Counter(indicator for _, indicator in {(f.town, f.indicator) for f in figures})
    topic = (comparison.topic or "").replace(" ", "")
    asked_pairs = {topic[k : k + 2] for k in range(len(topic) - 1)}
    indicator = max(
        towns_giving,
        # Most towns give it; then the one whose name shares most of the asked words
        # ('化解纠纷' → 矛盾纠纷化解, not 矛盾纠纷排查 of the same sentence).
        key=lambda i: (towns_giving[i], sum(p in i for p in asked_pairs), -len(i)),
    )
    totals = {
        town: town_total(own)
        for town in asked
        if (own := [f for f in figures if f.town == town and f.indicator == indicator])
    }
    apart = [
        f"{town}写的是{first.name}{figure_value(first)}"
        for town in asked
        if town not in totals
        and (first := next((f for f in figures if f.town == town), None)) is not None
    ]
    silent = [t for t in asked if t not in totals and not any(f.town == t for f in figures)]
    if len(totals) < 2:
        [(town, figure)] = totals.items()
        verdict = texts.RANK_ONLY.format(town=town, value=figure.name + figure_value(figure))
    else:
        order = sorted(totals.items(), key=lambda t: t[1].value, reverse=ranking == "most")
        line = "，".join(f"{town} {f.name}{figure_value(f)}" for town, f in order)
        lead = texts.RANK_MOST if ranking == "most" else texts.RANK_LEAST
        verdict = lead.format(town=order[0][0], line=line)
    if apart:
        verdict += texts.RANK_APART.format(items="；".join(apart))
    if silent:
        verdict += texts.RANK_SILENT.format(towns="、".join(silent))
    return verdict


_COUNTED: Final = re.compile(
    r"\d+(\.\d+)?\s*(万|千)?(余|多)?[个次场期人件起名户份条处项%％路元宗]"
)


def _part_detail_verdict(comparison: Comparison, asked: Sequence[str]) -> str:
    """'下一步打算 谁写得实': a part is compared by how many items and counted facts it has."""
    items = {t: comparison.side_by_side.get(t, ()) for t in asked}
    written = {t: s for t, s in items.items() if s}
    if not written:
        return texts.RANK_NONE.format(towns="、".join(asked))
    score = {
        t: (len(s), sum(len(_COUNTED.findall(x.text)) for x in s)) for t, s in written.items()
    }
    order = sorted(score, key=lambda t: score[t], reverse=True)
    best = order[0]
    if len(order) > 1 and score[order[1]] == score[best]:
        return texts.DETAIL_EVEN.format(towns="、".join(order)) + "。"
    rest = "；".join(texts.PART_ITEMS_OTHER.format(town=t, n=score[t][0]) for t in order[1:])
    verdict = texts.PART_ITEMS_BEST.format(town=best, n=score[best][0])
    if score[best][1]:
        verdict += texts.PART_ITEMS_FIGURES.format(figures=score[best][1])
    silent = [t for t in asked if t not in written]
    if silent:
        rest += texts.DETAIL_SILENT.format(towns="、".join(silent))
    return verdict + (f"；{rest}" if rest else "") + "。"


def _detail_verdict(comparison: Comparison) -> str:
    """'谁写得实': the town whose passage on the topic gives most counted facts, then the rest."""
    asked = comparison.asked or comparison.towns
    if comparison.topic in _PART_NAMES:
        return _part_detail_verdict(comparison, asked)
    counts: dict[str, int] = {}
    figures = comparison.topic_figures or ()
    for town in asked:
        snippets = comparison.side_by_side.get(town, ())
        given = len({(f.indicator, f.value) for f in figures if f.town == town})
        if snippets or given:
            # The figures shown for the town on the topic; without them, its passage's counts.
            passage = len(_COUNTED.findall(snippets[0].text)) if snippets else 0
            counts[town] = given if comparison.topic_figures is not None else passage
    silent = [t for t in asked if t not in counts]
    if not counts:
        return texts.RANK_NONE.format(towns="、".join(asked))
    order = sorted(counts.items(), key=lambda t: -t[1])
    best, most = order[0]
    if len(order) == 1:
        verdict = texts.DETAIL_ONLY.format(town=best)
    elif most == 0 or order[1][1] == most:
        verdict = texts.DETAIL_EVEN.format(towns="、".join(t for t, _ in order))
    else:
        rest = "；".join(
            texts.DETAIL_OTHER.format(town=t, n=n) if n else texts.DETAIL_NO_FIGURE.format(town=t)
            for t, n in order[1:]
        )
        topic = (comparison.topic or "").replace(" ", "")
        pairs = {topic[k : k + 2] for k in range(len(topic) - 1)}
        own = sorted(
            (f for f in figures if f.town == best), key=lambda f: -sum(p in f.name for p in pairs)
        )
        named = [f"{f.name}{figure_value(f)}" for f in own][:2]
        shown = f"（{'、'.join(named)}）" if named else ""
        verdict = (
            texts.DETAIL_BEST.format(town=best, n=most) + shown + (f"；{rest}" if rest else "")
        )
    if silent:
        verdict += texts.DETAIL_SILENT.format(towns="、".join(silent))
    return verdict + "。"


_PART_NAMES: Final = frozenset(SECTION_NAMES.values())
PART_ITEMS: Final = 3
PART_ITEM_BUDGET: Final = 90


def _item_text(snippet: Snippet, previous: Snippet | None = None) -> str:
    """An item of a part with its own heading, given once for the items under it."""
    if previous is not None and previous.heading == snippet.heading:
        return snippet.text
    return with_item_heading(snippet)


def _topic_comparison(comparison: Comparison, markup: Markup) -> list[str]:
    """Per town: its figures on the topic on one line, then its best passage, shortened."""
    topic = _short(comparison.topic or "", 30)
    blocks = [markup.esc(texts.SIDE_HEAD.format(topic=topic))]
    figures = comparison.topic_figures or ()
    for town in comparison.towns:
        lines = [markup.bold(town)]
        own = [f for f in figures if f.town == town][:MAX_FIGURES]
        if own:
            lines.append("数字：" + "；".join(_figure_value(f, markup) for f in own))
        elif comparison.topic_figures is not None:
            lines.append(texts.TOPIC_FIGURES_NONE_SHORT)
        snippets = comparison.side_by_side.get(town, ())
        if snippets and comparison.topic in _PART_NAMES:
            # A whole part (存在的问题, 下一步): its items, each with its own heading, short.
            previous: Snippet | None = None
            for s in snippets[:PART_ITEMS]:
                text = _item_text(s, previous)
                lines.append("· " + markup.esc(_short(text, PART_ITEM_BUDGET)))
                previous = s
            first = snippets[0]
            lines.append(
                markup.italic(
                    f"（{first.year} · {texts.SECTION_LABELS.get(first.section, first.section)}）"
                )
            )
        elif snippets:
            s = snippets[0]
            # The topic's words and their synonyms (合法合规性审查 for 合法性审查); a long
            # phrase also by its two-character parts ('法治示范创建' → 法治, 示范 …).
            pieces = (comparison.topic or "").split()
            words = [v for w in pieces for v in synonym_variants(w)]
            words += [w[k : k + 2] for w in pieces if len(w) > 3 for k in range(len(w) - 1)]
            passage = excerpt(s.text, words, budget=COMPARE_PASSAGE_BUDGET)
            lines.append(markup.highlight(passage, words))
            lines.append(
                markup.italic(f"（{s.year} · {texts.SECTION_LABELS.get(s.section, s.section)}）")
            )
        elif own:
            # No passage found on the words, but figures on the topic: their sentence is one.
            lines.append(markup.esc(_short(own[0].text, COMPARE_PASSAGE_BUDGET)))
        else:
            lines.append(markup.esc(texts.COMPARE_TOPIC_NONE.format(topic=topic)))
        blocks.append("\n".join(lines))
    return blocks


def _coverage_differences(comparison: Comparison, markup: Markup) -> list[str]:
    """What the first town lacks that others wrote, what it alone wrote, and the differing rows."""
    lead, others = comparison.towns[0], comparison.towns[1:]
    lacks: list[str] = []
    thin: list[str] = []
    alone: list[str] = []
    rows: list[str] = []
    agree = 0
    for item, per_town in comparison.coverage:
        statuses = {town: per_town[town].status for town in comparison.towns if town in per_town}
        if len(set(statuses.values())) <= 1:
            agree += 1
            continue
        rows.append(
            f"{markup.esc(_short(item.name, 14))}："
            + " ".join(
                f"{markup.esc(_column_name(t))}{texts.STATUS_ICONS[st]}"
                for t, st in statuses.items()
            )
        )
        wrote = [t for t in others if statuses.get(t) == "covered"]
        if statuses.get(lead) != "covered" and wrote:
            # Thin is not missing: the lead wrote it, in fewer words than the others.
            gap = lacks if statuses.get(lead) == "missing" else thin
            gap.append(f"{item.name}（{'、'.join(_column_name(t) for t in wrote)}）")
        elif statuses.get(lead) == "covered" and any(statuses.get(t) == "missing" for t in others):
            alone.append(item.name)
    blocks = []
    summary = []
    if lacks:
        summary.append(markup.bold(texts.COMPARE_LACKS.format(town=lead)))
        summary += [f"· {markup.esc(x)}" for x in lacks]
    else:
        summary.append(markup.esc(texts.COMPARE_LACKS_NONE.format(town=lead)))
    if thin:
        summary.append(markup.bold(texts.COMPARE_THIN.format(town=lead)))
        summary += [f"· {markup.esc(x)}" for x in thin]
    if alone:
        summary.append(markup.esc(texts.COMPARE_ALONE.format(town=lead, items="、".join(alone))))
    blocks.append("\n".join(summary))
    if rows:
        blocks.append("\n".join([texts.COVERAGE_DIFF_HEAD, *rows]))
    blocks.append(markup.esc(texts.COVERAGE_AGREE.format(n=agree)))
    return blocks


def _figure_blocks(comparison: Comparison, markup: Markup) -> list[str]:
    """Each asked town's figures, a few on one screen."""
    blocks = []
    for town in comparison.asked or comparison.towns[:1]:
        figures = [f for f in comparison.figures if f.town == town][:MAX_COMPARED_FIGURES]
        if figures:
            lines = [markup.bold(f"{town} {texts.FIGURES_HEAD}")]
            lines += [figure_line(f, markup) for f in figures]
            blocks.append("\n".join(lines))
    return blocks


def _figure_value(figure: Figure, markup: Markup) -> str:
    value = figure_value(figure)
    return f"{markup.esc(figure.name)} {markup.bold(value)}"


def column_label(comparison: Comparison, town: str) -> str:
    """A column's name: the town's label, or 其他乡镇（N个） for the others together."""
    if town == OTHERS_COLUMN:
        return texts.OTHERS_COLUMN.format(n=comparison.others)
    return town


def coverage_evidence(cov: ItemCoverage) -> str | None:
    """What a cell of a comparison rests on; for the others together, their tally first."""
    if cov.tally is None:
        return cov.evidence
    towns, covered, thin = cov.tally
    text = texts.OTHERS_TALLY.format(towns=towns, covered=covered, thin=thin)
    if cov.evidence_town and cov.evidence:
        text += texts.OTHERS_EXAMPLE.format(town=cov.evidence_town, evidence=cov.evidence)
    return text


def _column_name(town: str) -> str:
    """A short column name for a phone: the others together are '其他乡镇', 'xx镇（郁南县）'
    becomes 'xx镇(郁南)', long names are cut."""
    if town == OTHERS_COLUMN:
        return texts.OTHERS_COLUMN.split("（")[0]
    name, county = split_label(town)
    if county:
        return f"{name[:5]}({county[:2]})"
    return name[:6]


def render_checklist(checklist: Checklist, markup: Markup) -> list[str]:
    """The five statutory contents, the topics with corpus counts, and the deadlines."""
    statutory = [item for item, _ in checklist.items if item.kind == "statutory"]
    topical = [(item, n) for item, n in checklist.items if item.kind == "topic"]
    first = [markup.bold(texts.CHECKLIST_HEAD)]
    first += [f"{i}. {markup.esc(item.name)}" for i, item in enumerate(statutory, 1)]
    second = [markup.esc(texts.CHECKLIST_TOPICS.format(n=checklist.reports))]
    second += [f"· {markup.esc(item.name)}（{n}）" for item, n in topical]
    third = [markup.bold(texts.DEADLINES_HEAD)]
    third += [f"· {d.due_on}：{markup.esc(d.what)}" for d in checklist.deadlines]
    return split_messages("", ["\n".join(first), "\n".join(second), "\n".join(third)])


def render_draft_check(check: DraftCheck, markup: Markup) -> list[str]:
    """The gaps first: statutory parts missing or thin (why, and one example), then the topics
    most reports have and the draft lacks, then the rarer ones on one line."""
    statutory = [i for i in check.items if i.coverage.item.kind == "statutory"]
    topical = [i for i in check.items if i.coverage.item.kind == "topic"]
    gaps = [i for i in statutory if i.coverage.status != "covered"]
    by_id = {i.coverage.item.item_id: i for i in topical}
    common = [by_id[item_id] for item_id in check.common_gaps if item_id in by_id]
    rare = [
        i
        for i in topical
        if i.coverage.status != "covered" and i.coverage.item.item_id not in check.common_gaps
    ]
    covered = sum(1 for i in check.items if i.coverage.status == "covered")
    head = markup.bold(
        texts.CHECK_LEAD.format(
            statutory_gaps=len(gaps), common=len(common), covered=covered, total=len(check.items)
        )
    )
    blocks = []
    if gaps:
        lines = [markup.bold(texts.CHECK_STATUTORY_HEAD)]
        lines += [_gap_lines(i, markup, why=True) for i in gaps]
        blocks.append("\n".join(lines))
    else:
        blocks.append(markup.esc(texts.CHECK_STATUTORY_OK))
    if common:
        lines = [markup.bold(texts.CHECK_COMMON_HEAD.format(n=check.reports))]
        for item in common:
            n = check.corpus_counts.get(item.coverage.item.item_id, 0)
            lines.append(_gap_lines(item, markup, why=False, count=(n, check.reports)))
        blocks.append("\n".join(lines))
    missing = [i for i in rare if i.coverage.status == "missing"]
    thin = [i for i in rare if i.coverage.status == "thin"]
    if missing:
        names = "、".join(
            f"{i.coverage.item.name}（{check.corpus_counts.get(i.coverage.item.item_id, 0)}"
            f"/{check.reports}）"
            for i in missing
        )
        blocks.append(markup.esc(texts.CHECK_RARE.format(n=len(missing), names=names)))
    if thin:
        names = "、".join(i.coverage.item.name for i in thin)
        blocks.append(markup.esc(texts.CHECK_RARE_THIN.format(n=len(thin), names=names)))
    return split_messages(head, blocks)


def render_draft_report(check: DraftCheck) -> str:
    """The whole check as a plain-text file: every item, what the draft says, the reminders."""
    summary = check.summary()
    lines = [texts.CHECK_HEAD.format(**summary), ""]
    for item in check.items:
        cov = item.coverage
        count = (check.corpus_counts.get(cov.item.item_id, 0), check.reports)
        lines.append(_gap_lines(item, PLAIN, why=cov.item.kind == "statutory", count=count))
        if cov.status == "covered" and cov.evidence:
            lines.append(f"  草稿：“{_short(cov.evidence, 60)}”")
    if check.reminders:
        lines += ["", texts.CHECK_REMINDERS, *(f"· {r}" for r in check.reminders)]
    return "\n".join(lines)


def _gap_lines(
    item: ItemCheck, markup: Markup, *, why: bool, count: tuple[int, int] | None = None
) -> str:
    """One gap: its icon and name, why it is thin, where the draft touches it, one example."""
    cov = item.coverage
    name = cov.item.name
    if count is not None:
        name += texts.CHECK_COUNT.format(m=count[0], n=count[1])
    line = f"{texts.STATUS_ICONS[cov.status]} {markup.esc(name)}"
    if why and cov.status == "missing":
        line += "\n  " + markup.esc(texts.CHECK_MISSING_WHY)
    if cov.reason is not None:
        line += f"\n  {markup.esc(texts.THIN_REASONS[cov.reason])}"
    if cov.evidence and cov.status == "thin":  # where the draft touches it
        line += f"\n  草稿：“{markup.esc(_short(cov.evidence, 40))}”"
    for example in item.examples[:1]:
        s = example.snippet
        text = _short(example.template, CHECK_EXAMPLE_BUDGET)
        line += "\n" + markup.esc(texts.CHECK_EXAMPLE.format(town=s.town, year=s.year, text=text))
    return line


def draft_comments(gaps: Sequence[Anchored], check: DraftCheck) -> list[DraftComment]:
    """The Word comments for a draft's gaps: why, and one short example from another town."""
    comments = []
    for gap in gaps:
        cov = gap.check.coverage
        item = cov.item
        if cov.status == "thin":
            why = texts.THIN_REASONS.get(cov.reason or "", texts.THIN_DEFAULT)
            lines = [texts.COMMENT_THIN.format(item=item.name, why=why)]
        elif item.kind == "statutory":
            lines = [texts.COMMENT_MISSING_PART.format(item=item.name, source=item.source)]
        else:
            count = check.corpus_counts.get(item.item_id, 0)
            lines = [
                texts.COMMENT_MISSING_TOPIC.format(
                    item=item.name, count=count, reports=check.reports
                )
            ]
        if item.often_forgotten and cov.status != "thin":
            lines.append(item.often_forgotten)
        for example in gap.check.examples[:1]:
            text = _short(example.template, texts.COMMENT_EXAMPLE_CHARS)
            lines.append(texts.COMMENT_EXAMPLE.format(town=example.snippet.town, text=text))
        comments.append(DraftComment(gap.paragraph, "\n".join(lines)))
    return comments
