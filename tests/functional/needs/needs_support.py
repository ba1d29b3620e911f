"""Needs test support: a portal app on a fresh migrated database whose client checks every page,
and a small indexed directory for searches. A plain module, not conftest.py, so its name cannot
clash with another directory's conftest when the tiers run in one session; conftest.py re-exports
the fixtures."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from portal import create_app

_PORTAL = Path(__file__).resolve().parent.parent / "portal"
sys.path.insert(0, str(_PORTAL))  # portal_factories, shared with the portal's functional tests


def _portal_module(name: str):
    spec = importlib.util.spec_from_file_location(f"needs_tests_{name}", _PORTAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


import portal_factories as factories  # noqa: E402

CheckedClient = _portal_module("conftest").CheckedClient

# A fixed "today" so weeks, seasons and the crisis are the same on every run.
TODAY = dt.date(2026, 6, 10)


def make_app(database_url: str, **config):
    factories.load_taxonomy(database_url)
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "CACHE_SECONDS": 0,
                      "SERVER_NAME": "localhost", "NEEDS_CACHE_SECONDS": 0, "NEEDS_LOG_FLUSH_SECONDS": 0.05,
                      **config})
    app.test_client_class = CheckedClient
    return app


@pytest.fixture
def app(sqlite_url):
    return make_app(sqlite_url)


@pytest.fixture
def client(app):
    return app.test_client()


def index_directory(app, tmp_path) -> None:
    from indexer.document import iter_documents
    from indexer.factory import engine_from_config

    url = app.config["DATABASE_URL"]
    app.config["INDEX_PATH"] = str(tmp_path / "index")
    org = factories.organization(url)
    factories.service(url, organization_id=org)
    factories.service(url, organization_id=org, name_fr="Dépannage alimentaire", name_en="Emergency food")
    engine_from_config(app.config).rebuild(iter_documents(url))
