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
    # Need understanding's model, trained by `index rebuild` (indexer/understanding/need.py).
    NEED_MODEL_PATH = os.environ.get("NEED_MODEL_PATH", str(INSTANCE / "need-model.json"))
    OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
    OPENSEARCH_INDEX = os.environ.get("OPENSEARCH_INDEX", "portail211-services")
    OPENSEARCH_TIMEOUT_SECONDS = float(os.environ.get("OPENSEARCH_TIMEOUT_SECONDS", "2"))
    # Replicas of a rebuilt index (1: every document on two nodes; 0 for a single node).
    OPENSEARCH_REPLICAS = int(os.environ.get("OPENSEARCH_REPLICAS", "1"))
    # gzip between the portal and OpenSearch: worth it only for a cluster far away.
    OPENSEARCH_HTTP_COMPRESS = _bool("OPENSEARCH_HTTP_COMPRESS", False)
    # With SEARCH_ENGINE=opensearch: answer from the embedded index at INDEX_PATH when OpenSearch is
    # down or slower than OPENSEARCH_TIMEOUT_SECONDS, and skip it for this long before probing again.
    SEARCH_FAILOVER = _bool("SEARCH_FAILOVER", True)
    SEARCH_FAILOVER_COOLDOWN_SECONDS = float(os.environ.get("SEARCH_FAILOVER_COOLDOWN_SECONDS", "30"))
    BABEL_DEFAULT_LOCALE = "fr"  # the interface languages are portal/locales.py
    # The 211 line and chat shown on every page.
    HELP_PHONE = os.environ.get("HELP_PHONE", "211")
    HELP_CHAT_URL = os.environ.get("HELP_CHAT_URL", "https://www.211qc.ca/")
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    CACHE_SECONDS = int(os.environ.get("CACHE_SECONDS", "300"))
    # Production (portal/security.py). Behind a reverse proxy that sets X-Forwarded-Proto/-For/-Host,
    # set PROXY_FIX_HOPS to the number of proxies (usually 1): only then are those headers trusted
    # (TLS detection for HSTS, client address for the API rate limit). 0 = no proxy, ignore them.
    PROXY_FIX_HOPS = int(os.environ.get("PROXY_FIX_HOPS", "0"))
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))  # sent over TLS only
    # gzip from the portal itself (portal/compression.py): 0 when a compressing proxy does it instead.
    COMPRESSION = _bool("COMPRESSION", True)
    COMPRESSION_LEVEL = int(os.environ.get("COMPRESSION_LEVEL", "6"))  # zlib 1-9, measured there
    COMPRESSION_MIN_BYTES = int(os.environ.get("COMPRESSION_MIN_BYTES", "1024"))
    DEMO_SERVICES = int(os.environ.get("DEMO_SERVICES", "15000"))
    # E-mail (the freshness loop's reminders and outcomes, portal/mail.py): a plain SMTP server.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Portail 211 <noreply@localhost>")
    # The portal's public address, for links sent by e-mail (no request to read it from).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://localhost:5000")
    # Organizations' update links (portal/outreach): how long a new one lasts, and throttles.
    OUTREACH_LINK_DAYS = int(os.environ.get("OUTREACH_LINK_DAYS", "30"))
    OUTREACH_PAGE_RATE_LIMIT = os.environ.get("OUTREACH_PAGE_RATE_LIMIT", "300/hour")  # per link
    OUTREACH_POST_RATE_LIMIT = os.environ.get("OUTREACH_POST_RATE_LIMIT", "60/hour")  # per link
    OUTREACH_CLIENT_RATE_LIMIT = os.environ.get("OUTREACH_CLIENT_RATE_LIMIT", "60/minute")  # per client
    # Attempts at an outcome e-mail (the first at the decision, then one per daily `outreach remind`).
    OUTREACH_OUTCOME_ATTEMPTS = int(os.environ.get("OUTREACH_OUTCOME_ATTEMPTS", "5"))
