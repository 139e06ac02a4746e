"""Pure rendering of knowledge results: HTML for Telegram, plain text for the terminal.

No Telegram import here, so the command line can use it without loading python-telegram-bot.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from handlers import texts
from knowledge.models import Answer, IngestResult, Report, SearchHit

MESSAGE_LIMIT: Final = 4000  # under Telegram's 4096, leaving room for entities
MAX_PARTS: Final = 5


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
        return "".join(out)


HTML: Final = Markup(html=True)
PLAIN: Final = Markup(html=False)


def source_line(town: str, year: int, section: str, markup: Markup) -> str:
    """'拾万镇 · 2021 · 存在的不足'."""
    label = texts.SECTION_LABELS.get(section, section)
    return markup.bold(f"{town} · {year} · {label}")


def render_hit(index: int, hit: SearchHit, markup: Markup, words: Iterable[str] = ()) -> str:
    """One snippet with its source, heading and text."""
    s = hit.snippet
    lines = [f"{index}. {source_line(s.town, s.year, s.section, markup)}"]
    if s.heading:
        lines.append(markup.italic(s.heading))
    lines.append(markup.highlight(s.text, words))
    return "\n".join(lines)


def render_answer(answer: Answer, markup: Markup) -> list[str]:
    """An answer as messages that each fit Telegram's limit."""
    head: list[str] = []
    if answer.town_guess:
        head.append(texts.TOWN_GUESS.format(town=answer.town_guess))
    if not answer.hits:
        if not answer.terms and answer.filters.town is None and answer.filters.section is None:
            return ["\n".join([*head, texts.NO_TERMS])]
        return ["\n".join([*head, texts.NO_RESULTS])]
    head.append(markup.esc(texts.RESULTS_FOR.format(query=_short(answer.query, 40))))
    parts = _filter_parts(answer)
    if parts:
        head.append(markup.esc(texts.FILTERS.format(parts=" · ".join(parts))))
    if answer.low_signal:
        head.append(texts.LOW_SIGNAL)
    words = highlight_words(answer)
    blocks = [render_hit(i, hit, markup, words) for i, hit in enumerate(answer.hits, 1)]
    return split_messages("\n".join(head), blocks)


def highlight_words(answer: Answer) -> list[str]:
    """The words to bold in an answer's snippets."""
    return [t for t in answer.terms if len(t) > 1]


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
    """Join blocks under a head into messages ≤ limit, cutting only between blocks."""
    messages: list[str] = []
    current = head
    for block in blocks:
        if len(block) > limit:
            block = block[: limit - 1] + "…"
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) > limit:
            messages.append(current)
            current = block
        else:
            current = candidate
    if current:
        messages.append(current)
    if len(messages) > MAX_PARTS:
        hidden = len(messages) - MAX_PARTS
        messages = messages[:MAX_PARTS]
        messages[-1] += "\n\n" + texts.MORE_HIDDEN.format(n=hidden)
    return messages


def render_ingest(results: list[IngestResult], markup: Markup) -> str:
    """What happened to each ingested file."""
    lines = []
    for r in results:
        status = texts.STATUS_LABELS[r.status]
        if r.status == "error":
            lines.append(
                f"✗ {markup.esc(_short(r.file, 60))}：{status}，{markup.esc(r.error or '')}"
            )
            continue
        sections = "，".join(
            f"{texts.SECTION_LABELS.get(k, k)} {v}" for k, v in r.sections.items()
        )
        lines.append(
            f"✓ {markup.esc(_short(r.file, 60))}：{markup.bold(f'{r.town} {r.year}')} {status}；"
            f"{texts.SNIPPET_COUNT.format(n=r.snippets)}（{sections}）"
        )
        lines.extend(f"  ⚠ {w}" for w in r.warnings)
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
