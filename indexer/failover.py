"""`FailoverEngine`: OpenSearch first, the embedded index when OpenSearch cannot answer in time.

Why: with SEARCH_ENGINE=opensearch the cluster is one more thing that can be down, restarting or
stuck in a long GC pause. A citizen looking for a food bank should get an answer anyway, from the
embedded (tantivy) index that this process can always read, with a discreet notice that results may
be slightly behind (`SearchResponse.degraded=True`, shown by the results page).

How the fallback stays current: every write goes to both engines. `rebuild` builds the embedded
index first while spooling the documents to a temporary file, then replays the spool into
OpenSearch (one read of the directory, bounded memory); `upsert` and `delete` are applied to the
embedded index, then to OpenSearch. A failure of OpenSearch is still raised to the caller (the CLI
exits 1, the staff indexer queues the service in `index_backlog` and retries: writes are idempotent).

How reads fail over (a circuit breaker, after Nygard's "Release It!"):

* closed: every search goes to OpenSearch. The reading client has no retries and the configured
  timeout (OPENSEARCH_TIMEOUT_SECONDS): the fallback *is* the retry, so a dead or hung cluster costs
  a citizen one timeout at most, not (1 + retries) x timeout.
* open: after a failure (`SearchUnavailable`: refused, reset, timed out, 5xx, missing alias) the
  primary is skipped for `cooldown_seconds`; searches go straight to the fallback, so a dead
  cluster costs nothing while it stays dead.
* half-open: when the cooldown is over, ONE search probes OpenSearch (others keep using the
  fallback meanwhile). Success closes the breaker; failure opens it for another cooldown.

A request the engines reject (`InvalidSearch`) or a bug is not an outage and is not retried on the
fallback: it propagates, as it would with a single engine.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import IO, TypeVar

from indexer.engine import (
    Health,
    Locale,
    Progress,
    RebuildResult,
    SearchDocument,
    SearchEngine,
    SearchRequest,
    SearchResponse,
    SearchUnavailable,
    Suggestion,
)

log = logging.getLogger(__name__)

DEFAULT_COOLDOWN_SECONDS = 30.0

Answer = TypeVar("Answer")


class CircuitBreaker:
    """closed → (failure) → open for `cooldown_seconds` → half-open: one probe → closed or open."""

    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"

    def __init__(self, cooldown_seconds: float = DEFAULT_COOLDOWN_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.cooldown_seconds = cooldown_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._state = self.CLOSED
        self._open_until = 0.0
        self.failures = 0  # consecutive, for health and logs

    @property
    def state(self) -> str:
        with self._lock:
            if self._state == self.OPEN and self._clock() >= self._open_until:
                return self.HALF_OPEN  # the next allow() may probe
            return self._state

    def allow(self) -> bool:
        """May this call use the primary? In half-open state only the first caller may (the probe)."""
        with self._lock:
            if self._state == self.CLOSED:
                return True
            if self._state == self.OPEN and self._clock() >= self._open_until:
                self._state = self.HALF_OPEN
                return True  # this caller is the probe
            return False  # open, or half-open with a probe in flight

    def success(self) -> None:
        with self._lock:
            if self._state != self.CLOSED:
                log.warning("search primary answered again; circuit closed")
            self._state = self.CLOSED
            self.failures = 0

    def failure(self) -> None:
        with self._lock:
            self.failures += 1
            if self._state != self.OPEN:
                log.warning("search primary failed; circuit open for %.0f s", self.cooldown_seconds)
            self._state = self.OPEN
            self._open_until = self._clock() + self.cooldown_seconds

    def release(self) -> None:
        """A probe that ended neither in success nor in an outage (an invalid request): let another
        call probe instead of leaving the breaker half-open forever."""
        with self._lock:
            if self._state == self.HALF_OPEN:
                self._state = self.OPEN
                self._open_until = self._clock()


class FailoverEngine:
    """A `SearchEngine` answering from `primary` (OpenSearch) or, when it cannot, from `fallback`."""

    name = "opensearch+embedded"

    def __init__(self, primary: SearchEngine, fallback: SearchEngine, *,
                 cooldown_seconds: float = DEFAULT_COOLDOWN_SECONDS,
                 primary_writer: SearchEngine | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.primary = primary
        self.fallback = fallback
        # Writes (bulk loads, edits) may use a client with retries and longer timeouts than reads.
        self.primary_writer = primary_writer or primary
        self.breaker = CircuitBreaker(cooldown_seconds, clock)

    # -- reads -----------------------------------------------------------------------------------

    def _read(self, call: Callable[[SearchEngine], Answer],
              degrade: Callable[[Answer], Answer]) -> Answer:
        if self.breaker.allow():
            try:
                answer = call(self.primary)
            except SearchUnavailable as error:
                self.breaker.failure()
                log.warning("search falling back to the embedded index: %s", error)
            except BaseException:
                self.breaker.release()
                raise
            else:
                self.breaker.success()
                return answer
        return degrade(call(self.fallback))

    def search(self, request: SearchRequest) -> SearchResponse:
        return self._read(lambda engine: engine.search(request),
                          lambda response: dataclasses.replace(response, degraded=True))

    def suggest(self, prefix: str, locale: Locale, limit: int = 8) -> list[Suggestion]:
        return self._read(lambda engine: engine.suggest(prefix, locale, limit), lambda found: found)

    # -- health ----------------------------------------------------------------------------------

    def state_token(self) -> tuple[Hashable, ...] | None:
        return None  # which engine answers can change between two requests: never cache

    def health(self) -> Health:
        """Both indexes, strictly: `index status` fails and `index rebuild --if-missing` rebuilds
        when either is missing or unreachable."""
        primary, fallback = self.primary.health(), self.fallback.health()
        return Health(
            ok=primary.ok and fallback.ok,
            engine=self.name,
            documents=min(primary.documents, fallback.documents),
            index=f"{primary.index or '-'} | {fallback.index or '-'}",
            detail=f"opensearch: {'ok' if primary.ok else 'DOWN'} ({primary.detail}); "
                   f"embedded: {'ok' if fallback.ok else 'DOWN'} ({fallback.detail}); "
                   f"circuit {self.breaker.state}",
        )

    def serving_health(self) -> tuple[Health, bool]:
        """(health, degraded) for /readyz: the portal can serve searches when either index answers;
        OpenSearch being down makes it degraded, not unready (taking every instance out of the load
        balancer because the cluster is down would throw the fallback away)."""
        primary = self.primary.health()
        if primary.ok:
            self.breaker.success()
            return primary, False
        fallback = self.fallback.health()
        detail = f"opensearch down ({primary.detail}); answering from the embedded index"
        return dataclasses.replace(fallback, detail=detail), True

    # -- writes: both engines --------------------------------------------------------------------

    def rebuild(self, documents: Iterable[SearchDocument], *,
                progress: Progress | None = None) -> RebuildResult:
        """Embedded first (spooling each document to a temporary file), then OpenSearch from the
        spool. Each engine swaps atomically on its own; a failed OpenSearch load is raised after the
        embedded index, which is then current, has been swapped."""
        directory = getattr(self.fallback, "path", None)
        with tempfile.NamedTemporaryFile("w+", encoding="utf-8", suffix=".jsonl", prefix=".spool-",
                                         dir=directory if directory and os.path.isdir(directory) else None) as spool:
            self.fallback.rebuild(_spooled(documents, spool), progress=progress)
            spool.flush()
            spool.seek(0)
            return self.primary_writer.rebuild(_replayed(spool))

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        self.fallback.upsert(documents)
        self.primary_writer.upsert(documents)

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        self.fallback.delete(ids)
        self.primary_writer.delete(ids)

    def replace_service(self, service_id: str, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        self.fallback.replace_service(service_id, documents)
        self.primary_writer.replace_service(service_id, documents)


def _spooled(documents: Iterable[SearchDocument], spool: IO[str]) -> Iterator[SearchDocument]:
    for document in documents:
        spool.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        spool.write("\n")
        yield document


def _replayed(spool: IO[str]) -> Iterator[SearchDocument]:
    for line in spool:
        if line.strip():
            document: SearchDocument = json.loads(line)
            yield document
