"""The live OpenSearch tier: runs only when OPENSEARCH_URL points at a cluster (docker compose up
opensearch; OPENSEARCH_URL=http://localhost:9200 pytest -m live tests/live).

One small demo directory (400 services, fixed seed and day) is indexed ONCE per session into both
engines: the embedded engine in a temp directory and OpenSearch under a throw-away alias, removed at
the end with its indices.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
TODAY = dt.date(2025, 3, 10)
SEED = 211
SERVICES = 400


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/live" in str(item.fspath):
            item.add_marker(pytest.mark.live)
            if not OPENSEARCH_URL:
                item.add_marker(pytest.mark.skip(reason="OPENSEARCH_URL is not set (needs a live OpenSearch 2.x)"))


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> str:
    from directory import migrate
    from directory.demo import generator

    url = f"sqlite:///{tmp_path_factory.mktemp('live-directory') / 'directory.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=SERVICES, seed=SEED, today=TODAY)
    return url


@pytest.fixture(scope="session")
def documents(demo_database) -> list[dict]:
    from indexer.document import iter_documents

    return list(iter_documents(demo_database, today=TODAY))


@pytest.fixture(scope="session")
def embedded(tmp_path_factory, documents):
    from indexer.embedded import EmbeddedEngine

    engine = EmbeddedEngine(tmp_path_factory.mktemp("live-index"))
    engine.rebuild(documents)
    return engine


@pytest.fixture(scope="session")
def opensearch(tmp_path_factory, documents):
    from indexer.opensearch import OpenSearchEngine

    alias = f"portail211-test-{uuid.uuid4().hex[:8]}"
    engine = OpenSearchEngine(OPENSEARCH_URL, alias, timeout_seconds=10.0, replicas=0,
                              lock_directory=tmp_path_factory.mktemp("live-lock"))
    engine.rebuild(documents)
    yield engine
    engine.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)
