"""Web adapter: the same assistant as a page (Starlette, server-rendered Jinja2 templates),
for offices that cannot reach Telegram. `build_app` makes the ASGI app over an open Knowledge."""
