"""Live index: a saved edit reaches search right after its transaction commits, without a rebuild.

`refresh(config, service_ids)` is called AFTER `session.commit()` (the staff area, through
`portal.search_service.reindex`; docs/architecture.md decision 7: an edit that rolled back must
never be searchable). For each service it reads the current documents
(`indexer.document.documents_for_service`) and replaces the service's documents in the live index
through the `SearchEngine` interface:

* documents that still exist are upserted (`engine.upsert`);
* documents the service no longer has (it became inactive or defunct, or lost a location) are
  deleted (`engine.delete`) by their service_at_location ids, known from the directory.

The embedded engine does this in one writer commit with `replace_service` (delete by service id,
add); OpenSearch gets the same upsert + delete through the generic interface.

Each refreshed service is first journaled (`indexer.live.record`) so that a rebuild running at the
same time replays it onto the new index after its swap (`indexer.live.catch_up`).

A failure (index locked, OpenSearch down, no index built yet) is logged and the service goes into
`index_backlog`, in the database, so it survives a restart; the backlog is retried after every
later save, when the staff dashboard is opened, and by `flask staff reindex-backlog` (cron-able).
The edit itself is already committed: only search lags until a retry succeeds.

No Flask here: `config` is any mapping with DATABASE_URL and the search settings
`indexer.factory` reads (the engine is built from it, so a changed configuration is followed).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, func, select

from directory.db import session_scope
from directory.models import IndexBacklog, ServiceAtLocation
from indexer import live
from indexer.factory import engine_from_config

log = logging.getLogger(__name__)
MAX_BACKLOG_BATCH = 200


def _known_ids(database_url: str, service_ids: Iterable[str]) -> dict[str, set[str]]:
    ids = list(service_ids)
    found: dict[str, set[str]] = {s: set() for s in ids}
    if not ids:
        return found
    with session_scope(database_url) as session:
        for sal_id, service_id in session.execute(select(ServiceAtLocation.id, ServiceAtLocation.service_id)
                                                  .where(ServiceAtLocation.service_id.in_(ids))):
            found[service_id].add(sal_id)
        for row in session.scalars(select(IndexBacklog).where(IndexBacklog.service_id.in_(ids))):
            found[row.service_id] |= set(row.document_ids.split())
    return found


def refresh(config: Mapping[str, Any], service_ids: Iterable[str]) -> list[str]:
    """Update the live index for these services, then retry the backlog; returns the ids that
    failed (now in the backlog)."""
    database_url = config["DATABASE_URL"]
    ids = sorted(set(service_ids))
    failed = _run(config, database_url, ids)
    if not failed:
        retry_backlog(config)
    return failed


def _run(config: Mapping[str, Any], database_url: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    known = _known_ids(database_url, ids)
    live.record(database_url, ids)
    failed: dict[str, str] = {}
    try:
        engine = engine_from_config(config)
    except Exception as exc:  # a misconfigured engine must not lose the edit either
        log.exception("search engine unavailable; %d service(s) queued for reindexing", len(ids))
        failed = {s: f"{type(exc).__name__}: {exc}" for s in ids}
    else:
        for service_id in ids:
            try:
                live.reindex_service(engine, database_url, service_id, known[service_id])
            except Exception as exc:
                log.exception("reindexing service %s failed; queued for retry", service_id)
                failed[service_id] = f"{type(exc).__name__}: {exc}"
    with session_scope(database_url) as session:
        done = [s for s in ids if s not in failed]
        if done:
            session.execute(delete(IndexBacklog).where(IndexBacklog.service_id.in_(done)))
        for service_id, error in failed.items():
            row = session.get(IndexBacklog, service_id)
            if row is None:
                row = IndexBacklog(service_id=service_id, document_ids="", attempts=0,
                                   queued_at=dt.datetime.now(dt.UTC))
                session.add(row)
            row.document_ids = " ".join(sorted(known[service_id]))
            row.attempts = (row.attempts or 0) + 1
            row.last_error = error[:2000]
    return sorted(failed)


def retry_backlog(config: Mapping[str, Any], *, limit: int = MAX_BACKLOG_BATCH) -> tuple[int, int]:
    """Retry queued services; returns (succeeded, still failing)."""
    database_url = config["DATABASE_URL"]
    with session_scope(database_url) as session:
        ids = list(session.scalars(select(IndexBacklog.service_id).order_by(IndexBacklog.queued_at).limit(limit)))
    if not ids:
        return 0, 0
    failed = _run(config, database_url, ids)
    return len(ids) - len(failed), len(failed)


def backlog_size(database_url: str) -> int:
    with session_scope(database_url) as session:
        return session.scalar(select(func.count()).select_from(IndexBacklog)) or 0
