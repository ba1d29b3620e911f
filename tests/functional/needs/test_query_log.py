"""The query log on a real database: nothing personal reaches a row, roll-ups follow every flush,
and a broken or locked log store never slows or breaks a search."""

from __future__ import annotations

import re
import sqlite3
import sys
import time
from pathlib import Path

from needs_support import index_directory, make_app
from sqlalchemy import create_engine, func, select, text

from indexer.engine import Hit, Origin, SearchRequest, SearchResponse
from needs.log import QueryLog
from needs.models import QueryLog as QueryLogRow
from needs.models import SearchWeek, UnmetNeedWeek
from needs.scrub import normalise

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "needs"))
from pii_corpus import HARMLESS_QUERIES, PII_QUERIES  # noqa: E402


def _response(total: int, categories=("food.emergency-food",)) -> SearchResponse:
    hits = [Hit(id=f"h{i}", service_id=f"s{i}", score=1.0, distance_km=None,
                document={"category_codes": list(categories)}) for i in range(min(total, 5))]
    return SearchResponse(total=total, hits=hits, facets={}, page=1, per_page=20)


def _flushed(log: QueryLog) -> None:
    assert log.flush(), log.last_error


def test_no_personal_information_from_the_corpus_is_stored(database_url):
    log = QueryLog(database_url)
    for query, _secrets in PII_QUERIES:
        log.log_search(SearchRequest(q=query, locale="fr"), _response(0), "web")
    _flushed(log)
    engine = create_engine(database_url)
    # Every column but those the log sets itself (row id, the hour or week of the search): a date
    # such as 2026-12-03 04:00 would otherwise "contain" an apartment number 304.
    logged = [c for c in QueryLogRow.__table__.columns if c.name not in ("id", "searched_hour")]
    weekly = [c for c in UnmetNeedWeek.__table__.columns if c.name != "week"]
    with engine.connect() as conn:
        rows = [" | ".join(str(v) for v in row)
                for row in conn.execute(select(*logged).order_by(QueryLogRow.id)).all()]
        unmet = "\n".join(" | ".join(str(v) for v in row) for row in conn.execute(select(*weekly)))
    engine.dispose()
    assert len(rows) == len(PII_QUERIES)
    everything = re.sub(r"[\s.\-()]", "", "\n".join(rows) + unmet)
    for (query, secrets), row in zip(PII_QUERIES, rows, strict=True):
        for secret in secrets:
            folded = normalise(secret)
            assert folded not in row, (query, secret, row)
            if any(ch.isdigit() for ch in folded):  # numbers: not even with separators removed, anywhere
                assert re.sub(r"[\s.\-()]", "", folded) not in everything, (query, secret)


# The harmless corpus as the log stores it: the stated numbers (211, dwelling sizes, 24/7, ages as
# bands) and the known words stay; other numbers go; unknown words become "…" (needs/allowlist.py).
HARMLESS_STORED = [
    "logement 3 1/2", "aide 24/7", "clsc …", "211", "loyer", "banque alimentaire h2x", "demenagement juillet",
    "4 1/2 a … laval", "aide aux devoirs …", "impots", "cours de francais …", "centre de jour 50-64 ans et plus",
    "hebergement 18-24 ans", "rue …", "depannage … a …",
]


def test_harmless_queries_keep_their_known_words_and_stated_numbers_in_the_stored_rows(sqlite_url):
    log = QueryLog(sqlite_url)
    for query, _expected in HARMLESS_QUERIES:
        log.log_search(SearchRequest(q=query), _response(12), "web")
    _flushed(log)
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        stored = [r[0] for r in conn.execute(select(QueryLogRow.query).order_by(QueryLogRow.id))]
    assert stored == HARMLESS_STORED


