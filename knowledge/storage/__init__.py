"""Storage: the only package that holds SQL (schema and migrations, reports, snippets and FTS5,
user state, the upload inbox, the usage log, backup/restore/health)."""
