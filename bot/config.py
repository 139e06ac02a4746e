"""Settings: the only place that reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

DEFAULT_WEB_PORT: Final = 8080


class SettingsError(ValueError):
    """A setting has a value we cannot use."""


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One environment setting: its name, default and meaning."""

    env: str
    default: str
    help: str


SETTINGS: Final[tuple[SettingSpec, ...]] = (
    SettingSpec("TELEGRAM_BOT_TOKEN", "", "BotFather 给的令牌；为空时在终端里对话"),
    SettingSpec("TOWNSHIP_BOT_DB", "data/township.db", "SQLite 数据库文件路径"),
    SettingSpec(
        "TOWNSHIP_BOT_ADMINS", "", "管理员的 Telegram 用户 ID，逗号分隔（可上传报告、看统计）"
    ),
    SettingSpec("TOWNSHIP_BOT_ALLOWED", "", "允许使用本机器人的用户 ID，逗号分隔；为空表示所有人"),
    SettingSpec(
        "TELEGRAM_API_BASE_URL", "", "自建 Bot API 服务器地址，如 http://127.0.0.1:8081/bot"
    ),
    SettingSpec("TELEGRAM_API_BASE_FILE_URL", "", "文件下载地址；默认由上一项推出（…/file/bot）"),
    SettingSpec("TOWNSHIP_BOT_WEBHOOK_URL", "", "Webhook 公网地址；为空时用轮询（polling）"),
    SettingSpec(
        "TOWNSHIP_BOT_WEBHOOK_SECRET", "", "Webhook 的 secret token（1–256 位字母数字、_ 或 -）"
    ),
    SettingSpec("TOWNSHIP_BOT_WEBHOOK_LISTEN", "127.0.0.1", "Webhook 本地监听地址"),
    SettingSpec("TOWNSHIP_BOT_WEBHOOK_PORT", "8443", "Webhook 本地监听端口"),
    SettingSpec("TOWNSHIP_BOT_READ_ONLY", "0", "1 表示以只读方式打开数据库（只能查询）"),
    SettingSpec("TOWNSHIP_BOT_RATE_LIMIT", "5/10", "每位用户的频率上限：次数/秒数"),
    SettingSpec("TOWNSHIP_BOT_LOG_LEVEL", "INFO", "日志级别：DEBUG、INFO、WARNING、ERROR"),
    SettingSpec("TOWNSHIP_BOT_WATCHDOG_SECONDS", "30", "每隔多少秒检查数据库文件是否还在"),
    SettingSpec(
        "TOWNSHIP_BOT_WEB_PORT", "", "网页端口；设置后 serve 在同一进程里同时提供网页（如 8080）"
    ),
    SettingSpec(
        "TOWNSHIP_BOT_WEB_HOST", "127.0.0.1", "网页监听地址（放在 nginx 后面时保持 127.0.0.1）"
    ),
    SettingSpec(
        "TOWNSHIP_BOT_WEB_URL", "", "网页对外地址（管理员登录链接用）；默认 http://监听地址:端口"
    ),
    SettingSpec("TOWNSHIP_BOT_WEB_ACCESS_CODE", "", "网页访问码；设置后每个浏览器首次访问要输入"),
    SettingSpec(
        "TOWNSHIP_BOT_WEB_PROXY",
        "",
        "可信反向代理的地址，逗号分隔；只信任它们发来的 X-Forwarded-*",
    ),
    SettingSpec("TOWNSHIP_BOT_WEB_RATE_LIMIT", "30/10", "网页每个客户端的频率上限：次数/秒数"),
)


def settings_help() -> str:
    """The environment settings with their defaults and meanings (the CLI's --help epilog)."""
    lines = ["环境变量（设置）："]
    for spec in SETTINGS:
        default = f"（默认 {spec.default}）" if spec.default else ""
        lines.append(f"  {spec.env}{default}\n      {spec.help}")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Settings:
    """Runtime configuration. Every default lives in SETTINGS: `load_settings({})` is the
    default configuration."""

    token: str
    db_path: Path
    admins: frozenset[int]
    allowed: frozenset[int]
    api_base_url: str
    api_base_file_url: str
    webhook_url: str
    webhook_secret: str
    webhook_listen: str
    webhook_port: int
    read_only: bool
    rate_limit_count: int
    rate_limit_seconds: float
    log_level: str
    watchdog_seconds: float
    web_port: int | None
    web_host: str
    web_url: str
    web_access_code: str
    web_proxies: tuple[str, ...]
    web_rate_count: int
    web_rate_seconds: float

    @property
    def web_base_url(self) -> str:
        """What the page's links start with: given, or the address it listens on."""
        return self.web_url.rstrip("/") or f"http://{self.web_host}:{self.page_port}"

    @property
    def page_port(self) -> int:
        """The page's port: TOWNSHIP_BOT_WEB_PORT, or DEFAULT_WEB_PORT where a page is opened
        without one (`python -m bot web`, `make run` without a token)."""
        return self.web_port or DEFAULT_WEB_PORT

    @property
    def file_base_url(self) -> str:
        """Where files are downloaded from: given, or derived from the API base URL."""
        if self.api_base_file_url:
            return self.api_base_file_url
        if self.api_base_url.endswith("/bot"):
            return self.api_base_url[: -len("/bot")] + "/file/bot"
        return ""

    def with_db(self, path: str | Path | None) -> Settings:
        """A copy with another database path."""
        if path is None:
            return self
        return replace(self, db_path=Path(path))