def test_rows_keep_only_coarse_place_local_hour_channel_and_facets(sqlite_url):
    log = QueryLog(sqlite_url)
    origin = Origin(45.51, -73.57, label="H2X 1Y4", kind="postal_code", fsa="H2X", region_code="06")
    request = SearchRequest(q="banque alimentaire", locale="en", origin=origin, languages=("ar",),
                            municipalities=("Montréal",), free=True, radius_km=5.4)
    log.log_search(request, _response(2), "widget")
    _flushed(log)
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        row = conn.execute(select(QueryLogRow.__table__)).mappings().one()
    assert row["fsa"] == "H2X" and row["region_code"] == "06" and row["channel"] == "widget"
    assert row["locale"] == "en" and row["category"] == "food" and row["results"] == 2
    assert row["searched_hour"].minute == 0 and row["searched_hour"].second == 0
    assert row["filters"] == '{"free":true,"language":["ar"],"municipality":1,"radius_km":5}'
    assert "1Y4" not in str(dict(row)) and "Montréal" not in row["filters"]
    assert set(row) == {"id", "searched_hour", "channel", "locale", "query", "need", "category", "filters",
                        "fsa", "region_code", "results", "zero_result"}


def test_roll_ups_are_updated_incrementally_at_each_flush(database_url):
    log = QueryLog(database_url)
    for total in (0, 0, 2, 50):
        log.log_search(SearchRequest(q="garde d'enfants de soir", regions=("13",)), _response(total), "web")
    _flushed(log)
    log.log_search(SearchRequest(q="garde d'enfants de soir", regions=("13",)), _response(0), "api")
    # page 2: not a new search
    log.log_search(SearchRequest(q="garde enfants soir", regions=("13",), page=2), _response(0), "web")
    _flushed(log)
    engine = create_engine(database_url)
    with engine.connect() as conn:
        week = conn.execute(select(func.sum(SearchWeek.searches), func.sum(SearchWeek.zero_results),
                                   func.sum(SearchWeek.few_results))).one()
        unmet = conn.execute(select(UnmetNeedWeek.need, UnmetNeedWeek.region_code,
                                    func.sum(UnmetNeedWeek.zero_results), func.sum(UnmetNeedWeek.few_results))
                             .group_by(UnmetNeedWeek.need, UnmetNeedWeek.region_code)).all()
    engine.dispose()
    assert tuple(week) == (5, 3, 1)
    assert [tuple(r) for r in unmet] == [("garde enfants soir", "13", 3, 1)]
    assert log.written == 5 and log.dropped == 0


def test_a_broken_store_keeps_records_in_a_bounded_queue_dropping_the_oldest(tmp_path):
    log = QueryLog(f"sqlite:///{tmp_path / 'missing-dir' / 'log.sqlite'}", max_queue=5)
    words = ["logement", "dentiste", "emploi", "transport", "impot", "garderie", "avocat", "vetements"]
    for word in words:
        log.log_search(SearchRequest(q=word), _response(3), "web")
    assert log.flush() is False and log.failures == 1 and log.last_error
    assert [r.query for r in log.queue] == words[3:]
    assert log.dropped == 3
    log.close(timeout=1)


def test_logging_a_search_takes_well_under_a_millisecond(sqlite_url):
    log = QueryLog(sqlite_url, flush_seconds=60)
    request = SearchRequest(q="je m'appelle Marie, banque alimentaire près de H2X 1Y4 514-555-1234")
    response = _response(20)
    started = time.perf_counter()
    for _ in range(200):
        log.log_search(request, response, "web")
    per_call_ms = (time.perf_counter() - started) / 200 * 1000
    assert per_call_ms < 5  # generous bound for slow CI; bench/needs.py measures the real figure
    log.close(timeout=1)


def test_search_page_answers_when_the_log_store_is_broken(sqlite_url, tmp_path):
    app = make_app(sqlite_url, NEEDS_DATABASE_URL=f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}")
    index_directory(app, tmp_path)
    client = app.test_client()
    for _ in range(3):
        response = client.get("/fr/recherche?q=alimentaire")
        assert response.status_code == 200
        assert "Banque alimentaire" in response.get_data(as_text=True)
    log = app.extensions["query_log"]
    deadline = time.monotonic() + 5
    while log.failures == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert log.failures >= 1 and len(log.queue) == 3
    log.close(timeout=1)


