"""The dialogue without Telegram: understand a message, call one use case, render the reply.

Telegram handlers add keyboards around these replies; the terminal chat prints them as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from handlers import render, texts
from handlers.render import Markup
from knowledge.domain.checklist import report_year
from knowledge.domain.towns import names_a_town, town_label
from knowledge.errors import (
    KnowledgeError,
    TownNotFound,
)
from knowledge.models import Answer, Document, ParsedReport, QueryFilters, Report, SectionId
from knowledge.service import Knowledge
from knowledge.understand import THANKS, FactKey, Request, asks_detail, ranking, read_caption

# A town's name as people write it: Chinese, letters or digits (xx镇), never markup.
_TOWN_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()·]{1,20}")
PAGE: int = 3  # passages a page: one phone screen
EXAMPLE_PAGE: int = 3
# A message this long that asks for a check carries the draft itself.
DRAFT_IN_MESSAGE: int = 200
DOCX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Reply:
    """Messages to send, and what the buttons under them need to know."""

    messages: list[str]
    kind: str
    answer: Answer | None = None
    towns: tuple[str, ...] = field(default_factory=tuple)
    has_more: bool = False
    document: str | None = None  # the full reply as plain text, to send as a file
    topic: str | None = None  # what an example reply was about, for its "more" button
    results: int | None = None  # how many passages or towns it carried, for the log line
    files: tuple[Document, ...] = ()  # .docx files to send with the messages


def error_message(
    exc: KnowledgeError, markup: Markup, *, known_towns: list[str] | None = None
) -> str:
    """A short Chinese message for an expected failure, escaped for the markup."""
    fields: dict[str, object] = dict(exc.fields)
    if isinstance(exc, TownNotFound):
        fields["towns"] = "、".join(exc.suggestions or tuple(known_towns or ()))
    return markup.esc(texts.error_text(exc.code, fields))


async def guarded(
    knowledge: Knowledge, work: Callable[[], Awaitable[Reply]], markup: Markup
) -> Reply:
    """Run a use case; an expected failure becomes a one-message reply."""
    try:
        return await work()
    except KnowledgeError as exc:
        return Reply([error_message(exc, markup, known_towns=await knowledge.towns())], "error")


async def reply_ask(
    knowledge: Knowledge,
    question: str,
    markup: Markup,
    *,
    filters: QueryFilters | None = None,
    offset: int = 0,
    user_id: int | None = None,
) -> Reply:
    """Snippets for a question, a page at a time."""
    answer = await knowledge.ask(question, filters=filters, limit=offset + PAGE + 1)
    has_more = len(answer.hits) > offset + PAGE
    page = replace(answer, hits=answer.hits[offset : offset + PAGE])
    if offset == 0:
        await knowledge.log(user_id=user_id, kind="ask", query=question, hits=len(answer.hits))
    if offset and not page.hits:
        return Reply([texts.NO_MORE], "ask", answer=page)
    if not answer.hits and answer.filters.year is not None:
        # '2023年税郭的报告有没有': say which years the library holds instead of "not found".
        wanted = answer.filters
        years = sorted(
            {
                r.year
                for r in await knowledge.reports()
                if wanted.town in (None, r.town, town_label(r.town, r.county))
            }
        )
        held = "、".join(str(y) for y in years) or texts.NONE_WORD
        text = texts.NO_REPORT_OF_YEAR.format(
            town=wanted.town or texts.ANY_TOWN, year=wanted.year, years=held
        )
        return Reply([markup.esc(text)], "ask", answer=page)
    return Reply(
        render.render_answer(page, markup, first=offset + 1), "ask", answer=page, has_more=has_more
    )


async def reply_example(
    knowledge: Knowledge,
    topic: str,
    markup: Markup,
    *,
    town: str | None = None,
    section: SectionId | None = None,
    user_id: int | None = None,
    offset: int = 0,
    originals: bool = False,
) -> Reply:
    """Model wording for a topic, a few towns at a time: templates, or the originals behind them;
    `section`: the part the words are wanted for ('下一步…营商环境那条')."""
    found = await knowledge.example(
        topic, limit=offset + EXAMPLE_PAGE + 1, filters=QueryFilters(town=town, section=section)
    )
    if offset == 0:
        await knowledge.log(user_id=user_id, kind="example", query=topic, hits=len(found.examples))
    page = replace(found, examples=found.examples[offset : offset + EXAMPLE_PAGE])
    if offset and not page.examples:
        return Reply([texts.NO_MORE], "example", topic=topic)
    return Reply(
        render.render_examples(page, markup, first=offset + 1, originals=originals),
        "example",
        has_more=len(found.examples) > offset + EXAMPLE_PAGE,
        topic=topic,
        results=len(page.examples),
    )


async def reply_stats(knowledge: Knowledge, markup: Markup) -> Reply:
    """Usage and the questions that found nothing (for admins, and the terminal's operator)."""
    found = await knowledge.stats()
    kinds = "，".join(f"{k} {n}" for k, n in found.by_kind.items()) or "无"
    empty = "\n".join(f"· {q}（{n} 次）" for q, n in found.no_results) or "无"
    text = texts.STATS.format(
        total=found.total,
        users=found.users,
        subs=found.subscriptions,
        kinds=kinds,
        empty=empty,
    )
    return Reply([markup.esc(text)], "stats")


async def reply_remind_how(knowledge: Knowledge, markup: Markup) -> Reply:
    """How to subscribe, with the coming deadlines (Telegram subscribes the chat instead)."""
    deadlines = await reply_deadlines(knowledge, markup)
    return Reply([texts.REMIND_HOW + "\n\n" + deadlines.messages[0]], "remind")


_RETURNED = re.compile(r"打回|退回|被退|太水|不合格|挨批")
MAX_TOWNS_SIDE_BY_SIDE = 6  # '各镇比一下' shows every town only while they fit a few screens


async def reply_compare_words(
    knowledge: Knowledge,
    words: list[str],
    markup: Markup,
    *,
    own_town: str | None,
    user_id: int | None = None,
) -> Reply:
    """/compare's words: towns, then a topic; one town is compared with the user's own."""
    if not words:
        return Reply([texts.USAGE_COMPARE], "compare")
    known = await knowledge.towns()
    towns, rest = [], []
    for word in words:
        # A stored town, its stem, or any word ending as a town's name does is a town.
        if names_a_town(word, known) or any(t.startswith(word) for t in known):
            towns.append(word)
        else:
            rest.append(word)
    if len(towns) == 1 and own_town and own_town != towns[0]:
        towns = [own_town, *towns]
    return await reply_compare(
        knowledge, towns, markup, topic=" ".join(rest) or None, user_id=user_id
    )


async def reply_compare(
    knowledge: Knowledge,
    towns: list[str],
    markup: Markup,
    *,
    topic: str | None = None,
    user_id: int | None = None,
    full_table: bool = False,
    ranking: Literal["most", "least"] | None = None,
    detail: bool = False,
) -> Reply:
    """Towns side by side; with `ranking` ('谁搞得多') or `detail` ('谁写得实'), the verdict
    first."""
    if not towns:
        return Reply([texts.USAGE_COMPARE], "compare")
    comparison = await knowledge.compare(towns, topic=topic)
    known = await knowledge.towns()
    if len(towns) >= 2 and len(set(comparison.asked)) == 1 and not comparison.unknown:
        return Reply([texts.COMPARE_SAME], "compare")
    await knowledge.log(
        user_id=user_id, kind="compare", query=" ".join(towns), hits=len(comparison.towns)
    )
    return Reply(
        render.render_comparison(
            comparison, markup, known=known, full_table=full_table, ranking=ranking, detail=detail
        ),
        "compare",
        towns=comparison.towns,
        results=len(comparison.towns),
    )


async def reply_checklist(knowledge: Knowledge, markup: Markup) -> Reply:
    """The checklist and deadlines."""
    return Reply(render.render_checklist(await knowledge.checklist(), markup), "checklist")


async def reply_deadlines(knowledge: Knowledge, markup: Markup) -> Reply:
    """Only the deadlines."""
    checklist = await knowledge.checklist()
    lines = [markup.bold(texts.DEADLINE_HEAD)]
    lines += [f"· {d.due_on}：{markup.esc(d.what)}" for d in checklist.deadlines]
    return Reply(["\n".join(lines)], "deadline")


async def reply_set_town(
    knowledge: Knowledge, name: str, markup: Markup, *, chat_id: int | None
) -> Reply:
    """Remember the chat's own town (/mytown, or '我们镇是税郭镇')."""
    if chat_id is None or not name or len(name) > 20 or not _TOWN_NAME.fullmatch(name.strip()):
        return Reply([texts.USAGE_MYTOWN], "mytown")
    town, known = await knowledge.set_town(chat_id, name)
    template = texts.MYTOWN_SET if known else texts.MYTOWN_SET_NEW
    return Reply([markup.esc(template.format(town=town))], "mytown")


async def reply_check(
    knowledge: Knowledge,
    draft: str | bytes,
    markup: Markup,
    *,
    user_id: int | None = None,
    name: str | None = None,
) -> Reply:
    """A draft held against the checklist; a .docx draft also comes back with comments."""
    if isinstance(draft, str) and len(draft.strip()) < 30:
        return Reply([texts.CHECK_TOO_SHORT], "check")
    if isinstance(draft, bytes):
        check = await knowledge.check_draft_file(draft)
    else:
        check = await knowledge.check_draft(draft)
    await knowledge.log(
        user_id=user_id, kind="check", query="(草稿)", hits=check.summary()["covered"]
    )
    document = render.render_draft_report(check)
    files: tuple[Document, ...] = ()
    gaps = None
    if isinstance(draft, bytes) and draft.startswith(DOCX_MAGIC):
        gaps = await knowledge.draft_gaps(draft, check)
        if gaps is not None:
            comments = render.draft_comments(gaps, check)
            annotated = await knowledge.annotate_draft(draft, comments)
            stem = safe_file_stem(name or "") or texts.DRAFT_STEM
            files = (Document(texts.ANNOTATED_NAME.format(stem=stem), annotated),)
    messages = render.render_draft_check(check, markup)
    if files and gaps is not None:
        messages[-1] += "\n\n" + markup.esc(texts.ANNOTATED_READY.format(n=len(gaps)))
    return Reply(messages, "check", document=document, files=files)


_END_OF_MARCH: Final = re.compile(r"(3|三)月(底|末|31)|一季度|第一季度")
_UNSAFE_NAME: Final = re.compile(
    r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069/\\\\:*?\"<>|]"
)


def safe_file_stem(name: str) -> str:
    """A user's file name fit to name the file sent back: no controls, bidi marks or path."""
    return _UNSAFE_NAME.sub("", name).strip(" .")[:60]


async def reply_town_figures(knowledge: Knowledge, town: str, markup: Markup) -> Reply:
    """Every figure a town's newest report gives, in report order."""
    figures = await knowledge.town_figures(town)
    if not figures:
        return Reply([markup.esc(texts.TOWN_FIGURES_NONE.format(town=town))], "figures_of")
    lines = [markup.bold(texts.TOWN_FIGURES_HEAD.format(town=town, n=len(figures)))]
    lines += [render.figure_line(f, markup) for f in figures]
    return Reply(render.split_messages("", ["\n".join(lines)]), "figures_of", results=len(figures))


async def reply_part_size(knowledge: Knowledge, request: Request, markup: Markup) -> Reply:
    """How many passages a part has in each town's newest report (the towns named, or all)."""
    assert request.section is not None
    newest: dict[str, Report] = {}
    for report in await knowledge.reports():  # newest first
        newest.setdefault(town_label(report.town, report.county), report)
    towns = [t for t in request.towns if t in newest] or list(newest)
    part = render.section_name(request.section)
    lines = [markup.bold(texts.PART_SIZE_HEAD.format(part=part))]
    for town in towns:
        report = newest[town]
        count = report.sections.get(request.section, 0)
        line = texts.PART_SIZE_LINE if count else texts.PART_SIZE_NONE
        lines.append(markup.esc(line.format(town=town, year=report.year, n=count)))
    if len(towns) > 1:
        lines.append(markup.esc(texts.PART_SIZE_HINT.format(part=part)))
        return Reply(["\n".join(lines)], "part_size")
    # One town: the count, then the part itself.
    filters = QueryFilters(town=towns[0], section=request.section)
    shown = await reply_ask(knowledge, part, markup, filters=filters)
    return replace(shown, messages=["\n".join(lines), *shown.messages])


async def reply_draft(
    knowledge: Knowledge, markup: Markup, *, town: str | None, year: int | None = None
) -> Reply:
    """A .docx skeleton of the town's report (the own town; the last year by default)."""
    year = year or report_year(dt.date.today())
    document = await knowledge.draft(town=town, year=year)
    text = texts.DRAFT_READY.format(file=document.file_name)
    if town is None:
        text += "\n" + texts.DRAFT_NO_TOWN
    return Reply([markup.esc(text)], "draft", files=(document,))


async def preview_upload(
    knowledge: Knowledge, data: bytes, markup: Markup, *, caption: str = ""
) -> tuple[Reply, ParsedReport | None]:
    """An admin's upload read and shown before it is stored: the reply, and the parsed report
    when there is something to confirm (None for an unreadable file or a duplicate)."""
    town, year = read_caption(caption)
    try:
        parsed = await knowledge.preview_upload(data, town=town, year=year)
    except KnowledgeError as exc:
        reason = texts.error_text(exc.code, exc.fields)
        template = (
            texts.UPLOAD_NEEDS_FIELDS if exc.code in texts.NEEDS_CAPTION else texts.UPLOAD_FAILED
        )
        return Reply([markup.esc(template.format(reason=reason))], "upload_error"), None
    same = await knowledge.find_report(parsed.content_hash)
    if same is not None:
        text = texts.UPLOAD_DUPLICATE.format(
            town=same.town, year=same.year, report_id=same.report_id
        )
        return Reply([markup.esc(text)], "upload_duplicate"), None
    older = await knowledge.report_for(parsed.town, parsed.year)
    sections = "，".join(
        f"{texts.SECTION_LABELS.get(k, k)} {v}" for k, v in parsed.section_counts().items()
    )
    text = texts.UPLOAD_PREVIEW.format(
        town=parsed.town,
        year=parsed.year,
        place=" ".join(p for p in (parsed.province, parsed.county) if p) or texts.PLACE_UNKNOWN,
        title=parsed.title or texts.NO_TITLE,
        n=len(parsed.snippets),
        sections=sections,
        warnings="".join(f"\n⚠ {texts.PARSE_WARNINGS.get(w, w)}" for w in parsed.warnings),
    )
    if older is not None:
        text += texts.UPLOAD_REPLACES.format(town=older.town, year=older.year)
    return Reply([markup.esc(text)], "upload_preview"), parsed


async def reply_fact(
    knowledge: Knowledge, key: FactKey, markup: Markup, *, towns: tuple[str, ...] = ()
) -> Reply:
    """A fact about the report itself: whom it goes to, 文号, length, opening …"""
    found = await knowledge.fact(key, towns=towns)
    return Reply(render.render_fact(found, markup, towns=towns), "fact")


async def reply_which_towns(
    knowledge: Knowledge, request: Request, markup: Markup, *, user_id: int | None
) -> Reply:
    """Which towns wrote about a subject: each town, yes or no."""
    if not request.words:
        return await reply_ask(knowledge, request.text, markup, user_id=user_id)
    found = await knowledge.which_towns(request.words)
    await knowledge.log(
        user_id=user_id, kind="which_towns", query=request.words, hits=len(found.with_it)
    )
    reply = Reply(render.render_which_towns(found, markup), "which_towns")
    if asks_detail(request.text) and 2 <= len(found.with_it) <= MAX_TOWNS_SIDE_BY_SIDE:
        # '哪几个镇写了 谁写得实': the list, then those towns side by side with a verdict.
        side = await reply_compare(
            knowledge, list(found.with_it), markup, topic=request.words, detail=True
        )
        reply.messages.extend(side.messages)
    return reply


async def reply_whether(knowledge: Knowledge, request: Request, markup: Markup) -> Reply:
    """Whether a subject must be written at all."""
    subject = request.words
    if request.section and not subject:
        subject = render.section_name(request.section)
    found = await knowledge.whether(
        subject, topic=request.topic, nothing=request.nothing_happened, section=request.section
    )
    return Reply(render.render_whether(found, markup), "whether")


async def reply_request_compare(
    knowledge: Knowledge, request: Request, markup: Markup, *, user_id: int | None
) -> Reply:
    """A comparison as the message asked it; with no town named, each town's passages."""
    if request.missing_own_town and len(request.towns) < 1:
        return Reply([texts.NEED_OWN_TOWN], "compare")
    # A part compared is passed by its name, which the comparison reads as that part.
    topic = request.words or (request.section and render.section_name(request.section)) or None
    if topic:  # '法律顾问 配' of '法律顾问谁配的多': a lone character left by the verdict words
        topic = " ".join(w for w in topic.split() if len(w) > 1) or topic
    if not request.towns:
        if topic is None:
            return Reply([texts.NEED_OWN_TOWN], "compare")
        known = await knowledge.towns()
        if not request.others or len(known) > MAX_TOWNS_SIDE_BY_SIDE:
            return await reply_ask(knowledge, request.text, markup, user_id=user_id)
        # '几个镇法律顾问都咋弄的 比一下': every town of a small library, side by side.
        return await reply_compare(
            knowledge,
            known,
            markup,
            topic=topic,
            user_id=user_id,
            ranking=ranking(request.text),
            detail=asks_detail(request.text),
        )
    reply = await reply_compare(
        knowledge,
        list(request.towns),
        markup,
        topic=topic,
        user_id=user_id,
        full_table=request.full_table,
        ranking=ranking(request.text),
        detail=asks_detail(request.text),
    )
    if request.missing_own_town and reply.messages:
        hint = texts.NEED_OWN_TOWN_HINT.format(towns="、".join(request.towns))
        reply.messages[0] = f"{markup.esc(hint)}\n\n{reply.messages[0]}"
    return reply


async def reply_request_example(
    knowledge: Knowledge, request: Request, markup: Markup, *, user_id: int | None
) -> Reply:
    """Example wording for what the message names (a topic, a part, or free words)."""
    topic = request.words or request.section
    if not topic:
        return Reply([texts.EXAMPLE_WHICH], "example")
    town = request.towns[0] if request.towns else None
    section = request.section if request.words else None  # words within a part: that part
    return await reply_example(
        knowledge, topic, markup, town=town, section=section, user_id=user_id
    )


async def respond(
    knowledge: Knowledge,
    text: str,
    markup: Markup,
    *,
    own_town: str | None,
    user_id: int | None = None,
    chat_id: int | None = None,
) -> Reply:
    """Answer any free-text message as Telegram and the terminal both do.

    A wish for reminders comes back as kind "remind": Telegram subscribes the chat.
    """
    request = await knowledge.read(text, own_town=own_town)

    async def work() -> Reply:
        kind = request.kind
        if kind == "example":
            return await reply_request_example(knowledge, request, markup, user_id=user_id)
        if kind == "compare":
            return await reply_request_compare(knowledge, request, markup, user_id=user_id)
        if kind == "checklist":
            return await reply_checklist(knowledge, markup)
        if kind == "deadline":
            reply = await reply_deadlines(knowledge, markup)
            if _END_OF_MARCH.search(request.text):  # '是不是3月底前交就行': say no first
                reply.messages[0] = markup.esc(texts.NOT_END_OF_MARCH) + "\n\n" + reply.messages[0]
            return reply
        if kind == "fact" and request.fact is not None:
            replies = [
                await reply_fact(knowledge, key, markup, towns=request.towns)
                for key in (request.fact, *request.more_facts[:2])
            ]
            return Reply(["\n\n".join(m for r in replies for m in r.messages)], "fact")
        if kind == "whether":
            return await reply_whether(knowledge, request, markup)
        if kind == "review":
            found = await knowledge.review_paragraph(request.text, section=request.section)
            return Reply(render.render_review(found, markup), "review")
        if kind == "which_towns":
            return await reply_which_towns(knowledge, request, markup, user_id=user_id)
        if kind == "remind":
            return await reply_remind_how(knowledge, markup)
        if kind == "set_town":
            return await reply_set_town(knowledge, request.towns[0], markup, chat_id=chat_id)
        if kind == "check" and (request.draft or len(text) >= DRAFT_IN_MESSAGE):
            draft = request.text if request.draft else text  # without the wish before it
            return await reply_check(knowledge, draft, markup, user_id=user_id)
        if kind == "check":
            return Reply([texts.CHECK_PROMPT], "check_prompt")
        if kind == "draft":
            town = request.towns[0] if request.towns else own_town
            return await reply_draft(knowledge, markup, town=town, year=request.year)
        if kind == "greeting" and request.mood == "done":
            return Reply([texts.DONE], "greeting")
        if kind == "greeting":
            thanks = THANKS.search(text) is not None
            return Reply([texts.THANKS_REPLY if thanks else texts.WELCOME], "greeting")
        if kind == "help" and request.mood == "unhappy":
            return Reply([texts.UNHAPPY], "help")
        if kind == "help" and request.mood == "who":
            return Reply([texts.WHO_AM_I + "\n\n" + texts.SHORT_MENU], "help")
        if kind == "help":
            return Reply([texts.HELP], "help")
        if kind == "figures_of" and request.towns:
            return await reply_town_figures(knowledge, request.towns[0], markup)
        if kind == "figures_of":
            return Reply([texts.NEED_OWN_TOWN], "figures_of")
        if kind == "part_size" and request.section is not None:
            return await reply_part_size(knowledge, request, markup)
        if kind == "start" and request.mood == "stressed":
            kind_word = texts.RETURNED if _RETURNED.search(request.text) else texts.STRESSED
            return Reply([kind_word + "\n" + texts.GETTING_STARTED], "help")
        if kind == "start":
            return Reply([texts.FIRST_TIME + texts.GETTING_STARTED], "help")
        if kind == "off_topic":
            return Reply([texts.OFF_TOPIC], "off_topic")
        # '我们镇…' asks about the own town: the reader knew it, the search would not.
        town = request.towns[0] if len(request.towns) == 1 else None
        filters = QueryFilters(town=town) if town else None
        return await reply_ask(knowledge, request.text, markup, filters=filters, user_id=user_id)

    return await guarded(knowledge, work, markup)