def _ids(env: str, raw: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as exc:
        raise SettingsError(f"{env} 应为逗号分隔的数字用户 ID，现为：{raw!r}") from exc


def _rate(values: Mapping[str, str], env: str) -> tuple[int, float]:
    """'5/10' → 5 per 10 seconds; '5' alone means 5 per the default window."""
    spec = next(s for s in SETTINGS if s.env == env)
    count, _, seconds = values[env].partition("/")
    return int(count), float(seconds or spec.default.partition("/")[2])


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment; a malformed value fails fast, in Chinese."""
    env = os.environ if environ is None else environ
    values = {spec.env: env.get(spec.env, "").strip() or spec.default for spec in SETTINGS}
    try:
        rate_count, rate_seconds = _rate(values, "TOWNSHIP_BOT_RATE_LIMIT")
        port = int(values["TOWNSHIP_BOT_WEBHOOK_PORT"])
        watchdog = float(values["TOWNSHIP_BOT_WATCHDOG_SECONDS"])
        web_port = (
            int(values["TOWNSHIP_BOT_WEB_PORT"]) if values["TOWNSHIP_BOT_WEB_PORT"] else None
        )
        web_rate = _rate(values, "TOWNSHIP_BOT_WEB_RATE_LIMIT")
    except ValueError as exc:
        raise SettingsError(f"设置格式有误：{exc}") from exc
    level = values["TOWNSHIP_BOT_LOG_LEVEL"].upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"TOWNSHIP_BOT_LOG_LEVEL 无效：{level}")
    secret = values["TOWNSHIP_BOT_WEBHOOK_SECRET"]
    # Without a secret anyone who finds the webhook address could post updates "from" an admin.
    if values["TOWNSHIP_BOT_WEBHOOK_URL"] and not secret:
        raise SettingsError(
            "使用 Webhook（TOWNSHIP_BOT_WEBHOOK_URL）时必须设置 TOWNSHIP_BOT_WEBHOOK_SECRET"
        )
    if secret and not (
        len(secret) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-") for c in secret)
    ):
        raise SettingsError(
            "TOWNSHIP_BOT_WEBHOOK_SECRET 只能包含字母、数字、_ 和 -（最多 256 位）"
        )
    return Settings(
        token=values["TELEGRAM_BOT_TOKEN"],
        db_path=Path(values["TOWNSHIP_BOT_DB"]),
        admins=_ids("TOWNSHIP_BOT_ADMINS", values["TOWNSHIP_BOT_ADMINS"]),
        allowed=_ids("TOWNSHIP_BOT_ALLOWED", values["TOWNSHIP_BOT_ALLOWED"]),
        api_base_url=values["TELEGRAM_API_BASE_URL"],
        api_base_file_url=values["TELEGRAM_API_BASE_FILE_URL"],
        webhook_url=values["TOWNSHIP_BOT_WEBHOOK_URL"],
        webhook_secret=secret,
        webhook_listen=values["TOWNSHIP_BOT_WEBHOOK_LISTEN"],
        webhook_port=port,
        read_only=values["TOWNSHIP_BOT_READ_ONLY"] in ("1", "true", "yes"),
        rate_limit_count=rate_count,
        rate_limit_seconds=rate_seconds,
        log_level=level,
        watchdog_seconds=watchdog,
        web_port=web_port,
        web_host=values["TOWNSHIP_BOT_WEB_HOST"],
        web_url=values["TOWNSHIP_BOT_WEB_URL"],
        web_access_code=values["TOWNSHIP_BOT_WEB_ACCESS_CODE"],
        web_proxies=tuple(
            p.strip() for p in values["TOWNSHIP_BOT_WEB_PROXY"].split(",") if p.strip()
        ),
        web_rate_count=web_rate[0],
        web_rate_seconds=web_rate[1],
    )
