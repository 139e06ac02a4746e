"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real Application.

It speaks the HTTP API python-telegram-bot uses (form or multipart bodies, JSON answers), keeps
every call for assertions, queues updates for getUpdates, serves files for download, and can
inject faults (dropped connections, 429 with retry_after, 5xx, 403, delays) per method.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

BOT_ID = 7000001
BOT_USERNAME = "township_test_bot"


@dataclass
class Fault:
    """A fault to answer a method with, `times` times."""

    status: int | None = None
    retry_after: int | None = None
    drop: bool = False
    delay: float = 0.0
    description: str | None = None
    parameters: dict[str, Any] | None = None
    times: int = 1


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class FakeBotApi:
    """The server, its state, and helpers to push updates and inspect calls."""

    def __init__(self, token: str = "123456:TEST-token") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.faults: dict[str, list[Fault]] = {}
        self.blocked_chats: set[int] = set()
        # Update ids the bot has finished (its one log line per update says so).
        self.processed: set[int] = set()
        self._done_log = _UpdatesDone(self.processed)
        self._level = logging.NOTSET
        self._next_update = 1
        self._confirmed = 0
        self._next_message = 1000
        self._changed = asyncio.Condition()
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    # Lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on an ephemeral port of 127.0.0.1."""
        updates_log = logging.getLogger("township.updates")
        self._level = updates_log.level
        updates_log.setLevel(logging.INFO)
        updates_log.addHandler(self._done_log)
        app = tornado.web.Application(
            [
                (r"/bot([^/]+)/(\w+)", _MethodHandler, {"fake": self}),
                (r"/file/bot([^/]+)/(.+)", _FileHandler, {"fake": self}),
            ]
        )
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        """Stop listening."""
        updates_log = logging.getLogger("township.updates")
        updates_log.removeHandler(self._done_log)
        updates_log.setLevel(self._level)
        if self._server is not None:
            self._server.stop()
            with contextlib.suppress(Exception):
                await self._server.close_all_connections()

    @property
    def base_url(self) -> str:
        """python-telegram-bot's base_url form."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Where files are downloaded from."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # Faults -----------------------------------------------------------------------------

    def inject(self, method: str, **fault: Any) -> None:
        """Answer the next call(s) of a method with a fault."""
        self.faults.setdefault(method, []).append(Fault(**fault))

    def take_fault(self, method: str) -> Fault | None:
        queue = self.faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    # Updates ----------------------------------------------------------------------------

    def _user(self, user_id: int, name: str = "测试") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "zh-hans"}

    def _chat(self, chat_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "测试"
        else:
            chat["title"] = "测试群"
        return chat

    def _push(self, update: dict[str, Any]) -> int:
        update_id = self._next_update
        self._next_update += 1
        update["update_id"] = update_id
        self.updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue any update as given (its update_id is assigned here)."""
        return self._push(update)

    def push_message(
        self,
        text: str | None = None,
        *,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        document: dict[str, Any] | None = None,
        caption: str | None = None,
        edited: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> int:
        """Queue a message from a user; commands get their bot_command entity."""
        self._next_message += 1
        message: dict[str, Any] = {
            "message_id": self._next_message,
            "date": int(time.time()),
            "chat": self._chat(chat_id if chat_id is not None else user_id, chat_type),
            "from": self._user(user_id),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command)}
                ]
        if document is not None:
            message["document"] = document
        if caption is not None:
            message["caption"] = caption
        message.update(extra or {})
        return self._push({"edited_message" if edited else "message": message})

    def push_document(
        self,
        data: bytes,
        *,
        file_name: str,
        user_id: int = 1,
        caption: str | None = None,
        declared_size: int | None = None,
    ) -> int:
        """Queue a document message whose file the bot can download."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = data
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "file_size": declared_size if declared_size is not None else len(data),
        }
        return self.push_message(None, user_id=user_id, document=document, caption=caption)

    def push_callback(
        self, data: str, *, message_id: int, user_id: int = 1, chat_id: int | None = None
    ) -> int:
        """Queue a button press on one of the bot's messages."""
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id if chat_id is not None else user_id, "private"),
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "法治报告助手",
                "username": BOT_USERNAME,
            },
            "text": "…",
        }
        return self._push(
            {
                "callback_query": {
                    "id": f"cb{self._next_update}",
                    "from": self._user(user_id),
                    "chat_instance": "ci",
                    "message": message,
                    "data": data,
                }
            }
        )

    # Inspection -------------------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        """Calls of one method, in order."""
        return [c for c in self.calls if c.method == method]

    def texts(self, chat_id: int | None = None) -> list[str]:
        """Texts the bot sent (sendMessage) or edited to (editMessageText)."""
        return [
            str(c.params.get("text", ""))
            for c in self.calls
            if c.method in ("sendMessage", "editMessageText")
            and (chat_id is None or int(c.params.get("chat_id", chat_id)) == chat_id)
        ]

    async def wait_for(
        self, method: str, count: int = 1, *, timeout: float = 15.0, since: int = 0
    ) -> list[Call]:
        """Wait until the bot made `count` calls of a method (after the first `since` calls)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls[since:] if c.method == method]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{method}: {len(found)} of {count} calls after {timeout}s")
            await asyncio.sleep(0.02)

    async def wait_idle(self, *, quiet: float = 0.0, timeout: float = 15.0) -> None:
        """Wait until the bot has finished every update pushed so far (an event, not a pause:
        each update's log line marks it done). `quiet` is kept for old callers; unused."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pushed = {int(u["update_id"]) for u in self.updates}
            if pushed <= self.processed and self.confirmed_all():
                return
            await asyncio.sleep(0.02)
        raise AssertionError(
            f"the bot did not finish updates {sorted(pushed - self.processed)[:10]}"
        )

    def confirmed_all(self) -> bool:
        """True when getUpdates was called with an offset past every queued update."""
        polls = self.calls_of("getUpdates")
        if not self.updates:
            return True
        last = self.updates[-1]["update_id"]
        return any(int(c.params.get("offset", 0) or 0) > last for c in polls)

    # Answers ----------------------------------------------------------------------------

    def _message_result(self, params: dict[str, Any], **fields: Any) -> dict[str, Any]:
        self._next_message += 1
        chat_id = int(params.get("chat_id", 0))
        return {
            "message_id": self._next_message,
            "date": int(time.time()),
            "chat": self._chat(chat_id, "private" if chat_id > 0 else "supergroup"),
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "法治报告助手",
                "username": BOT_USERNAME,
            },
            **fields,
        }

    async def answer(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        """The result of one API method."""
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "法治报告助手",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method == "getUpdates":
            return await self._get_updates(params)
        if method in ("sendMessage", "editMessageText"):
            chat_id = int(params.get("chat_id", 0))
            if chat_id in self.blocked_chats:
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
            _check_text_as_telegram_does(str(params.get("text", "")), params.get("parse_mode"))
            if method == "editMessageText" and "message_id" in params:
                return self._message_result(params, text=params.get("text", ""))
            return self._message_result(params, text=params.get("text", ""))
        if method == "sendDocument":
            document = {"file_id": "sent", "file_unique_id": "sent", "file_name": "x.txt"}
            return self._message_result(params, document=document)
        if method == "getFile":
            file_id = str(params.get("file_id"))
            if file_id not in self.files:
                raise _ApiError(400, "Bad Request: invalid file_id")
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}",
            }
        if method in (
            "answerCallbackQuery",
            "sendChatAction",
            "setMyCommands",
            "deleteWebhook",
            "leaveChat",
            "editMessageReplyMarkup",
            "setWebhook",
            "close",
            "logOut",
        ):
            return True
        raise _ApiError(404, f"Not Found: method {method} not found")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        # As Telegram does: an offset confirms every earlier update for good.
        self._confirmed = max(self._confirmed, int(params.get("offset", 0) or 0))
        offset = self._confirmed
        timeout = min(float(params.get("timeout", 0) or 0), 0.5)
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending and timeout > 0:
            async with self._changed:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), timeout)
            pending = [u for u in self.updates if u["update_id"] >= offset]
        limit = int(params.get("limit", 100) or 100)
        return pending[:limit]


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


