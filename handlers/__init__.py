"""The chat core every channel shares, and the channel adapters beside it.

Core (no channel code): `dialogue` (a message or command → one use case → a Reply), `commands`
(the one command table), `render` (results → text with neutral marks), `texts` (every
user-facing string, and the wording of each error code). Adapters: `telegram/` and `console/`.
Nothing is imported here, so that the command line can use the renderers without loading
python-telegram-bot.
"""
