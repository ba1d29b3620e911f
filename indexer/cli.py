"""`flask --app portal index …`: thin commands over tested functions.

    flask --app portal index rebuild [--engine embedded|opensearch] [--if-missing]  (missing or older schema)
    flask --app portal index status
    flask --app portal index evaluate [--engine …] [--compare]  (indexer/evaluate.py; needs ranx)

`index evaluate` always exists: without ranx it says what to install. ranx stays a test
dependency, not a runtime one: it brings numba, llvmlite, pandas and scipy (over 200 MB) to every
web host, and evaluation is a relevance-tuning tool run by developers and CI on the judgements in
tests/relevance/, not something the portal needs to serve.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import AppGroup

from indexer.evaluate import evaluate_command

if TYPE_CHECKING:
    from indexer.engine import SearchEngine

index_cli = AppGroup("index", help="The search index: rebuild, status, evaluation.")


def _migrated_url() -> str:
    """DATABASE_URL, once it is known to be migrated (otherwise: a message saying what to run)."""
    from directory import migrate

    url: str = current_app.config["DATABASE_URL"]
    migrate.require_current(url)
    return url


def _engine(name: str | None = None) -> SearchEngine:
    from indexer.factory import engine_from_config

    return engine_from_config(current_app.config, name)


@index_cli.command("rebuild")
@click.option("--engine", "engine_name", type=click.Choice(["embedded", "opensearch"]), default=None,
              help="Engine to rebuild (default: SEARCH_ENGINE).")
@click.option("--if-missing", is_flag=True,
              help="Do nothing when the engine already has an index built with the current schema.")
def index_rebuild(engine_name: str | None, if_missing: bool) -> None:
    """Build a new index from the directory and switch to it atomically.

    Run it nightly: besides catching up with edits, it recomputes the weekly opening slots
    (`open_slots`) so seasonal schedules (winter shelters, summer camps) start and end on time.
    """
    from tqdm import tqdm

    from indexer import live
    from indexer.document import iter_documents
    from indexer.engine import SearchUnavailable
    from indexer.understanding import need

    engine = _engine(engine_name)
    if if_missing:
        health = engine.health()
        # Embedded only: an index built by an older version may lack fields this code queries.
        current = getattr(engine, "schema_version", None)
        built_schema = getattr(engine, "built_schema", None)
        built = built_schema() if current is not None and built_schema is not None else None
        if health.ok and health.documents and (current is None or built == current):
            click.echo(f"{engine.name} index present ({health.documents:,} documents); skipping")
            return
        if health.ok and health.documents:
            click.echo(f"{engine.name} index built with schema {built or 'unknown'}, this version needs {current}: "
                       "rebuilding")
    database_url = _migrated_url()
    started = live.now()
    learner = need.Learner()  # need understanding learns from the documents being indexed
    with tqdm(unit=" documents", desc=f"indexing ({engine.name})") as bar:
        try:
            result = engine.rebuild(learner.watch(iter_documents(database_url)), progress=bar.update)
        except SearchUnavailable as error:
            click.echo(f"search engine unavailable: {error}", err=True)
            sys.exit(1)
        except ValueError as error:  # an invalid document: the live index was left untouched
            click.echo(f"rebuild failed, live index unchanged: {error}", err=True)
            sys.exit(1)
    click.echo(f"{result.documents:,} documents indexed into {result.index} in {result.seconds:.1f} s")
    model = learner.model()
    model_path = current_app.config.get("NEED_MODEL_PATH")
    if model_path:
        model.save(model_path)
        need.install(model)
        click.echo(f"need understanding trained on {model.examples:,} examples: {model_path}")
    try:  # edits saved while the new index was loading went to the old one: replay them
        replayed = live.catch_up(engine, database_url, started)
    except SearchUnavailable as error:
        click.echo(f"edits made during the rebuild could not be replayed ({error}); "
                   "they are journaled: run `index rebuild` again", err=True)
        sys.exit(1)
    if replayed:
        click.echo(f"{replayed:,} service(s) edited during the rebuild replayed onto the new index")


@index_cli.command("status")
@click.option("--engine", "engine_name", type=click.Choice(["embedded", "opensearch"]), default=None)
def index_status(engine_name: str | None) -> None:
    """Documents, index version and engine health."""
    engine = _engine(engine_name)
    health = engine.health()
    click.echo(f"engine:    {health.engine}")
    click.echo(f"healthy:   {'yes' if health.ok else 'no'}")
    click.echo(f"index:     {health.index or '-'}")
    click.echo(f"documents: {health.documents:,}")
    if health.detail:
        click.echo(f"detail:    {health.detail}")
    if not health.ok:
        sys.exit(1)


index_cli.add_command(evaluate_command, "evaluate")