def test_search_page_does_not_wait_for_a_locked_log_database(sqlite_url, tmp_path):
    log_path = tmp_path / "log.sqlite"
    import shutil

    shutil.copy(sqlite_url.removeprefix("sqlite:///"), log_path)
    app = make_app(sqlite_url, NEEDS_DATABASE_URL=f"sqlite:///{log_path}")
    index_directory(app, tmp_path)
    client = app.test_client()
    client.get("/fr/recherche?q=alimentaire")  # warm up the engine
    assert app.extensions["query_log"].flush()  # the warm-up search is written before we lock
    locker = sqlite3.connect(log_path, isolation_level=None, timeout=5)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.perf_counter()
        for _ in range(5):
            assert client.get("/fr/recherche?q=alimentaire").status_code == 200
            time.sleep(0.1)  # let the flush thread reach the lock
        elapsed = time.perf_counter() - started
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert elapsed < 0.5 + 3.0  # five searches, none waiting for the 5-second busy timeout
    log = app.extensions["query_log"]
    log.close(timeout=10)
    engine = create_engine(f"sqlite:///{log_path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM query_log")).scalar() == 6  # written once unlocked
    engine.dispose()


def test_the_search_view_logs_each_search_once_with_its_result_count(app, tmp_path):
    index_directory(app, tmp_path)
    client = app.test_client()
    client.get("/fr/recherche?q=alimentaire&place=H2X+1Y4")
    client.get("/fr/recherche?q=alimentaire&page=2")
    client.get("/fr/recherche?q=zzzz+introuvable")
    app.extensions["query_log"].close(timeout=5)
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(select(QueryLogRow.query, QueryLogRow.fsa, QueryLogRow.zero_result, QueryLogRow.category)
                            .order_by(QueryLogRow.id)).all()
    assert [tuple(r) for r in rows] == [("alimentaire", "H2X", False, "food"), ("…", "", True, "")]  # unknown words


def test_first_page_services_are_counted_per_week_with_nothing_else_attached(database_url):
    import datetime as dt

    from needs.log import appearances_since
    from needs.models import ServiceAppearanceWeek

    log = QueryLog(database_url)
    both_sites = SearchResponse(total=3, page=1, per_page=20, facets={}, hits=[
        Hit(id="sal-1", service_id="svc-a", score=2.0, distance_km=None, document={"category_codes": []}),
        Hit(id="sal-2", service_id="svc-a", score=1.5, distance_km=None, document={"category_codes": []}),
        Hit(id="sal-3", service_id="svc-b", score=1.0, distance_km=None, document={"category_codes": []})])
    log.log_search(SearchRequest(q="banque alimentaire 514-555-1234", origin=Origin(45.5, -73.6, "H2X 1Y4",
                                                                                      fsa="H2X", region_code="06")),
                   both_sites, "web")
    log.log_search(SearchRequest(q="friperie"), both_sites, "api")
    log.log_search(SearchRequest(q="friperie", page=2), both_sites, "web")  # page 2: not counted
    log.log_search(SearchRequest(q="rien"), _response(0), "web")
    _flushed(log)
    log.log_search(SearchRequest(q="banque"), both_sites, "widget")
    _flushed(log)  # the second flush adds to the same week's rows (upsert)
    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(select(ServiceAppearanceWeek.__table__).order_by(ServiceAppearanceWeek.service_id)
                            ).mappings().all()
    monday = rows[0]["week"]
    assert monday.weekday() == 0
    # A service at two locations on one page is one appearance; the row holds nothing but the count.
    assert [dict(r) for r in rows] == [{"week": monday, "service_id": "svc-a", "appearances": 3},
                                       {"week": monday, "service_id": "svc-b", "appearances": 3}]
    assert appearances_since(engine, monday - dt.timedelta(weeks=51), max_age_seconds=0) == {"svc-a": 3, "svc-b": 3}
    assert appearances_since(engine, monday + dt.timedelta(weeks=1), max_age_seconds=0) == {}
    engine.dispose()
    assert not log.appearances


def test_appearance_counts_wait_in_memory_while_the_store_is_down(tmp_path, sqlite_url):
    log = QueryLog(f"sqlite:///{tmp_path / 'missing-dir' / 'log.sqlite'}")
    log.log_search(SearchRequest(q="logement"), _response(3), "web")
    assert log.flush() is False
    assert sorted(service for _week, service in log.appearances) == ["s0", "s1", "s2"]
    log.database_url, log._engine = sqlite_url, None  # the store comes back
    assert log.flush() is True and not log.appearances
    log.close(timeout=1)
