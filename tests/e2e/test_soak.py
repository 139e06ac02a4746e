"""Soak: two thousand mixed messages from many users at once; all answered, DB intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakebot import FakeBotApi
from tests.soak import soak


@pytest.mark.slow
async def test_soak_every_message_answered_and_database_intact(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    result = await soak(fake_api, seeded_db_path, messages=2000, timeout=300)
    assert result.answered == result.messages
    assert result.integrity == "ok"
    assert result.apologies == 0
