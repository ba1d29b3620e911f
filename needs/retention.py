"""How long the raw query log is kept: `purge_raw` deletes rows older than the retention period.

The dashboard and the open data read only the weekly roll-ups (`search_week`, `unmet_need_week`),
which `needs.log` keeps current at every flush, so deleting raw rows changes no published figure.
The raw rows are anonymous by construction (needs/scrub.py, needs/models.py) but a scrubber can
miss something a person typed (a name without a cue, say); keeping them only as long as they are
useful — re-computing a roll-up after a fix, research under agreement — bounds that risk in time.
Default 365 days (NEEDS_RAW_RETENTION_DAYS); run `flask --app portal needs purge` daily (cron).

Deletes in batches of primary keys, each in its own short transaction, so the log writer of a
running portal (several processes may flush at once) never waits long on SQLite's single writer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from needs.models import QueryLog

DEFAULT_RETENTION_DAYS = 365
BATCH = 5_000


def cutoff(now: dt.datetime, keep_days: int) -> dt.datetime:
    """The first local hour kept: rows logged before it go (searched_hour is naive local time)."""
    if keep_days < 1:
        raise ValueError("keep at least one day of raw searches")
    return (now - dt.timedelta(days=keep_days)).replace(minute=0, second=0, microsecond=0, tzinfo=None)


def purge_raw(engine: Engine, before: dt.datetime, batch: int = BATCH) -> int:
    """Delete the raw searches logged before `before`; how many were deleted."""
    deleted = 0
    while True:
        with engine.begin() as connection:
            ids = list(connection.scalars(
                select(QueryLog.id).where(QueryLog.searched_hour < before).order_by(QueryLog.id).limit(batch)))
            if not ids:
                return deleted
            connection.execute(delete(QueryLog).where(QueryLog.id.in_(ids)))
        deleted += len(ids)
