"""`directory harvest`: the portal's own HSDS API, served by a real werkzeug server on a loopback
port in a thread (no network), harvested into an empty database, reproduces the public directory
record for record; a harvest that stops resumes from its saved pages, and an increment asks only
for what changed (`modified_after`)."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from directory.db import engine_for
from directory.hsds import exporter, harvest
from directory.models import Service
from tests.functional.api.conftest import make_app


class RemoteApi:
    """WSGI wrapper standing for the other directory: logs each request and, while `failing`
    matches a request, answers 500 as a server having a bad moment would."""

    def __init__(self, app) -> None:
        self.app = app
        self.log: list[str] = []
        self.failing = None
        self.throttled = 0

    def __call__(self, environ, start_response):
        url = environ["PATH_INFO"] + "?" + environ.get("QUERY_STRING", "")
        self.log.append(url)
        if self.throttled:  # a rate limit: 429 with Retry-After, as the portal's own API answers
            self.throttled -= 1
            start_response("429 TOO MANY REQUESTS", [("Retry-After", "0")])
            return [b"slow down"]
        if self.failing and self.failing(url):
            start_response("500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")])
            return [b"down"]
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def remote(api_app):
    """The demo API on 127.0.0.1:<free port> (a real werkzeug server in a thread)."""
    app = make_app(api_app.config["DATABASE_URL"], Path(api_app.config["INDEX_PATH"]),
                   SERVER_NAME=None)
    wrapper = RemoteApi(app)
    server = make_server("127.0.0.1", 0, wrapper, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    wrapper.root = f"http://127.0.0.1:{server.server_port}/api/hsds"
    yield wrapper
    server.shutdown()
    thread.join()


@pytest.fixture
def served(remote) -> str:
    remote.log.clear()
    remote.failing = None
    remote.throttled = 0
    return remote.root


@pytest.fixture
def empty_url(request, tmp_path) -> str:
    path = tmp_path / "empty.sqlite"
    shutil.copy(request.getfixturevalue("_sqlite_template"), path)
    return f"sqlite:///{path}"


def _digests(url: str) -> dict[str, str]:
    """id → sha256 of the record as the bulk export writes it (both languages, extensions)."""
    out = {}
    for organization in exporter.iter_organizations(url, None):
        out[organization["id"]] = hashlib.sha256(
            json.dumps(organization, sort_keys=True).encode()).hexdigest()
    for service in exporter.iter_services(url, None):
        out[service["id"]] = hashlib.sha256(json.dumps(service, sort_keys=True).encode()).hexdigest()
    return out


def test_harvest_of_the_portal_api_reproduces_the_directory(served, demo_url, empty_url, tmp_path):
    started = time.perf_counter()
    result = harvest.harvest(empty_url, served, tmp_path / "state", delay=0)
    seconds = time.perf_counter() - started
    source, copy = _digests(demo_url), _digests(empty_url)
    assert len(copy) == len(source) > 500
    different = [i for i in source if copy.get(i) != source[i]]
    assert different == []
    assert result.records["services"] == sum(1 for _ in exporter.iter_services(demo_url))
    assert result.imported is not None and not result.imported.rejected
    print(f"\nharvest round trip: {len(source):,} organizations+services, "
          f"{result.pages} pages, {seconds:.1f} s")
    state = json.loads((tmp_path / "state" / "state.json").read_text())
    assert state["completed_at"] and state["bilingual"] is True
    assert not list((tmp_path / "state").glob("services-*.json"))  # pages removed once imported
    assert harvest.last_harvest(tmp_path / "state", served) == state["started_at"]


def test_a_stopped_harvest_resumes_and_an_increment_asks_for_changes_only(
        remote, served, demo_url, empty_url, tmp_path):
    state_dir = tmp_path / "state"
    remote.failing = lambda url: url.startswith("/api/hsds/services?") and "page=2" in url
    with pytest.raises(harvest.HarvestError, match="HTTP 500"):
        harvest.harvest(empty_url, served, state_dir, delay=0)
    state = json.loads((state_dir / "state.json").read_text())
    assert state["pages"]["services"] == 1 and "organizations" in state["done"]
    with engine_for(empty_url).connect() as connection:  # nothing imported yet
        assert connection.execute(Service.__table__.select()).first() is None

    remote.failing = None
    remote.log.clear()
    resumed = harvest.harvest(empty_url, served, state_dir, delay=0)
    assert resumed.resumed_pages >= 2
    assert remote.log and all(url.startswith("/api/hsds/services?") for url in remote.log)
    assert not any("page=1&" in url or url.endswith("page=1") for url in remote.log)
    assert _digests(empty_url) == _digests(demo_url)

    since = harvest.last_harvest(state_dir, served)
    remote.log.clear()
    increment = harvest.harvest(empty_url, served, state_dir, since=since, delay=0)
    services = [url for url in remote.log if url.startswith("/api/hsds/services?")]
    assert services and all(f"modified_after={since.replace(':', '%3A')}" in url
                            for url in services)
    assert increment.records["services"] == 0  # nothing changed since the first harvest
    assert increment.imported is not None and sum(increment.imported.created.values()) == 0


def test_an_address_that_is_not_an_hsds_api_is_a_clear_error(served, empty_url, tmp_path):
    with pytest.raises(harvest.HarvestError, match="HTTP 404"):
        harvest.harvest(empty_url, served.replace("/api/hsds", "/nope"), tmp_path, delay=0)


def test_a_rate_limited_request_waits_retry_after_and_is_tried_again(remote, served, tmp_path,
                                                                     empty_url):
    remote.throttled = 2
    waits: list[float] = []
    with pytest.raises(harvest.HarvestError, match="HTTP 404"):
        harvest.harvest(empty_url, served.replace("/api/hsds", "/nope"), tmp_path,
                        delay=0, sleep=waits.append)
    assert remote.log == ["/nope/?"] * 3 and waits == [0.0, 0.0]
