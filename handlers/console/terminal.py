"""The terminal dialogue (`python -m bot chat`): the same understanding and answers as Telegram."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import TextIO

from handlers import commands, dialogue, texts
from handlers.render import PLAIN
from knowledge.service import Knowledge

PROMPT = "您> "
CONSOLE_CHAT_ID = 0
DRAFT_END = ("完", "/end", "结束")


async def chat(
    db_path: Path,
    *,
    read_only: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Open the knowledge base and converse until EOF or /quit."""
    knowledge = await Knowledge.open(db_path, read_only=read_only)
    try:
        return await converse(knowledge, stdin=stdin, stdout=stdout)
    finally:
        await knowledge.close()


async def converse(
    knowledge: Knowledge, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Answer each line; with a terminal, prompt and keep going until EOF or /quit."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    if interactive:
        stdout.write(texts.WELCOME + "\n\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text in ("/quit", "/exit", "退出"):
            break
        messages = await answer_line(knowledge, text)
        if messages == [texts.CHECK_PROMPT_CONSOLE]:
            stdout.write(messages[0] + "\n\n")
            stdout.flush()
            draft = await _read_pasted_draft(stdin)
            messages = []
            if draft.strip():
                messages = await _guarded(
                    knowledge, partial(dialogue.reply_check, knowledge, draft, PLAIN)
                )
        if messages:
            stdout.write("\n\n".join(messages) + "\n\n")
        stdout.flush()
    return 0


async def answer_line(knowledge: Knowledge, text: str) -> list[str]:
    """One line of the dialogue: a command of the shared table, or free text."""
    word, _, arg = text.partition(" ")
    arg = arg.strip()
    own = await knowledge.get_town(CONSOLE_CHAT_ID)
    command = commands.find(word) if word.startswith("/") else None
    if command is not None and command.name == "check":
        return await _check(knowledge, arg)
    if command is not None:
        call = commands.Call(arg, PLAIN, CONSOLE_CHAT_ID, own_town=own)
        return _with_files(await commands.run(knowledge, command, call))
    reply = await dialogue.respond(knowledge, text, PLAIN, own_town=own, chat_id=CONSOLE_CHAT_ID)
    return [texts.CHECK_PROMPT_CONSOLE] if reply.kind == "check_prompt" else _with_files(reply)


async def _check(knowledge: Knowledge, arg: str) -> list[str]:
    """/check in a terminal: a draft's path, or nothing to paste it."""
    if not arg:
        return [texts.CHECK_PROMPT_CONSOLE]
    path = Path(arg).expanduser()
    if not path.is_file():
        return [texts.CHECK_NO_FILE.format(path=arg)]
    name = path.stem
    reply = await dialogue.guarded(
        knowledge,
        lambda: dialogue.reply_check(knowledge, path.read_bytes(), PLAIN, name=name),
        PLAIN,
    )
    return _with_files(reply, folder=path.parent)


def _with_files(reply: dialogue.Reply, *, folder: Path | None = None) -> list[str]:
    """The reply's messages; its files are written (never over an existing one) and named."""
    messages = list(reply.messages)
    for document in reply.files:
        path = _free_path((folder or Path.cwd()) / document.file_name)
        path.write_bytes(document.data)
        messages.append(texts.FILE_WRITTEN.format(path=path))
    return messages


def _free_path(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}（{n}）{path.suffix}")
    return candidate


async def _read_pasted_draft(stdin: TextIO) -> str:
    """Lines pasted after a wish to check a draft, up to a line "完" (or /end, or the input's end)."""
    lines: list[str] = []
    while True:
        line = await asyncio.to_thread(stdin.readline)
        if not line or line.strip() in DRAFT_END:
            return "\n".join(lines)
        lines.append(line.rstrip("\n"))


async def _guarded(
    knowledge: Knowledge, work: Callable[[], Awaitable[dialogue.Reply]]
) -> list[str]:
    """A reply's messages, with an expected failure turned into its Chinese message."""
    return (await dialogue.guarded(knowledge, work, PLAIN)).messages
