"""Files made for one visitor (a skeleton, an annotated draft), kept briefly for download.

Each visitor has a small shelf of their own: another visitor's requests can neither fetch nor
push out their files, and memory stays bounded however many visit.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from typing import Final

from knowledge.models import Document

KEEP_SECONDS: Final = 15 * 60
PER_VISITOR: Final = 6
MAX_VISITORS: Final = 200


class FileShelf:
    """Documents by owner and unguessable token, for KEEP_SECONDS."""

    def __init__(self) -> None:
        self._shelves: OrderedDict[str, OrderedDict[str, tuple[float, Document]]] = OrderedDict()

    def put(self, document: Document, *, owner: str) -> str:
        """Keep a document for its owner; its token is the way to fetch it."""
        self._drop_old()
        shelf = self._shelves.pop(owner, OrderedDict())
        token = secrets.token_urlsafe(16)
        shelf[token] = (time.monotonic(), document)
        while len(shelf) > PER_VISITOR:
            shelf.popitem(last=False)
        self._shelves[owner] = shelf
        while len(self._shelves) > MAX_VISITORS:
            self._shelves.popitem(last=False)
        return token

    def get(self, token: str, *, owner: str) -> Document | None:
        """The owner's document, while it is kept."""
        self._drop_old()
        found = self._shelves.get(owner, OrderedDict()).get(token)
        return found[1] if found else None

    def _drop_old(self) -> None:
        limit = time.monotonic() - KEEP_SECONDS
        for owner in list(self._shelves):
            shelf = self._shelves[owner]
            for token in [t for t, (at, _) in shelf.items() if at < limit]:
                del shelf[token]
            if not shelf:
                del self._shelves[owner]
