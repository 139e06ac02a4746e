"""The SQLite store: idempotent ingest, replacement, all-or-nothing writes, schema version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.errors import ErrorCode, StoreFull
from knowledge.models import QueryFilters
from knowledge.service import Knowledge
from knowledge.storage.store import SCHEMA_VERSION, KnowledgeStore
from knowledge.text.parse import parse_report
from knowledge.text.segment import Segmenter
from knowledge.usecases.ingest import bundled_corpus_files
from tests.conftest import corpus_text

# The reports table as schema versions 1-5 made it.
OLD_REPORTS_TABLE = (
    "CREATE TABLE reports (report_id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE,"
    " town TEXT NOT NULL, county TEXT, province TEXT, year INTEGER NOT NULL, title TEXT,"
    " doc_number TEXT, addressee TEXT, issued_on TEXT, source_name TEXT,"
    " ingested_at TEXT NOT NULL DEFAULT '');"
)


async def test_open_empty_database_loads_bundled_corpus(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(tmp_path / "new" / "t.db", segmenter=segmenter)
    try:
        reports = await kb.reports()
        assert sorted((r.town, r.year) for r in reports) == [
            ("xx镇", 2021),
            ("凤凰镇", 2021),
            ("平岗镇", 2022),
            ("拾万镇", 2021),
            ("税郭镇", 2021),
        ]
        assert await kb.store.schema_version() == SCHEMA_VERSION
        assert await kb.store.integrity_check() == "ok"
    finally:
        await kb.close()


async def test_ingest_same_files_twice_changes_nothing(knowledge: Knowledge) -> None:
    before = await knowledge.store.snippet_count()
    results = await knowledge.ingest_files(bundled_corpus_files())
    assert [r.status for r in results] == ["unchanged"] * 5
    assert await knowledge.store.snippet_count() == before


async def test_ingest_same_text_other_encoding_is_unchanged(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    path = tmp_path / "copy_gbk.txt"
    path.write_bytes(corpus_text("001").replace("\n", "\r\n").encode("gb18030"))
    [result] = await knowledge.ingest_files([path])
    assert (result.status, result.town) == ("unchanged", "拾万镇")


async def test_ingest_new_version_replaces_old(knowledge: Knowledge, tmp_path: Path) -> None:
    path = tmp_path / "v2.txt"
    path.write_text(
        corpus_text("000").replace("聘请1名政府法律顾问", "聘请2名政府法律顾问"), encoding="utf-8"
    )
    [result] = await knowledge.ingest_files([path])
    assert result.status == "replaced"
    reports = [r for r in await knowledge.reports() if r.town == "税郭镇"]
    assert [r.report_id for r in reports] == [result.report_id]
    answer = await knowledge.ask("税郭镇 法律顾问", limit=10)
    texts = " ".join(h.snippet.text for h in answer.hits)
    assert "聘请2名政府法律顾问" in texts and "聘请1名政府法律顾问" not in texts
    assert await knowledge.store.integrity_check() == "ok"


async def test_ingest_folder_with_bad_file_keeps_the_good_ones(
    empty_knowledge: Knowledge, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(corpus_text("003"), encoding="utf-8")
    (folder / "b_bad.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "ignored.pdf").write_bytes(b"%PDF")
    results = await empty_knowledge.ingest_files([folder])
    assert [(Path(r.file).name, r.status) for r in results] == [
        ("a_good.txt", "added"),
        ("b_bad.docx", "error"),
        ("c_empty.txt", "error"),
    ]
    assert results[1].error == ErrorCode.NOT_A_DOCX
    assert await empty_knowledge.store.report_count() == 1


async def test_add_report_is_all_or_nothing_when_disk_is_full(
    fresh_store: KnowledgeStore, segmenter: Segmenter
) -> None:
    parsed = parse_report(corpus_text("004"))
    terms = [segmenter.for_index(s.text) for s in parsed.snippets]
    page_count = (await fresh_store.fetchone("PRAGMA page_count"))[0]
    await fresh_store.db.execute(f"PRAGMA max_page_count = {page_count + 2}")
    with pytest.raises(StoreFull):
        await fresh_store.add_report(parsed, terms, source_name="x.txt")
    assert await fresh_store.report_count() == 0
    assert await fresh_store.snippet_count() == 0
    assert await fresh_store.integrity_check() == "ok"


async def test_read_only_store_refuses_writes_but_answers(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, read_only=True, segmenter=segmenter)
    try:
        answer = await kb.ask("法律顾问")
        assert answer.hits
        result = await kb.ingest_upload(corpus_text("000").encode(), name="x.txt")
        assert (result.status, result.error) == ("error", ErrorCode.READ_ONLY)
    finally:
        await kb.close()


async def test_old_schema_version_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE schema_version (version INTEGER NOT NULL);"
            "INSERT INTO schema_version VALUES (1);"
            + OLD_REPORTS_TABLE
            + "INSERT INTO reports (content_hash, town, year) VALUES ('h', '旧镇', 2020);"
        )
    store = KnowledgeStore(path)
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        tables = {r[0] for r in await store.fetchall("SELECT name FROM sqlite_master")}
        assert {"chat_prefs", "reminders", "query_log", "inbox", "passages_fts"} <= tables
        assert await store.list_towns() == ["旧镇"]
    finally:
        await store.close()


async def test_schema_3_topics_column_becomes_topic_rows(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE schema_version (version INTEGER NOT NULL);"
            "INSERT INTO schema_version VALUES (3);"
            + OLD_REPORTS_TABLE
            + "CREATE TABLE snippets (snippet_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL"
            " REFERENCES reports (report_id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,"
            " section TEXT NOT NULL, heading TEXT, text TEXT NOT NULL,"
            " topics TEXT NOT NULL DEFAULT '', terms TEXT NOT NULL);"
            "INSERT INTO reports (content_hash, town, year) VALUES ('h', '旧镇', 2020);"
            "INSERT INTO snippets (report_id, ordinal, section, text, topics, terms) VALUES"
            " (1, 0, 'measures_results', '聘请法律顾问', 'legal_advisor,petition', '聘请 法律顾问'),"
            " (1, 1, 'problems', '不足', '', '不足');"
        )
    store = KnowledgeStore(path)
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        columns = {r[1] for r in await store.fetchall("PRAGMA table_info(snippets)")}
        assert "topics" not in columns
        assert await store.count_reports_with_topic("legal_advisor") == 1
        [advisor] = await store.get_snippets(QueryFilters(), topic="petition")
        assert advisor.topics == ("legal_advisor", "petition")
        assert [s.topics for s in await store.get_snippets(QueryFilters())][1] == ()
    finally:
        await store.close()


async def test_running_bot_sees_reports_another_process_added(
    knowledge: Knowledge, seeded_db_path: Path, segmenter: Segmenter, tmp_path: Path
) -> None:
    # The bot caches towns, counts and term frequencies; a CLI ingest beside it must show.
    knowledge.store.cache_check_seconds = 0
    before = await knowledge.ask("新河镇 无人机巡查")
    assert before.filters.town is None and "无人机" in before.absent

    path = tmp_path / "xinhe.txt"
    path.write_text(
        corpus_text("000")
        .replace("税郭", "新河")
        .replace("聘请1名政府法律顾问", "聘请1名政府法律顾问，开展无人机巡查"),
        encoding="utf-8",
    )
    cli = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        [result] = await cli.ingest_files([path])
        assert (result.status, result.town) == ("added", "新河镇")
    finally:
        await cli.close()

    after = await knowledge.ask("新河镇 无人机巡查")
    assert after.filters.town == "新河镇" and not after.absent
    assert "无人机巡查" in after.hits[0].snippet.text


async def _passage_rows(store: KnowledgeStore) -> dict[str, int]:
    rows = await store.fetchall("SELECT terms, copies FROM passages")
    return {str(r[0]): int(r[1]) for r in rows}


async def test_shared_wording_is_one_passage_and_copies_follow_replace(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    store = knowledge.store
    # A second town's report copies 税郭's text: every wording it shares is one passage.
    copy = tmp_path / "xinhe.txt"
    copy.write_text(corpus_text("000").replace("税郭", "新河"), encoding="utf-8")
    before = await _passage_rows(store)
    [added] = await knowledge.ingest_files([copy])
    assert added.status == "added"
    after = await _passage_rows(store)
    shared = [t for t in before if after[t] == before[t] + 1]
    assert len(shared) >= 10
    assert sum(after.values()) == await store.snippet_count()
    answer = await knowledge.ask("法律顾问", limit=5)
    texts = [h.snippet.text for h in answer.hits]
    assert len(texts) == len(set(texts))

    # A new version of the copy replaces it: the shared passages lose that copy.
    copy.write_text(
        corpus_text("000").replace("税郭", "新河").replace("聘请1名", "聘请3名"),
        encoding="utf-8",
    )
    [replaced] = await knowledge.ingest_files([copy])
    assert replaced.status == "replaced"
    final = await _passage_rows(store)
    assert sum(final.values()) == await store.snippet_count()
    assert all(copies > 0 for copies in final.values())
    orphans = await store.fetchall(
        "SELECT count(*) FROM snippets WHERE passage_id IS NULL "
        "OR passage_id NOT IN (SELECT passage_id FROM passages)"
    )
    assert orphans[0][0] == 0
    assert await store.integrity_check() == "ok"
    assert "聘请3名" in (await knowledge.ask("新河镇 法律顾问")).hits[0].snippet.text


async def test_schema_5_snippet_index_becomes_passages(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE schema_version (version INTEGER NOT NULL);"
            "INSERT INTO schema_version VALUES (5);"
            + OLD_REPORTS_TABLE
            + "CREATE TABLE snippets (snippet_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL"
            " REFERENCES reports (report_id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,"
            " section TEXT NOT NULL, heading TEXT, text TEXT NOT NULL, terms TEXT NOT NULL);"
            "CREATE VIRTUAL TABLE snippets_fts USING fts5 (terms, content = 'snippets',"
            " content_rowid = 'snippet_id');"
            "CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN"
            " INSERT INTO snippets_fts (rowid, terms) VALUES (new.snippet_id, new.terms); END;"
            "INSERT INTO reports (content_hash, town, year) VALUES ('a', '甲镇', 2020),"
            " ('b', '乙镇', 2021);"
            "INSERT INTO snippets (report_id, ordinal, section, text, terms) VALUES"
            " (1, 0, 'measures_results', '聘请法律顾问', '聘请 法律顾问'),"
            " (2, 0, 'measures_results', '聘请法律顾问', '聘请 法律顾问'),"
            " (2, 1, 'problems', '不足', '不足');"
        )
    store = KnowledgeStore(path)
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        tables = {r[0] for r in await store.fetchall("SELECT name FROM sqlite_master")}
        assert "snippets_fts" not in tables and "snippets_ai" not in tables
        assert await _passage_rows(store) == {"聘请 法律顾问": 2, "不足": 1}
        found, matched = await store.search_fts_counted('"法律顾问"', QueryFilters(), limit=5)
        # One candidate for the two copies, the newest (乙镇's), and both counted.
        assert [(s.town, s.text) for s, _, _ in found] == [("乙镇", "聘请法律顾问")]
        assert matched == 2
        [only] = (
            await store.search_fts_counted('"法律顾问"', QueryFilters(town="甲镇"), limit=5)
        )[0]
        assert only[0].town == "甲镇"
        await store.db.execute("DELETE FROM reports WHERE report_id = 2")
        assert await _passage_rows(store) == {"聘请 法律顾问": 1}
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()
