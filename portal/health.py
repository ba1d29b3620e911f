"""Probes for the load balancer and the process supervisor.

* `/healthz` — liveness: the process is up and a worker answers. Always 200, touches nothing else
  (no database, no engine): a database outage must not make the supervisor restart healthy
  workers in a loop.
* `/readyz` — readiness: may this instance get traffic? The database answers a `SELECT 1` and the
  search engine can answer searches. 200 or 503, JSON naming the part that failed.
  With SEARCH_ENGINE=opensearch and failover on, OpenSearch down but the embedded index present is
  *ready and degraded* (searches answer from the fallback); both down is not ready.

Neither probe is localized, logged to the query log, cached or rate limited. Failure details
(paths, hosts, messages) go to the server log, not to the response.
"""

from __future__ import annotations

import logging
import time

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import text

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz():
    return _no_store(jsonify(status="alive"))


def check_database() -> dict:
    from directory.db import engine_for

    started = time.perf_counter()
    try:
        with engine_for(current_app.config["DATABASE_URL"]).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - a probe reports, it never raises
        log.warning("readyz: database unreachable: %s", error)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_search() -> dict:
    from portal import search_service

    started = time.perf_counter()
    try:
        health, degraded = search_service.serving_health()
    except Exception as error:  # noqa: BLE001
        log.warning("readyz: search engine failed: %s", error)
        return {"ok": False, "error": type(error).__name__}
    result = {"ok": bool(health.ok and health.documents), "engine": health.engine,
              "documents": health.documents, "degraded": degraded,
              "ms": round((time.perf_counter() - started) * 1000, 1)}
    if not result["ok"]:
        log.warning("readyz: search engine not ready: %s", health.detail)
        result["error"] = "no index" if health.ok else "unavailable"
    return result


@bp.get("/readyz")
def readyz():
    checks = {"database": check_database(), "search": check_search()}
    failed = sorted(name for name, check in checks.items() if not check["ok"])
    body = {"status": "unready" if failed else "ready", "failed": failed, "checks": checks}
    return _no_store(jsonify(body)), 503 if failed else 200


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
