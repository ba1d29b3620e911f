"""Production fixtures: one small demo directory (database + embedded index) per session, and
per-test copies of it for tests that write, kill or restore."""

from __future__ import annotations

import shutil

import pytest

from directory import migrate
from directory.demo import generator
from indexer.document import iter_documents
from indexer.embedded import EmbeddedEngine
from indexer.factory import clear_cache

DEMO_SERVICES = 300


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("production-demo")
    url = f"sqlite:///{root / 'directory.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=DEMO_SERVICES, seed=211)
    EmbeddedEngine(root / "index").rebuild(iter_documents(url))
    return {"root": root, "database": root / "directory.sqlite", "url": url, "index": root / "index"}


@pytest.fixture
def demo_copy(demo, tmp_path) -> dict:
    """A private copy of the demo directory and index."""
    from directory import backup

    target = tmp_path / "directory.sqlite"
    backup.backup(demo["url"], target)  # consistent even with the WAL beside the session database
    shutil.copytree(demo["index"], tmp_path / "index")
    return {"root": tmp_path, "database": target, "url": f"sqlite:///{target}", "index": tmp_path / "index"}


@pytest.fixture(autouse=True)
def _fresh_engines():
    clear_cache()
    yield
    clear_cache()

