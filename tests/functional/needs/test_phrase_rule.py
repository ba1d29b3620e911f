"""The dashboard publishes an unmet need in words only when it was searched at least 10 times on at
least 3 different days (needs.report.phrase_published); every other need is counted in its category.
Records go through the log's real roll-up (needs.log.write_records), flush after flush."""

from __future__ import annotations

import datetime as dt

from needs_support import make_app

from directory.db import engine_for
from indexer.engine import SearchRequest, SearchResponse
from needs import report
from needs.log import write_records
from needs.record import build_record

MONDAY = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)  # a past week, complete on TODAY
TODAY = dt.date(2026, 6, 10)


def _log(url: str, query: str, category: str, days: list[int]) -> None:
    """One zero-result search per entry of `days` (day offsets in the week), one flush per search."""
    for offset in days:
        record = build_record(SearchRequest(q=query, categories=(category,)),
                              SearchResponse(total=0, hits=[], facets={}, page=1, per_page=20), "web",
                              now=MONDAY + dt.timedelta(days=offset))
        write_records(engine_for(url), [record])


def test_only_needs_searched_often_on_enough_days_are_shown_in_words(database_url):
    # Both back-ends: the bitwise-OR upsert of the days and the day count are SQL.
    _log(database_url, "dentiste gratuit", "health", [0, 0, 0, 0, 1, 1, 1, 2, 2, 2])  # 10 on 3 days: shown
    _log(database_url, "logement famille", "housing", [0] * 6 + [3] * 6)  # 12 on 2 days: not shown
    _log(database_url, "avocat gratuit", "legal", [0, 1, 2, 3, 4, 5, 6, 0, 1])  # 9 on 7 days: not shown
    _log(database_url, "Gertrude Xyzzyplugh 4300 rue Fullum", "housing", list(range(7)) * 2)  # words unknown
    engine = engine_for(database_url)
    cube = report.load_cube(engine, today=TODAY)
    table = report.unmet_needs(engine, cube, report.Filters(weeks=13))
    assert table.rows[0] == ("dentiste gratuit", "health")
    assert [need for need, _ in table.rows if need is not None] == ["dentiste gratuit"]
    others = {category: i for i, (need, category) in enumerate(table.rows) if need is None}
    assert set(others) == {"housing", "legal"}
    assert table.published.row_totals[others["housing"]] == 12 + 14  # counted, without their words
    assert table.published.row_totals[others["legal"]] is None  # 9: small counts are still suppressed
    distinct, published = report.phrase_counts(engine, cube, report.Filters(weeks=13))
    assert (distinct, published) == (4, 1)


def test_the_rule_is_stated_on_the_dashboard_in_both_languages(sqlite_url):
    _log(sqlite_url, "dentiste gratuit", "health", [0, 1, 2] * 4)
    app = make_app(sqlite_url)
    app.extensions["needs_cube_cache"].get = lambda engine: report.load_cube(engine, today=TODAY)
    client = app.test_client()
    fr = client.get("/fr/besoins?period=13").get_data(as_text=True)
    en = client.get("/en/needs?period=13").get_data(as_text=True)
    assert 'id="phrase-rule"' in fr and "au moins 10 recherches" in fr and "3 jours différents" in fr
    assert "at least 10 searches on at least 3 different days" in en
    assert 'href="/fr/confidentialite"' in fr and 'href="/en/privacy"' in en
    assert "dentiste gratuit" in fr
