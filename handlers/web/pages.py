"""The pages: each turns a request into one call of the chat core (or of knowledge's front door
for what a page shows better than a chat: tables, the library) and renders a template."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from handlers import dialogue, jsonout, render, texts
from handlers.render import HTML
from handlers.web import charts
from handlers.web.config import WebConfig
from handlers.web.files import FileShelf
from handlers.web.security import (
    access_ok,
    client_of,
    code_matches,
    csrf_ok,
    csrf_token,
    session_id,
)
from knowledge.domain.checklist import report_year
from knowledge.errors import KnowledgeError, TownNotFound
from knowledge.models import OTHERS_COLUMN, Document, ParsedReport, QueryFilters
from knowledge.service import Knowledge
from knowledge.text.readers import MAX_FILE_BYTES

MAX_K: Final = 20
MAX_TOWNS_PARAM: Final = 200
MAX_PENDING_UPLOADS: Final = 8
PENDING_SECONDS: Final = 15 * 60
HEALTH_SECONDS: Final = 5.0
BODY_SECONDS: Final = 60.0  # a body that trickles in slower than this is dropped
MAX_QUESTION: Final = 500
MAX_DRAFT_CHARS: Final = 200_000
WEB_CHAT_BASE: Final = -(2**52)  # web visitors' "chat ids": far from any Telegram chat id


@dataclass
class PendingUpload:
    """An admin's upload between preview and confirmation."""

    admin: str
    name: str
    data: bytes
    parsed: ParsedReport
    at: float = field(default_factory=time.monotonic)


