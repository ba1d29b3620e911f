"""Open data: the page (/fr/donnees-ouvertes, /en/open-data), the bulk downloads it links to
(/opendata/<file>), and `flask opendata build`, which generates them (see `build`)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

opendata_cli = AppGroup("opendata", help="Open data: bulk downloads of the directory.")


def root_path(app: Flask | None = None) -> Path:
    app = app or current_app
    configured = app.config.get("OPENDATA_PATH")
    return Path(configured) if configured else Path(app.instance_path) / "opendata"


@opendata_cli.command("build")
@click.option("--force", is_flag=True, help="Regenerate even when the directory has not changed.")
def build_command(force: bool) -> None:
    """Generate the bulk files for the directory as it is now (skipped when up to date)."""
    from directory import migrate
    from portal.opendata import build

    migrate.require_current(current_app.config["DATABASE_URL"])
    manifest = build.build(current_app.config["DATABASE_URL"], root_path(), force=force)
    total = sum(f["bytes"] for f in manifest.data["files"])
    click.echo(f"open data {manifest.version}: {len(manifest.data['files'])} files, "
               f"{total / 1e6:.1f} MB in {manifest.path}")


def init_app(app: Flask) -> None:
    from portal.opendata.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(opendata_cli)
