"""Per-client rate limit of the API (Flask-Limiter, in-memory storage).

Privacy (DESIGN.md decision 9): the client's address is only ever used as a rate-limit key, and
never as itself: the key is an HMAC of the address under a random secret made at start-up and held
in memory only, so the limiter's storage and its log line on a breach ("ratelimit … (key) exceeded")
hold an opaque token that cannot be turned back into an address, and that changes at every restart.
Nothing here configures access logs; whoever runs the server must keep them free of addresses
(gunicorn: no `--access-logfile`, or a format without `%(h)s`).

Limits come from API_RATE_LIMIT (e.g. "120/minute"), read on every request so tests (and an
operator through the config) can change it. A breach answers 429 JSON with `Retry-After`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Blueprint, Flask, current_app, request

_SECRET = secrets.token_bytes(32)


def client_key() -> str:
    address = request.remote_addr or "unknown"
    return hmac.new(_SECRET, address.encode(), hashlib.sha256).hexdigest()[:32]


def _limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def init_app(app: Flask, blueprint: Blueprint) -> None:
    from flask_limiter import Limiter

    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter = app.extensions.get("limiter")
    if isinstance(limiter, set):  # Flask-Limiter keeps a set of instances
        limiter = next(iter(limiter), None)
    if limiter is None:
        limiter = Limiter(key_func=client_key, app=app, default_limits=[],
                          storage_uri=app.config["RATELIMIT_STORAGE_URI"])
    limiter.limit(_limit, key_func=client_key)(blueprint)
