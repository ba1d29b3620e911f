"""Shared by the maps, shortlist, PDF, exports and widget tests: a demo directory (400 services)
indexed by the embedded engine, built once per test module."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from directory.db import session_scope
from directory.demo import generator
from directory.models import Service
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, _sqlite_template):
    tmp = tmp_path_factory.mktemp("demo")
    shutil.copy(_sqlite_template, tmp / "demo.sqlite")
    url = f"sqlite:///{tmp / 'demo.sqlite'}"
    generator.build(url, services=400, seed=211)
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SERVER_NAME": "localhost", "CACHE_SECONDS": 0,
                      "INDEX_PATH": str(tmp / "index"), "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": False})
    engine_from_config(app.config).rebuild(iter_documents(url))
    return app


@pytest.fixture
def client(demo_app):
    return demo_app.test_client()


@pytest.fixture(scope="module")
def service_ids(demo_app) -> list[str]:
    """Active services with coordinates and both languages, in id order."""
    ids = []
    for doc in iter_documents(demo_app.config["DATABASE_URL"]):
        if doc["status"] == "active" and doc["lat"] is not None and doc["name_en"] and doc["phones"] \
                and doc["service_id"] not in ids:
            ids.append(doc["service_id"])
    return sorted(ids)


@pytest.fixture(scope="module")
def names(demo_app) -> dict[str, tuple[str, str | None]]:
    with session_scope(demo_app.config["DATABASE_URL"]) as session:
        rows = session.execute(select(Service.id, Service.name_fr, Service.name_en))
        return {row.id: (row.name_fr, row.name_en) for row in rows}
