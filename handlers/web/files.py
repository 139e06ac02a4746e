"""Files made for one visitor (a skeleton, an annotated draft), kept briefly for download."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from typing import Final

from knowledge.models import Document

KEEP_SECONDS: Final = 15 * 60
MAX_FILES: Final = 64  # the oldest go first: memory stays bounded however many ask


class FileShelf:
    """Documents by an unguessable token, for KEEP_SECONDS."""

    def __init__(self) -> None:
        self._files: OrderedDict[str, tuple[float, Document]] = OrderedDict()

    def put(self, document: Document) -> str:
        """Keep a document; its token is the only way to fetch it."""
        self._drop_old()
        token = secrets.token_urlsafe(16)
        self._files[token] = (time.monotonic(), document)
        while len(self._files) > MAX_FILES:
            self._files.popitem(last=False)
        return token

    def get(self, token: str) -> Document | None:
        """The document, while it is kept."""
        self._drop_old()
        found = self._files.get(token)
        return found[1] if found else None

    def _drop_old(self) -> None:
        limit = time.monotonic() - KEEP_SECONDS
        while self._files and next(iter(self._files.values()))[0] < limit:
            self._files.popitem(last=False)
