"""Documents (drafts to check, reports for admins to add) and /stats."""

from __future__ import annotations

import logging

from telegram import Update

from handlers import buttons, dialogue, texts
from handlers.render import HTML
from handlers.telegram import keyboards
from handlers.telegram.access import is_admin
from handlers.telegram.context import BotContext, PendingUpload
from handlers.telegram.drafts import check_text, download, wants_check
from handlers.telegram.replies import send, typing

logger = logging.getLogger(__name__)


async def document(update: Update, context: BotContext) -> None:
    """A draft to check (after /check), or a report an admin adds after confirming."""
    if wants_check(update, context):
        data = await download(update, context)
        if data is not None:
            await check_text(update, context, data)
        return
    if not is_admin(update, context):
        await send(update, [texts.UPLOAD_HINT])
        return
    if context.config.read_only or context.knowledge.read_only:
        await send(update, [texts.READ_ONLY])
        return
    await typing(update, context)
    data = await download(update, context)
    if data is not None:
        await preview_upload(update, context, data)


async def preview_upload(update: Update, context: BotContext, data: bytes) -> None:
    """Show an admin what was parsed, with buttons to add it or not."""
    message = update.effective_message
    caption = (message.caption or "") if message else ""
    reply, parsed = await dialogue.preview_upload(context.knowledge, data, HTML, caption=caption)
    if parsed is None:
        await send(update, reply.messages)
        return
    name = message.document.file_name if message and message.document else None
    token = context.state.remember_upload(
        PendingUpload(update.effective_user.id, (name or "upload")[:100], data, parsed)  # type: ignore[union-attr]
    )
    await send(update, reply.messages, keyboard=keyboards.markup(buttons.upload_buttons(token)))
