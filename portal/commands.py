"""`flask --app portal …` command groups: thin wrappers over tested functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

db_cli = AppGroup("db", help="Database schema (Alembic migrations).")
directory_cli = AppGroup("directory", help="The curated directory: demo data, HSDS import and export.")


def _url() -> str:
    return current_app.config["DATABASE_URL"]


def _migrated_url() -> str:
    """DATABASE_URL, once it is known to be migrated (otherwise: a message saying what to run)."""
    from directory import migrate

    migrate.require_current(_url())
    return _url()


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration up to the latest."""
    from directory import migrate

    migrate.upgrade(_url())
    click.echo("database at head")


@db_cli.command("check")
def db_check() -> None:
    """Fail when the models and the migrations disagree."""
    from directory import migrate

    migrate.check(_url())
    click.echo("no drift")


@db_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(path: Path) -> None:
    """Write a consistent copy of the SQLite database to PATH (safe while the portal runs)."""
    from directory import backup

    try:
        info = backup.backup(_url(), path)
    except backup.BackupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"backup written to {info.path} ({info.bytes:,} bytes, schema {info.schema_version}, "
               f"{info.services:,} services)")


@db_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def db_restore(path: Path, yes: bool) -> None:
    """Replace the SQLite database with the backup at PATH, atomically; then rebuild the index."""
    from directory import backup

    try:
        info = backup.inspect(path)
        if not yes:
            click.confirm(f"Replace the directory with {path} ({info.services:,} services)?", abort=True)
        backup.restore(_url(), path)
    except backup.BackupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"restored {info.services:,} services (schema {info.schema_version}); "
               "now run `flask --app portal db upgrade` and `flask --app portal index rebuild`")


@directory_cli.command("demo")
@click.option("--services", type=int, default=None, help="How many services (default 15,000).")
@click.option("--seed", type=int, default=211, show_default=True)
@click.option("--if-empty", is_flag=True, help="Do nothing when the directory already has services.")
def directory_demo(services: int | None, seed: int, if_empty: bool) -> None:
    """Replace the directory with a deterministic, realistic Québec demo directory."""
    from directory.demo import generator

    url = _migrated_url()
    count = services or current_app.config["DEMO_SERVICES"]
    if if_empty and generator.has_services(url):
        click.echo("directory already loaded; skipping demo")
        return
    stats = generator.build(url, services=count, seed=seed, progress=True)
    click.echo(stats.summary())


def _report_path(report: Path | None) -> Path:
    import datetime as dt

    return report or Path(f"hsds-quarantine-{dt.datetime.now():%Y%m%dT%H%M%S}.csv")


@directory_cli.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--by", default="cli", show_default=True, help="Who the audit trail names.")
@click.option("--quarantine", is_flag=True,
              help="Import the valid records and report the others (default: all or nothing).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --quarantine: where to write the CSV report of the records left out "
                   "(default: hsds-quarantine-<time>.csv here).")
def directory_import(path: Path, by: str, quarantine: bool, report: Path | None) -> None:
    """Import HSDS 3.1 or 3.0: JSON (records, API pages, per-record files) or a data package."""
    from directory.hsds import importer

    try:
        result = importer.import_path(_migrated_url(), path, updated_by=by, progress=True,
                                      quarantine=quarantine,
                                      report=_report_path(report) if quarantine else None)
    except importer.ImportRejected as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(result.summary())


@directory_cli.command("harvest")
@click.argument("api_root")
@click.option("--since", default=None, metavar="DATE",
              help="Only services modified on or after DATE (YYYY-MM-DD or RFC 3339); default: "
                   "since the last complete harvest of this API.")
@click.option("--full", is_flag=True, help="Fetch everything, even after an earlier harvest.")
@click.option("--quarantine", is_flag=True,
              help="Import the valid records and report the others (default: all or nothing).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --quarantine: where to write the CSV report.")
@click.option("--state", "state_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Where pages and progress are kept (default: "
                                  "<instance>/harvest/<host>); a stopped harvest resumes from it.")
@click.option("--delay", type=click.FloatRange(0, 60), default=0.5, show_default=True,
              help="Seconds between two requests to the API.")
@click.option("--by", default="harvest", show_default=True, help="Who the audit trail names.")
def directory_harvest(api_root: str, since: str | None, full: bool, quarantine: bool,
                      report: Path | None, state_dir: Path | None, delay: float, by: str) -> None:
    """Harvest another directory's HSDS 3.x API (API_ROOT, e.g. https://…/api/hsds) into this one."""
    import urllib.parse

    from directory.hsds import harvest, importer

    parsed = urllib.parse.urlsplit(api_root)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        click.echo(f"{api_root}: not an http(s) URL / pas une adresse http(s)", err=True)
        sys.exit(2)
    state_dir = state_dir or Path(current_app.instance_path) / "harvest" / parsed.netloc.replace(":", "_")
    if since is None and not full:
        since = harvest.last_harvest(state_dir, api_root)
    try:
        result = harvest.harvest(_migrated_url(), api_root, state_dir, since=since,
                                 quarantine=quarantine, delay=delay, updated_by=by,
                                 report=_report_path(report) if quarantine else None)
    except harvest.HarvestError as error:
        click.echo(f"harvest stopped (run again to resume): {error}", err=True)
        sys.exit(1)
    except importer.ImportRejected as error:
        click.echo(str(error), err=True)
        click.echo(f"the pages are kept in {state_dir}: run again with --quarantine to import the "
                   "valid records", err=True)
        sys.exit(1)
    click.echo(result.summary())


@directory_cli.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "datapackage"]), default="json")
def directory_export(path: Path, fmt: str) -> None:
    """Export the whole directory as HSDS 3.1 (bilingual profile), archived services included."""
    from directory.hsds import exporter

    result = exporter.export_path(_migrated_url(), path, fmt=fmt, progress=True, public=False)
    click.echo(result.summary())


@click.command("holidays")
@click.argument("years", nargs=-1, type=click.IntRange(1583, 9998), required=True)
def holidays_command(years: tuple[int, ...]) -> None:
    """Québec's holidays and common closures of YEARS, as the portal computes them (docs/holidays.md)."""
    from directory import holidays

    click.echo("| date | jour | fr | en | statut / status |")
    click.echo("|---|---|---|---|---|")
    days = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
    for year in years:
        for h in holidays.holidays(year):
            kind = "férié / statutory" if h.statutory else "fermeture courante / common closure"
            if h.moved:
                kind += " (dimanche → lundi / Sunday → Monday)"
            click.echo(f"| {h.date.isoformat()} | {days[h.date.weekday()]} | {h.name_fr} | {h.name_en} | {kind} |")


def init_app(app: Flask) -> None:
    app.cli.add_command(holidays_command)
    app.cli.add_command(db_cli)
    app.cli.add_command(directory_cli)
    from indexer.cli import index_cli
    app.cli.add_command(index_cli)
