"""Telegram adapter: python-telegram-bot handlers that turn Updates into chat-core requests
and the core's replies into messages, buttons and files. The only package that imports telegram."""
