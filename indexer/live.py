"""Live index updates, and the catch-up that keeps edits made during a rebuild.

`reindex_service` replaces one service's documents in the live index (any engine): the staff area
calls it after each saved edit (indexer/live_backlog.py), `catch_up` after a rebuild.

Why a journal: `index rebuild` reads the directory into a new index while curators keep editing.
Their edits reach the index that is live at that moment, the OLD one, which the swap then throws
away. So every live update first records the service in `index_journal` (service id, time), and
after the swap `catch_up` re-reads and re-indexes every service journaled since the rebuild
started (minus a margin for clock skew between web hosts and for transactions committed just
before the rebuild's first read). It is correct whatever the interleaving: a service edited before
the rebuild read it is indexed twice with the same content, one edited after is replayed. Both
engines get the same treatment. Entries older than a week are pruned: no rebuild runs that long.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Iterable

from sqlalchemy import delete, select

from directory.db import session_scope
from directory.models import IndexJournal
from indexer.document import documents_for_service
from indexer.engine import SearchEngine

log = logging.getLogger(__name__)

CATCH_UP_MARGIN = dt.timedelta(seconds=60)
JOURNAL_KEEP = dt.timedelta(days=7)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record(database_url: str, service_ids: Iterable[str], at: dt.datetime | None = None) -> None:
    """Journal these services as updated live at `at` (now), before the engine is asked."""
    ids = sorted(set(service_ids))
    if not ids:
        return
    at = at or now()
    with session_scope(database_url) as session:
        existing = {row.service_id: row for row in
                    session.scalars(select(IndexJournal).where(IndexJournal.service_id.in_(ids)))}
        for service_id in ids:
            row = existing.get(service_id)
            if row is None:
                session.add(IndexJournal(service_id=service_id, changed_at=at))
            else:
                row.changed_at = at
        session.execute(delete(IndexJournal).where(IndexJournal.changed_at < at - JOURNAL_KEEP))


def journaled_since(database_url: str, since: dt.datetime) -> list[str]:
    with session_scope(database_url) as session:
        return sorted(session.scalars(select(IndexJournal.service_id)
                                      .where(IndexJournal.changed_at >= since)))


def reindex_service(engine: SearchEngine, database_url: str, service_id: str,
                    known: Collection[str] = frozenset()) -> None:
    """The service's current documents replace the indexed ones; none means it left the index.

    Engines with `replace_service` (both of ours) drop every document of the service themselves;
    otherwise the ids in `known` that the service no longer has are deleted."""
    documents = documents_for_service(database_url, service_id)
    replace = getattr(engine, "replace_service", None)
    if replace is not None:
        replace(service_id, documents)
        return
    if documents:
        engine.upsert(documents)
    stale = set(known) - {d["id"] for d in documents}
    if stale:
        engine.delete(sorted(stale))


def catch_up(engine: SearchEngine, database_url: str, started: dt.datetime) -> int:
    """Replay onto the (new) live index every service updated live since a rebuild `started`.
    Returns how many services were replayed. Failures propagate: the caller reports them."""
    ids = journaled_since(database_url, started - CATCH_UP_MARGIN)
    for service_id in ids:
        reindex_service(engine, database_url, service_id)
    if ids:
        log.info("replayed %d service(s) edited during the rebuild", len(ids))
    return len(ids)
