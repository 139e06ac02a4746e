"""Second-round hostile findings that live in the knowledge layer, on real SQLite files."""

from __future__ import annotations

from pathlib import Path

from knowledge import inbox
from knowledge.segment import Segmenter
from knowledge.service import Knowledge
from tests.conftest import corpus_text


def _version(n: int) -> bytes:
    text = corpus_text("001").replace("拾万镇", "百福镇").replace("拾万", "百福")
    return text.replace("受理信访案件34宗", f"受理信访案件{30 + n}宗").encode("utf-8")


async def test_an_older_pending_upload_never_replaces_a_newer_report(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    # R1: version 1 was confirmed while the disk was full, so it stayed pending in the inbox;
    # version 2 was then added. The next start must not put version 1 back over version 2.
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        first = await kb.preview_upload(_version(1))
        await inbox.put(kb.store, _version(1), name="v1.txt", town=first.town, year=first.year)
        second = await kb.preview_upload(_version(2))
        assert (await kb.store_upload(_version(2), name="v2.txt", parsed=second)).status in (
            "added",
            "replaced",
        )
    finally:
        await kb.close()
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)  # the next start
    try:
        [dropped] = await kb.finish_inbox()
        assert dropped.status == "error" and "更新的版本" in (dropped.error or "")
        answer = await kb.ask("百福镇 受理信访案件")
        assert any("受理信访案件32宗" in h.snippet.text for h in answer.hits)
        assert not any("受理信访案件31宗" in h.snippet.text for h in answer.hits)
        assert await inbox.pending(kb.store) == []
    finally:
        await kb.close()


async def test_a_pending_upload_with_nothing_newer_is_finished(
    seeded_db_path: Path, segmenter: Segmenter
) -> None:
    kb = await Knowledge.open(seeded_db_path, segmenter=segmenter)
    try:
        first = await kb.preview_upload(_version(1))
        await inbox.put(kb.store, _version(1), name="v1.txt", town=first.town, year=first.year)
        [finished] = await kb.finish_inbox()
        assert finished.status == "added" and finished.town == "百福镇"
    finally:
        await kb.close()