class Site:
    """The web channel's state: the knowledge base, templates, files and pending uploads."""

    def __init__(
        self, knowledge: Knowledge, templates: Jinja2Templates, config: WebConfig, secret: str
    ) -> None:
        self.knowledge = knowledge
        self.templates = templates
        self.config = config
        self.secret = secret
        self.files = FileShelf()
        self.uploads: dict[str, PendingUpload] = {}
        self.guesses = Guesses()
        self._health: tuple[float, Response] | None = None

    def _drop_old_uploads(self) -> None:
        """Previews not confirmed in time go; at most MAX_PENDING_UPLOADS wait (20 MB each)."""
        limit = time.monotonic() - PENDING_SECONDS
        for token in [t for t, u in self.uploads.items() if u.at < limit]:
            self.uploads.pop(token, None)
        while len(self.uploads) >= MAX_PENDING_UPLOADS:
            self.uploads.pop(next(iter(self.uploads)))

    # Rendering ----------------------------------------------------------------------------

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        """A template with what every page needs: the labels, the CSRF token, the admin."""
        values = {
            "t": texts.WEB,
            "csrf": csrf_token(request, self.secret),
            "admin": request.session.get("admin"),
            "access_code": bool(self.config.access_code),
            **context,
        }
        return self.templates.TemplateResponse(request, name, values, status_code=status)

    def message(self, request: Request, text: str, status: int) -> Response:
        return self.page(request, "message.html", status, text=text)

    def chat_id(self, request: Request) -> int:
        """A stable number for this browser, so '我们镇是…' is remembered like in a chat."""
        digest = hashlib.sha256(session_id(request).encode()).digest()
        return WEB_CHAT_BASE - int.from_bytes(digest[:5], "big")

    def keep(self, request: Request, documents: tuple[Document, ...]) -> list[tuple[str, str]]:
        """Files of a reply as (download path, name)."""
        owner = session_id(request)
        return [(f"/files/{self.files.put(d, owner=owner)}", d.file_name) for d in documents]

    # Gates --------------------------------------------------------------------------------

    def refused(self, request: Request, form: Any = None) -> Response | None:
        """The access code and, for a form, its CSRF token; None when the request may go on."""
        if not access_ok(request, self.config.access_code):
            return RedirectResponse("/access", status_code=303)
        if form is not None and not csrf_ok(request, self.secret, form.get("csrf")):
            return self.message(request, texts.WEB["csrf"], 403)
        return None

    # Pages --------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return self.refused(request) or self.page(
            request, "index.html", examples=texts.WEB_EXAMPLES
        )

    async def ask(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        question = request.query_params.get("q", "").strip()[:MAX_QUESTION]
        if not question:
            return RedirectResponse("/", status_code=303)
        chat_id = self.chat_id(request)
        own = await self.knowledge.get_town(chat_id)
        reply = await dialogue.respond(
            self.knowledge, question, HTML, own_town=own, chat_id=chat_id
        )
        return self.page(
            request,
            "answer.html",
            q=question,
            reply=reply,
            hits=reply.answer.hits if reply.answer and reply.kind == "ask" else (),
            files=self.keep(request, reply.files),
        )

    async def api_ask(self, request: Request) -> Response:
        """The same JSON as `python -m bot ask --json` for one question."""
        if not access_ok(request, self.config.access_code):
            return JSONResponse({"error": texts.WEB["access_head"]}, status_code=401)
        question = request.query_params.get("q", "").strip()[:MAX_QUESTION]
        try:
            k = max(1, min(int(request.query_params.get("k", "5")), MAX_K))
        except ValueError:
            k = 5
        if not question:
            return JSONResponse(
                {**jsonout.empty_answer("", QueryFilters()), "error": texts.USAGE_ASK},
                status_code=400,
            )
        try:
            answer = await self.knowledge.ask(question, limit=k)
        except TownNotFound as exc:
            message = texts.UNKNOWN_TOWN.format(name=exc.name, towns="、".join(exc.suggestions))
            return JSONResponse(
                {**jsonout.empty_answer(question, QueryFilters()), "error": message}
            )
        except KnowledgeError as exc:
            return JSONResponse({"error": texts.error_text(exc.code, exc.fields)}, status_code=503)
        return JSONResponse(jsonout.answer(answer))

    async def examples(self, request: Request) -> Response:
        """Example wording: one template per town, each with a copy button (app.js)."""
        if (gate := self.refused(request)) is not None:
            return gate
        topic = request.query_params.get("topic", "").strip()[:40]
        reply = None
        if topic:
            reply = await dialogue.guarded(
                self.knowledge,
                lambda: dialogue.reply_example(self.knowledge, topic, HTML, originals=False),
                HTML,
            )
        return self.page(request, "examples.html", topic=topic, reply=reply)

    async def compare(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        raw = request.query_params.get("towns", "")[:MAX_TOWNS_PARAM]
        names = [
            n for n in raw.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if n
        ][:5]
        topic = request.query_params.get("topic", "").strip()[:40] or None
        if not names:
            return self.page(
                request, "compare.html", towns=raw, topic=topic or "", comparison=None
            )
        try:
            found = await self.knowledge.compare(names, topic=topic)
        except KnowledgeError as exc:
            return self.message(request, dialogue.error_message(exc, HTML), 400)
        columns = [(t, render.column_label(found, t)) for t in found.towns]
        rows = [
            (
                item,
                [
                    (
                        per_town[t].status if t in per_town else "",
                        render.coverage_evidence(per_town[t]) or "" if t in per_town else "",
                    )
                    for t, _ in columns
                ],
            )
            for item, per_town in found.coverage
        ]
        figures = found.topic_figures if found.topic_figures is not None else found.figures
        shown = [t for t in found.towns if t != OTHERS_COLUMN]
        return self.page(
            request,
            "compare.html",
            towns=raw,
            topic=topic or "",
            comparison=found,
            columns=columns,
            rows=rows,
            figures=[f for f in figures if f.town in shown],
            charts=charts.charts(figures, shown),
            marks=texts.WEB_STATUS,
            chart_width=charts.WIDTH,
            chart_label=charts.LABEL_WIDTH,
            bar_height=charts.BAR_HEIGHT,
        )

    async def check_form(self, request: Request) -> Response:
        return self.refused(request) or self.page(request, "check.html", result=None)

    async def check(self, request: Request) -> Response:
        if not _small_enough(request):
            return self.message(request, texts.WEB["too_large"], 413)
        async with posted(
            request, max_files=1, max_fields=4, max_part_size=MAX_FILE_BYTES
        ) as form:
            if (gate := self.refused(request, form)) is not None:
                return gate
            upload = form.get("file")
            text = str(form.get("text") or "")[:MAX_DRAFT_CHARS]
            draft: str | bytes
            name = None
            if isinstance(upload, UploadFile) and upload.filename:
                draft = await upload.read(MAX_FILE_BYTES + 1)
                name = upload.filename.rsplit(".", 1)[0][:60]
                if len(draft) > MAX_FILE_BYTES:
                    return self.message(request, texts.WEB["too_large"], 413)
            elif text.strip():
                draft = text
            else:
                return self.page(
                    request, "check.html", result=None, error=texts.WEB["empty_check"]
                )
        reply = await dialogue.guarded(
            self.knowledge,
            lambda: dialogue.reply_check(self.knowledge, draft, HTML, name=name),
            HTML,
        )
        report = []
        if reply.document:
            report = self.keep(
                request, (Document(texts.CHECK_REPORT_FILE, reply.document.encode("utf-8")),)
            )
        return self.page(
            request,
            "check.html",
            result=reply,
            files=self.keep(request, reply.files),
            report=report,
        )

    async def draft_form(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        own = await self.knowledge.get_town(self.chat_id(request))
        return self.page(request, "draft.html", town=own or "", year=report_year(dt.date.today()))

    async def draft(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        town = request.query_params.get("town", "").strip()[:20] or None
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            year = report_year(dt.date.today())
        if not 1990 <= year <= 2100:
            year = report_year(dt.date.today())
        document = await self.knowledge.draft(town=town, year=year)
        return _download(document)

    async def file(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        document = self.files.get(request.path_params["token"], owner=session_id(request))
        if document is None:
            return self.message(request, texts.WEB["file_gone"], 404)
        return _download(document)

    async def checklist(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        reply = await dialogue.reply_checklist(self.knowledge, HTML)
        return self.page(request, "messages.html", head=texts.WEB["checklist_head"], reply=reply)

    async def reports(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        found = await self.knowledge.reports()
        return self.page(request, "reports.html", reports=found, labels=texts.SECTION_LABELS)

    async def report(self, request: Request) -> Response:
        if (gate := self.refused(request)) is not None:
            return gate
        raw = str(request.path_params["report_id"])
        if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
            return self.message(request, texts.WEB["not_found"], 404)
        report, snippets = await self.knowledge.report_snippets(int(raw))
        if report is None:
            return self.message(request, texts.WEB["not_found"], 404)
        return self.page(
            request, "report.html", report=report, snippets=snippets, labels=texts.SECTION_LABELS
        )

    async def healthz(self, request: Request) -> Response:
        # An integrity check reads the whole file: one a few seconds serves every monitor.
        now = time.monotonic()
        if self._health is None or now - self._health[0] > HEALTH_SECONDS:
            found = await self.knowledge.health()
            answer = JSONResponse(jsonout.health(found), status_code=200 if found.ok else 503)
            self._health = (now, answer)
        return self._health[1]

    # Access code and admins ---------------------------------------------------------------

    async def access_form(self, request: Request) -> Response:
        return self.page(request, "access.html")

    async def access(self, request: Request) -> Response:
        async with posted(request, max_files=0, max_fields=3) as form:
            if not csrf_ok(request, self.secret, form.get("csrf")):
                return self.message(request, texts.WEB["csrf"], 403)
            given = str(form.get("code") or "")
        client = client_of(request)
        if self.guesses.locked(client):
            return self.page(request, "access.html", 429, error=texts.WEB["access_locked"])
        if self.config.access_code and code_matches(given, self.config.access_code):
            self.guesses.forget(client)
            request.session["access"] = True
            return RedirectResponse("/", status_code=303)
        self.guesses.failed(client)
        return self.page(request, "access.html", 403, error=texts.WEB["access_wrong"])

    async def admin_of(self, request: Request) -> str | None:
        """The signed-in admin, checked against the server's sessions (a cookie alone, even
        one signed with the right key, makes no admin)."""
        token = request.session.get("admin_token")
        if not isinstance(token, str):
            return None
        return await self.knowledge.web_session_admin(token)

    async def login(self, request: Request) -> Response:
        admin = await self.knowledge.use_web_login(request.path_params["token"])
        if admin is None:
            return self.message(request, texts.WEB["login_bad"], 403)
        request.session.clear()  # a fresh session id: nothing from before signing in carries over
        session_id(request)
        valid = dt.timedelta(hours=self.config.session_hours)
        request.session["admin_token"] = await self.knowledge.open_web_session(
            admin, valid_for=valid
        )
        request.session["admin"] = admin  # shown in the page; the token is what counts
        request.session["access"] = True
        return RedirectResponse("/admin", status_code=303)

    async def logout(self, request: Request) -> Response:
        async with posted(request, max_files=0, max_fields=2) as form:
            if not csrf_ok(request, self.secret, form.get("csrf")):
                return self.message(request, texts.WEB["csrf"], 403)
        token = request.session.get("admin_token")
        if isinstance(token, str):
            await self.knowledge.close_web_session(token)  # the old cookie opens nothing now
        request.session.clear()
        return self.message(request, texts.WEB["admin_signed_out"], 200)

    async def admin(self, request: Request) -> Response:
        admin = await self.admin_of(request)
        if not admin:
            return self.message(request, texts.WEB["login_needed"], 401)
        stats = await dialogue.reply_stats(self.knowledge, HTML)
        return self.page(request, "admin.html", stats=stats, preview=None)

    async def upload(self, request: Request) -> Response:
        admin = await self.admin_of(request)
        if not admin:
            return self.message(request, texts.WEB["login_needed"], 401)
        if not _small_enough(request):
            return self.message(request, texts.WEB["too_large"], 413)
        async with posted(
            request, max_files=1, max_fields=4, max_part_size=MAX_FILE_BYTES
        ) as form:
            if not csrf_ok(request, self.secret, form.get("csrf")):
                return self.message(request, texts.WEB["csrf"], 403)
            upload = form.get("file")
            caption = str(form.get("caption") or "")[:60]
            if not isinstance(upload, UploadFile) or not upload.filename:
                return self.message(request, texts.WEB["empty_check"], 400)
            data = await upload.read(MAX_FILE_BYTES + 1)
            name = upload.filename[-80:]
        if len(data) > MAX_FILE_BYTES:
            return self.message(request, texts.WEB["too_large"], 413)
        reply, parsed = await dialogue.preview_upload(self.knowledge, data, HTML, caption=caption)
        token = None
        if parsed is not None:
            token = secrets.token_urlsafe(16)
            self._drop_old_uploads()
            self.uploads[token] = PendingUpload(str(admin), name, data, parsed)
        return self.page(request, "admin.html", stats=None, preview=reply, token=token)

    async def confirm(self, request: Request) -> Response:
        admin = await self.admin_of(request)
        if not admin:
            return self.message(request, texts.WEB["login_needed"], 401)
        async with posted(request, max_files=0, max_fields=4) as form:
            if not csrf_ok(request, self.secret, form.get("csrf")):
                return self.message(request, texts.WEB["csrf"], 403)
            token = str(form.get("token") or "")
            action = str(form.get("action") or "")
        pending = self.uploads.get(token)
        if pending is None or pending.admin != admin:
            return self.message(request, texts.BUTTON_EXPIRED, 410)
        self.uploads.pop(token, None)  # taken before any await: a double submit stores once
        if action != "add":
            return self.message(request, texts.UPLOAD_CANCELLED, 200)
        try:
            result = await self.knowledge.store_upload(
                pending.data, name=pending.name, parsed=pending.parsed
            )
        except KnowledgeError as exc:
            return self.message(request, texts.error_text(exc.code, exc.fields), 503)
        summary = render.render_ingest([result], HTML)
        return self.page(request, "done.html", summary=summary)


@asynccontextmanager
async def posted(request: Request, **limits: Any) -> AsyncIterator[FormData]:
    """The posted form within its limits and BODY_SECONDS; Starlette refuses a form over
    them with an HTTPException, which the app words in Chinese."""
    try:
        async with asyncio.timeout(BODY_SECONDS):
            form = await request.form(**limits)
    except TimeoutError:
        raise HTTPException(408) from None
    try:
        yield form
    finally:
        await form.close()


class Guesses:
    """Wrong access codes per client: after MAX_GUESSES, that client waits LOCK_SECONDS."""

    def __init__(self) -> None:
        self._wrong: dict[str, tuple[int, float]] = {}

    def locked(self, client: str) -> bool:
        count, at = self._wrong.get(client, (0, 0.0))
        return count >= MAX_GUESSES and time.monotonic() - at < LOCK_SECONDS

    def failed(self, client: str) -> None:
        count, at = self._wrong.get(client, (0, 0.0))
        if time.monotonic() - at >= LOCK_SECONDS:
            count = 0
        if len(self._wrong) > 10_000:
            self._wrong.clear()
        self._wrong[client] = (count + 1, time.monotonic())

    def forget(self, client: str) -> None:
        self._wrong.pop(client, None)


MAX_GUESSES: Final = 5
LOCK_SECONDS: Final = 10 * 60


def _small_enough(request: Request) -> bool:
    """Refuse a body over the limit before reading it (the form parser also caps each part)."""
    length = request.headers.get("content-length")
    return length is None or (length.isdigit() and int(length) <= MAX_FILE_BYTES + 64 * 1024)


def _download(document: Document) -> Response:
    kind = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if document.file_name.endswith(".docx")
        else "text/plain; charset=utf-8"
    )
    disposition = (
        f"attachment; filename=\"download\"; filename*=UTF-8''{quote(document.file_name)}"
    )
    return Response(document.data, media_type=kind, headers={"content-disposition": disposition})
