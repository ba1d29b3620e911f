"""The dashboard's cube cache keeps serving the figures it has when a refresh fails, and says why."""

from __future__ import annotations

import logging
import time

from sqlalchemy import text

from directory.db import engine_for
from needs.report import CubeCache


def test_a_failed_refresh_keeps_the_old_figures_and_logs_the_reason(sqlite_url, caplog):
    engine = engine_for(sqlite_url)
    cache = CubeCache(seconds=0.001)
    first = cache.get(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE search_week"))  # the next read fails
    time.sleep(0.01)
    with caplog.at_level(logging.WARNING, logger="needs.report"):
        assert cache.get(engine) is first  # stale while a background thread tries to refresh
        deadline = time.monotonic() + 10
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.02)
    records = [r for r in caplog.records if r.name == "needs.report"]
    assert records, "the failed refresh left no log line"
    assert "figures not refreshed" in records[0].getMessage() and "search_week" in records[0].getMessage()
    assert cache.get(engine) is first
