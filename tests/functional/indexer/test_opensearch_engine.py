"""`OpenSearchEngine` against a small local HTTP server that speaks the part of the OpenSearch REST
API the engine uses (index creation, _bulk, settings, refresh, count, aliases, search, health).

The server is a test double of an external system, driven through the real opensearch-py client
and the real engine: what is checked is the sequence of HTTP requests (one atomic alias swap, the
new index deleted on failure, the alias left alone) and how outages surface (SearchUnavailable,
within the timeout). Every JSON body the engine sends is also validated against the API spec.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from indexer.engine import SearchRequest, SearchUnavailable
from indexer.opensearch import OpenSearchEngine, RebuildInProgress, RebuildLock

sys.path.insert(0, str(Path(__file__).parent))
from test_opensearch_contract import _document, load_spec  # noqa: E402

ALIAS = "portail211-services"


class FakeOpenSearch:
    """Just enough OpenSearch: indices with documents, aliases, and canned search answers."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, object]] = []  # (method, path, parsed body)
        self.indices: dict[str, dict[str, dict]] = {}
        self.aliases: dict[str, set[str]] = {}  # alias -> indices
        self.fail_bulk = False
        self.fail_search_status: int | None = None
        self.search_response: dict | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                if not raw:
                    return None
                text = raw.decode()
                if "_bulk" in self.path:
                    return [json.loads(line) for line in text.splitlines() if line.strip()]
                return json.loads(text)

            def _send(self, status: int, payload: dict):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self):
                body = self._body()
                path = self.path.split("?")[0]
                fake.requests.append((self.command, self.path, body))
                status, payload = fake.answer(self.command, path, body)
                self._send(status, payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self, method: str | None = None) -> list[str]:
        return [p for m, p, _ in self.requests if method is None or m == method]

    def _missing(self, what: str):
        return 404, {"error": {"type": "index_not_found_exception", "reason": f"no such index [{what}]"},
                     "status": 404}

    def answer(self, method: str, path: str, body):
        parts = [p for p in path.split("/") if p]
        if method == "PUT" and len(parts) == 1:
            self.indices[parts[0]] = {}
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
        if parts and parts[-1] == "_bulk":
            return 200, self._bulk(body)
        if method == "PUT" and parts[-1] == "_settings":
            return 200, {"acknowledged": True}
        if parts and parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if parts and parts[-1] == "_count":
            names = self._resolve(parts[0])
            if not names:
                return self._missing(parts[0])
            return 200, {"count": sum(len(self.indices[n]) for n in names)}
        if parts[:1] == ["_alias"]:
            holders = {i: {"aliases": {parts[1]: {}}} for i in sorted(self.aliases.get(parts[1], ()))}
            if not holders:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, holders
        if parts == ["_aliases"]:
            for action in body["actions"]:
                (kind, spec), = action.items()
                if kind == "remove":
                    self.aliases.get(spec["alias"], set()).discard(spec["index"])
                else:
                    self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
            return 200, {"acknowledged": True}
        if method == "DELETE" and len(parts) == 1:
            for name in parts[0].split(","):
                self.indices.pop(name, None)
            return 200, {"acknowledged": True}
        if parts and parts[-1] == "_search":
            if self.fail_search_status:
                return self.fail_search_status, {"error": "boom", "status": self.fail_search_status}
            if not self._resolve(parts[0]):
                return self._missing(parts[0])
            return 200, self.search_response or _empty_search()
        if parts == ["_cluster", "health"]:
            return 200, {"cluster_name": "fake", "status": "green", "number_of_nodes": 1}
        return 400, {"error": f"fake OpenSearch does not know {method} {path}", "status": 400}

    def _resolve(self, name: str) -> list[str]:
        if name in self.indices:
            return [name]
        return sorted(self.aliases.get(name, ()))

    def _bulk(self, lines: list[dict]) -> dict:
        items = []
        i = 0
        while i < len(lines):
            (op, meta), = lines[i].items()
            targets = self._resolve(meta["_index"])
            if op == "delete":
                i += 1
                found = bool(targets) and self.indices[targets[0]].pop(meta["_id"], None) is not None
                items.append({op: {"_index": meta["_index"], "_id": meta["_id"],
                                   "status": 200 if found else 404,
                                   "result": "deleted" if found else "not_found"}})
                continue
            source = lines[i + 1]
            i += 2
            if self.fail_bulk:
                items.append({op: {"_index": meta["_index"], "_id": meta["_id"], "status": 400, "error": {
                    "type": "mapper_parsing_exception", "reason": "failed to parse field [lat]"}}})
                continue
            self.indices[targets[0]][meta["_id"]] = source
            items.append({op: {"_index": targets[0], "_id": meta["_id"], "status": 201, "result": "created"}})
        return {"took": 1, "errors": any(it[next(iter(it))]["status"] >= 300 for it in items), "items": items}


