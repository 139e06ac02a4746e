"""Commands and free text: /start, /help, /ask, /example, /compare, /checklist, /mytown."""

from __future__ import annotations

import re

from telegram import Update

from handlers import dialogue, keyboards, texts
from handlers.audit import note_results
from handlers.context import BotContext, QueryState
from handlers.dialogue import Reply
from handlers.reminders import subscribe_chat
from handlers.render import HTML
from handlers.replies import send, typing
from knowledge.models import QueryFilters

_DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _args(context: BotContext) -> str:
    return " ".join(context.args or []).strip()


async def start(update: Update, context: BotContext) -> None:
    """Greet the user; a deep-link payload we do not know falls back to the welcome."""
    payload = _args(context)
    if payload and not _DEEP_LINK.match(payload):
        payload = ""
    await send(update, [texts.WELCOME])


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands."""
    await send(update, [texts.HELP])


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
        keyboard = keyboards.guess_keyboard(qid, answer.town_guess)
    else:
        keyboard = keyboards.answer_keyboard(
            qid, has_more=reply.has_more, section=answer.filters.section
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
    keyboard = keyboards.examples_keyboard(qid, has_more=reply.has_more, originals=False)
    await send(update, reply.messages, keyboard=keyboard)


async def ask(update: Update, context: BotContext) -> None:
    """Answer /ask <question>."""
    question = _args(context)
    if not question:
        await send(update, [texts.USAGE_ASK])
        return
    # No typing indicator for a question: the answer takes milliseconds, and each chat action
    # spends one of Telegram's ~30 requests per second that answers need.
    user = update.effective_user
    reply = await dialogue.guarded(
        context.knowledge,
        lambda: dialogue.reply_ask(
            context.knowledge, question, HTML, user_id=user.id if user else None
        ),
        HTML,
    )
    await send_answer(update, context, reply, question)


async def example(update: Update, context: BotContext) -> None:
    """Model wording for /example <topic>."""
    topic = _args(context)
    if not topic:
        await send(update, [texts.USAGE_EXAMPLE])
        return
    await typing(update, context)
    reply = await dialogue.guarded(
        context.knowledge,
        lambda: dialogue.reply_example(context.knowledge, topic, HTML, user_id=_user_id(update)),
        HTML,
    )
    await send_examples(update, context, reply)


async def compare(update: Update, context: BotContext) -> None:
    """Compare /compare <town> [<town>…] [topic]; one town is compared with the user's own."""
    words = list(context.args or [])
    if not words:
        await send(update, [texts.USAGE_COMPARE])
        return
    await typing(update, context)
    own = await context.knowledge.get_town(_chat_id(update))
    reply = await dialogue.guarded(
        context.knowledge,
        lambda: dialogue.reply_compare_words(
            context.knowledge, words, HTML, own_town=own, user_id=_user_id(update)
        ),
        HTML,
    )
    await send(update, reply.messages)


async def checklist(update: Update, context: BotContext) -> None:
    """The required contents and deadlines."""
    reply = await dialogue.guarded(
        context.knowledge, lambda: dialogue.reply_checklist(context.knowledge, HTML), HTML
    )
    await send(update, reply.messages)


async def mytown(update: Update, context: BotContext) -> None:
    """Show or set the chat's own town."""
    name = _args(context)
    knowledge = context.knowledge
    if not name:
        town = await knowledge.get_town(_chat_id(update))
        current = HTML.esc(texts.MYTOWN_CURRENT.format(town=town)) if town else texts.MYTOWN_NONE
        await send(update, [current])
        return
    reply = await dialogue.guarded(
        knowledge,
        lambda: dialogue.reply_set_town(knowledge, name, HTML, chat_id=_chat_id(update)),
        HTML,
    )
    await send(update, reply.messages)


async def free_text(update: Update, context: BotContext) -> None:
    """Any text message: a question, a request for wording, a comparison, the checklist…"""
    message = update.effective_message
    if message is None or not message.text:
        return
    if _user_id(update) in context.state.awaiting_draft:
        from handlers.drafts import check_text

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


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, locations: say what the bot understands."""
    await send(update, [texts.ONLY_TEXT])


def _user_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def _chat_id(update: Update) -> int:
    return update.effective_chat.id if update.effective_chat else 0
