"""Staff-area fixtures: an app on a fresh SQLite directory with a live embedded index, one account
per role, and a client that checks every page like the portal tests (tests/functional/portal).
"""

from __future__ import annotations

import importlib.util
import re
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

# The portal tests' page checker, loaded under its own name (two modules called "conftest").
_spec = importlib.util.spec_from_file_location("portal_page_checks", PORTAL_TESTS / "conftest.py")
page_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_checks)

PASSWORD = "correct horse battery staple"
EMAILS = {"curator": "curator@211.example.org", "analyst": "analyst@211.example.org",
          "admin": "admin@211.example.org"}


def token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


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


def sign_in(client, role: str, *, lang: str = "fr", password: str = PASSWORD):
    path = "/fr/personnel/connexion" if lang == "fr" else "/en/staff/login"
    page = client.get(path)
    return client.post(path, data={"csrf_token": token(page.get_data(as_text=True)), "email": EMAILS[role],
                                   "password": password})


@pytest.fixture
def curator(client):
    assert sign_in(client, "curator").status_code == 303
    return client


@pytest.fixture
def admin(client):
    assert sign_in(client, "admin").status_code == 303
    return client


def form_values(html: str) -> dict[str, list[str]]:
    """What a browser would send from the page's first `staff-form` form (no button)."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.values: dict[str, list[str]] = {}
            self.inside = False
            self.finished = False
            self.textarea = None
            self.select = None

        def add(self, name, value):
            self.values.setdefault(name, []).append(value)

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form" and not self.finished and "staff-form" in (a.get("class") or ""):
                self.inside = True
            if not self.inside:
                return
            name = a.get("name")
            if tag == "input" and name:
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio"):
                    if "checked" in a:
                        self.add(name, a.get("value") or "y")
                elif kind not in ("submit", "button"):
                    self.add(name, a.get("value") or "")
            elif tag == "textarea" and name:
                self.textarea = name
                self.add(name, "")
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and self.select and "selected" in a:
                self.add(self.select, a.get("value") or "")

        def handle_data(self, data):
            if self.inside and self.textarea:
                self.values[self.textarea][-1] += data

        def handle_endtag(self, tag):
            if tag == "textarea":
                self.textarea = None
            elif tag == "select":
                self.select = None
            elif tag == "form" and self.inside:
                self.inside = False
                self.finished = True

    parser = Parser()
    parser.feed(html)
    # A textarea's first newline is not part of its value (HTML parsing rule).
    return {k: [v[1:] if v.startswith("\n") else v for v in items] for k, items in parser.values.items()}
