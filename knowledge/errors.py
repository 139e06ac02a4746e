"""Errors raised by the knowledge layer.

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
    └── DatabaseMissing       the database file vanished while the bot was running
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base of every error the knowledge layer raises on purpose."""


class ReportParseError(KnowledgeError):
    """The text could not be read as a report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnsupportedFile(KnowledgeError):
    """The file's type or content is not one we read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EmptyQuery(KnowledgeError):
    """The query holds nothing to search for."""


class TownNotFound(KnowledgeError):
    """No stored town is close to the given name."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions


class SectionNotFound(KnowledgeError):
    """The section id or name is unknown."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class StoreError(KnowledgeError):
    """The database could not do what was asked."""


class StoreClosed(StoreError):
    """The store is not open."""


class StoreReadOnly(StoreError):
    """The database is open read-only."""


class StoreBusy(StoreError):
    """The database stayed locked past the busy timeout."""


class StoreFull(StoreError):
    """The disk or the database is full."""


class DatabaseMissing(KnowledgeError):
    """The database file vanished or was replaced while running."""


class MaintenanceRefused(KnowledgeError):
    """A backup or restore that would damage something; nothing was written."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
