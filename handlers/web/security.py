"""Security of the web channel: response headers (a CSP with no inline script and no other
origin), per-client rate limits, CSRF tokens bound to the browser's session, and the optional
access code."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict
from typing import Final

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'"
)
HEADERS: Final = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Sign-in links carry their token in the path: never hand it on to another site.
    (b"referrer-policy", b"no-referrer"),
)


def exempt(path: str) -> bool:
    """Requests the rate limit does not count: the page's own files and the health check
    (which answers from a cache)."""
    return path == "/healthz" or path.startswith("/static/")


MAX_CLIENTS: Final = 10_000


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class RateLimiter:
    """A token bucket per client address: `count` requests per `seconds`, refilled evenly."""

    def __init__(self, count: int, seconds: float) -> None:
        self.count = max(1, count)
        self.rate = self.count / max(seconds, 0.001)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, client: str) -> bool:
        """Take one token for the client; False when it has none left."""
        now = time.monotonic()
        tokens, at = self._buckets.pop(client, (float(self.count), now))
        tokens = min(float(self.count), tokens + (now - at) * self.rate)
        allowed = tokens >= 1.0
        self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > MAX_CLIENTS:  # a flood of addresses cannot grow memory
            self._buckets.popitem(last=False)
        return allowed


def client_of(request: Request) -> str:
    """The client's address (X-Forwarded-For is honoured by uvicorn only from trusted proxies)."""
    return request.client.host if request.client else "unknown"


def session_id(request: Request) -> str:
    """The browser's random id, made on its first visit (kept in the signed session cookie)."""
    sid = request.session.get("sid")
    if not isinstance(sid, str):
        sid = secrets.token_urlsafe(16)
        request.session["sid"] = sid
    return sid


def csrf_token(request: Request, secret: str) -> str:
    """The token every form of this browser carries back."""
    return hmac.new(secret.encode(), f"csrf:{session_id(request)}".encode(), "sha256").hexdigest()


def csrf_ok(request: Request, secret: str, sent: object) -> bool:
    """True when a POST carries this browser's token."""
    sid = request.session.get("sid")
    if not isinstance(sent, str) or not isinstance(sid, str):
        return False
    return hmac.compare_digest(sent.encode("utf-8"), csrf_token(request, secret).encode())


def access_ok(request: Request, code: str) -> bool:
    """True when no access code is set or this browser gave it."""
    return not code or request.session.get("access") is True


def code_matches(given: str, code: str) -> bool:
    return hmac.compare_digest(given.strip().encode("utf-8", "replace"), code.encode("utf-8"))
