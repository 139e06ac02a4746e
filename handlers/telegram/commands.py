"""Commands of the shared table and free text, answered in Telegram (with buttons)."""

from __future__ import annotations

import re

from telegram import Update

from handlers import buttons, dialogue, texts
from handlers import commands as core
from handlers.dialogue import Reply
from handlers.render import HTML
from handlers.telegram import keyboards
from handlers.telegram.access import refuse_non_admin
from handlers.telegram.audit import note_results
from handlers.telegram.context import BotContext, QueryState
from handlers.telegram.reminders import subscribe_chat
from handlers.telegram.replies import send, send_files, typing
from knowledge.models import QueryFilters

_DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


async def send_answer(update: Update, context: BotContext, reply: Reply, question: str) -> None:
    """Send an ask reply with its buttons, remembering the question for them."""
    answer = reply.answer
    note_results(update, context, len(answer.hits) if answer else 0)
    if answer is None or (not answer.hits and not answer.town_guess):
        await send(update, reply.messages)
        return
    user = update.effective_user
    qid = context.state.remember_query(
        QueryState(user.id if user else None, question, answer.filters, 0, answer.town_guess)
    )
    if answer.town_guess and not answer.hits:
        keyboard = keyboards.markup(buttons.guess_buttons(qid, answer.town_guess))
    else:
        keyboard = keyboards.markup(
            buttons.answer_buttons(qid, has_more=reply.has_more, section=answer.filters.section)
        )
    await send(update, reply.messages, keyboard=keyboard)


async def send_examples(update: Update, context: BotContext, reply: Reply) -> None:
    """Send example wording, with buttons for the originals and for more towns."""
    if reply.topic is None or not reply.results:
        await send(update, reply.messages)
        return
    qid = context.state.remember_query(
        QueryState(_user_id(update), reply.topic, QueryFilters(), kind="example")
    )
    keyboard = keyboards.markup(
        buttons.example_buttons(qid, has_more=reply.has_more, originals=False)
    )
    await send(update, reply.messages, keyboard=keyboard)


async def command(update: Update, context: BotContext) -> None:
    """Any row of the shared command table: /ask, /example, /compare, /checklist, /mytown …"""
    message = update.effective_message
    if message is None or not message.text:
        return
    word, _, arg = message.text.partition(" ")
    found = core.find(word)
    if found is None:
        return
    if found.admin and await refuse_non_admin(update, context):
        return
    if found.slow:
        await typing(update, context)
    own = await context.knowledge.get_town(_chat_id(update))
    call = core.Call(arg.strip(), HTML, _chat_id(update), user_id=_user_id(update), own_town=own)
    reply = await core.run(context.knowledge, found, call)
    if reply.kind == "ask":
        await send_answer(update, context, reply, call.arg)
    elif reply.kind == "example":
        await send_examples(update, context, reply)
    else:
        await send(update, reply.messages)
    await send_files(update, reply.files)


async def free_text(update: Update, context: BotContext) -> None:
    """Any text message: a question, a request for wording, a comparison, the checklist…"""
    message = update.effective_message
    if message is None or not message.text:
        return
    if _user_id(update) in context.state.awaiting_draft:
        from handlers.telegram.drafts import check_text

        await check_text(update, context, message.text)
        return
    own = await context.knowledge.get_town(_chat_id(update))
    reply = await dialogue.respond(
        context.knowledge,
        message.text,
        HTML,
        own_town=own,
        user_id=_user_id(update),
        chat_id=_chat_id(update),
    )
    if reply.kind == "remind":
        await subscribe_chat(update, context)
        return
    if reply.kind == "check_prompt" and _user_id(update) is not None:
        context.state.awaiting_draft.add(_user_id(update))  # type: ignore[arg-type]
    if reply.kind == "ask":
        await send_answer(update, context, reply, message.text)
        return
    if reply.results is not None:
        note_results(update, context, reply.results)
    if reply.kind == "example":
        await send_examples(update, context, reply)
    else:
        await send(update, reply.messages)
    await send_files(update, reply.files)


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, locations: say what the bot understands."""
    await send(update, [texts.ONLY_TEXT])


def _user_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def _chat_id(update: Update) -> int:
    return update.effective_chat.id if update.effective_chat else 0
