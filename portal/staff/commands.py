"""`flask --app portal staff …`: create accounts, retry the search-index backlog."""

from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from directory import accounts, migrate
from directory.db import session_scope
from directory.models import STAFF_ROLES

staff_cli = AppGroup("staff", help="Staff accounts and the curation area.")
PASSWORD_ENV = "STAFF_PASSWORD"


def _password() -> str:
    # For automation (set-up scripts, containers) the password may come from the environment;
    # otherwise it is asked for twice, never echoed and never taken as an argument (shell history).
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _create(email: str, role: str, name: str) -> None:
    migrate.require_current(current_app.config["DATABASE_URL"])  # says what to run, no traceback
    password = _password()
    try:
        with session_scope(current_app.config["DATABASE_URL"]) as session:
            user = accounts.create(session, email, password, role=role, name=name)
            click.echo(f"{user.role} account created for {user.email}")
    except accounts.AccountError as error:
        click.echo(f"cannot create the account: {error}", err=True)
        sys.exit(1)


@staff_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="Display name (default: the part before @).")
def create_admin(email: str, name: str) -> None:
    """Create an admin account; the password is prompted for, or read from STAFF_PASSWORD."""
    _create(email, "admin", name)


@staff_cli.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(STAFF_ROLES), default="curator", show_default=True)
@click.option("--name", default="")
def create_user(email: str, role: str, name: str) -> None:
    """Create a curator, analyst or admin account (password prompted, or STAFF_PASSWORD)."""
    _create(email, role, name)


@staff_cli.command("reindex-backlog")
def reindex_backlog() -> None:
    """Retry services whose search documents could not be updated after an edit (cron-able)."""
    migrate.require_current(current_app.config["DATABASE_URL"])
    from portal import search_service

    done, failing = search_service.retry_backlog()
    click.echo(f"reindexed {done} service(s); {failing} still failing")
    if failing:
        sys.exit(1)
