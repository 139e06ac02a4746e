"""Terminal adapter: the same dialogue as Telegram, one line (or one pasted draft) at a time."""
