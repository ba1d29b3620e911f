"""Browser tests: the real app behind a real HTTP server, Debian's Chromium, axe-core from npm.

A session fixture builds a small demo directory (400 services) in a temporary SQLite database,
builds its search index, and serves the app on a free loopback port from a background thread.
Nothing leaves the machine: every asset is local. A missing browser or Playwright skips locally and
fails under CI (tests/resources.missing).
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from directory import migrate
from directory.demo import generator
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{tmp / 'demo.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=400, seed=211)
    app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(tmp / "index"), "SEARCH_ENGINE": "embedded"})
    engine_from_config(app.config).rebuild(iter_documents(url))
    port = _free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"base": f"http://127.0.0.1:{port}", "app": app, "database_url": url}
    server.shutdown()


# No background requests: this machine has no network beyond the loopback (and neither has CI).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing(reason: str) -> None:
    # The repository root is on sys.path under `python -m pytest` (the README's test command).
    from tests.resources import missing

    missing(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright import sync_api as pw
    except ImportError:
        _missing("playwright is not installed (scripts/setup.sh installs the dev dependencies)")
    if not Path(CHROMIUM).exists():
        _missing("Debian's chromium is not installed (scripts/test.sh installs it)")
    with pw.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test inject axe-core; e2e/test_csp.py checks the real policy without it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-CA", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def sample_service_id(live_server) -> str:
    from sqlalchemy import select

    from directory.db import session_scope
    from directory.models import Service

    with session_scope(live_server["database_url"]) as session:
        # A service with English text and one without, so both renderings are checked.
        return session.scalar(select(Service.id).where(Service.status == "active", Service.name_en.is_not(None))
                              .order_by(Service.id).limit(1))


@pytest.fixture(scope="session")
def french_only_service_id(live_server) -> str:
    from sqlalchemy import select

    from directory.db import session_scope
    from directory.models import Service

    with session_scope(live_server["database_url"]) as session:
        return session.scalar(select(Service.id).where(Service.status == "active", Service.name_en.is_(None))
                              .order_by(Service.id).limit(1))
