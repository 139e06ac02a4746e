-- township-bot schema. Every statement is idempotent; store.py runs this file at each start and
-- records the version in schema_version. Version history: 1 = reports/snippets/FTS;
-- 2 = chat preferences, reminders, query log, upload inbox; 3 = meta (the index's signature);
-- 4 = snippet_topics (a snippet's topics as rows; the comma column of version 1-3 is dropped);
-- 5 = web_logins (one-time sign-in links of the web page's admins, stored as hashes);
-- 6 = passages (each distinct wording indexed once; snippets_fts and its triggers dropped).

CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS reports (
    report_id    INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    town         TEXT NOT NULL,
    county       TEXT,
    province     TEXT,
    year         INTEGER NOT NULL,
    title        TEXT,
    doc_number   TEXT,
    addressee    TEXT,
    issued_on    TEXT,
    source_name  TEXT,
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS reports_town_year ON reports (town, year);
-- Browsing a part newest first walks this instead of sorting every matching snippet.
CREATE INDEX IF NOT EXISTS reports_year_town ON reports (year DESC, town);

CREATE TABLE IF NOT EXISTS snippets (
    snippet_id INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    section    TEXT NOT NULL,
    heading    TEXT,
    text       TEXT NOT NULL,
    terms      TEXT NOT NULL,
    passage_id INTEGER  -- the passage of its terms (version 6); set by snippets_join_passage
);
CREATE INDEX IF NOT EXISTS snippets_report ON snippets (report_id, ordinal);
CREATE INDEX IF NOT EXISTS snippets_section ON snippets (section, report_id);

-- A passage is one distinct text of terms (jieba words joined by spaces, so unicode61 only has
-- to split on the spaces). Reports copy boilerplate from each other: each wording is indexed
-- and ranked once, however many snippets share it (copies), and a question over thousands of
-- similar reports ranks distinct passages, not the copies of one.
CREATE TABLE IF NOT EXISTS passages (
    passage_id INTEGER PRIMARY KEY,
    terms      TEXT NOT NULL UNIQUE,
    copies     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS snippets_passage ON snippets (passage_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5 (
    terms,
    content = 'passages',
    content_rowid = 'passage_id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab (passages_fts, 'row');

CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts (rowid, terms) VALUES (new.passage_id, new.terms);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, terms)
    VALUES ('delete', old.passage_id, old.terms);
END;

-- A snippet joins the passage of its terms (made when it is the first copy) and leaves it when
-- it is deleted or its terms change; a passage with no copies left is deleted.
CREATE TRIGGER IF NOT EXISTS snippets_join_passage AFTER INSERT ON snippets BEGIN
    INSERT OR IGNORE INTO passages (terms) VALUES (new.terms);
    UPDATE passages SET copies = copies + 1 WHERE terms = new.terms;
    UPDATE snippets SET passage_id = (SELECT passage_id FROM passages WHERE terms = new.terms)
    WHERE snippet_id = new.snippet_id;
END;
CREATE TRIGGER IF NOT EXISTS snippets_leave_passage AFTER DELETE ON snippets BEGIN
    UPDATE passages SET copies = copies - 1 WHERE passage_id = old.passage_id;
    DELETE FROM passages WHERE passage_id = old.passage_id AND copies <= 0;
END;
CREATE TRIGGER IF NOT EXISTS snippets_change_passage AFTER UPDATE OF terms ON snippets BEGIN
    UPDATE passages SET copies = copies - 1 WHERE passage_id = old.passage_id;
    DELETE FROM passages WHERE passage_id = old.passage_id AND copies <= 0;
    INSERT OR IGNORE INTO passages (terms) VALUES (new.terms);
    UPDATE passages SET copies = copies + 1 WHERE terms = new.terms;
    UPDATE snippets SET passage_id = (SELECT passage_id FROM passages WHERE terms = new.terms)
    WHERE snippet_id = new.snippet_id;
END;

-- Version 2 ----------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS chat_prefs (
    chat_id    INTEGER PRIMARY KEY,
    town       TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE IF NOT EXISTS reminders (
    chat_id      INTEGER NOT NULL,
    deadline_key TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    last_sent_at TEXT,
    PRIMARY KEY (chat_id, deadline_key)
);

CREATE TABLE IF NOT EXISTS query_log (
    query_id  INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    user_id   INTEGER,
    kind      TEXT NOT NULL,
    query     TEXT NOT NULL,
    hits      INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS inbox (
    content_sha  TEXT PRIMARY KEY,
    file_name    TEXT NOT NULL,
    data         BLOB NOT NULL,
    town         TEXT,
    year         INTEGER,
    status       TEXT NOT NULL DEFAULT 'pending',
    received_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Version 3 ----------------------------------------------------------------------------------

-- What built the stored index (the segmenter's dictionary): another one means a rebuild.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Version 4 ----------------------------------------------------------------------------------

-- The checklist topics a snippet speaks to (parse.topics_of); counted and filtered by topic.
CREATE TABLE IF NOT EXISTS snippet_topics (
    topic      TEXT NOT NULL,
    snippet_id INTEGER NOT NULL REFERENCES snippets (snippet_id) ON DELETE CASCADE,
    PRIMARY KEY (topic, snippet_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS snippet_topics_snippet ON snippet_topics (snippet_id);

-- Version 5 ----------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS web_logins (
    token_hash TEXT PRIMARY KEY,
    admin      TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- A signed-in admin's session: only the hash of its token, an absolute expiry, ended at
-- sign-out. The cookie carries the token; a copy of the database opens no session.
CREATE TABLE IF NOT EXISTS web_sessions (
    token_hash TEXT PRIMARY KEY,
    admin      TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
