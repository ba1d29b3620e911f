"""What a citizen sees when the real OpenSearch misbehaves: the portal answers from the embedded index
with its notice (never a traceback), and goes back to OpenSearch by itself once it answers again.

The node is real; its misbehaviour comes from a small HTTP proxy in front of it that passes
requests through, or answers 429 (queue full), 500, or nothing for longer than the timeout, or is
closed (the node unreachable). The missing index is a real alias that does not exist.
"""

from __future__ import annotations

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from indexer import factory
from portal import create_app

TIMEOUT = 1.0
COOLDOWN = 0.5


class FaultyProxy:
    """Forwards to the node unless `mode` says otherwise: "pass", "429", "500", "slow", "closed"."""

    def __init__(self, target: str) -> None:
        first = urlsplit(target.split(",")[0])
        self.mode = "pass"
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if proxy.mode == "closed":  # kept-alive connections die with the listener
                    self.close_connection = True
                    return
                if proxy.mode in ("429", "500"):
                    reply = b'{"error":{"type":"test_fault"},"status":%s}' % proxy.mode.encode()
                    self.send_response(int(proxy.mode))
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                    return
                if proxy.mode == "slow":
                    time.sleep(TIMEOUT * 3)
                conn = http.client.HTTPConnection(first.hostname, first.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(opensearch_url):
    made = FaultyProxy(opensearch_url)
    yield made
    if made.mode != "closed":
        made.close()


def _client(proxy, opensearch, embedded, demo_database, alias=None):
    factory.clear_cache()
    app = create_app({"TESTING": True, "DATABASE_URL": demo_database, "SEARCH_ENGINE": "opensearch",
                      "OPENSEARCH_URL": proxy.url, "OPENSEARCH_INDEX": alias or opensearch.alias,
                      "OPENSEARCH_TIMEOUT_SECONDS": TIMEOUT, "SEARCH_FAILOVER_COOLDOWN_SECONDS": COOLDOWN,
                      "INDEX_PATH": str(embedded.path), "SEARCH_PAGE_CACHE_SECONDS": 0})
    return app.test_client()


def _page(client, q: str) -> tuple[int, str]:
    response = client.get("/fr/recherche", query_string={"q": q})
    return response.status_code, response.get_data(as_text=True)


def _assert_from_the_fallback(client, q: str) -> None:
    status, html = _page(client, q)
    assert status == 200
    assert 'id="search-degraded"' in html
    assert "Traceback" not in html and "opensearchpy" not in html
    assert "services trouvés" in html or "service trouvé" in html


@pytest.mark.parametrize("fault", ["429", "500", "slow", "closed"])
def test_a_misbehaving_node_is_answered_from_the_embedded_index_then_used_again(
        fault, proxy, opensearch, embedded, demo_database):
    client = _client(proxy, opensearch, embedded, demo_database)
    status, html = _page(client, "banque alimentaire")
    assert status == 200 and 'id="search-degraded"' not in html  # OpenSearch answers through it
    proxy.mode = fault
    if fault == "closed":
        proxy.close()
    started = time.monotonic()
    _assert_from_the_fallback(client, "logement")
    assert time.monotonic() - started < TIMEOUT * 2 + 1.5  # one timeout at most, no retry storm
    _assert_from_the_fallback(client, "aide alimentaire")  # circuit open: no new wait
    if fault == "closed":
        return
    proxy.mode = "pass"
    time.sleep(COOLDOWN * 1.5)
    status, html = _page(client, "dépannage")  # the half-open probe succeeds
    assert status == 200 and 'id="search-degraded"' not in html


def test_a_missing_index_is_answered_from_the_embedded_index(proxy, opensearch, embedded, demo_database):
    client = _client(proxy, opensearch, embedded, demo_database, alias="portail211-nothing-here")
    _assert_from_the_fallback(client, "banque alimentaire")
    ready = client.get("/readyz").get_json()
    assert ready["checks"]["search"]["degraded"] is True
