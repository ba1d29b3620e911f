"""Query understanding on a real OpenSearch node: the same place taken from the words and the same
spelling correction as the embedded engine (indexer/understanding), on the live demo directory."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from indexer.request import parse_search_args

NOW = dt.datetime(2025, 3, 10, 10, 30)
PLACE_QUERIES = ["banque alimentaire Sherbrooke", "food bank near Trois-Rivieres", "dépannage H2X 1Y4",
                 "aide à domicile en Estrie", "Sherbrooke", "popote roulante à Gatineau"]


def _request(**args):
    request = parse_search_args({k: [v] for k, v in args.items()}, "fr")
    return dataclasses.replace(request, now=NOW)


def _ids(response, k: int = 10) -> list[str]:
    return [h.id for h in response.hits[:k]]


@pytest.mark.parametrize("q", PLACE_QUERIES)
def test_a_place_in_the_words_searches_alike_on_both_engines(embedded, opensearch, q):
    request = _request(q=q)
    assert request.understood, q
    a, b = embedded.search(request), opensearch.search(request)
    assert a.total == b.total and a.total > 0
    overlap = len(set(_ids(a)) & set(_ids(b))) / max(len(_ids(a)), 1)
    assert overlap >= 0.8, (q, _ids(a), _ids(b))
    distances = {h.id: h.distance_km for h in b.hits}
    for hit in a.hits:  # the same origin: the same distances
        if hit.id in distances and hit.distance_km is not None:
            assert distances[hit.id] == pytest.approx(hit.distance_km, abs=0.001)


def test_both_engines_correct_the_same_spelling_when_the_words_find_almost_nothing(embedded, opensearch):
    typed = _request(q="lnuches", keep="spelling")
    a0, b0 = embedded.search(typed), opensearch.search(typed)
    assert a0.total == b0.total < 5 and a0.suggestion == b0.suggestion == "lunches"
    a, b = embedded.search(_request(q="lnuches")), opensearch.search(_request(q="lnuches"))
    assert a.corrected_q == b.corrected_q == "lunches"
    assert a.total == b.total > a0.total
    assert set(_ids(a)) == set(_ids(b))


def test_words_that_find_enough_are_not_corrected(embedded, opensearch):
    request = _request(q="banque alimentaire")
    assert embedded.search(request).corrected_q is None and opensearch.search(request).corrected_q is None
