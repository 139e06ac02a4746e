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

from handlers.commands import COMMANDS
from handlers.telegram import (
    access,
    admin,
    audit,
    callbacks,
    commands,
    drafts,
    lifecycle,
    reminders,
)
from handlers.telegram.errors import error_handler

# Rows of the command table Telegram answers its own way: a bare /check waits for the draft
# (text or file), /remind subscribes the chat to jobs.
TELEGRAM_OWN = {"check": drafts.check_command, "remind": reminders.remind}


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add every handler. Group -2 notes the arrival, group -1 is the one admission gate (the
    allowlist and the rate limit), group 0 answers (order matters: commands, buttons, documents,
    then text), group 1 writes the update's log line."""
    app.add_handler(TypeHandler(Update, audit.mark_start), group=-2)
    app.add_handler(TypeHandler(Update, access.gate), group=-1)
    app.add_handler(TypeHandler(Update, audit.log_done), group=1)
    only_new = filters.UpdateType.MESSAGE  # edits are ignored: answering twice confuses chats
    for row in COMMANDS:  # the shared table; Telegram does its own waiting and scheduling
        handler = TELEGRAM_OWN.get(row.name, commands.command)
        app.add_handler(CommandHandler(list(row.names), handler, filters=only_new))
    app.add_handler(CallbackQueryHandler(callbacks.button))
    app.add_handler(ChatMemberHandler(lifecycle.added_to_chat, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(only_new & filters.Document.ALL, admin.document))
    app.add_handler(MessageHandler(only_new & filters.TEXT & ~filters.COMMAND, commands.free_text))
    # Anything else new (stickers, photos, voice, locations): say what we understand.
    app.add_handler(MessageHandler(only_new & ~filters.TEXT & ~filters.COMMAND, commands.not_text))
    app.add_error_handler(error_handler)
