"""register(): the one place where handlers are added, in order."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import access, admin, audit, callbacks, commands, drafts, lifecycle, reminders
from handlers.errors import error_handler


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add every handler. Group -2 notes the arrival, group -1 is the one admission gate (the
    allowlist and the rate limit), group 0 answers (order matters: commands, buttons, documents,
    then text), group 1 writes the update's log line."""
    app.add_handler(TypeHandler(Update, audit.mark_start), group=-2)
    app.add_handler(TypeHandler(Update, access.gate), group=-1)
    app.add_handler(TypeHandler(Update, audit.log_done), group=1)
    only_new = filters.UpdateType.MESSAGE  # edits are ignored: answering twice confuses chats
    app.add_handler(CommandHandler("start", commands.start, filters=only_new))
    app.add_handler(CommandHandler("help", commands.help_command, filters=only_new))
    app.add_handler(CommandHandler(["ask", "q"], commands.ask, filters=only_new))
    app.add_handler(CommandHandler("example", commands.example, filters=only_new))
    app.add_handler(CommandHandler("compare", commands.compare, filters=only_new))
    app.add_handler(CommandHandler("checklist", commands.checklist, filters=only_new))
    app.add_handler(CommandHandler("check", drafts.check_command, filters=only_new))
    app.add_handler(CommandHandler("mytown", commands.mytown, filters=only_new))
    app.add_handler(CommandHandler("remind", reminders.remind, filters=only_new))
    app.add_handler(CommandHandler("stats", admin.stats, filters=only_new))
    app.add_handler(CallbackQueryHandler(callbacks.button))
    app.add_handler(ChatMemberHandler(lifecycle.added_to_chat, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(only_new & filters.Document.ALL, admin.document))
    app.add_handler(MessageHandler(only_new & filters.TEXT & ~filters.COMMAND, commands.free_text))
    # Anything else new (stickers, photos, voice, locations): say what we understand.
    app.add_handler(MessageHandler(only_new & ~filters.TEXT & ~filters.COMMAND, commands.not_text))
    app.add_error_handler(error_handler)
