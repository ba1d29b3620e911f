"""The live OpenSearch tier: a real OpenSearch 2.19 node. The test command starts one
(scripts/opensearch.sh) and exports OPENSEARCH_URL; run alone, the first live test starts it
(`tests.resources.opensearch_url`). Under CI a node that cannot start fails the run.

One small demo directory (400 services, fixed seed and day) is indexed ONCE per session into both
engines: the embedded engine in a temp directory and OpenSearch under a throw-away alias, removed at
the end with its indices. The relevance judgements are measured on the directory they were written
against (15,000 services, seed 211, as tests/relevance): on the small one a third of the judged
queries have no document worth a 3 and both engines score about 0.58, which says nothing. It is
built only for the tests that ask for it (`relevance_engines`, about a minute).
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid

import pytest

TODAY = dt.date(2025, 3, 10)
SEED = 211
SERVICES = 400


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/live" in str(item.fspath):
            item.add_marker(pytest.mark.live)


@pytest.fixture(scope="session")
def opensearch_url() -> str:
    from tests.resources import opensearch_url as start_or_find

    return start_or_find()


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
def opensearch(tmp_path_factory, documents, opensearch_url):
    from indexer.opensearch import OpenSearchEngine

    alias = f"portail211-test-{uuid.uuid4().hex[:8]}"
    engine = OpenSearchEngine(opensearch_url, alias, timeout_seconds=10.0, replicas=0,
                              lock_directory=tmp_path_factory.mktemp("live-lock"))
    engine.rebuild(documents)
    yield engine
    engine.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)


@pytest.fixture(scope="session")
def relevance_documents(tmp_path_factory, demo_15k_template) -> list[dict]:
    """The demo directory of the relevance judgements (as tests/relevance/test_relevance.py):
    generator.build(services=15_000, seed=211), built once per run and shared (tests/conftest.py)."""
    from indexer.document import iter_documents

    path = tmp_path_factory.mktemp("live-relevance") / "directory.sqlite"
    shutil.copy(demo_15k_template, path)
    return list(iter_documents(f"sqlite:///{path}"))


@pytest.fixture(scope="session")
def relevance_engines(tmp_path_factory, relevance_documents, opensearch_url):
    """(embedded, opensearch), both holding the relevance directory."""
    from indexer.embedded import EmbeddedEngine
    from indexer.opensearch import OpenSearchEngine
    from indexer.understanding import need

    need.install(need.train(relevance_documents))  # as `index rebuild` trains it
    embedded = EmbeddedEngine(tmp_path_factory.mktemp("live-relevance-index"))
    embedded.rebuild(relevance_documents)
    alias = f"portail211-test-relevance-{uuid.uuid4().hex[:8]}"
    opensearch = OpenSearchEngine(opensearch_url, alias, timeout_seconds=30.0, replicas=0,
                                  lock_directory=tmp_path_factory.mktemp("live-relevance-lock"))
    try:
        opensearch.rebuild(relevance_documents)
        yield embedded, opensearch
    finally:
        need.install(None)
        opensearch.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)
