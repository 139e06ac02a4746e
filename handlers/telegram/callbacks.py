"""Button presses: more results, another town, one section, a town guess, upload confirmation."""

from __future__ import annotations

import logging

from telegram import Update

from handlers import buttons, dialogue, render, texts
from handlers.buttons import Family, Kind, Press
from handlers.render import HTML
from handlers.telegram import keyboards
from handlers.telegram.access import is_admin
from handlers.telegram.context import BotContext, QueryState
from handlers.telegram.replies import edit
from knowledge.errors import StoreFull
from knowledge.models import QueryFilters, SectionId

logger = logging.getLogger(__name__)


async def button(update: Update, context: BotContext) -> None:
    """Route a button press by its family; anything stale, forged or foreign gets a short answer."""
    query = update.callback_query
    if query is None:
        return
    press = buttons.decode(query.data)
    if press is None:
        await _expired(update)
        return
    if press.family is Family.UPLOAD:
        await _upload(update, context, press)
        return
    state = context.state.queries.get(press.ref)
    if state is None:
        await _expired(update)
        return
    if state.owner_id is not None and query.from_user.id != state.owner_id:
        await query.answer(texts.NOT_YOURS, show_alert=True)
        return
    if (press.family is Family.EXAMPLES) != (state.kind == "example"):
        await _expired(update)  # a button of another reply's kind
        return
    await query.answer()  # once per press: a stale path below only removes the buttons
    if press.family is Family.EXAMPLES:
        await _examples_page(update, context, press, state)
    else:
        await _answer_button(update, context, press, state)


async def _answer_button(
    update: Update, context: BotContext, press: Press, state: QueryState
) -> None:
    """More, another town, a town picked, only one part, the guessed town."""
    if press.kind is Kind.OTHER_TOWN:
        # The buttons index this snapshot: an import meanwhile cannot shift what they mean.
        state.town_choices = tuple(await context.knowledge.towns())
        rows = buttons.town_buttons(press.ref, list(state.town_choices))
        await edit(update, context, [texts.PICK_TOWN], keyboard=keyboards.markup(rows))
        return
    filters = state.filters
    offset = 0
    if press.kind is Kind.MORE:
        offset = state.offset + dialogue.PAGE
    elif press.kind is Kind.SECTION:
        part: SectionId = "problems" if press.arg == "problems" else "next_plan"
        filters = QueryFilters(town=filters.town, year=filters.year, section=part)
    elif press.kind is Kind.PICK_TOWN and press.arg is not None:
        towns = state.town_choices
        if press.arg != "a" and int(press.arg) >= len(towns):
            await _expired(update, answered=True)
            return
        town = None if press.arg == "a" else towns[int(press.arg)]
        filters = QueryFilters(town=town, year=filters.year, section=filters.section)
    elif press.kind is Kind.GUESS and state.town_guess:
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
    rows = buttons.answer_buttons(press.ref, has_more=reply.has_more, section=section)
    await edit(update, context, reply.messages, keyboard=keyboards.markup(rows))


async def _examples_page(
    update: Update, context: BotContext, press: Press, state: QueryState
) -> None:
    """The next towns' templates, this page's originals, or back to its templates."""
    qid = press.ref
    offset = (
        state.offset + dialogue.EXAMPLE_PAGE if press.kind is Kind.MORE_EXAMPLES else state.offset
    )
    originals = press.kind is Kind.ORIGINALS
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
    rows = buttons.example_buttons(qid, has_more=reply.has_more, originals=originals)
    keyboard = keyboards.markup(rows) if reply.results else None
    await edit(update, context, reply.messages, keyboard=keyboard)


async def _upload(update: Update, context: BotContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    pending = context.state.uploads.get(press.ref)
    if pending is None:
        await _expired(update)
        return
    # Authorisation is checked again at the press, not trusted from when the file came.
    if not is_admin(update, context) or query.from_user.id != pending.admin_id:
        await query.answer(texts.NO_PERMISSION, show_alert=True)
        return
    # Taken before any await: presses handled at the same time find it gone (stored once).
    context.state.uploads.pop(press.ref, None)
    await query.answer()
    if press.arg != "y":
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
