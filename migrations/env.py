"""Alembic environment: the URL comes from the caller (tests, CLI) or DATABASE_URL."""

from alembic import context
from sqlalchemy import pool

import needs.models  # noqa: F401,E402  (query log and roll-ups on the same metadata)
from directory.db import engine_for
from directory.models import Base
from portal.config import Config

config = context.config
url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url") or Config.DATABASE_URL


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        from sqlalchemy import create_engine

        engine = create_engine(url, poolclass=pool.NullPool)
        with engine.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection) -> None:
    # Batch mode lets ALTER work on SQLite, which cannot alter most constraints in place.
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


_ = engine_for  # imported so SQLite pragmas are the same as the app's engines
if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
