"""`index rebuild --if-missing`: skips a current index, rebuilds a missing one or one built by an
older schema (run.sh relies on it after an upgrade: a query naming a field the old index lacks
would make tantivy panic)."""

from __future__ import annotations

import json
import sys

from directory.demo import generator
from indexer.embedded import SCHEMA_VERSION, EmbeddedEngine
from portal import create_app


def _rebuild(app) -> str:
    result = app.test_cli_runner().invoke(args=["index", "rebuild", "--if-missing"])
    assert result.exit_code == 0, result.output
    return result.output


def test_if_missing_builds_skips_then_rebuilds_an_older_schema(sqlite_url, tmp_path):
    generator.build(sqlite_url, services=30, seed=3, progress=False)
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "INDEX_PATH": str(tmp_path / "index"),
                      "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": False})
    engine = EmbeddedEngine(tmp_path / "index")
    assert "documents indexed" in _rebuild(app)
    first = engine.current_version()
    assert engine.built_schema() == SCHEMA_VERSION

    assert "skipping" in _rebuild(app)
    assert engine.current_version() == first

    built = tmp_path / "index" / first / "BUILT"
    built.write_text(json.dumps({**json.loads(built.read_text()), "schema": SCHEMA_VERSION - 1}))
    output = _rebuild(app)
    assert f"schema {SCHEMA_VERSION - 1}, this version needs {SCHEMA_VERSION}: rebuilding" in output
    assert engine.current_version() != first and engine.built_schema() == SCHEMA_VERSION


def test_index_evaluate_exists_without_ranx_and_says_what_to_install(sqlite_url, tmp_path, monkeypatch):
    # ranx is a test dependency (indexer/cli.py says why): without it the command must still be
    # listed and say what to install, not vanish from `flask index --help`.
    monkeypatch.setitem(sys.modules, "ranx", None)  # what importlib sees when ranx is not installed
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "INDEX_PATH": str(tmp_path / "index"),
                      "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": False})
    runner = app.test_cli_runner()
    assert "evaluate" in runner.invoke(args=["index", "--help"]).output
    result = runner.invoke(args=["index", "evaluate"])
    assert result.exit_code == 1
    assert "needs ranx, a test dependency: run `.venv/bin/pip install -e '.[test]'`" in result.output
