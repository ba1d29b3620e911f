"""Data safety: a process killed (SIGKILL, no cleanup of any kind) in the middle of an import or an
index rebuild leaves the directory and the live index exactly as they were; backups are consistent
and restores atomic.

The killed processes are the real CLI commands (`flask directory import`, `flask index rebuild`),
killed once they have started writing: uncommitted pages in SQLite's write-ahead log for the import,
segment files in a new index version directory for the rebuild.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from directory import backup, migrate
from directory.demo import generator
from directory.hsds import exporter
from indexer.document import iter_documents
from indexer.embedded import EmbeddedEngine
from indexer.engine import SearchRequest

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.slow
FLASK = [sys.executable, "-m", "flask", "--app", "portal"]
TABLES = ("organization", "service", "location", "service_at_location", "phone", "schedule")


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> dict:
    """A 2,500-service directory (its own ids: another seed), exported as HSDS JSON, and indexed."""
    root = tmp_path_factory.mktemp("large")
    url = f"sqlite:///{root / 'large.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=2500, seed=2024)
    exporter.export_path(url, root / "large.json")
    EmbeddedEngine(root / "index").rebuild(iter_documents(url))
    return {"root": root, "url": url, "database": root / "large.sqlite", "json": root / "large.json",
            "index": root / "index"}


def _env(database: Path, index: Path, instance: Path) -> dict:
    return dict(os.environ, DATABASE_URL=f"sqlite:///{database}", INDEX_PATH=str(index),
                PORTAL_INSTANCE_PATH=str(instance), SEARCH_ENGINE="embedded", PYTHONUNBUFFERED="1")


def _counts(database: Path) -> dict[str, int]:
    connection = sqlite3.connect(database)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        connection.close()


def _export(url: str, path: Path) -> list:
    exporter.export_path(url, path)
    return json.loads(path.read_text(encoding="utf-8"))


def _kill_when(process: subprocess.Popen, started, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if started():
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            return
        if process.poll() is not None:
            pytest.fail(f"{what} ended (exit {process.returncode}) before it could be killed mid-write; "
                        f"output: {process.stderr.read()[-2000:] if process.stderr else ''}")
        time.sleep(0.01)
    process.kill()
    pytest.fail(f"{what} never started writing")


def test_an_import_killed_while_writing_leaves_the_directory_as_it_was(demo_copy, large, tmp_path):
    database, url = demo_copy["database"], demo_copy["url"]
    before_counts = _counts(database)
    before_export = _export(url, tmp_path / "before.json")
    wal = database.with_name(database.name + "-wal")
    process = subprocess.Popen([*FLASK, "directory", "import", str(large["json"])], cwd=ROOT,
                               env=_env(database, demo_copy["index"], tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Uncommitted pages spill into the WAL once the transaction outgrows SQLite's page cache.
    _kill_when(process, lambda: wal.exists() and wal.stat().st_size > 2_000_000, "the import")
    assert process.returncode == -signal.SIGKILL
    assert _counts(database) == before_counts
    assert _export(url, tmp_path / "after.json") == before_export
    assert sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # And the directory still takes the same import afterwards.
    done = subprocess.run([*FLASK, "directory", "import", str(large["json"])], cwd=ROOT,
                          env=_env(database, demo_copy["index"], tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _counts(database)["service"] >= before_counts["service"] + 2500


def test_a_rebuild_killed_while_writing_leaves_the_live_index_serving_the_same_results(large, tmp_path):
    index = tmp_path / "index"
    import shutil

    shutil.copytree(large["index"], index)
    engine = EmbeddedEngine(index)
    live = engine.current_version()
    probe = SearchRequest(q="banque alimentaire", per_page=20)
    first = engine.search(probe)
    before = [(h.id, round(h.score, 4)) for h in first.hits]
    versions = {p.name for p in index.glob("v-*")}

    def writing() -> bool:
        return any(p.name not in versions and any(p.glob("*.idx")) or
                   p.name not in versions and len(list(p.iterdir())) > 2 for p in index.glob("v-*"))

    process = subprocess.Popen([*FLASK, "index", "rebuild"], cwd=ROOT,
                               env=_env(large["database"], index, tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _kill_when(process, writing, "the rebuild")
    assert process.returncode == -signal.SIGKILL
    assert EmbeddedEngine(index).current_version() == live
    after = EmbeddedEngine(index)
    assert [(h.id, round(h.score, 4)) for h in after.search(probe).hits] == before
    # The killed writer's lock died with it: the next rebuild runs and replaces the index.
    result = after.rebuild(iter_documents(large["url"]))
    assert after.current_version() == result.index != live
    assert after.search(probe).total == first.total  # same directory, same matches


def test_backup_while_writing_is_consistent_and_restore_is_atomic(demo_copy, tmp_path):
    url, database = demo_copy["url"], demo_copy["database"]
    counts = _counts(database)
    sqlite3.connect(database).execute("PRAGMA journal_mode=WAL").fetchone()  # as the portal runs it
    snapshot = tmp_path / "backups" / "directory.sqlite"
    writer = sqlite3.connect(database)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM phone")  # an uncommitted change: the backup must not see it
    info = backup.backup(url, snapshot)
    writer.rollback()
    assert info.services == counts["service"] and info.schema_version
    assert _counts(snapshot) == counts
    assert not list(snapshot.parent.glob(".*.tmp"))

    # The directory changes after the backup, then the backup is restored over the live database
    # while a reader holds a connection.
    changed = sqlite3.connect(database)
    changed.execute("DELETE FROM phone")
    changed.commit()
    reader = sqlite3.connect(database)
    assert reader.execute("SELECT count(*) FROM phone").fetchone()[0] == 0
    done = subprocess.run([*FLASK, "db", "restore", "--yes", str(snapshot)], cwd=ROOT,
                          env=_env(database, demo_copy["index"], tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert reader.execute("SELECT count(*) FROM phone").fetchone()[0] == counts["phone"]
    assert _counts(database) == counts
    assert sqlite3.connect(database).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_refuses_what_is_not_a_portal_backup_and_changes_nothing(demo_copy, tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    counts = _counts(demo_copy["database"])
    with pytest.raises(backup.BackupError):
        backup.restore(demo_copy["url"], bogus)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(backup.BackupError):
        backup.restore(demo_copy["url"], other)
    assert _counts(demo_copy["database"]) == counts


def test_backup_of_postgresql_points_to_pg_dump():
    with pytest.raises(backup.BackupError, match="pg_dump"):
        backup.backup("postgresql://u:p@localhost/portail211", "/tmp/x")
