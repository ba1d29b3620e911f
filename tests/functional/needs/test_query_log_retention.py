"""Raw-log retention: `needs purge` deletes raw searches past the period and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from needs_support import make_app
from sqlalchemy import create_engine, func, insert, select

from needs.models import QueryLog, SearchWeek
from needs.retention import cutoff, purge_raw
from portal.display.hours import TZ


def _row(hour: dt.datetime) -> dict:
    return {"searched_hour": hour, "channel": "web", "locale": "fr", "query": "banque alimentaire",
            "need": "banque alimentaire", "category": "food", "filters": "{}", "fsa": "h2x",
            "region_code": "06", "results": 12, "zero_result": False}


def _seed(url: str, now: dt.datetime) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(QueryLog), [_row(now - dt.timedelta(days=d, hours=h))
                                        for d in (1, 100, 364, 366, 400, 800) for h in (0, 5)])
        conn.execute(insert(SearchWeek), [{"week": dt.date(2024, 1, 1), "region_code": "06", "category": "food",
                                           "channel": "web", "locale": "fr", "searches": 7, "zero_results": 0,
                                           "few_results": 0}])
    engine.dispose()


def _counts(url: str) -> tuple[int, int, dt.datetime]:
    engine = create_engine(url)
    with engine.connect() as conn:
        raw = conn.scalar(select(func.count()).select_from(QueryLog))
        oldest = conn.scalar(select(func.min(QueryLog.searched_hour)))
        weeks = conn.scalar(select(func.sum(SearchWeek.searches)))
    engine.dispose()
    return raw, weeks, oldest


def test_purge_deletes_only_rows_before_the_cutoff_in_batches(database_url):
    now = dt.datetime(2026, 11, 28, 14, 0)
    _seed(database_url, now)
    engine = create_engine(database_url)
    before = cutoff(now, 365)
    assert purge_raw(engine, before, batch=2) == 6  # 366, 400 and 800 days old, two rows each
    engine.dispose()
    raw, weeks, oldest = _counts(database_url)
    assert raw == 6 and oldest >= before and weeks == 7  # the roll-ups are untouched


def test_the_command_uses_the_configured_period_and_refuses_zero(sqlite_url):
    now = dt.datetime.now(TZ).replace(tzinfo=None)
    _seed(sqlite_url, now)
    app = make_app(sqlite_url, NEEDS_RAW_RETENTION_DAYS=90, NEEDS_LOG_ENABLED=False)
    result = app.test_cli_runner().invoke(args=["needs", "purge"])
    assert result.exit_code == 0, result.output
    assert "deleted 10 raw searches" in result.output and "kept 90 days" in result.output
    assert _counts(sqlite_url)[0] == 2
    refused = app.test_cli_runner().invoke(args=["needs", "purge", "--keep-days", "0"])
    assert refused.exit_code != 0 and "at least one day" in refused.output
    assert _counts(sqlite_url)[0] == 2


def test_cutoff_is_an_hour_boundary():
    assert cutoff(dt.datetime(2026, 5, 2, 10, 37, tzinfo=TZ), 1) == dt.datetime(2026, 5, 1, 10, 0)
    with pytest.raises(ValueError):
        cutoff(dt.datetime(2026, 5, 2), 0)
