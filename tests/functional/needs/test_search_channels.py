"""Every reader's search reaches the needs log exactly once, under its channel; nothing else does.

The app's query log is replaced by a recorder of every `log_search` call, so a surface that stopped
logging, or logged twice (a view logging beside the search service, a cached page logged again),
fails here. Which pages count (the first only) is `needs.log.QueryLog`'s rule, tested with the
real log in test_query_log.py: here page 2 reaches the recorder with page=2 and is dropped there.
"""

from __future__ import annotations

import pytest

from indexer.engine import SearchUnavailable
from portal import search_service
from portal.search import cache

QUERY = "aide alimentaire"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def log_search(self, request, response, channel):
        total = None if response is None else response.total
        self.calls.append((channel, request.q, request.page, total))

    def taken(self) -> list[tuple]:
        calls, self.calls = self.calls, []
        return calls


@pytest.fixture
def logged(demo_app, monkeypatch):
    recorder = Recorder()
    monkeypatch.setitem(demo_app.extensions, "query_log", recorder)
    demo_app.extensions[cache.EXTENSION].clear()
    return recorder


def _one(calls: list[tuple], channel: str, page: int = 1) -> tuple:
    assert [(c[0], c[1], c[2]) for c in calls] == [(channel, QUERY, page)], calls
    return calls[0]


def test_the_results_page_logs_each_search_once(demo_app, logged):
    client = demo_app.test_client()
    assert client.get("/fr/recherche", query_string={"q": QUERY}).status_code == 200
    total = _one(logged.taken(), "web")[3]
    assert total and total > 0
    assert client.get("/en/search", query_string={"q": QUERY, "page": "2"}).status_code == 200
    _one(logged.taken(), "web", page=2)  # reaches the log, which drops it (not a new search)


def test_the_htmx_fragment_logs_once(demo_app, logged):
    response = demo_app.test_client().get("/fr/recherche", query_string={"q": QUERY},
                                          headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    _one(logged.taken(), "web")


def test_a_page_served_from_the_cache_is_still_logged_once(demo_app, logged):
    client = demo_app.test_client()
    first = client.get("/fr/recherche", query_string={"q": QUERY})
    pages = demo_app.extensions[cache.EXTENSION]
    assert len(pages) == 1, "the page cache is on in this app"
    second = client.get("/fr/recherche", query_string={"q": QUERY})
    assert first.data == second.data
    calls = logged.taken()
    assert [(c[0], c[1]) for c in calls] == [("web", QUERY), ("web", QUERY)]
    assert calls[0][3] == calls[1][3]  # the cached page is logged with the response it shows


def test_an_invalid_search_is_not_logged(demo_app, logged):
    response = demo_app.test_client().get("/fr/recherche", query_string={"q": "x" * 5000})
    assert response.status_code == 400
    assert logged.taken() == []


def test_the_widget_logs_once_under_its_channel(demo_app, logged):
    client = demo_app.test_client()
    assert client.get("/fr/widget/recherche", query_string={"q": QUERY}).status_code == 200
    _one(logged.taken(), "widget")
    assert client.get("/fr/widget/recherche").status_code == 200  # the empty form: no search
    assert logged.taken() == []


@pytest.mark.parametrize("path", ["/api/hsds/services", "/api/hsds/service_at_locations"])
def test_the_api_logs_its_first_page_once(demo_app, logged, path):
    client = demo_app.test_client()
    assert client.get(path, query_string={"search": QUERY, "per_page": "5"}).status_code == 200
    _one(logged.taken(), "api")
    # Its later pages read the engine without a new search, whatever engine pages they need.
    later = client.get(path, query_string={"search": QUERY, "per_page": "5", "page": "2"})
    assert later.status_code == 200
    assert logged.taken() == []
    # A filtered search reads every match (many engine pages): still one search.
    filtered = client.get(path, query_string={"search": QUERY, "taxonomy_term_id": "none"})
    assert filtered.status_code == 200
    _one(logged.taken(), "api")
    assert client.get(path).status_code == 200  # a listing, not a search
    assert logged.taken() == []


def test_the_api_bulk_format_logs_once(demo_app, logged):
    response = demo_app.test_client().get("/api/hsds/services", query_string={"search": QUERY,
                                                                               "format": "ndjson"})
    assert response.status_code == 200
    _one(logged.taken(), "api")


def test_reads_that_are_not_searches_are_never_logged(demo_app, logged, service_ids):
    client = demo_app.test_client()
    for path, args in [
        ("/fr/suggestions", {"q": "aide"}),
        ("/fr/export/results.csv", {"q": QUERY}),
        ("/fr/export/results.geojson", {"q": QUERY}),
        ("/fr/carte", {"q": QUERY}),
        ("/fr/pdf/results.pdf", {"q": "xyzzy introuvable"}),
        (f"/fr/service/{service_ids[0]}", {}),  # its similar services nearby
        ("/readyz", {}),
    ]:
        response = client.get(path, query_string=args)
        assert response.status_code == 200, path
        response.get_data()  # streamed bodies read the engine as they go
        assert logged.taken() == [], path


class Down:
    """An engine whose every read fails like an unreachable cluster."""

    name = "down"

    def search(self, request):
        raise SearchUnavailable("the cluster is unreachable")

    def state_token(self):
        return None



@pytest.mark.parametrize("path, args, channel", [
    ("/fr/recherche", {"q": QUERY}, "web"),
    ("/fr/widget/recherche", {"q": QUERY}, "widget"),
    ("/api/hsds/services", {"search": QUERY}, "api"),
])
def test_a_search_the_engine_cannot_answer_is_a_503_logged_once(demo_app, logged, monkeypatch,
                                                               path, args, channel):
    monkeypatch.setattr(search_service, "engine", Down)
    response = demo_app.test_client().get(path, query_string=args)
    assert response.status_code == 503
    assert _one(logged.taken(), channel)[3] is None  # the need was there; there is no result count


def test_an_unknown_channel_is_refused(demo_app):
    from indexer.engine import SearchRequest

    with demo_app.test_request_context("/fr/recherche"), pytest.raises(ValueError):
        search_service.search(SearchRequest(q=QUERY), "carrier-pigeon")
