"""The query log writer: searches never wait for it and never fail because of it.

`QueryLog.log_search` builds the anonymous record in the caller's thread (scrubbing and the
allowlist of known words, `needs.record.stored_query`, happen before the record even reaches the
queue, so raw text never leaves the request) and appends it to a
bounded deque: a few microseconds. A daemon thread flushes the queue every `flush_seconds` or as
soon as `batch_size` records wait, in one transaction that inserts the raw rows and adds the counts
to the roll-ups (`search_week`, `unmet_need_week`) with an upsert, so several server processes can
flush at once. When the store is down the batch goes back to the queue and the thread backs off;
the deque's `maxlen` then drops the oldest records first. `close()` (registered with atexit) makes a
last flush. The same thread checks, now and then, whether the search index was rebuilt, and then
loads the vocabulary of the new index (`needs.vocabulary.VocabularyCache`): searches never do.

Service appearances: `log_search` also counts, in an in-memory Counter keyed (week, service id),
the services on the first page of results; the same flush adds them to `service_appearance_week`
with an upsert. Nothing else goes with them (see `needs.models.ServiceAppearanceWeek` for why this
is not personal data); the review queue reads the sums (`appearances_since`).
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
import time
import weakref
from collections import Counter, deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Engine

from indexer.engine import SearchRequest, SearchResponse
from needs.models import CHANNELS, SearchWeek, ServiceAppearanceWeek, UnmetNeedWeek
from needs.models import QueryLog as QueryLogRow
from needs.record import LogRecord, build_record
from needs.vocabulary import VocabularyCache

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert

log = logging.getLogger(__name__)

# (week, service id) -> first results pages that showed the service that week.
Appearances: TypeAlias = Counter[tuple[dt.date, str]]

MAX_BACKOFF_SECONDS = 30.0
# Distinct (week, service) counts held in memory between flushes; beyond it new keys are dropped
# (a demo directory has 15,000 services: a week fits many times over).
MAX_APPEARANCE_KEYS = 200_000


def _upsert(
    engine: Engine, table: Table, key_columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> tuple[PostgresInsert | SqliteInsert, list[dict[str, Any]]]:
    """INSERT … ON CONFLICT DO UPDATE adding the counts (SQLite ≥ 3.24 and PostgreSQL); the `days`
    bit set is merged with a bitwise OR."""
    statement: PostgresInsert | SqliteInsert
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        statement = postgres_insert(table)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table)
    counts = [c for c in rows[0] if c not in key_columns]
    return statement.on_conflict_do_update(
        index_elements=list(key_columns),
        set_={c: getattr(table.c, c).op("|")(getattr(statement.excluded, c)) if c == "days"
              else getattr(table.c, c) + getattr(statement.excluded, c) for c in counts},
    ), rows


def rollup_rows(records: Iterable[LogRecord]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The records' contributions to search_week and unmet_need_week, one row per key."""
    weeks: dict[tuple[dt.date, str, str, str, str], Counter[str]] = {}
    unmet: dict[tuple[dt.date, str, str, str], Counter[str]] = {}
    for r in records:
        key = (r.week, r.region_code, r.category, r.channel, r.locale)
        counter = weeks.setdefault(key, Counter())
        counter["searches"] += 1
        counter["zero_results"] += int(r.zero_result)
        counter["few_results"] += int(r.few_results)
        if r.zero_result or r.few_results:  # a need of no known word ("") still counts for its category
            ukey = (r.week, r.need, r.region_code, r.category)
            c = unmet.setdefault(ukey, Counter())
            c["zero_results"] += int(r.zero_result)
            c["few_results"] += int(r.few_results)
            c["days"] |= 1 << r.searched_hour.weekday()
    week_rows = [
        {"week": k[0], "region_code": k[1], "category": k[2], "channel": k[3], "locale": k[4],
         "searches": c["searches"], "zero_results": c["zero_results"], "few_results": c["few_results"]}
        for k, c in weeks.items()
    ]
    unmet_rows = [
        {"week": k[0], "need": k[1], "region_code": k[2], "category": k[3],
         "zero_results": c["zero_results"], "few_results": c["few_results"], "days": c["days"]}
        for k, c in unmet.items()
    ]
    return week_rows, unmet_rows


def write_records(engine: Engine, records: list[LogRecord], *, raw: bool = True) -> None:
    """Insert the raw rows (unless raw=False) and add them to the roll-ups, in one transaction."""
    if not records:
        return
    week_rows, unmet_rows = rollup_rows(records)
    with engine.begin() as conn:
        if raw:
            conn.execute(insert(QueryLogRow.__table__), [
                {"searched_hour": r.searched_hour, "channel": r.channel, "locale": r.locale, "query": r.query,
                 "need": r.need, "category": r.category, "filters": r.filters, "fsa": r.fsa,
                 "region_code": r.region_code, "results": r.results, "zero_result": r.zero_result}
                for r in records
            ])
        for table, keys, rows in (
            (SearchWeek.__table__, ("week", "region_code", "category", "channel", "locale"), week_rows),
            (UnmetNeedWeek.__table__, ("week", "need", "region_code", "category"), unmet_rows),
        ):
            if rows:
                statement, params = _upsert(engine, table, keys, rows)
                conn.execute(statement, params)


def write_appearances(engine: Engine, counts: Appearances) -> None:
    """Add (week, service id) -> count to service_appearance_week, in one transaction."""
    if not counts:
        return
    rows = [{"week": week, "service_id": service_id, "appearances": n}
            for (week, service_id), n in sorted(counts.items())]
    with engine.begin() as conn:
        statement, params = _upsert(engine, ServiceAppearanceWeek.__table__, ("week", "service_id"), rows)
        conn.execute(statement, params)


