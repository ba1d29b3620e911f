"""Scale-out on a real 3-node OpenSearch cluster (scripts/opensearch.sh start --nodes 3): the index
has one replica, the portal lists every node in OPENSEARCH_URL, and losing a node (SIGKILL, as a
crashed machine) during a burst of searches costs no search and no failover to the embedded index.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from indexer.document import iter_documents
from indexer.engine import SearchRequest

ROOT = Path(__file__).resolve().parents[2]
PORT = os.environ.get("OPENSEARCH_CLUSTER_PORT", "9250")  # nodes on 9250-9252, transport 9350-9352
SCRIPT = ["bash", str(ROOT / "scripts" / "opensearch.sh")]
ENV = {**os.environ, "OPENSEARCH_PORT": PORT}
WORDS = ["aide", "logement", "banque alimentaire", "santé mentale", "clsc", "dépannage", "repas",
         "emploi", "jeunes", "aînés", "transport", "crise", "itinérance", "food bank", "legal aid"]
BURST_SEARCHES = 240  # bounded in count ...
BURST_SECONDS = 90  # ... and in time


def _script(*args: str, timeout: float = 300) -> str:
    done = subprocess.run([*SCRIPT, *args], env=ENV, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if done.returncode != 0:
        from tests.resources import missing

        missing(f"scripts/opensearch.sh {' '.join(args)} failed: {done.stderr[-800:]}")
    return done.stdout.strip()


@pytest.fixture(scope="module")
def cluster_url():
    url = _script("start", "--nodes", "3", timeout=900).splitlines()[-1]
    assert url.count(",") == 2, url
    yield url
    _script("stop")


def _wait_green(client, timeout: float = 180) -> str:
    health = client.cluster.health(wait_for_status="green", timeout=f"{int(timeout)}s",
                                   request_timeout=timeout + 10)
    return health["status"]


@pytest.fixture(scope="module")
def portal(cluster_url, demo_database, tmp_path_factory):
    from indexer import factory
    from portal import create_app

    alias = f"portail211-cluster-{uuid.uuid4().hex[:8]}"
    app = create_app({"TESTING": True, "DATABASE_URL": demo_database, "SEARCH_ENGINE": "opensearch",
                      "OPENSEARCH_URL": cluster_url, "OPENSEARCH_INDEX": alias,
                      "INDEX_PATH": str(tmp_path_factory.mktemp("cluster-fallback")),
                      "OPENSEARCH_TIMEOUT_SECONDS": 5, "SEARCH_PAGE_CACHE_SECONDS": 0})
    factory.clear_cache()
    engine = factory.engine_from_config(app.config)
    engine.rebuild(iter_documents(demo_database))  # both indexes: the fallback and the cluster's
    assert _wait_green(engine.primary.client) == "green"  # every shard has its replica placed
    yield app, engine
    engine.primary.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)
    factory.clear_cache()


def test_the_index_has_a_replica_on_another_node(portal):
    _app, engine = portal
    shards = engine.primary.client.cat.shards(index=engine.primary.alias, format="json")
    for number in {s["shard"] for s in shards}:
        copies = [s for s in shards if s["shard"] == number and s["state"] == "STARTED"]
        assert len(copies) == 2 and len({s["node"] for s in copies}) == 2, shards


def test_killing_a_node_during_a_burst_of_searches_fails_none_and_never_falls_back(portal):
    app, engine = portal
    client = app.test_client()
    outcomes = {"ok": 0, "failed": 0, "fallback": 0}
    lock = threading.Lock()
    killed = threading.Event()
    deadline = time.monotonic() + BURST_SECONDS

    def searcher(offset: int) -> None:
        for n in range(offset, BURST_SEARCHES, 2):
            if time.monotonic() > deadline:
                break
            q = WORDS[n % len(WORDS)]
            response = client.get("/fr/recherche", query_string={"q": q, "page": 1 + n // len(WORDS) % 3})
            html = response.get_data(as_text=True)
            kind = ("failed" if response.status_code != 200
                    else "fallback" if 'id="search-degraded"' in html else "ok")
            with lock:
                outcomes[kind] += 1
                done = sum(outcomes.values())
            if done == BURST_SEARCHES // 3 and not killed.is_set():
                killed.set()
                _script("kill", "1")  # the first node listed, often the elected cluster manager

    threads = [threading.Thread(target=searcher, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"\nburst with node-1 killed: {outcomes}, breaker failures {engine.breaker.failures}")
    assert killed.is_set()
    assert outcomes["failed"] == 0 and outcomes["fallback"] == 0, outcomes
    assert sum(outcomes.values()) == BURST_SEARCHES
    assert engine.breaker.failures == 0

    _script("restart", "1")
    assert _wait_green(engine.primary.client) == "green"
    assert engine.primary.health().ok


def test_a_rebuild_while_a_node_is_down_completes_and_keeps_the_alias(portal, demo_database):
    _app, engine = portal
    writer = engine.primary_writer
    before = writer.health()
    _script("kill", "3")
    try:
        result = writer.rebuild(iter_documents(demo_database))
        after = writer.health()
        assert after.ok and after.index == result.index != before.index
        assert after.documents == before.documents
        found = engine.search(SearchRequest(q="aide"))
        assert found.total > 0 and not found.degraded
    finally:
        _script("restart", "3")
    assert _wait_green(writer.client) == "green"
