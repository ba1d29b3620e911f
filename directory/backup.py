"""Consistent backups and atomic restores of the directory database (SQLite).

`backup(url, path)`: SQLite's online backup API (`sqlite3.Connection.backup`) copies every page in
one step, inside one read transaction, so the copy is a consistent snapshot even while the portal
serves and curators save (WAL mode lets them carry on). It is written to a temporary file beside
`path`, checked (`PRAGMA integrity_check`), fsynced and renamed into place: a crash leaves either
no file or the whole backup, never half of one.

`restore(url, path)`: the backup is checked first (a SQLite database with the portal's schema
version), then copied INTO the live database with the same backup API, again in one step. SQLite
runs that as a single write transaction on the destination: other connections see the old
directory or the new one, never a mixture, and a crash mid-restore is rolled back from the journal.
Running servers can stay up; rebuild the search index afterwards (`flask index rebuild`), since it
still describes the directory as it was before the restore.

PostgreSQL: use its own tools, which give the same guarantees (README, "Production"):
    pg_dump --format=custom --file=portail211.dump "$DATABASE_URL"
    pg_restore --clean --if-exists --single-transaction --dbname="$DATABASE_URL" portail211.dump
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """The database cannot be backed up or restored as asked; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    bytes: int
    schema_version: str | None
    services: int


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            f"{url.get_backend_name()} databases are backed up with their own tools: "
            "pg_dump --format=custom / pg_restore --single-transaction (see README, Production)")
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _describe(connection: sqlite3.Connection, path: Path) -> BackupInfo:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        version = row[0] if row else None
    services = connection.execute("SELECT count(*) FROM service").fetchone()[0] if "service" in tables else 0
    return BackupInfo(path, path.stat().st_size, version, services)


def _check(connection: sqlite3.Connection, what: str) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what} failed SQLite's integrity check: {result}")


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(database_url: str, path: str | os.PathLike[str]) -> BackupInfo:
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"no database at {source_path}")
    target = Path(path).resolve()
    if target == source_path.resolve():
        raise BackupError("the backup would overwrite the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    try:
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)  # pages=-1: everything in one step, one consistent snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
            _check(copy, "the backup")
            info = _describe(copy, temporary)
        finally:
            copy.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_directory(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return BackupInfo(target, target.stat().st_size, info.schema_version, info.services)


def inspect(path: str | os.PathLike[str]) -> BackupInfo:
    """Check that `path` is an intact SQLite backup of a portal database; describe it."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            _check(connection, str(path))
            info = _describe(connection, path)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database: {error}") from error
    if info.schema_version is None:
        raise BackupError(f"{path} is not a Portail 211 database (no alembic_version)")
    return info


def restore(database_url: str, path: str | os.PathLike[str]) -> BackupInfo:
    info = inspect(path)
    target_path = sqlite_path(database_url)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(target_path, timeout=30)
        try:
            target.execute("PRAGMA busy_timeout=30000")
            mode = target.execute("PRAGMA journal_mode").fetchone()[0]
            source.backup(target)  # one step: one write transaction on the live database
            # The copied header carries the backup's journal mode (DELETE); the portal runs in WAL.
            target.execute(f"PRAGMA journal_mode={'WAL' if mode == 'wal' else 'DELETE'}")
            _check(target, "the restored database")
        finally:
            target.close()
    finally:
        source.close()
    return info