_appearance_cache: dict[tuple[str, dt.date], tuple[float, dict[str, int]]] = {}
_appearance_lock = threading.Lock()


def appearances_since(engine: Engine, since: dt.date, *, max_age_seconds: float = 300.0) -> dict[str, int]:
    """Service id -> appearances in the weeks starting on or after `since` (sums of the roll-up,
    kept a few minutes per process: the queue reads up to a year of weeks for every service)."""
    key = (engine.url.render_as_string(hide_password=True), since)
    now = time.monotonic()
    with _appearance_lock:
        cached = _appearance_cache.get(key)
    if cached is not None and now - cached[0] < max_age_seconds:
        return cached[1]
    table = ServiceAppearanceWeek.__table__
    with engine.connect() as conn:
        found = {service_id: int(total) for service_id, total in conn.execute(
            select(table.c.service_id, func.sum(table.c.appearances)).where(table.c.week >= since)
            .group_by(table.c.service_id))}
    with _appearance_lock:
        _appearance_cache[key] = (now, found)
    return found


def forget_appearances() -> None:
    with _appearance_lock:
        _appearance_cache.clear()


class QueryLog:
    """A buffered, non-blocking writer of anonymous search records to one database."""

    def __init__(self, database_url: str, *, flush_seconds: float = 1.0, batch_size: int = 500,
                 max_queue: int = 10_000, enabled: bool = True,
                 vocabulary: VocabularyCache | None = None) -> None:
        self.database_url = database_url
        # Without an index to read (tests, tools), the static words only: fewer words kept, never more.
        self.vocabulary = vocabulary or VocabularyCache(documents=list, version=str)
        self.flush_seconds = flush_seconds
        self.batch_size = batch_size
        self.enabled = enabled
        self.queue: deque[LogRecord] = deque(maxlen=max_queue)
        self.appearances: Appearances = Counter()
        self._counts_lock = threading.Lock()
        self.accepted = 0  # records put in the queue
        self.written = 0
        self.failures = 0  # failed flushes
        self.last_error: str | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._engine: Engine | None = None
        ref = weakref.ref(self)

        def close_at_exit() -> None:  # through a weak reference: the log may be collected first
            query_log = ref()
            if query_log is not None:
                query_log.close()

        atexit.register(close_at_exit)

    # -- producer side ---------------------------------------------------------------------

    def log_search(self, request: SearchRequest, response: SearchResponse | None, channel: str = "web") -> None:
        """Queue one search; never raises, never blocks on I/O. Only page 1 counts as a search."""
        if not self.enabled or request.page > 1:
            return
        try:
            record = build_record(request, response, channel if channel in CHANNELS else "web",
                                  vocabulary=self.vocabulary.get())
        except Exception:  # a bug in the log must never break a search
            log.exception("query log: could not build a record")
            return
        self.enqueue(record)
        if response is not None and response.hits:
            self.count_appearances(record.week, {hit.service_id for hit in response.hits})

    def count_appearances(self, week: dt.date, service_ids: Iterable[str]) -> None:
        """Count each service once per results page (a service at three locations is one
        appearance). A dict update under an uncontended lock: a few microseconds."""
        counts = self.appearances
        with self._counts_lock:
            if len(counts) < MAX_APPEARANCE_KEYS:
                for service_id in service_ids:
                    counts[(week, service_id)] += 1

    def enqueue(self, record: LogRecord) -> None:
        self.queue.append(record)  # deque.append is atomic; maxlen drops the oldest
        self.accepted += 1
        if self._thread is None:
            self._start()
        if len(self.queue) >= self.batch_size:
            self._wake.set()

    @property
    def dropped(self) -> int:
        return self.accepted - self.written - len(self.queue)

    # -- consumer side ---------------------------------------------------------------------

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="query-log", daemon=True)
                self._thread.start()

    def _engine_or_none(self) -> Engine:
        if self._engine is None:
            from directory.db import engine_for

            self._engine = engine_for(self.database_url)
        return self._engine

    def _run(self) -> None:
        delay = self.flush_seconds
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            delay = self.flush_seconds if self.flush() else min(max(delay * 2, 1.0), MAX_BACKOFF_SECONDS)
            try:
                self.vocabulary.refresh_if_due()
            except Exception:  # never stop the writer
                log.exception("query log: vocabulary not refreshed")

    def flush(self) -> bool:
        """Write everything queued now; on failure put it back (oldest dropped first if full)."""
        with self._lock:
            ok = True
            while self.queue and ok:
                batch: list[LogRecord] = []
                while self.queue and len(batch) < self.batch_size:
                    batch.append(self.queue.popleft())
                try:
                    write_records(self._engine_or_none(), batch)
                    self.written += len(batch)
                except Exception as error:  # store down, locked, missing tables…
                    ok = False
                    self.failures += 1
                    self.last_error = f"{type(error).__name__}: {error}"[:300]
                    log.warning("query log: flush failed, %d records kept in memory: %s",
                                len(batch) + len(self.queue), self.last_error)
                    newer = list(self.queue)
                    self.queue.clear()
                    self.queue.extend(batch)
                    self.queue.extend(newer)
            if ok:
                ok = self._flush_appearances()
            return ok

    def _flush_appearances(self) -> bool:
        with self._counts_lock:
            counts, self.appearances = self.appearances, Counter()
        if not counts:
            return True
        try:
            write_appearances(self._engine_or_none(), counts)
            return True
        except Exception as error:
            self.failures += 1
            self.last_error = f"{type(error).__name__}: {error}"[:300]
            log.warning("query log: appearance counts kept in memory: %s", self.last_error)
            with self._counts_lock:
                counts.update(self.appearances)  # put them back under the newer ones
                self.appearances = counts
            return False

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread and make a last attempt to write what is queued."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        if self.queue or self.appearances:
            self.flush()
