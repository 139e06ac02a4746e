"""Button presses: more results, another town, one section, a town guess, upload confirmation."""

from __future__ import annotations

import logging

from telegram import Update

from handlers import dialogue, render, texts
from handlers.render import HTML
from handlers.telegram import keyboards
from handlers.telegram.access import is_admin
from handlers.telegram.context import BotContext, QueryState
from handlers.telegram.replies import edit
from knowledge.errors import StoreFull
from knowledge.models import QueryFilters

logger = logging.getLogger(__name__)
EXAMPLE_KINDS = frozenset({"x", "r", "t"})


async def button(update: Update, context: BotContext) -> None:
    """Route a button press; anything stale, forged or foreign gets a short answer."""
    query = update.callback_query
    if query is None:
        return
    parsed = keyboards.parse_callback(query.data)
    if parsed is None:
        await _expired(update)
        return
    kind, args = parsed
    if kind == "u":
        await _upload(update, context, args)
        return
    state = context.state.queries.get(args[0])
    if state is None:
        await _expired(update)
        return
    if state.owner_id is not None and query.from_user.id != state.owner_id:
        await query.answer(texts.NOT_YOURS, show_alert=True)
        return
    if (kind in EXAMPLE_KINDS) != (state.kind == "example"):
        await _expired(update)  # a button of another reply's kind
        return
    await query.answer()  # once per press: a stale path below only removes the buttons
    await _query_button(update, context, kind, args, state)


async def _query_button(
    update: Update, context: BotContext, kind: str, args: list[str], state: QueryState
) -> None:
    qid = args[0]
    if kind in EXAMPLE_KINDS:
        await _examples_page(update, context, qid, state, kind)
        return
    if kind == "o":
        # The buttons index this snapshot: an import meanwhile cannot shift what they mean.
        state.town_choices = tuple(await context.knowledge.towns())
        keyboard = keyboards.town_keyboard(qid, list(state.town_choices))
        await edit(update, context, [texts.PICK_TOWN], keyboard=keyboard)
        return
    filters = state.filters
    offset = 0
    if kind == "m":
        offset = state.offset + dialogue.PAGE
    elif kind == "s" and len(args) == 2 and args[1] in ("problems", "next_plan"):
        filters = QueryFilters(town=filters.town, year=filters.year, section=args[1])  # type: ignore[arg-type]
    elif kind == "p" and len(args) == 2:
        towns = state.town_choices
        if args[1] == "a":
            town = None
        elif args[1].isdigit() and int(args[1]) < len(towns):
            town = towns[int(args[1])]
        else:
            await _expired(update, answered=True)
            return
        filters = QueryFilters(town=town, year=filters.year, section=filters.section)
    elif kind == "g" and state.town_guess:
        filters = QueryFilters(town=state.town_guess, year=filters.year, section=filters.section)
    else:
        await _expired(update, answered=True)
        return
    reply = await dialogue.guarded(
        context.knowledge,
        lambda: dialogue.reply_ask(
            context.knowledge, state.question, HTML, filters=filters, offset=offset
        ),
        HTML,
    )
    state.filters, state.offset = filters, offset
    section = reply.answer.filters.section if reply.answer else None
    keyboard = keyboards.answer_keyboard(qid, has_more=reply.has_more, section=section)
    await edit(update, context, reply.messages, keyboard=keyboard)


async def _examples_page(
    update: Update, context: BotContext, qid: str, state: QueryState, kind: str
) -> None:
    """x: the next towns' templates; r: this page's originals; t: back to its templates."""
    offset = state.offset + dialogue.EXAMPLE_PAGE if kind == "x" else state.offset
    originals = kind == "r"
    reply = await dialogue.guarded(
        context.knowledge,
        lambda: dialogue.reply_example(
            context.knowledge,
            state.question,
            HTML,
            town=state.filters.town,
            offset=offset,
            originals=originals,
        ),
        HTML,
    )
    state.offset = offset
    keyboard = (
        keyboards.examples_keyboard(qid, has_more=reply.has_more, originals=originals)
        if reply.results
        else None
    )
    await edit(update, context, reply.messages, keyboard=keyboard)


async def _upload(update: Update, context: BotContext, args: list[str]) -> None:
    query = update.callback_query
    assert query is not None
    pending = context.state.uploads.get(args[0])
    if pending is None or len(args) != 2:
        await _expired(update)
        return
    # Authorisation is checked again at the press, not trusted from when the file came.
    if not is_admin(update, context) or query.from_user.id != pending.admin_id:
        await query.answer(texts.NO_PERMISSION, show_alert=True)
        return
    # Taken before any await: presses handled at the same time find it gone (stored once).
    context.state.uploads.pop(args[0], None)
    await query.answer()
    if args[1] != "y":
        await edit(update, context, [texts.UPLOAD_CANCELLED])
        return
    try:
        result = await context.knowledge.store_upload(
            pending.data, name=pending.name, parsed=pending.parsed
        )
    except StoreFull:
        # The upload waits in the inbox: the next start stores it, unless a newer version of
        # the same town and year came meanwhile.
        await edit(update, context, [texts.UPLOAD_DEFERRED])
        return
    await edit(
        update, context, [texts.UPLOAD_DONE.format(summary=render.render_ingest([result], HTML))]
    )


async def _expired(update: Update, *, answered: bool = False) -> None:
    """Say the button is stale (unless the press was answered already) and remove it."""
    query = update.callback_query
    assert query is not None
    if not answered:
        await query.answer(texts.BUTTON_EXPIRED)
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except Exception:  # the message may be gone or already without buttons
        logger.debug("could not remove an expired keyboard", exc_info=True)