def _empty_search() -> dict:
    return {"took": 1, "timed_out": False, "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}


@pytest.fixture
def fake():
    server = FakeOpenSearch()
    yield server
    server.close()


@pytest.fixture
def engine(fake, tmp_path):
    return OpenSearchEngine(fake.url, ALIAS, timeout_seconds=1.0, lock_directory=tmp_path)


def _documents(n: int) -> list[dict]:
    return [_document(id=f"sal-{i}", service_id=f"svc-{i}") for i in range(n)]


def test_rebuild_fills_a_new_versioned_index_then_swaps_the_alias_once(fake, engine):
    result = engine.rebuild(_documents(3))
    assert re.fullmatch(rf"{ALIAS}-v\d{{14}}-[0-9a-f]{{6}}", result.index)
    assert result.documents == 3
    assert fake.aliases[ALIAS] == {result.index}
    assert len(fake.paths("POST")) and [p for p in fake.paths() if p.startswith("/_aliases")] == ["/_aliases"]
    methods = [(m, p.split("?")[0]) for m, p, _ in fake.requests]
    create = methods.index(("PUT", f"/{result.index}"))
    swap = methods.index(("POST", "/_aliases"))
    bulk = [i for i, (_, p) in enumerate(methods) if p.endswith("_bulk")]
    assert create < min(bulk) and max(bulk) < swap
    created = next(b for m, p, b in fake.requests if m == "PUT" and p.split("?")[0] == f"/{result.index}")
    assert created["settings"]["index"]["number_of_replicas"] == 0
    assert created["settings"]["index"]["refresh_interval"] == "-1"
    restored = next(b for m, p, b in fake.requests if p.split("?")[0].endswith("/_settings"))
    assert restored == {"index": {"number_of_replicas": 1, "refresh_interval": "1s",
                                  "translog": {"durability": "request"}}}


def test_a_second_rebuild_swaps_and_deletes_the_old_index(fake, engine):
    first = engine.rebuild(_documents(2)).index
    second = engine.rebuild(_documents(4)).index
    swap = [b for m, p, b in fake.requests if p.startswith("/_aliases")][-1]
    assert swap == {"actions": [{"remove": {"index": first, "alias": ALIAS}},
                                {"add": {"index": second, "alias": ALIAS}}]}
    assert fake.aliases[ALIAS] == {second}
    assert first not in fake.indices and len(fake.indices[second]) == 4


def test_a_failed_bulk_deletes_the_new_index_and_leaves_the_alias_untouched(fake, engine):
    live = engine.rebuild(_documents(2)).index
    fake.fail_bulk = True
    swaps_before = len([p for p in fake.paths() if p.startswith("/_aliases")])
    with pytest.raises(Exception, match="rejected"):
        engine.rebuild(_documents(3))
    assert fake.aliases[ALIAS] == {live}
    assert set(fake.indices) == {live}  # the half-built index was deleted
    assert len([p for p in fake.paths() if p.startswith("/_aliases")]) == swaps_before
    deleted = [p.split("?")[0] for m, p, _ in fake.requests if m == "DELETE"]
    assert len(deleted) == 1 and deleted[0] != f"/{live}"


def test_two_rebuilds_cannot_run_at_once(engine, tmp_path):
    with RebuildLock(ALIAS, tmp_path), pytest.raises(RebuildInProgress):
        engine.rebuild(_documents(1))


def test_upsert_and_delete_go_through_the_alias_and_wait_for_refresh(fake, engine):
    engine.rebuild(_documents(1))
    engine.upsert([_document(id="sal-new")])
    engine.delete(["sal-new", "never-indexed"])
    bulk = [p for m, p, _ in fake.requests if "_bulk" in p][-2:]
    assert all("refresh=wait_for" in p for p in bulk)
    lines = [b for m, p, b in fake.requests if "_bulk" in p][-2:]
    assert lines[0][0] == {"index": {"_index": ALIAS, "_id": "sal-new"}}
    assert {"delete": {"_index": ALIAS, "_id": "never-indexed"}} in lines[1]


def test_search_parses_hits_facets_and_did_you_mean(fake, engine):
    engine.rebuild(_documents(1))
    fake.search_response = {
        "took": 3, "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{
            "_index": "x", "_id": "sal-0", "_score": 4.2, "_source": _document(id="sal-0")}]},
        "aggregations": {"facet_region": {"doc_count": 1, "values": {"buckets": [{"key": "13", "doc_count": 1}]}},
                         "facet_free": {"doc_count": 1, "values": {"buckets": [
                             {"key": 1, "key_as_string": "true", "doc_count": 1},
                             {"key": 0, "key_as_string": "false", "doc_count": 3}]}}},
        "suggest": {"did_you_mean": [
            {"text": "banqe", "offset": 0, "length": 5, "options": [{"text": "banque", "score": 0.8, "freq": 9}]},
            {"text": "laval", "offset": 6, "length": 5, "options": []}]},
    }
    response = engine.search(SearchRequest(q="banqe laval", regions=("13",)))
    assert response.total == 1 and response.engine == "opensearch"
    hit = response.hits[0]
    assert (hit.id, hit.service_id, hit.score) == ("sal-0", "svc-1", 4.2)
    # Marked in Python by the embedded engine's function ("banqe" by its fuzzy clause).
    assert hit.highlights["name_fr"] == "<mark>Banque</mark> alimentaire de <mark>Laval</mark>"
    assert [(v.value, v.count, v.selected) for v in response.facets["region"]] == [("13", 1, True)]
    assert [(v.value, v.count) for v in response.facets["free"]] == [("true", 1)]
    assert response.suggestion == "banque laval"


