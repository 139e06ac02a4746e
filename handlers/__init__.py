"""Telegram adapters over knowledge. `handlers.registry.register` adds them to an Application.

Nothing is imported here, so that the command line can use the renderers without loading
python-telegram-bot.
"""
