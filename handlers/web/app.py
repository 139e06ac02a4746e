"""The ASGI app of the web channel: routes, sessions, security headers, rate limits."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp

from handlers import texts
from handlers.web.config import WebConfig
from handlers.web.pages import Site
from handlers.web.security import RateLimiter, SecurityHeaders, client_of, exempt
from knowledge.service import Knowledge

SESSION_COOKIE = "tb_session"
logger = logging.getLogger(__name__)


def templates() -> Jinja2Templates:
    """The page templates, autoescaped: whatever a user or a report supplies is escaped."""
    env = Environment(
        loader=PackageLoader("handlers.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return Jinja2Templates(env=env)


async def build_app(knowledge: Knowledge, config: WebConfig) -> ASGIApp:
    """The web app over an open knowledge base (the caller opens and closes it)."""
    secret = await knowledge.web_secret()
    site = Site(knowledge, templates(), config, secret)
    limiter = RateLimiter(config.rate_count, config.rate_seconds)

    async def limit(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if not exempt(request.url.path) and not limiter.allow(client_of(request)):
            return Response(
                texts.WEB["too_many"], status_code=429, media_type="text/plain; charset=utf-8"
            )
        return await call_next(request)

    routes = [
        Route("/", site.index),
        Route("/ask", site.ask),
        Route("/api/ask", site.api_ask),
        Route("/examples", site.examples),
        Route("/compare", site.compare),
        Route("/check", site.check_form, methods=["GET"]),
        Route("/check", site.check, methods=["POST"]),
        Route("/draft", site.draft_form),
        Route("/draft.docx", site.draft),
        Route("/files/{token}", site.file),
        Route("/checklist", site.checklist),
        Route("/reports", site.reports),
        Route("/reports/{report_id}", site.report),
        Route("/healthz", site.healthz),
        Route("/access", site.access_form, methods=["GET"]),
        Route("/access", site.access, methods=["POST"]),
        Route("/login/{token}", site.login),
        Route("/logout", site.logout, methods=["POST"]),
        Route("/admin", site.admin),
        Route("/admin/upload", site.upload, methods=["POST"]),
        Route("/admin/confirm", site.confirm, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("handlers.web", "static")]), name="static"),
    ]
    middleware = [
        Middleware(BaseHTTPMiddleware, dispatch=limit),
        Middleware(
            SessionMiddleware,
            secret_key=secret,
            session_cookie=SESSION_COOKIE,
            max_age=config.session_hours * 3600,
            same_site="lax",
            https_only=config.https_only,
        ),
    ]

    async def refused(request: Request, exc: Exception) -> Response:
        """Starlette's refusals (a bad form, a wrong method, a slow body) in Chinese."""
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        text = texts.WEB_STATUS_TEXTS.get(status, texts.WEB["bad_request"])
        return Response(text, status_code=status, media_type="text/plain; charset=utf-8")

    async def failed(request: Request, exc: Exception) -> Response:
        logger.exception("web request failed: %s %s", request.method, request.url.path)
        return Response(texts.SORRY, status_code=500, media_type="text/plain; charset=utf-8")

    async def not_found(request: Request, exc: Exception) -> Response:
        return site.message(request, texts.WEB["not_found"], 404)

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: not_found, HTTPException: refused, 500: failed},
    )
    # Outermost, so that even an error page Starlette makes itself carries the headers.
    return SecurityHeaders(app)
