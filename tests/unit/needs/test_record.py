"""One search becomes one anonymous record: category, need, coarse place, local hour."""

from __future__ import annotations

import datetime as dt
import inspect

from indexer.engine import Hit, Origin, SearchRequest, SearchResponse
from needs import log as needs_log
from needs.record import build_record, category_from_text, local_hour, need_of, week_of


def _hits(*codes):
    return SearchResponse(total=len(codes), page=1, per_page=20, facets={}, hits=[
        Hit(id=str(i), service_id=str(i), score=1.0, distance_km=None, document={"category_codes": [c]})
        for i, c in enumerate(codes)])


def test_the_log_function_cannot_receive_the_http_request():
    parameters = inspect.signature(needs_log.QueryLog.log_search).parameters
    assert list(parameters) == ["self", "request", "response", "channel"]


def test_time_is_truncated_to_the_local_hour_in_montreal():
    utc = dt.datetime(2026, 7, 1, 4, 47, 12, tzinfo=dt.UTC)  # 00:47 in Montréal (EDT)
    assert local_hour(utc) == dt.datetime(2026, 7, 1, 0, 0)
    assert week_of(local_hour(utc)) == dt.date(2026, 6, 29)


def test_category_comes_from_the_filter_then_the_top_results_then_the_words():
    filtered = SearchRequest(q="x", categories=("housing.shelter",))
    assert build_record(filtered, _hits("food"), "web").category == "housing"
    assert build_record(SearchRequest(q="aide"), _hits("legal.aid", "legal.aid", "food"), "web").category == "legal"
    assert build_record(SearchRequest(q="bouffe"), _hits(), "web").category == "food"


def test_words_and_synonyms_map_to_taxonomy_categories():
    assert category_from_text("refuge pour sans-abri", "fr") == "housing"
    assert category_from_text("tax clinic", "en") == "income"
    assert category_from_text("psychologue", "fr") == "mental-health"
    assert category_from_text("xyzzy", "fr") == ""


def test_need_keeps_content_words_only():
    assert need_of("je cherche une banque alimentaire h2x [téléphone]") == "banque alimentaire"
    assert need_of("garde d'enfants le soir") == "garde enfants soir"


def test_place_is_coarsened_to_fsa_and_region():
    origin = Origin(45.5, -73.6, label="4567 rue X, H2X 1Y4", kind="postal_code", fsa="H2X", region_code="06")
    record = build_record(SearchRequest(q="clsc", origin=origin), None, "web")
    assert (record.fsa, record.region_code, record.results, record.zero_result) == ("H2X", "06", None, False)
    assert "4567" not in repr(record)


def test_unknown_channels_are_recorded_as_web():
    log = needs_log.QueryLog("sqlite://", enabled=True, flush_seconds=3600)
    log.log_search(SearchRequest(q="x"), None, "carrier-pigeon")
    assert log.queue[0].channel == "web"
    log.queue.clear()
