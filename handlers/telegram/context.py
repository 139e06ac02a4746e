"""Typed access to the services handlers use (never raw bot_data strings in handlers)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Final

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from knowledge.models import ParsedReport, QueryFilters
from knowledge.service import Knowledge

KNOWLEDGE_KEY: Final = "township.knowledge"
CONFIG_KEY: Final = "township.config"
STATE_KEY: Final = "township.state"
MAX_REMEMBERED: Final = 2000


@dataclass(frozen=True, slots=True)
class HandlerConfig:
    """What handlers need to know of the settings (built by bot/app.py)."""

    admins: frozenset[int] = frozenset()
    allowed: frozenset[int] = frozenset()
    rate_limit_count: int = 5
    rate_limit_seconds: float = 10.0
    reminder_interval: float = 600.0
    reminder_first: float = 5.0
    watchdog_interval: float = 30.0
    read_only: bool = False


@dataclass(slots=True)
class QueryState:
    """A question shown with buttons, so a button press can page or filter it."""

    owner_id: int | None
    question: str
    filters: QueryFilters
    offset: int = 0
    town_guess: str | None = None
    kind: str = "ask"  # or "example": which reply the buttons page
    town_choices: tuple[str, ...] = ()  # the towns the "换个乡镇" buttons were drawn from


@dataclass(slots=True)
class PendingUpload:
    """A report an admin sent, parsed and shown, waiting for confirmation."""

    admin_id: int
    name: str
    data: bytes
    parsed: ParsedReport


@dataclass(slots=True)
class BotState:
    """In-memory state shared by handlers; bounded, and lost on restart by design."""

    queries: OrderedDict[str, QueryState] = field(default_factory=OrderedDict)
    uploads: OrderedDict[str, PendingUpload] = field(default_factory=OrderedDict)
    awaiting_draft: set[int] = field(default_factory=set)
    hits: dict[int, list[float]] = field(default_factory=dict)
    started: dict[int, float] = field(default_factory=dict)
    results: dict[int, int] = field(default_factory=dict)
    counter: int = 0

    def remember_query(self, query: QueryState) -> str:
        """Store a query and return its short id for callback data."""
        self.counter += 1
        key = format(self.counter, "x")
        self.queries[key] = query
        while len(self.queries) > MAX_REMEMBERED:
            self.queries.popitem(last=False)
        return key

    def remember_upload(self, upload: PendingUpload) -> str:
        """Store a pending upload and return its token."""
        self.counter += 1
        key = format(self.counter, "x")
        self.uploads[key] = upload
        while len(self.uploads) > 50:
            self.uploads.popitem(last=False)
        return key


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context with typed properties for our services."""

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge base opened in post_init."""
        knowledge: Knowledge = self.bot_data[KNOWLEDGE_KEY]
        return knowledge

    @property
    def config(self) -> HandlerConfig:
        """Handler settings."""
        config: HandlerConfig = self.bot_data[CONFIG_KEY]
        return config

    @property
    def state(self) -> BotState:
        """Shared in-memory state."""
        state: BotState = self.bot_data.setdefault(STATE_KEY, BotState())
        return state


CONTEXT_TYPES: Final = ContextTypes(context=BotContext)
