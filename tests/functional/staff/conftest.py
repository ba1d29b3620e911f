"""Staff-area fixtures: an app on a fresh SQLite directory with a live embedded index, one account
per role, and a client that checks every page like the portal tests (tests/functional/portal).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from directory import accounts
from directory.db import session_scope
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app

PORTAL_TESTS = Path(__file__).resolve().parent.parent / "portal"
sys.path.insert(0, str(PORTAL_TESTS))
import portal_factories as factories  # noqa: E402
from staff_helpers import EMAILS, PASSWORD, sign_in  # noqa: E402

# The portal tests' page checker, loaded under its own name (two modules called "conftest").
_spec = importlib.util.spec_from_file_location("portal_page_checks", PORTAL_TESTS / "conftest.py")
page_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_checks)

@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch):
    # Real argon2id, with the smallest cost: hundreds of sign-ins stay fast. Production keeps the
    # library's defaults (directory/accounts.py).
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def app(sqlite_url, tmp_path):
    factories.load_taxonomy(sqlite_url)
    with session_scope(sqlite_url) as session:
        for role, email in EMAILS.items():
            accounts.create(session, email, PASSWORD, role=role)
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "CACHE_SECONDS": 0, "SERVER_NAME": "localhost",
                      "INDEX_PATH": str(tmp_path / "index"), "SEARCH_ENGINE": "embedded",
                      "CRISIS_BANNER_CACHE_SECONDS": 0, "STAFF_LOGIN_RATE_LIMIT": "1000/minute"})
    app.test_client_class = page_checks.CheckedClient
    return app


@pytest.fixture
def engine(app):
    return engine_from_config(app.config)


@pytest.fixture
def reindex(app, engine):
    def rebuild():
        engine.rebuild(iter_documents(app.config["DATABASE_URL"]))

    return rebuild


@pytest.fixture
def make_service(sqlite_url):
    def make(**kwargs):
        return factories.service(sqlite_url, **kwargs)

    return make


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def curator(client):
    assert sign_in(client, "curator").status_code == 303
    return client


@pytest.fixture
def admin(client):
    assert sign_in(client, "admin").status_code == 303
    return client
