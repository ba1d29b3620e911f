"""Needs area: the public dashboard of needs and unmet needs, its charts and its open data.

One blueprint, three kinds of response: full pages (dashboard, data dictionary), SVG charts
(`<img>` sources, so pages work without JavaScript and charts need no inline script or style) and
downloads (CSV, JSON). Everything is read from the roll-ups through `needs.report`.

`init_query_log` (an app-factory step) gives the app its `needs.log.QueryLog`, which the search
service (portal/search_service.py) feeds with every reader's search, with the engine's request and
response only, never the HTTP request. Views do not log searches themselves.
"""

from __future__ import annotations

import os
import threading

from flask import Flask, current_app


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DEFAULTS = {
    # How often the query log's writer thread checks whether the index was rebuilt (its vocabulary).
    "NEEDS_VOCABULARY_CHECK_SECONDS": float(os.environ.get("NEEDS_VOCABULARY_CHECK_SECONDS", "60")),
    # Where the query log lives; empty means the directory database (DATABASE_URL).
    "NEEDS_DATABASE_URL": os.environ.get("NEEDS_DATABASE_URL", ""),
    "NEEDS_LOG_ENABLED": _env_bool("NEEDS_LOG_ENABLED", True),
    "NEEDS_LOG_FLUSH_SECONDS": float(os.environ.get("NEEDS_LOG_FLUSH_SECONDS", "1")),
    "NEEDS_LOG_BATCH": int(os.environ.get("NEEDS_LOG_BATCH", "500")),
    "NEEDS_LOG_MAX_QUEUE": int(os.environ.get("NEEDS_LOG_MAX_QUEUE", "10000")),
    # Days of raw searches `needs purge` keeps (needs/retention.py); the roll-ups are kept.
    "NEEDS_RAW_RETENTION_DAYS": int(os.environ.get("NEEDS_RAW_RETENTION_DAYS", "365")),
    # How long the dashboard reuses the figures it read from the roll-ups.
    "NEEDS_CACHE_SECONDS": float(os.environ.get("NEEDS_CACHE_SECONDS", "60")),
    # How long the supply-and-demand view reuses its count of the directory's active services.
    "NEEDS_SUPPLY_CACHE_SECONDS": float(os.environ.get("NEEDS_SUPPLY_CACHE_SECONDS", "300")),
    # Read the roll-ups and fit the forecasts in a background thread at start-up, so the first
    # visitor does not wait for them (never blocks start-up; off under TESTING unless set).
    "NEEDS_WARM_ON_START": (None if os.environ.get("NEEDS_WARM_ON_START") is None
                            else _env_bool("NEEDS_WARM_ON_START", True)),
}


def database_url(app: Flask | None = None) -> str:
    config = (app or current_app).config
    return config.get("NEEDS_DATABASE_URL") or config["DATABASE_URL"]


def index_version(app: Flask) -> str:
    """The live search index's version (a rebuild changes it), or '' when there is no index."""
    from indexer.factory import engine_from_config

    health = engine_from_config(app.config).health()
    return (health.index or "") if health.ok else ""


def init_query_log(app: Flask) -> None:
    from needs.log import QueryLog
    from needs.report import CubeCache
    from needs.supply import SupplyCache
    from needs.vocabulary import VocabularyCache, documents_from

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions["query_log"] = QueryLog(
        database_url(app),
        flush_seconds=app.config["NEEDS_LOG_FLUSH_SECONDS"],
        batch_size=app.config["NEEDS_LOG_BATCH"],
        max_queue=app.config["NEEDS_LOG_MAX_QUEUE"],
        enabled=app.config["NEEDS_LOG_ENABLED"],
        # The words it may keep: the index's vocabulary, re-read after a rebuild (needs/vocabulary.py).
        vocabulary=VocabularyCache(documents=lambda: documents_from(app.config["DATABASE_URL"]),
                                   version=lambda: index_version(app),
                                   check_seconds=app.config["NEEDS_VOCABULARY_CHECK_SECONDS"]),
    )
    app.extensions["needs_cube_cache"] = CubeCache(app.config["NEEDS_CACHE_SECONDS"])
    app.extensions["needs_supply_cache"] = SupplyCache(app.config["NEEDS_SUPPLY_CACHE_SECONDS"])


def _cli_command() -> bool:
    """Whether the app was made for a `flask …` command other than `run` (nobody will visit it)."""
    import click

    ctx = click.get_current_context(silent=True)
    while ctx is not None and ctx.parent is not None and ctx.info_name != "run":
        ctx = ctx.parent
    return ctx is not None and ctx.info_name != "run"


def _warm(app: Flask) -> None:
    """The default dashboard's figures (cube, unmet needs, alerts, forecasts) into the caches."""
    try:
        from directory.db import engine_for
        from needs import report

        engine = engine_for(database_url(app))
        cube = app.extensions["needs_cube_cache"].get(engine)
        data = report.dashboard(engine, cube, report.Filters())
        data.over_time, data.by_region, data.top_needs, data.unmet, data.alerts, data.forecasts  # noqa: B018
        app.extensions["needs_supply_cache"].get(engine_for(app.config["DATABASE_URL"]))
        for name in ("needs/dashboard.html", "needs/data.html", "needs/gaps.html", "layouts/base.html"):
            app.jinja_env.get_template(name)  # compiled once, cached by Jinja (thread-safe)
    except Exception as error:  # no roll-ups yet, database down…: the first request will try again
        app.logger.warning("needs dashboard not warmed at start-up (%s: %s); the first visit loads it",
                           type(error).__name__, str(error).splitlines()[0] if str(error) else "")


def init_app(app: Flask) -> None:
    from portal.needs.commands import needs_cli
    from portal.needs.views import bp

    if "query_log" not in app.extensions:
        init_query_log(app)
    app.register_blueprint(bp)
    app.cli.add_command(needs_cli)
    # Warmed here, not in init_query_log: the dashboard's templates need the i18n filters
    # (decimalformat…), registered after the query log and before the areas.
    warm = app.config["NEEDS_WARM_ON_START"]
    if warm if warm is not None else not (app.testing or _cli_command()):
        threading.Thread(target=_warm, args=(app,), name="needs-warm", daemon=True).start()
