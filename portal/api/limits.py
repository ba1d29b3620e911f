"""Per-client rate limit of the API (Flask-Limiter, in-memory storage).

Privacy (docs/architecture.md, decision 9): the client's address is only ever used as a rate-limit
key, and never as itself: the key is an HMAC of the address under a random secret made at start-up
and held in memory only, so the limiter's storage and its log line on a breach ("ratelimit … (key)
exceeded") hold an opaque token that cannot be turned back into an address, and that changes at
every restart. Nothing here configures access logs; whoever runs the server must keep them free of
addresses (gunicorn: no `--access-logfile`, or a format without `%(h)s`).

The in-memory storage is `limits`' MemoryStorage with one change: its housekeeping (dropping expired
counters) runs on one long-lived daemon thread, once a second. The stock storage starts a new
`threading.Timer` on a request whenever the last one has finished (10 ms after it started), and
`Thread.start()` waits for the new thread to run: on a loaded machine that wait was the largest
part of an API request's latency. Counting is unchanged (expired counters are also dropped when
read).

Limits come from API_RATE_LIMIT (e.g. "120/minute"), read on every request so tests (and an
operator through the config) can change it. A breach answers 429 JSON with `Retry-After`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
import weakref

from flask import Blueprint, Flask, current_app, request

_SECRET = secrets.token_bytes(32)
MEMORY_URI = "portal-memory://"
HOUSEKEEPING_SECONDS = 1.0


def _storage_class():
    from limits.storage import MemoryStorage

    class DaemonMemoryStorage(MemoryStorage):
        """MemoryStorage whose expiry runs on one daemon thread, not a Timer per request."""

        STORAGE_SCHEME = ["portal-memory"]

        def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
            self._housekeeper: threading.Thread | None = None
            self._housekeeper_lock = threading.Lock()
            super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

        def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the Timer per request
            if self._housekeeper is not None:
                return
            with self._housekeeper_lock:
                if self._housekeeper is None:
                    thread = threading.Thread(target=_housekeep, args=(weakref.ref(self),),
                                              name="rate-limit-expiry", daemon=True)
                    thread.start()
                    self._housekeeper = thread

        def __getstate__(self):
            state = super().__getstate__()
            state.pop("_housekeeper", None)
            state.pop("_housekeeper_lock", None)
            return state

        def __setstate__(self, state) -> None:
            super().__setstate__(state)
            self._housekeeper = None
            self._housekeeper_lock = threading.Lock()

    return DaemonMemoryStorage


def _housekeep(ref) -> None:
    while True:
        time.sleep(HOUSEKEEPING_SECONDS)
        storage = ref()
        if storage is None:  # the app (and its limiter) is gone
            return
        storage._MemoryStorage__expire_events()
        del storage


_storage_class()  # registers the "portal-memory" scheme with `limits`


def client_key() -> str:
    address = request.remote_addr or "unknown"
    return hmac.new(_SECRET, address.encode(), hashlib.sha256).hexdigest()[:32]


def _limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def init_app(app: Flask, blueprint: Blueprint) -> None:
    from flask_limiter import Limiter

    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    if app.config.setdefault("RATELIMIT_STORAGE_URI", MEMORY_URI) == "memory://":
        app.config["RATELIMIT_STORAGE_URI"] = MEMORY_URI  # the same storage, quieter (see above)
    limiter = app.extensions.get("limiter")
    if isinstance(limiter, set):  # Flask-Limiter keeps a set of instances
        limiter = next(iter(limiter), None)
    if limiter is None:
        limiter = Limiter(key_func=client_key, app=app, default_limits=[],
                          storage_uri=app.config["RATELIMIT_STORAGE_URI"])
    limiter.limit(_limit, key_func=client_key)(blueprint)
