"""Fixtures shared by every tier: fresh, migrated databases on SQLite and PostgreSQL.

`database_url` is parametrized over both back-ends. PostgreSQL runs where TEST_POSTGRES_URL points
at a server (the test command starts one); elsewhere those cases skip and say why, and under CI
they fail (tests/resources.missing).
Each test gets its own database, copied from one migrated template, so tests never share rows.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from directory import db, migrate

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def demo_15k_template(tmp_path_factory, _sqlite_template) -> Path:
    """The 15,000-service demo directory (seed 211) the relevance judgements are written over, built
    once per test run (about 40 s): the pytest workers share it under a file lock. Copy it, never
    write to it."""
    from directory.demo import generator

    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's base is a folder of the run's own; alone, the base is the run's.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = shared / "demo-15000-211.sqlite"
    with open(shared / "demo-15000-211.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = shared / "demo-15000-211.building"
            shutil.copy(_sqlite_template, building)
            generator.build(f"sqlite:///{building}", services=15_000, seed=211)
            db.dispose(f"sqlite:///{building}")
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def _postgres_template() -> str:
    if not POSTGRES_URL:
        from tests.resources import missing

        missing("TEST_POSTGRES_URL is not set (scripts/test.sh starts PostgreSQL and sets it)")
    name = f"portal_template_{os.getpid()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    migrate.upgrade(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _fresh_postgres(template: str) -> str:
    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _drop_postgres(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _migrated_database(backend: str, request, path):
    """Yield a migrated, empty database copied from the template; dispose and drop it afterwards."""
    if backend == "sqlite":
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        url = f"sqlite:///{path}"
        yield url
        db.dispose(url)
        return
    url = _fresh_postgres(request.getfixturevalue("_postgres_template"))
    yield url
    # Pooled connections would pile up over hundreds of tests and exhaust max_connections.
    db.dispose(url)
    _drop_postgres(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """A migrated, empty directory database on each back-end, dropped after the test."""
    yield from _migrated_database(request.param, request, tmp_path / "directory.sqlite")


@pytest.fixture
def sqlite_url(tmp_path, _sqlite_template) -> str:
    """A migrated, empty SQLite database, for tests that do not depend on the back-end."""
    path = tmp_path / "directory.sqlite"
    shutil.copy(_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def fresh_url(database_url, request, tmp_path):
    """A second empty, migrated database on the same back-end as `database_url`."""
    backend = "sqlite" if database_url.startswith("sqlite") else "postgres"
    yield from _migrated_database(backend, request, tmp_path / "fresh.sqlite")
