"""One-time sign-in links for the web page's admins, their sessions, and the key that signs
the page's cookies.

Only hashes of link and session tokens are stored, so a copy of the database opens no session.
A link works once, before it expires; using it is one UPDATE, so two clicks at the same
moment cannot both sign in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Final

from knowledge.storage.store import KnowledgeStore

SECRET_KEY: Final = "web_secret"
TOKEN_BYTES: Final = 24


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _stamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def create_login(
    store: KnowledgeStore, admin: str, *, valid_for: dt.timedelta, now: dt.datetime | None = None
) -> str:
    """A new one-time token for `admin`, valid for `valid_for`."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires = _stamp((now or dt.datetime.now(dt.UTC)) + valid_for)
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO web_logins (token_hash, admin, expires_at) VALUES (?, ?, ?)",
            (_digest(token), admin, expires),
        )
        # Spent and expired links are kept a day for the log, then dropped.
        await db.execute(
            "DELETE FROM web_logins WHERE expires_at < ?",
            (_stamp(dt.datetime.now(dt.UTC) - dt.timedelta(days=1)),),
        )
    return token


async def use_login(
    store: KnowledgeStore, token: str, *, now: dt.datetime | None = None
) -> str | None:
    """The admin a token signs in, spending it; None when unknown, used or expired."""
    if not token or len(token) > 200:
        return None
    async with (
        store.transaction() as db,
        db.execute(
            "UPDATE web_logins SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
            "AND expires_at > ? RETURNING admin",
            (
                _stamp(now or dt.datetime.now(dt.UTC)),
                _digest(token),
                _stamp(now or dt.datetime.now(dt.UTC)),
            ),
        ) as cursor,
    ):
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def open_session(
    store: KnowledgeStore, admin: str, *, valid_for: dt.timedelta, now: dt.datetime | None = None
) -> str:
    """A new admin session; its token goes in the cookie, only its hash is kept."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    at = now or dt.datetime.now(dt.UTC)
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO web_sessions (token_hash, admin, expires_at) VALUES (?, ?, ?)",
            (_digest(token), admin, _stamp(at + valid_for)),
        )
        await db.execute("DELETE FROM web_sessions WHERE expires_at < ?", (_stamp(at),))
    return token


async def session_admin(
    store: KnowledgeStore, token: str, *, now: dt.datetime | None = None
) -> str | None:
    """The admin of a live session; None when unknown, ended or expired."""
    if not token or len(token) > 200:
        return None
    row = await store.fetchone(
        "SELECT admin FROM web_sessions WHERE token_hash = ? AND expires_at > ?",
        (_digest(token), _stamp(now or dt.datetime.now(dt.UTC))),
    )
    return str(row[0]) if row else None


async def close_session(store: KnowledgeStore, token: str) -> None:
    """End a session (sign-out): its cookie opens nothing any more."""
    async with store.transaction() as db:
        await db.execute("DELETE FROM web_sessions WHERE token_hash = ?", (_digest(token),))


async def signing_secret(store: KnowledgeStore) -> str:
    """The key that signs the web page's cookies: made once, kept beside the data, so a
    restart keeps everyone signed in and two processes on one database agree."""
    found = await store.get_meta(SECRET_KEY)
    if found:
        return found
    fresh = secrets.token_urlsafe(32)
    async with store.transaction() as db:
        await db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (SECRET_KEY, fresh)
        )
    return await store.get_meta(SECRET_KEY) or fresh
