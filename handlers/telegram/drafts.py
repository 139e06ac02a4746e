"""/check: hold a staff member's draft (text or .txt/.docx) against the checklist."""

from __future__ import annotations

from telegram import Update

from handlers import dialogue, texts
from handlers.render import HTML
from handlers.telegram.context import BotContext
from handlers.telegram.replies import send, send_files, typing

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024


async def check_command(update: Update, context: BotContext) -> None:
    """/check with text checks it at once; bare /check waits for the draft."""
    text = (
        (update.effective_message.text or "").partition(" ")[2].strip()
        if update.effective_message
        else ""
    )
    if text:
        await check_text(update, context, text)
        return
    if update.effective_user is not None:
        context.state.awaiting_draft.add(update.effective_user.id)
    await send(update, [texts.CHECK_PROMPT])


async def check_text(update: Update, context: BotContext, draft: str | bytes) -> None:
    """Check a draft and reply with the coverage report."""
    if update.effective_user is not None:
        context.state.awaiting_draft.discard(update.effective_user.id)
    await typing(update, context)
    user_id = update.effective_user.id if update.effective_user else None
    message = update.effective_message
    document = message.document if message else None
    name = (document.file_name or "").rsplit(".", 1)[0] if document else None
    reply = await dialogue.guarded(
        context.knowledge,
        lambda: dialogue.reply_check(context.knowledge, draft, HTML, user_id=user_id, name=name),
        HTML,
    )
    await send(update, reply.messages)
    await send_files(update, reply.files)
    if reply.document and update.effective_message is not None:
        # The whole report as a file: easier to keep and forward than a long chat.
        await update.effective_message.reply_document(
            reply.document.encode("utf-8"), filename=texts.CHECK_REPORT_FILE, do_quote=False
        )


def wants_check(update: Update, context: BotContext) -> bool:
    """A document is a draft to check when /check came first or its caption says 检查."""
    user = update.effective_user
    message = update.effective_message
    caption = (message.caption or "") if message else ""
    return (user is not None and user.id in context.state.awaiting_draft) or "检查" in caption


async def download(update: Update, context: BotContext) -> bytes | None:
    """The document's bytes, refusing over-large files before asking Telegram for them."""
    message = update.effective_message
    document = message.document if message else None
    if document is None:
        return None
    if document.file_size is not None and document.file_size > MAX_DOWNLOAD_BYTES:
        await send(update, [texts.FILE_TOO_BIG])
        return None
    file = await document.get_file()
    data = await file.download_as_bytearray()
    return bytes(data)
