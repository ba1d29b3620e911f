"""API fixtures: a demo directory (400 services) indexed by the embedded engine, built once per
module and back-end, and an app serving it with a rate limit high enough for the tests.

`demo_url` is parametrized over SQLite and PostgreSQL (skipped without TEST_POSTGRES_URL), like
the root `database_url`, but module-scoped: the demo and its index take a few seconds to build
and the API tests only read.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from directory.demo import generator
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app

ROOT_CONFTEST = Path(__file__).resolve().parents[2] / "conftest.py"
SEED = 211


def _root_conftest():
    """tests/conftest.py (its module name `conftest` is shadowed here by this file)."""
    spec = importlib.util.spec_from_file_location("_root_conftest", ROOT_CONFTEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
SERVICES = 400


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return sqlite_demo(request.getfixturevalue("_sqlite_template"), tmp_path_factory)
    url = _root_conftest()._fresh_postgres(request.getfixturevalue("_postgres_template"))
    generator.build(url, services=SERVICES, seed=SEED)
    return url


def sqlite_demo(template, tmp_path_factory) -> str:
    """The demo directory in a fresh copy of the migrated SQLite template; its URL."""
    path = tmp_path_factory.mktemp("api-demo") / "demo.sqlite"
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    generator.build(url, services=SERVICES, seed=SEED)
    return url


def make_app(url: str, index_path, **config):
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SERVER_NAME": "localhost",
                      "INDEX_PATH": str(index_path), "SEARCH_ENGINE": "embedded",
                      "API_RATE_LIMIT": "100000/minute", "CACHE_SECONDS": 0,
                      "OPENDATA_PATH": str(index_path.parent / "opendata"), **config})
    return app


@pytest.fixture(scope="module")
def api_app(demo_url, tmp_path_factory):
    index = tmp_path_factory.mktemp("api-index") / "index"
    app = make_app(demo_url, index)
    engine_from_config(app.config).rebuild(iter_documents(demo_url))
    return app


@pytest.fixture
def api(api_app):
    return api_app.test_client()
