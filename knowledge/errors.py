"""Errors raised by the knowledge layer: each carries a code and fields, never a sentence.

The chat core words each code (handlers/texts.py, ERROR_TEXTS); logs show the code and fields.

Exception tree::

    KnowledgeError
    ├── ReportParseError      the text is not a report we can read
    ├── UnsupportedFile       the file type or content cannot be read at all
    ├── EmptyQuery            the query has no searchable words
    ├── TownNotFound          no known town is close to the name given
    ├── SectionNotFound       the section id or name is unknown
    ├── StoreError            the database cannot do what was asked
    │   ├── StoreClosed       the store is not open
    │   ├── StoreReadOnly     the database is open read-only
    │   ├── StoreBusy         the database stayed locked past the busy timeout
    │   └── StoreFull         the disk or the database is full
    ├── DatabaseMissing       the database file vanished while the bot was running
    └── MaintenanceRefused    a backup or restore that would damage something
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar


class ErrorCode(StrEnum):
    """Why something failed; stable identifiers (they appear in JSON as `error_code`)."""

    FAILED = "failed"
    # Reading a file
    FILE_TOO_LARGE = "file_too_large"
    FILE_EMPTY = "file_empty"
    LEGACY_OR_ENCRYPTED = "legacy_or_encrypted"
    UNSUPPORTED_KIND = "unsupported_kind"  # kind
    BINARY_CONTENT = "binary_content"
    UNKNOWN_ENCODING = "unknown_encoding"
    BAD_ENCODING = "bad_encoding"
    DOCX_UNREADABLE = "docx_unreadable"
    NOT_A_DOCX = "not_a_docx"
    DOCX_TOO_MANY_PARTS = "docx_too_many_parts"
    DOCX_TOO_LARGE_UNPACKED = "docx_too_large_unpacked"
    NOT_WORD = "not_word"
    FILE_UNREADABLE = "file_unreadable"
    NOT_A_FILE = "not_a_file"
    TOO_HEAVY = "too_heavy"
    # Parsing
    NO_TEXT = "no_text"
    NO_TOWN = "no_town"
    NO_YEAR = "no_year"
    DRAFT_TOO_SHORT = "draft_too_short"
    # Storing
    READ_ONLY = "read_only"
    STORE_FULL = "store_full"
    STORE_BUSY = "store_busy"
    STORE_CLOSED = "store_closed"
    STORE_FAILED = "store_failed"
    UPLOAD_KEPT = "upload_kept"
    SUPERSEDED = "superseded"  # town, year
    DATABASE_MISSING = "database_missing"
    # Lookups
    EMPTY_QUERY = "empty_query"
    TOWN_NOT_FOUND = "town_not_found"  # name, suggestions
    SECTION_NOT_FOUND = "section_not_found"  # name
    # Maintenance
    BACKUP_IS_LINK = "backup_is_link"  # dest
    BACKUP_IS_DATABASE = "backup_is_database"  # dest
    BACKUP_EXISTS = "backup_exists"  # dest, kind (file or special)
    BACKUP_FOREIGN_OBJECTS = "backup_foreign_objects"  # names


class ParseWarning(StrEnum):
    """Notes on a report that was read anyway (ParsedReport.warnings)."""

    NO_HEADINGS = "no_headings"


class KnowledgeError(Exception):
    """Base of every error the knowledge layer raises on purpose.

    Args:
        detail: for logs only (a path, SQLite's message); never shown to a user.
        code: why; each class has its usual one.
        fields: what the wording of the code needs (a file kind, a town name).
    """

    default_code: ClassVar[ErrorCode] = ErrorCode.FAILED

    def __init__(
        self, detail: str = "", *, code: ErrorCode | None = None, **fields: str | int
    ) -> None:
        self.code = code or self.default_code
        self.fields = fields
        super().__init__(detail or f"{self.code}{fields or ''}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross from worker processes: keep the code and fields, whatever __init__ takes.
        return (_restore, (type(self), str(self), dict(self.__dict__)))


def _restore(cls: type[KnowledgeError], detail: str, state: dict[str, Any]) -> KnowledgeError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, detail)
    exc.__dict__.update(state)
    return exc


class ReportParseError(KnowledgeError):
    """The text could not be read as a report."""

    default_code = ErrorCode.NO_TEXT


class UnsupportedFile(KnowledgeError):
    """The file's type or content is not one we read."""

    default_code = ErrorCode.FILE_UNREADABLE


class EmptyQuery(KnowledgeError):
    """The query holds nothing to search for."""

    default_code = ErrorCode.EMPTY_QUERY


class TownNotFound(KnowledgeError):
    """No stored town is close to the given name."""

    default_code = ErrorCode.TOWN_NOT_FOUND

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(name, name=name, suggestions="、".join(suggestions))
        self.name = name
        self.suggestions = suggestions


class SectionNotFound(KnowledgeError):
    """The section id or name is unknown."""

    default_code = ErrorCode.SECTION_NOT_FOUND

    def __init__(self, name: str) -> None:
        super().__init__(name, name=name)
        self.name = name


class StoreError(KnowledgeError):
    """The database could not do what was asked."""

    default_code = ErrorCode.STORE_FAILED


class StoreClosed(StoreError):
    """The store is not open."""

    default_code = ErrorCode.STORE_CLOSED


class StoreReadOnly(StoreError):
    """The database is open read-only."""

    default_code = ErrorCode.READ_ONLY


class StoreBusy(StoreError):
    """The database stayed locked past the busy timeout."""

    default_code = ErrorCode.STORE_BUSY


class StoreFull(StoreError):
    """The disk or the database is full."""

    default_code = ErrorCode.STORE_FULL


class DatabaseMissing(KnowledgeError):
    """The database file vanished or was replaced while running."""

    default_code = ErrorCode.DATABASE_MISSING


class MaintenanceRefused(KnowledgeError):
    """A backup or restore that would damage something; nothing was written."""
