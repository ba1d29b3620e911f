"""OpenSearch failover: with SEARCH_ENGINE=opensearch, searches answer from the embedded index when
OpenSearch is refused, hung, or erroring, the results page says so, and OpenSearch is used again
by itself once it answers (circuit breaker, half-open probe).

OpenSearch is played by real sockets: a closed port, a listener that accepts and never answers,
and the fake OpenSearch HTTP server of the indexer tests (driven through opensearch-py).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from indexer.engine import SearchRequest
from indexer.factory import engine_from_config
from indexer.failover import FailoverEngine
from portal import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "indexer"))
from test_opensearch_engine import ALIAS, FakeOpenSearch  # noqa: E402

TIMEOUT = 1.0
MARGIN = 1.5  # a loaded 2-core CI machine; the point is "one timeout", not "two or three"
COOLDOWN = 1.0


def _config(demo: dict, url: str, **extra) -> dict:
    return {"SEARCH_ENGINE": "opensearch", "OPENSEARCH_URL": url, "OPENSEARCH_INDEX": ALIAS,
            "OPENSEARCH_TIMEOUT_SECONDS": TIMEOUT, "SEARCH_FAILOVER_COOLDOWN_SECONDS": COOLDOWN,
            "INDEX_PATH": str(demo["index"]), "DATABASE_URL": demo["url"], **extra}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Silent:
    """Accepts TCP connections (counting them) and never sends a byte."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.listener.close()
        for conn in self.accepted:
            conn.close()


def _timed_search(engine, q="banque alimentaire"):
    started = time.monotonic()
    response = engine.search(SearchRequest(q=q))
    return response, time.monotonic() - started


def test_the_factory_builds_a_failover_engine_for_opensearch_and_a_bare_one_on_request(demo):
    engine = engine_from_config(_config(demo, "http://127.0.0.1:9"))
    assert isinstance(engine, FailoverEngine)
    assert engine.fallback.path == demo["index"]
    bare = engine_from_config(_config(demo, "http://127.0.0.1:9", SEARCH_FAILOVER=False))
    assert bare.name == "opensearch"
    assert engine_from_config({"INDEX_PATH": str(demo["index"])}).name == "embedded"


def test_a_closed_port_answers_from_the_embedded_index_within_the_timeout(demo):
    engine = engine_from_config(_config(demo, f"http://127.0.0.1:{_closed_port()}"))
    response, elapsed = _timed_search(engine)
    assert response.degraded and response.engine == "embedded" and response.total > 0
    assert elapsed < TIMEOUT + MARGIN
    assert engine.suggest("banq", "fr")  # suggestions fail over too
    health, degraded = engine.serving_health()
    assert health.ok and degraded


def test_a_server_that_never_answers_costs_one_timeout_then_is_skipped_until_the_cooldown(demo):
    silent = Silent()
    try:
        engine = engine_from_config(_config(demo, silent.url))
        response, elapsed = _timed_search(engine)
        assert response.degraded and response.total > 0
        assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + MARGIN  # one attempt: no retry on the read path
        connections = len(silent.accepted)
        assert connections == 1
        response, elapsed = _timed_search(engine, "logement")  # circuit open: straight to the fallback
        assert response.degraded and elapsed < TIMEOUT
        assert len(silent.accepted) == connections
    finally:
        silent.close()


def test_the_results_page_shows_a_discreet_notice_when_degraded(demo):
    app = create_app({**_config(demo, f"http://127.0.0.1:{_closed_port()}"), "TESTING": True})
    client = app.test_client()
    page = client.get("/fr/recherche?q=banque+alimentaire")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="search-degraded"' in html
    fragment = client.get("/en/search?q=food+bank", headers={"HX-Request": "true"})
    assert 'id="search-degraded"' in fragment.get_data(as_text=True)
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"]["search"]["degraded"] is True


def test_rebuild_fills_both_engines_and_opensearch_is_used_again_after_it_recovers(demo_copy):
    fake = FakeOpenSearch()
    hanging = threading.Event()
    release = threading.Event()
    answer = fake.answer

    def maybe_hang(method, path, body):
        if hanging.is_set() and path.endswith("/_search"):
            release.wait(10)  # accepted and read, never answered in time
        return answer(method, path, body)

    fake.answer = maybe_hang
    try:
        engine = engine_from_config(_config(demo_copy, fake.url))
        from indexer.document import iter_documents

        result = engine.rebuild(iter_documents(demo_copy["url"]))
        (index,) = fake.aliases[ALIAS]
        assert len(fake.indices[index]) == result.documents
        assert engine.fallback.health().documents == result.documents
        assert engine.health().ok

        some_id = next(iter(fake.indices[index]))
        fake.search_response = {"took": 1, "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [
            {"_index": index, "_id": some_id, "_score": 1.0, "_source": fake.indices[index][some_id]}]}}
        response, _ = _timed_search(engine)
        assert response.engine == "opensearch" and not response.degraded

        hanging.set()
        response, elapsed = _timed_search(engine)
        assert response.degraded and response.engine == "embedded" and elapsed < TIMEOUT + MARGIN
        searches = len([p for p in fake.paths("POST") if p.endswith("/_search")])
        response, _ = _timed_search(engine)
        assert response.degraded
        assert len([p for p in fake.paths("POST") if p.endswith("/_search")]) == searches  # skipped

        hanging.clear()
        release.set()
        time.sleep(COOLDOWN + 0.1)
        response, _ = _timed_search(engine)  # the half-open probe
        assert response.engine == "opensearch" and not response.degraded
        assert engine.breaker.state == "closed"

        # Incremental updates reach both indexes.
        original = next(d for d in iter_documents(demo_copy["url"]) if d["id"] == some_id)
        document = dict(original, name_fr="Comptoir alimentaire Failover")
        engine.upsert([document])
        assert fake.indices[index][some_id]["name_fr"] == "Comptoir alimentaire Failover"
        found = engine.fallback.search(SearchRequest(q="failover"))
        assert [h.id for h in found.hits] == [some_id]
        engine.delete([some_id])
        assert some_id not in fake.indices[index]
        assert engine.fallback.search(SearchRequest(q="failover")).total == 0
    finally:
        release.set()
        fake.close()


def test_both_engines_down_is_unready_and_a_search_is_unavailable(demo, tmp_path):
    from indexer.engine import SearchUnavailable

    config = _config(demo, f"http://127.0.0.1:{_closed_port()}", INDEX_PATH=str(tmp_path / "none"))
    engine = engine_from_config(config)
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(q="banque"))
    app = create_app({**config, "TESTING": True})
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["failed"] == ["search"]
