"""Confidential-location fixtures: a demo directory with distinctive confidential addresses
(confidential_directory.py), indexed by the embedded engine, its open data built, one staff account."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import confidential_directory
import pytest

from directory import accounts
from directory.db import session_scope
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app
from portal.opendata import build as opendata

# The portal tests' record factories (test_trilateration.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "portal"))


@pytest.fixture(scope="module")
def walked(tmp_path_factory, _sqlite_template):
    tmp = tmp_path_factory.mktemp("confidential")
    shutil.copy(_sqlite_template, tmp / "directory.sqlite")
    url = f"sqlite:///{tmp / 'directory.sqlite'}"
    directory = confidential_directory.build(url, tmp)
    with session_scope(url) as session:
        accounts.create(session, confidential_directory.STAFF_EMAIL, confidential_directory.STAFF_PASSWORD,
                        role="curator")
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SERVER_NAME": "localhost", "CACHE_SECONDS": 0,
                      "INDEX_PATH": str(tmp / "index"), "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": False,
                      "OPENDATA_PATH": str(tmp / "opendata"), "API_RATE_LIMIT": "100000/minute"})
    engine_from_config(app.config).rebuild(iter_documents(url))
    opendata.build(url, tmp / "opendata")
    return app, directory
