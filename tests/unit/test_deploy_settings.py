"""Settings as deployed: deploy/env.example ships placeholders only and names every setting, and
a malformed setting stops the start with a Chinese message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import SETTINGS, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_env_example_has_placeholders_only_and_every_setting() -> None:
    env = read_env_file(ROOT / "deploy" / "env.example")
    assert env["TELEGRAM_BOT_TOKEN"] == "" and env["TOWNSHIP_BOT_ADMINS"] == ""
    assert not any(re.fullmatch(r"\d{6,}:[\w-]{20,}", v) for v in env.values())
    assert {spec.env for spec in SETTINGS} == set(env)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TOWNSHIP_BOT_ADMINS": "12,abc"}, "TOWNSHIP_BOT_ADMINS 应为逗号分隔的数字用户 ID"),
        ({"TOWNSHIP_BOT_RATE_LIMIT": "x/10"}, "设置格式有误"),
        ({"TOWNSHIP_BOT_LOG_LEVEL": "LOUD"}, "TOWNSHIP_BOT_LOG_LEVEL 无效"),
        ({"TOWNSHIP_BOT_WEBHOOK_SECRET": "有空格 的"}, "只能包含字母、数字、_ 和 -"),
        (
            {"TOWNSHIP_BOT_WEBHOOK_URL": "https://bot.example/hook"},
            "必须设置 TOWNSHIP_BOT_WEBHOOK_SECRET",
        ),
    ],
)
def test_malformed_setting_fails_fast_in_chinese(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)
