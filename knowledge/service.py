"""The knowledge layer's front door: one object that opens the store and runs the use cases."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from knowledge import officedoc
from knowledge.domain.towns import resolve_town
from knowledge.domain.towns import warm_up as warm_town_indexes
from knowledge.errors import (
    DatabaseMissing,
    ErrorCode,
    StoreError,
    StoreFull,
    StoreReadOnly,
    TownNotFound,
)
from knowledge.models import (
    Answer,
    Checklist,
    Comparison,
    Document,
    DraftCheck,
    Examples,
    Figure,
    Health,
    IngestResult,
    ParsedReport,
    QueryFilters,
    Report,
    SectionId,
    Snippet,
)
from knowledge.storage import inbox, maintenance, userstate, weblogin
from knowledge.storage.store import BUSY_TIMEOUT_MS, KnowledgeStore
from knowledge.storage.usagelog import UsageLog
from knowledge.text.normalize import printable, search_form
from knowledge.text.segment import Segmenter, shared_segmenter
from knowledge.text.workers import HeavyWork
from knowledge.understand import FactKey, Request, ranking, read, wants_figures
from knowledge.usecases import (
    anchors,
    check,
    checklist,
    compare,
    draft,
    example,
    facts,
    figures,
    review,
)
from knowledge.usecases.ask import Retriever
from knowledge.usecases.facts import FactAnswer, WhetherAnswer
from knowledge.usecases.ingest import (
    ensure_corpus,
    ingest_bytes,
    ingest_paths,
    read_and_parse,
    refresh_index,
    store_parsed,
)
from knowledge.usecases.when import asks_when, with_when

logger = logging.getLogger(__name__)

STATS_WAIT_SECONDS = 2.0  # /stats waits this long for usage rows still queued


async def _refresh_index(store: KnowledgeStore, segmenter: Segmenter) -> None:
    """Rebuild an index made with another dictionary; a full or busy disk leaves the old one
    answering (with a warning) rather than stopping the start."""
    try:
        await refresh_index(store, segmenter)
    except StoreError as exc:
        logger.warning("index not rebuilt for the new dictionary: %s", exc)


class Knowledge:
    """Store, segmenter and retriever, opened once and shared by every chat."""

    def __init__(self, store: KnowledgeStore, segmenter: Segmenter) -> None:
        self.store = store
        self.segmenter = segmenter
        self.retriever = Retriever(store, segmenter)
        self.usage = UsageLog(store.path, busy_timeout_ms=store.busy_timeout_ms)
        self.heavy = HeavyWork()

    @classmethod
    async def open(
        cls,
        db_path: str | Path,
        *,
        read_only: bool = False,
        load_corpus: bool = True,
        segmenter: Segmenter | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> Knowledge:
        """Open the database (creating and filling an empty one from the bundled corpus).

        Raises:
            DatabaseMissing: read-only mode and the file does not exist.
            StoreError: the file is not a usable database.
        """
        segmenter = segmenter or shared_segmenter()
        store = KnowledgeStore(db_path, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
        try:
            try:
                await asyncio.gather(store.open(), asyncio.to_thread(segmenter.warm_up))
            except StoreReadOnly:
                # The file or its folder cannot be written: answer questions, refuse uploads.
                logger.critical("database %s is not writable: read-only mode", db_path)
                store = KnowledgeStore(db_path, read_only=True)
                await store.open()
            await _refresh_index(store, segmenter)
            if load_corpus:
                await ensure_corpus(store, segmenter)
        except BaseException:
            # An open connection's thread would keep the process alive after the error.
            await store.close()
            raise
        knowledge = cls(store, segmenter)
        await knowledge.warm_up()
        return knowledge

    async def warm_up(self) -> None:
        """Build what the first question would otherwise build: the towns' name indexes and
        the traditional-to-simplified converter."""
        await asyncio.to_thread(warm_town_indexes, await self.store.list_towns())
        await asyncio.to_thread(search_form, "法治")

    @property
    def read_only(self) -> bool:
        """True when nothing can be written (by setting, or because the file is not writable)."""
        return self.store.read_only

    async def close(self) -> None:
        """Write the queued usage rows, then close the store."""
        await self.usage.close()
        await asyncio.to_thread(self.heavy.close)
        await self.store.close()

    async def ask(
        self, question: str, *, filters: QueryFilters | None = None, limit: int = 5
    ) -> Answer:
        """The best snippets for a question in plain Chinese."""
        filters = await self.resolve_filters(filters or QueryFilters())
        when = asks_when(question)
        if when is not None:
            # '哪天' / '多久一回' before '几次': the date is what was asked.
            return with_when(
                await self.retriever.search(question, filters=filters, limit=limit), when
            )
        if not wants_figures(question):
            return await self.retriever.search(question, filters=filters, limit=limit)
        # The numbers come from a wider pool than the snippets shown, so more towns answer.
        wide = await self.retriever.search(question, filters=filters, limit=max(limit, 20))
        return figures.with_figures(wide, self.segmenter, limit=limit, ranking=ranking(question))

    async def read(self, text: str, *, own_town: str | None = None) -> Request:
        """What a message asks for (the one reader every channel uses)."""
        return read(text, towns=await self.store.list_towns(), own_town=own_town)

    async def fact(self, key: FactKey, *, towns: Sequence[str] = ()) -> FactAnswer:
        """A fact about the report (recipients, publication, length, 文号 …) with its rules;
        the named towns' own values come first."""
        return await facts.fact(self.store, key, towns=towns)

    async def whether(
        self,
        words: str,
        *,
        topic: str | None = None,
        nothing: bool = False,
        section: SectionId | None = None,
    ) -> WhetherAnswer:
        """Whether a subject must be written, and how many reports of the library have it;
        `nothing`: the town had none of it, so how to say so; `section`: the part the message
        named beside the subject ('问题部分 整改情况要写吗')."""
        return await facts.whether(
            self.store, self.segmenter, words, topic=topic, nothing=nothing, section=section
        )

    async def review_paragraph(
        self, text: str, *, section: SectionId | None = None
    ) -> review.ParagraphReview:
        """One pasted paragraph looked over: what to change, each with a model sentence."""
        return await review.review_paragraph(self.store, text, section=section)

    async def which_towns(self, words: str) -> facts.WhichTowns:
        """Which towns' reports write about a subject, and which do not."""
        understood = await self.retriever.understand(words, QueryFilters())
        return await facts.which_towns(
            self.store,
            self.segmenter,
            words,
            terms=understood.terms,
            absent=understood.absent,
        )

    async def resolve_filters(self, filters: QueryFilters) -> QueryFilters:
        """Turn a user's town name into the stored one (拾万 → 拾万镇).

        Raises:
            TownNotFound: the town is unknown.
        """
        if filters.town is None:
            return filters
        town = resolve_town(filters.town, await self.store.list_towns())
        return QueryFilters(town=town, year=filters.year, section=filters.section)

    async def ingest_files(self, paths: Iterable[str | Path]) -> list[IngestResult]:
        """Ingest files or folders of .txt/.docx."""
        results = await ingest_paths(self.store, self.segmenter, paths)
        await self.warm_up()
        return results

    async def ingest_upload(
        self, data: bytes, *, name: str, town: str | None = None, year: int | None = None
    ) -> IngestResult:
        """Ingest one uploaded file's bytes."""
        result = await ingest_bytes(
            self.store, self.segmenter, data, name=name, town=town, year=year
        )
        await self.warm_up()
        return result

    async def preview_upload(
        self, data: bytes, *, town: str | None = None, year: int | None = None
    ) -> ParsedReport:
        """Parse an upload without storing it (in a worker process)."""
        return await self.heavy.run(partial(read_and_parse, data, town=town, year=year))

    async def store_report(self, parsed: ParsedReport, *, name: str) -> IngestResult:
        """Store a report parsed earlier (after an admin confirmed it)."""
        return await store_parsed(self.store, self.segmenter, parsed, name=name)

    async def report_snippets(self, report_id: int) -> tuple[Report | None, list[Snippet]]:
        """A stored report and its snippets in order, part by part (for reading it whole)."""
        found = [r for r in await self.store.list_reports() if r.report_id == report_id]
        if not found:
            return None, []
        return found[0], await self.store.get_snippets(QueryFilters(), report_id=report_id)

    async def create_web_login(self, admin: str, *, valid_for: dt.timedelta) -> str:
        """A one-time sign-in token for the web page's admin `admin`."""
        return await weblogin.create_login(self.store, admin, valid_for=valid_for)

    async def use_web_login(self, token: str) -> str | None:
        """The admin a sign-in token is for, spending it; None when unknown, used or expired."""
        return await weblogin.use_login(self.store, token)

    async def open_web_session(self, admin: str, *, valid_for: dt.timedelta) -> str:
        """A signed-in admin's session token (kept as a hash, ended at sign-out)."""
        return await weblogin.open_session(self.store, admin, valid_for=valid_for)

    async def web_session_admin(self, token: str) -> str | None:
        """The admin of a live session token; None when unknown, ended or expired."""
        return await weblogin.session_admin(self.store, token)

    async def close_web_session(self, token: str) -> None:
        """End an admin's session."""
        await weblogin.close_session(self.store, token)

    async def web_secret(self) -> str:
        """The key that signs the web page's cookies (made once, kept in the database)."""
        return await weblogin.signing_secret(self.store)

    async def health(self) -> Health:
        """Integrity, schema version and counts, read on a connection of its own."""
        return await asyncio.to_thread(maintenance.check_health, self.store.path)

    async def report_count(self) -> int:
        """How many reports the library holds."""
        return await self.store.report_count()

    async def ensure_database_file(self) -> None:
        """Check that the database file is still the one opened.

        Raises:
            DatabaseMissing: the file was deleted or replaced; the write-ahead log's committed
                pages are first copied beside it so nothing already answered is lost.
        """
        try:
            self.store.check_file()
        except DatabaseMissing:
            await self.store.rescue_wal()
            raise

    async def reports(self) -> list[Report]:
        """The stored reports."""
        return await self.store.list_reports()

    async def towns(self) -> list[str]:
        """The stored towns."""
        return await self.store.list_towns()

    async def example(
        self, topic: str, *, limit: int = 3, filters: QueryFilters | None = None
    ) -> Examples:
        """Model wording for a topic from several towns, with templates."""
        filters = await self.resolve_filters(filters or QueryFilters())
        return await example.example_wording(
            self.store, self.retriever, topic, limit=limit, filters=filters
        )

    async def compare(
        self, towns: list[str], *, all_others: bool = False, topic: str | None = None
    ) -> Comparison:
        """Towns side by side: coverage, figures, and a topic's snippets."""
        return await compare.compare_towns(
            self.store, self.retriever, towns, all_others=all_others, topic=topic
        )

    async def checklist(self, *, today: dt.date | None = None) -> Checklist:
        """The required items, how many reports cover each, and the deadlines."""
        return await checklist.build_checklist(self.store, today=today or dt.date.today())

    async def town_figures(self, town: str) -> list[Figure]:
        """The figures of a town's newest report ('咱镇那份报告里数字都有啥')."""
        known = resolve_town(town, await self.towns())
        return await compare.town_figures(self.store, known)

    async def check_draft(self, text: str) -> DraftCheck:
        """A draft held against the checklist, with examples for what it lacks (the parsing
        runs in a worker process: a huge draft never stops the others' answers)."""
        judged = await self.heavy.run(check.judge_draft, text)
        return await check.check_draft(self.store, self.retriever, judged)

    async def check_draft_file(self, data: bytes) -> DraftCheck:
        """A draft file (.txt/.docx bytes) held against the checklist."""
        judged = await self.heavy.run(check.judge_draft_file, data)
        return await check.check_draft(self.store, self.retriever, judged)

    async def draft(self, *, town: str | None, year: int) -> Document:
        """A .docx skeleton of `town`'s report for `year` in the GB/T 9704 layout; a town the
        library does not know keeps the name given."""
        town = printable(town or "") or None  # a name typed anywhere goes into XML
        if town:
            with contextlib.suppress(TownNotFound):
                town = resolve_town(town, await self.towns())
        plan = await draft.build_plan(self.store, self.retriever, town=town, year=year)
        data = await asyncio.to_thread(officedoc.write_skeleton, plan)
        return Document(f"{plan.title.replace(draft.OWN_TOWN, '')}.docx", data)

    async def draft_gaps(self, data: bytes, check: DraftCheck) -> list[anchors.Anchored] | None:
        """Where in a .docx draft each gap of its check belongs (in a bounded worker); None
        when the document is too large to annotate.

        Raises:
            UnsupportedFile: the bytes are not a .docx python-docx can open, or too heavy.
        """
        return await self.heavy.run(anchors.anchor_docx, data, check)

    async def annotate_draft(
        self, data: bytes, comments: Sequence[officedoc.DraftComment]
    ) -> bytes:
        """The user's own .docx with the comments added, its text untouched (in a bounded
        worker: a large document cannot hold the event loop)."""
        return await self.heavy.run(officedoc.annotate, data, list(comments))

    async def set_town(self, chat_id: int, name: str) -> tuple[str, bool]:
        """Remember a chat's town: the stored name when one is close (拾万 → 拾万镇), else the
        name as given (a town whose report is not in the library yet). Returns (town, known)."""
        try:
            town, known = resolve_town(name, await self.store.list_towns()), True
        except TownNotFound:
            town, known = name.strip()[:20], False
        await userstate.set_town(self.store, chat_id, town)
        return town, known

    async def get_town(self, chat_id: int) -> str | None:
        """A chat's own town."""
        return await userstate.get_town(self.store, chat_id)

    async def log(self, *, user_id: int | None, kind: str, query: str, hits: int) -> None:
        """Record a request for /stats on the usage log's own connection: queued, so a
        question never waits for the write lock another process holds."""
        if not self.store.read_only:
            self.usage.add(user_id=user_id, kind=kind, query=query, hits=hits)

    async def subscribe(
        self, chat_id: int, *, county_due: dt.date | None = None, today: dt.date | None = None
    ) -> list[tuple[str, dt.date, str]]:
        """Subscribe a chat to deadline reminders."""
        return await userstate.subscribe(
            self.store, chat_id, today=today or dt.date.today(), county_due=county_due
        )

    async def unsubscribe(self, chat_id: int) -> bool:
        """Stop a chat's reminders."""
        return await userstate.unsubscribe(self.store, chat_id)

    async def due_reminders(self, now: dt.datetime) -> list[userstate.DueReminder]:
        """Reminders to send now."""
        return await userstate.due_reminders(self.store, now)

    async def mark_reminder_sent(self, chat_id: int, key: str, at: dt.datetime) -> None:
        """Record a sent reminder."""
        await userstate.mark_sent(self.store, chat_id, key, at)

    async def deactivate_chat(self, chat_id: int) -> None:
        """A chat that blocked the bot."""
        await userstate.deactivate_chat(self.store, chat_id)

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group that became a supergroup."""
        await userstate.move_chat(self.store, old_chat_id, new_chat_id)

    async def stats(self) -> userstate.UsageStats:
        """Usage for admins (the rows still queued are written first, for a moment at most)."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.usage.drained(), STATS_WAIT_SECONDS)
        return await userstate.usage_stats(self.store)

    async def find_report(self, content_hash: str) -> Report | None:
        """A stored report with this content hash."""
        return await self.store.find_report_by_hash(content_hash)

    async def report_for(self, town: str, year: int) -> Report | None:
        """The stored report of a town and year."""
        return await self.store.find_report(town, year)

    async def store_upload(self, data: bytes, *, name: str, parsed: ParsedReport) -> IngestResult:
        """Store a confirmed upload through the inbox, so a crash midway loses nothing."""
        sha = await inbox.put(self.store, data, name=name, town=parsed.town, year=parsed.year)
        result = await self.store_report(parsed, name=name)
        await inbox.done(self.store, sha, "done" if result.status != "error" else "error")
        return result

    async def finish_inbox(self) -> list[IngestResult]:
        """Finish uploads a crash interrupted (idempotent: a stored one comes back unchanged).

        Never stops the start: an upload that cannot be stored now (a full disk) stays pending
        for the next start, and the bot answers questions meanwhile.
        """
        if self.store.read_only:
            return []
        try:
            pending = await inbox.pending(self.store)
        except StoreError as exc:
            logger.warning("inbox not readable at start: %s", exc)
            return []
        results = []
        for sha, name, data, town, year in pending:
            try:
                results.append(await self._finish_one(sha, name, data, town, year))
            except StoreError as exc:
                logger.warning("inbox upload %s waits for the next start: %s", name, exc)
                results.append(
                    IngestResult(file=name, status="error", error=ErrorCode.UPLOAD_KEPT)
                )
        return results

    async def _finish_one(
        self, sha: str, name: str, data: bytes, town: str | None, year: int | None
    ) -> IngestResult:
        if await inbox.superseded(self.store, sha):
            await inbox.done(self.store, sha, "superseded")
            logger.warning("inbox upload %s dropped: a newer version came after it", name)
            return IngestResult(
                file=name,
                status="error",
                error=ErrorCode.SUPERSEDED,
                error_fields={"town": town or "", "year": year or ""},
            )
        result = await self.ingest_upload(data, name=name, town=town, year=year)
        if result.status == "error" and result.error == ErrorCode.STORE_FULL:
            raise StoreFull(name)  # stays pending: never marked as failed for a full disk
        await inbox.done(self.store, sha, "done" if result.status != "error" else "error")
        logger.info("inbox upload %s finished: %s", name, result.status)
        return result
