"""When the directory last changed, and a key that changes whenever its content does.

`changed_at` is the latest `last_modified` of organizations, services and locations and the latest
change-log entry (`metadata`, written by every import and curation edit): the API's
`Last-Modified`. `version` adds the row count of every exported table, so deleting a record (which
leaves no `last_modified` behind) also makes a new version: the open-data files are keyed by it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from sqlalchemy import func, select

from directory.db import engine_for
from directory.hsds.spec import HSDS_OBJECTS, spec
from directory.models import Location, Metadata, Organization, Service

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _changed_at(connection) -> dt.datetime:
    stamps = [
        connection.execute(select(func.max(column))).scalar()
        for column in (Organization.last_modified, Service.last_modified,
                       Location.last_modified, Metadata.last_action_date)
    ]
    known = [_aware(s) for s in stamps if s is not None]
    return max(known, default=_EPOCH).replace(microsecond=0)


_recent: dict[str, tuple[float, dt.datetime]] = {}
CHANGED_AT_SECONDS = 1.0


def changed_at(database_url: str) -> dt.datetime:
    """Cached for a second per process: it costs a few ms (the change log's max is not indexed),
    and it only feeds Last-Modified (ETags are hashes of the body, always exact)."""
    now = time.monotonic()
    cached = _recent.get(database_url)
    if cached and now - cached[0] < CHANGED_AT_SECONDS:
        return cached[1]
    with engine_for(database_url).connect() as connection:
        value = _changed_at(connection)
    _recent[database_url] = (now, value)
    return value


def version(database_url: str) -> tuple[str, dt.datetime]:
    """(`<YYYYmmddTHHMMSS>-<hash of row counts>`, changed_at) of the directory now."""
    with engine_for(database_url).connect() as connection:
        when = _changed_at(connection)
        counts = [
            f"{name}={connection.execute(select(func.count()).select_from(spec(name).table)).scalar()}"
            for name in HSDS_OBJECTS
        ]
    digest = hashlib.sha256(",".join(counts).encode()).hexdigest()[:10]
    return f"{when:%Y%m%dT%H%M%S}-{digest}", when
