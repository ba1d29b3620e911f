"""`flask --app portal needs …`: the demo query log (needs.demo) and raw-log retention (needs.retention)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

needs_cli = AppGroup("needs", help="Needs analysis: the anonymous query log and its roll-ups.")


@needs_cli.command("demo")
@click.option("--searches", type=int, default=500_000, show_default=True, help="How many searches.")
@click.option("--months", type=int, default=24, show_default=True, help="How many months of history.")
@click.option("--seed", type=int, default=211, show_default=True)
@click.option("--if-empty", is_flag=True, help="Do nothing when the roll-ups already hold searches.")
def needs_demo(searches: int, months: int, seed: int, if_empty: bool) -> None:
    """Replace the query log with a realistic demo history (seasons, regions, one crisis)."""
    from directory import migrate
    from directory.db import engine_for
    from needs import demo
    from portal.needs import database_url

    for url in {database_url(current_app), current_app.config["DATABASE_URL"]}:  # log, and the services
        migrate.require_current(url)
    engine = engine_for(database_url(current_app))
    if if_empty and demo.has_data(engine):
        click.echo("query log already has searches; skipping demo")
        return
    # The words the live log keeps: those of the directory's index (built from the directory itself,
    # since `scripts/run.sh` fills the demo log before it builds the index).
    from needs.vocabulary import build, documents_from

    vocabulary = build(documents_from(current_app.config["DATABASE_URL"]), "directory")
    stats = demo.generate(engine, searches=searches, months=months, seed=seed, vocabulary=vocabulary)
    click.echo(stats.summary())
    click.echo(f"vocabulary: {len(vocabulary.words):,} words ({vocabulary.index_terms:,} from the index, "
               f"read from the directory)")
    click.echo(demo.phrase_summary(engine))
    rows = demo.generate_appearances(engine, _active_service_ids(), searches=searches, months=months, seed=seed)
    click.echo(f"demo service appearances: {rows:,} rows over {demo.APPEARANCE_WEEKS} weeks (review queue)")


def _active_service_ids() -> list[str]:
    from sqlalchemy import select

    from directory.db import session_scope
    from directory.models import Service

    with session_scope(current_app.config["DATABASE_URL"]) as session:
        return list(session.scalars(select(Service.id).where(Service.status.in_(("active", "temporarily closed")))))


@needs_cli.command("purge")
@click.option("--keep-days", type=int, default=None,
              help="Days of raw searches to keep (default NEEDS_RAW_RETENTION_DAYS, 365).")
def needs_purge(keep_days: int | None) -> None:
    """Delete raw searches older than the retention period (the roll-ups the dashboard reads stay)."""
    import datetime as dt

    from directory import migrate
    from directory.db import engine_for
    from needs import retention
    from portal.display.hours import TZ
    from portal.needs import database_url

    days = keep_days if keep_days is not None else int(current_app.config["NEEDS_RAW_RETENTION_DAYS"])
    try:
        before = retention.cutoff(dt.datetime.now(TZ), days)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--keep-days") from None
    migrate.require_current(database_url(current_app))
    deleted = retention.purge_raw(engine_for(database_url(current_app)), before)
    click.echo(f"deleted {deleted:,} raw searches logged before {before:%Y-%m-%d %H:00} (kept {days} days)")
