"""Staff-area fixtures: an app on a fresh directory with a live embedded index, one account per
role, and a client that checks every page like the portal tests (tests/functional/portal).

`directory_url` is SQLite by default. Tests marked `both_databases` (those whose outcome depends
on the database: edits, audit rows, reverts, ordering, accounts) run on SQLite and on PostgreSQL
(where TEST_POSTGRES_URL is set; skipped otherwise), like the data-layer tests' `database_url`.
Page renders and the URL-map walk stay on SQLite: they test the same code on either.
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


def _load(name: str, path: Path):
    # Loaded under its own name: several test directories have a module called "conftest".
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The portal tests' page checker, and the root conftest's database helpers (functions only: its
# fixtures stay registered once, from tests/conftest.py).
page_checks = _load("portal_page_checks", PORTAL_TESTS / "conftest.py")
databases = _load("tests_databases", PORTAL_TESTS.parent.parent / "conftest.py")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_databases: the staff test runs on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc):
    if "staff_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_databases"):
        metafunc.parametrize("staff_backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                             indirect=True)


@pytest.fixture
def staff_backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def directory_url(staff_backend, request, tmp_path):
    """A migrated, empty directory: SQLite, or PostgreSQL for `both_databases` tests' second run."""
    yield from databases._migrated_database(staff_backend, request, tmp_path / "directory.sqlite")

@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch):
    # Real argon2id, with the smallest cost: hundreds of sign-ins stay fast. Production keeps the
    # library's defaults (directory/accounts.py).
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def app(directory_url, tmp_path):
    factories.load_taxonomy(directory_url)
    with session_scope(directory_url) as session:
        for role, email in EMAILS.items():
            accounts.create(session, email, PASSWORD, role=role)
    app = create_app({"DATABASE_URL": directory_url, "TESTING": True, "CACHE_SECONDS": 0, "SERVER_NAME": "localhost",
                      "INDEX_PATH": str(tmp_path / "index"), "SEARCH_ENGINE": "embedded",
                      "CRISIS_BANNER_CACHE_SECONDS": 0, "STAFF_LOGIN_RATE_LIMIT": "1000/minute"})
    app.test_client_class = page_checks.CheckedClient
    yield app
    # Last flush of the anonymous search log while its database still exists (PostgreSQL test
    # databases are dropped right after the test).
    app.extensions["query_log"].close(timeout=1)


@pytest.fixture
def engine(app):
    return engine_from_config(app.config)


@pytest.fixture
def reindex(app, engine):
    def rebuild():
        engine.rebuild(iter_documents(app.config["DATABASE_URL"]))

    return rebuild


@pytest.fixture
def make_service(directory_url):
    def make(**kwargs):
        return factories.service(directory_url, **kwargs)

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
