"""What the web page needs to know beyond the knowledge base (read from settings by bot/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Options of the web channel."""

    base_url: str = "http://127.0.0.1:8080"  # what sign-in links start with
    access_code: str = ""  # when set, every page asks for it once per browser
    rate_count: int = 30  # requests per client …
    rate_seconds: float = 10.0  # … in this window
    login_valid: dt.timedelta = dt.timedelta(minutes=15)
    session_hours: int = 12
    https_only: bool = False  # cookies only over HTTPS (set behind a TLS proxy)