class _MethodHandler(tornado.web.RequestHandler):
    def initialize(self, fake: FakeBotApi) -> None:
        self.fake = fake

    async def post(self, token: str, method: str) -> None:
        await self._handle(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._handle(token, method)

    async def _handle(self, token: str, method: str) -> None:
        params = {k: _decode(v[-1].decode()) for k, v in self.request.body_arguments.items()}
        if (
            not params
            and self.request.body
            and self.request.headers.get("Content-Type", "").startswith("application/json")
        ):
            params = json.loads(self.request.body)
        files = {name: parts[0]["body"] for name, parts in self.request.files.items()}
        self.fake.calls.append(Call(method, params, files))
        if token != self.fake.token:
            return self._error(401, "Unauthorized")
        fault = self.fake.take_fault(method)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop:
                self.request.connection.close()  # type: ignore[union-attr]
                return None
            if fault.retry_after is not None:
                return self._error(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            if fault.status is not None:
                return self._error(
                    fault.status, fault.description or "Bad Gateway", fault.parameters
                )
        try:
            result = await self.fake.answer(method, params, files)
        except _ApiError as exc:
            return self._error(exc.code, exc.description)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": True, "result": result}, ensure_ascii=False))
        return None

    def _error(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        self.set_status(code)
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class _FileHandler(tornado.web.RequestHandler):
    def initialize(self, fake: FakeBotApi) -> None:
        self.fake = fake

    def get(self, token: str, path: str) -> None:
        file_id = path.rsplit("/", 1)[-1]
        self.fake.calls.append(Call("downloadFile", {"file_path": path}))
        if token != self.fake.token or file_id not in self.fake.files:
            self.set_status(404)
            self.finish("not found")
            return
        self.finish(self.fake.files[file_id])


class _EntityChecker(HTMLParser):
    """Parses message HTML as Telegram does: only known tags, each closed in order."""

    ALLOWED = frozenset({"b", "strong", "i", "em", "u", "s", "code", "pre", "a", "tg-spoiler"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.ALLOWED:
            raise _ApiError(400, f"Bad Request: can't parse entities: unsupported tag {tag}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            raise _ApiError(400, f"Bad Request: can't parse entities: unmatched end tag {tag}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check_text_as_telegram_does(text: str, parse_mode: object) -> None:
    """Refuse what Telegram refuses: bad markup, and more than 4096 UTF-16 units of text."""
    visible = text
    if parse_mode == "HTML":
        checker = _EntityChecker()
        checker.feed(text)
        checker.close()
        if checker.stack:
            raise _ApiError(400, "Bad Request: can't parse entities: unclosed tag")
        visible = "".join(checker.text)
    if len(visible.encode("utf-16-le")) // 2 > 4096:
        raise _ApiError(400, "Bad Request: message is too long")
    if not visible.strip():
        raise _ApiError(400, "Bad Request: message text is empty")


class _UpdatesDone(logging.Handler):
    """Collects the update ids of the bot's per-update log lines ("update=N user=…")."""

    def __init__(self, done: set[int]) -> None:
        super().__init__(logging.INFO)
        self.done = done

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], int):
            self.done.add(record.args[0])
