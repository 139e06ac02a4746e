"""The one command table every channel shares: name, aliases, usage, what it runs.

A new command is one row here. A channel adapter registers every row; it overrides a row only
for what its channel does differently (Telegram waits for a draft file and schedules reminders;
the terminal reads a draft from a path or a paste).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers import dialogue, texts
from handlers.dialogue import Reply
from handlers.render import Markup
from knowledge.service import Knowledge


@dataclass(frozen=True, slots=True)
class Call:
    """One command as a channel received it."""

    arg: str  # the words after the command, stripped
    markup: Markup
    chat_id: int
    user_id: int | None = None
    own_town: str | None = None


Runner = Callable[[Knowledge, Call], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Command:
    """A row of the command table."""

    name: str
    run: Runner
    aliases: tuple[str, ...] = ()
    usage: str | None = None  # the reply to the command without its argument
    admin: bool = False  # only admins (Telegram); the terminal's operator is one
    slow: bool = False  # worth a typing indicator

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


async def _welcome(knowledge: Knowledge, call: Call) -> Reply:
    return Reply([texts.WELCOME], "help")


async def _help(knowledge: Knowledge, call: Call) -> Reply:
    return Reply([texts.HELP], "help")


async def _ask(knowledge: Knowledge, call: Call) -> Reply:
    return await dialogue.reply_ask(knowledge, call.arg, call.markup, user_id=call.user_id)


async def _example(knowledge: Knowledge, call: Call) -> Reply:
    return await dialogue.reply_example(knowledge, call.arg, call.markup, user_id=call.user_id)


async def _compare(knowledge: Knowledge, call: Call) -> Reply:
    return await dialogue.reply_compare_words(
        knowledge, call.arg.split(), call.markup, own_town=call.own_town, user_id=call.user_id
    )


async def _checklist(knowledge: Knowledge, call: Call) -> Reply:
    return await dialogue.reply_checklist(knowledge, call.markup)


async def _mytown(knowledge: Knowledge, call: Call) -> Reply:
    if not call.arg:
        if call.own_town:
            return Reply(
                [call.markup.esc(texts.MYTOWN_CURRENT.format(town=call.own_town))], "mytown"
            )
        return Reply([texts.MYTOWN_NONE], "mytown")
    return await dialogue.reply_set_town(knowledge, call.arg, call.markup, chat_id=call.chat_id)


async def _check(knowledge: Knowledge, call: Call) -> Reply:
    if not call.arg:
        return Reply([texts.CHECK_PROMPT], "check_prompt")
    return await dialogue.reply_check(knowledge, call.arg, call.markup, user_id=call.user_id)


async def _draft(knowledge: Knowledge, call: Call) -> Reply:
    words = call.arg.split()
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    names = [w for w in words if not w.isdigit()]
    if len(years) > 1 or len(names) > 1 or (years and not 1990 <= years[0] <= 2100):
        return Reply([texts.USAGE_DRAFT], "usage")
    town = names[0] if names else call.own_town
    year = years[0] if years else None
    return await dialogue.reply_draft(knowledge, call.markup, town=town, year=year)


async def _remind(knowledge: Knowledge, call: Call) -> Reply:
    return await dialogue.reply_remind_how(knowledge, call.markup)


async def _stats(knowledge: Knowledge, call: Call) -> Reply:
    return await dialogue.reply_stats(knowledge, call.markup)


COMMANDS: tuple[Command, ...] = (
    Command("start", _welcome),
    Command("help", _help),
    Command("ask", _ask, aliases=("q",), usage=texts.USAGE_ASK),
    Command("example", _example, usage=texts.USAGE_EXAMPLE, slow=True),
    Command("compare", _compare, usage=texts.USAGE_COMPARE, slow=True),
    Command("checklist", _checklist),
    Command("check", _check, slow=True),
    Command("draft", _draft, slow=True),
    Command("mytown", _mytown),
    Command("remind", _remind),
    Command("stats", _stats, admin=True),
)
_BY_NAME = {name: command for command in COMMANDS for name in command.names}


def find(word: str) -> Command | None:
    """The command a word names: '/ask', 'ask', '/ask@township_bot'."""
    return _BY_NAME.get(word.removeprefix("/").partition("@")[0].lower())


async def run(knowledge: Knowledge, command: Command, call: Call) -> Reply:
    """Run a command: its usage when an argument is needed and missing, an expected failure
    as a one-message reply."""
    if command.usage is not None and not call.arg:
        return Reply([command.usage], "usage")
    return await dialogue.guarded(knowledge, lambda: command.run(knowledge, call), call.markup)
