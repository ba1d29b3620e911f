"""All configuration in one place: environment variables with safe local defaults.

Units are in the names. `create_app(config)` accepts a mapping that overrides any of these (tests).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("PORTAL_INSTANCE_PATH", ROOT / "instance"))


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'portail211.sqlite'}")
    # "embedded" (tantivy, no server) or "opensearch" (needs OPENSEARCH_URL).
    SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "embedded")
    INDEX_PATH = os.environ.get("INDEX_PATH", str(INSTANCE / "index"))
    OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
    OPENSEARCH_INDEX = os.environ.get("OPENSEARCH_INDEX", "portail211-services")
    OPENSEARCH_TIMEOUT_SECONDS = float(os.environ.get("OPENSEARCH_TIMEOUT_SECONDS", "2"))
    BABEL_DEFAULT_LOCALE = "fr"
    LANGUAGES = ("fr", "en")
    # The 211 line and chat shown on every page.
    HELP_PHONE = os.environ.get("HELP_PHONE", "211")
    HELP_CHAT_URL = os.environ.get("HELP_CHAT_URL", "https://www.211qc.ca/")
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    CACHE_SECONDS = int(os.environ.get("CACHE_SECONDS", "300"))
    DEMO_SERVICES = int(os.environ.get("DEMO_SERVICES", "15000"))
