"""`flask --app portal outreach links ORG_ID` (a new update link),
`flask --app portal outreach remind [--due-within DAYS] [--dry-run]` (the daily reminder run, cron;
it also sends again the outcome e-mails that failed) and `flask --app portal outreach retry
[--dry-run]` (that second step alone)."""

from __future__ import annotations

import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup

from directory import migrate
from directory.db import session_scope
from directory.models import Organization
from directory.outreach import links, reminders
from portal import mail
from portal.staff import outcome_mail
from portal.staff.routing import today

outreach_cli = AppGroup("outreach", help="Organizations' update links and reminders (the freshness loop).")
TOKEN_MARK = "TOKEN-PLACEHOLDER"


def _url() -> str:
    url = current_app.config["DATABASE_URL"]
    migrate.require_current(url)  # says what to run, no traceback
    return url


def update_url(token: str, lang: str = "fr") -> str:
    return mail.public_url("outreach.update", token=token, lang=lang)


@outreach_cli.command("links")
@click.argument("organization_id")
@click.option("--days", type=click.IntRange(1, links.MAX_DAYS), default=None,
              help="How long the link works (default OUTREACH_LINK_DAYS, 30).")
def links_command(organization_id: str, days: int | None) -> None:
    """Make a signed update link for one organization and print it."""
    with session_scope(_url()) as session:
        organization = session.get(Organization, organization_id.strip())
        if organization is None:
            click.echo(f"no organization with id {organization_id!r}", err=True)
            sys.exit(1)
        link, token = links.make_link(session, organization, secret=current_app.config["SECRET_KEY"], by="cli",
                                      days=days or current_app.config["OUTREACH_LINK_DAYS"])
        click.echo(f"{organization.name_fr}: link {link.id}, works until {link.expires_at:%Y-%m-%d %H:%M} UTC")
        click.echo(update_url(token))


@outreach_cli.command("remind")
@click.option("--due-within", type=click.IntRange(0, 365), default=30, show_default=True,
              help="Remind organizations whose services fall due for review within DAYS (or are overdue).")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send and write nothing.")
def remind_command(due_within: int, dry_run: bool) -> None:
    """Send each organization due for review one bilingual reminder with its link (run daily)."""
    started = time.perf_counter()
    # The URLs built once, the token swapped in per message (6,000 messages, no request context each).
    templates = {lang: update_url(TOKEN_MARK, lang) for lang in ("fr", "en")}

    def compose(organization: Organization, due: reminders.Due, token: str, expires) -> tuple[str, str]:
        urls = {lang: url.replace(TOKEN_MARK, token) for lang, url in templates.items()}
        return mail.reminder(organization, due.services, urls, expires)

    with session_scope(_url()) as session:
        mailer = None if dry_run else mail.mailer()
        try:
            report = reminders.run(session, today=today(), due_within=due_within,
                                   secret=current_app.config["SECRET_KEY"], compose=compose,
                                   mailer=mailer, dry_run=dry_run)
            # The same connection then sends again what failed to tell organizations earlier.
            retried = outcome_mail.retry(session, mailer, dry_run=dry_run)
        finally:
            if mailer is not None:
                mailer.close()
    prefix = "dry run: " if dry_run else ""
    click.echo(f"{prefix}{report.line()} ({time.perf_counter() - started:.1f} s)")
    click.echo(f"{prefix}{retried.line()}")


@outreach_cli.command("retry")
@click.option("--dry-run", is_flag=True, help="Count the outcome e-mails waiting; send nothing.")
def retry_command(dry_run: bool) -> None:
    """Send again the outcome e-mails (curators' decisions) that did not go out (at most
    OUTREACH_OUTCOME_ATTEMPTS attempts each; `remind` does this too)."""
    with session_scope(_url()) as session:
        mailer = None if dry_run else mail.mailer()
        try:
            retried = outcome_mail.retry(session, mailer, dry_run=dry_run)
        finally:
            if mailer is not None:
                mailer.close()
    click.echo(("dry run: " if dry_run else "") + retried.line())