def test_every_body_the_engine_sends_is_valid_against_the_api_specification(fake, engine):
    spec = load_spec()
    engine.rebuild(_documents(2))
    engine.search(SearchRequest(q="banque alimentaire", origin=None))
    engine.suggest("banq", "fr")
    checked = 0
    for method, path, body in fake.requests:
        route = path.split("?")[0]
        if body is None or "_bulk" in route:
            continue
        operation = {"_aliases": ("indices", "indices.update_aliases"),
                     "_settings": ("indices", "indices.put_settings"),
                     "_search": ("_core", "search")}.get(route.rsplit("/", 1)[-1])
        if operation is None and method == "PUT":
            operation = ("indices", "indices.create")
        assert operation, route
        assert spec.errors(*operation, body) == [], route
        checked += 1
    assert checked >= 5


def test_connection_refused_becomes_search_unavailable(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = OpenSearchEngine(f"http://127.0.0.1:{port}", ALIAS, timeout_seconds=0.5, lock_directory=tmp_path)
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(q="banque"))
    with pytest.raises(SearchUnavailable):
        engine.suggest("banq", "fr")
    with pytest.raises(SearchUnavailable):
        engine.rebuild(_documents(1))
    health = engine.health()
    assert not health.ok and health.engine == "opensearch"


def test_a_server_that_never_answers_becomes_search_unavailable_within_the_timeout(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel completes the handshakes; nobody ever reads or answers
    try:
        timeout = 0.5
        engine = OpenSearchEngine(f"http://127.0.0.1:{listener.getsockname()[1]}", ALIAS,
                                  timeout_seconds=timeout, lock_directory=tmp_path)
        started = time.monotonic()
        with pytest.raises(SearchUnavailable):
            engine.search(SearchRequest(q="banque"))
        elapsed = time.monotonic() - started
        # One attempt plus the one retry (MAX_RETRIES), each bounded by the timeout.
        assert elapsed < 2 * timeout + 0.5
    finally:
        listener.close()


def test_a_server_error_becomes_search_unavailable_and_the_missing_alias_too(fake, engine):
    with pytest.raises(SearchUnavailable):  # no index yet: 404 on the alias
        engine.search(SearchRequest(q="banque"))
    engine.rebuild(_documents(1))
    fake.fail_search_status = 500
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(q="banque"))


def test_health_reports_documents_and_the_index_behind_the_alias(fake, engine):
    assert not engine.health().ok  # no alias yet
    index = engine.rebuild(_documents(3)).index
    health = engine.health()
    assert health.ok and health.documents == 3 and health.index == index
