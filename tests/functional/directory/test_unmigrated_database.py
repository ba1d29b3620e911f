"""A database that was never migrated (or is behind) gets a message saying what to run, from every
command that reads it, instead of the traceback of its first query ("no such table: metadata")."""

from __future__ import annotations

import pytest

from directory import migrate
from portal import create_app

COMMANDS = [
    ["directory", "demo", "--services", "10"],
    ["directory", "import", "{file}"],
    ["directory", "export", "{file}.out.json"],
    ["index", "rebuild"],
    ["index", "evaluate"],
    ["needs", "demo", "--searches", "10"],
    ["needs", "purge"],
    ["opendata", "build"],
]


def _app(url: str, tmp_path):
    return create_app({"DATABASE_URL": url, "TESTING": True, "INDEX_PATH": str(tmp_path / "index"),
                       "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": False,
                       "OPENDATA_PATH": str(tmp_path / "opendata")})


def test_a_migrated_database_passes_the_check(sqlite_url):
    migrate.require_current(sqlite_url)


def test_an_empty_database_is_told_to_run_db_upgrade(tmp_path):
    with pytest.raises(migrate.NotMigrated, match=r"has not been migrated: run `flask --app portal db upgrade`"):
        migrate.require_current(f"sqlite:///{tmp_path / 'empty.sqlite'}")


def test_a_database_behind_the_code_names_both_revisions(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    migrate.upgrade(url, "0006")
    with pytest.raises(migrate.NotMigrated, match=r"at revision 0006, this version needs 0015: run `flask"):
        migrate.require_current(url)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_commands_on_an_unmigrated_database_say_what_to_run(tmp_path, args):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    given = tmp_path / "services.json"
    given.write_text("[]")
    result = _app(url, tmp_path).test_cli_runner().invoke(args=[a.format(file=given) for a in args])
    assert result.exit_code == 1, result.output
    assert "has not been migrated: run `flask --app portal db upgrade` first" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
