"""Documents (drafts to check, reports for admins to add) and /stats."""

from __future__ import annotations

import logging

from telegram import Update

from handlers import buttons, texts
from handlers.render import HTML
from handlers.telegram import keyboards
from handlers.telegram.access import is_admin
from handlers.telegram.context import BotContext, PendingUpload
from handlers.telegram.drafts import check_text, download, wants_check
from handlers.telegram.replies import send, typing
from knowledge.errors import KnowledgeError
from knowledge.understand import read_caption

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
    town, year = read_caption((message.caption or "") if message else "")
    knowledge = context.knowledge
    try:
        parsed = await knowledge.preview_upload(data, town=town, year=year)
    except KnowledgeError as exc:
        reason = texts.error_text(exc.code, exc.fields)
        template = (
            texts.UPLOAD_NEEDS_FIELDS if exc.code in texts.NEEDS_CAPTION else texts.UPLOAD_FAILED
        )
        await send(update, [HTML.esc(template.format(reason=reason))])
        return
    same = await knowledge.find_report(parsed.content_hash)
    if same is not None:
        await send(
            update,
            [
                texts.UPLOAD_DUPLICATE.format(
                    town=same.town, year=same.year, report_id=same.report_id
                )
            ],
        )
        return
    older = await knowledge.report_for(parsed.town, parsed.year)
    name = message.document.file_name if message and message.document else None
    token = context.state.remember_upload(
        PendingUpload(update.effective_user.id, (name or "upload")[:100], data, parsed)  # type: ignore[union-attr]
    )
    sections = "，".join(
        f"{texts.SECTION_LABELS.get(k, k)} {v}" for k, v in parsed.section_counts().items()
    )
    text = texts.UPLOAD_PREVIEW.format(
        town=parsed.town,
        year=parsed.year,
        place=" ".join(p for p in (parsed.province, parsed.county) if p) or "未注明",
        title=parsed.title or "（无标题）",
        n=len(parsed.snippets),
        sections=sections,
        warnings="".join(f"\n⚠ {texts.PARSE_WARNINGS.get(w, w)}" for w in parsed.warnings),
    )
    if older is not None:
        text += texts.UPLOAD_REPLACES.format(town=older.town, year=older.year)
    await send(update, [HTML.esc(text)], keyboard=keyboards.markup(buttons.upload_buttons(token)))
