"""`OpenSearchEngine`: the `SearchEngine` protocol over an OpenSearch 2.x cluster (opensearch-py).

I/O only. What is sent is built by pure functions elsewhere: index settings and mappings in
`indexer.opensearch_mapping`, every request body and the parsing of every answer in
`indexer.opensearch_query`. This module decides when to send what, and turns the cluster's failures
into `SearchUnavailable` so the portal can fall back or say "search is unavailable" instead of
showing a traceback.

Index lifecycle (docs/architecture.md, decision 7, after pypi/warehouse
`warehouse/search/tasks.py`):

1. take the rebuild lock (one rebuild at a time),
2. create `<alias>-v<UTC timestamp>-<random>` with 0 replicas and refresh off (fast bulk load),
3. `helpers.streaming_bulk` every document into it (429 rejections retried with back-off),
4. restore replicas and refresh interval, refresh, check the document count,
5. ONE `update_aliases` call removes the alias from the old indices and adds it to the new one
   (atomic: a search sees either the old index or the new one, never none or both),
6. delete the old indices.

Any failure before 5 deletes the new index and leaves the alias where it was.
Incremental `upsert`/`delete`/`replace_service` go through the alias with `refresh="wait_for"`, so
an edit is searchable when the call returns, and with `require_alias=true`: before the first
rebuild there is no alias, and a plain bulk would auto-create a concrete index under the alias's
name, after which every alias swap fails. The edit is refused instead (`SearchUnavailable`, so the
staff area queues it in the backlog) and the first rebuild, which reads the directory, includes it.
Edits made while a rebuild loads the new index are replayed onto it after the swap
(`indexer.live.catch_up`, run by `index rebuild`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import opensearchpy
import orjson
from opensearchpy import JSONSerializer, OpenSearch, helpers
from opensearchpy.exceptions import RequestError

from indexer import opensearch_mapping as mapping
from indexer import opensearch_query as dsl
from indexer import relevance, schedule
from indexer.document import validate_document
from indexer.engine import (
    Health,
    Locale,
    Progress,
    RebuildResult,
    SearchDocument,
    SearchRequest,
    SearchResponse,
    SearchUnavailable,
    Suggestion,
)
from indexer.opensearch_mapping import Body
from indexer.understanding import spelling

log = logging.getLogger(__name__)

DEFAULT_ALIAS = "portail211-services"

# One retry: a single transient failure (a node restarting, a long GC pause, a 502/503 from a proxy)
# is worth one more try, but a citizen waiting on a search page is not worth three. The worst case a
# search can wait is therefore (1 + MAX_RETRIES) x timeout_seconds before SearchUnavailable.
MAX_RETRIES = 1

# Bulk loading and index creation legitimately take longer than a search: they get their own
# per-request timeout instead of a second client.
BULK_TIMEOUT_SECONDS = 60.0
BULK_CHUNK_SIZE = 500
BULK_MAX_RETRIES = 3  # retries of documents rejected with 429 (queue full), with back-off

# A service offered at more places than this is an import error, not a directory entry.
MAX_LOCATIONS_PER_SERVICE = 1000

# Refresh interval restored after the load (OpenSearch's default).
REFRESH_INTERVAL = "1s"


class RebuildInProgress(RuntimeError):
    """Another rebuild of the same alias holds the lock on this machine."""


class IndexingFailed(RuntimeError):
    """The cluster answered but rejected documents (a mapping or data error, not an outage)."""


class NoIndexYet(SearchUnavailable):
    """A live update before the first rebuild: there is no alias to write to yet."""


def _missing_alias(item: Body) -> bool:
    error = next(iter(item.values())).get("error") or {}
    return isinstance(error, dict) and error.get("type") == "index_not_found_exception"


def parse_hosts(url: str) -> list[str]:
    """The node URLs in OPENSEARCH_URL (comma-separated), each checked, or a ValueError that says
    what is wrong: a typo must stop the portal at start-up, not turn every search into a fallback."""
    hosts = [h.strip() for h in (url or "").split(",") if h.strip()]
    if not hosts:
        raise ValueError("OPENSEARCH_URL is empty: set it (http://host:9200, or several nodes "
                         "separated by commas), or use SEARCH_ENGINE=embedded")
    for host in hosts:
        try:
            parts = urlsplit(host)
            port = parts.port  # raises on a non-numeric or out-of-range port
        except ValueError as error:
            raise ValueError(f"OPENSEARCH_URL: {host!r} is not a valid URL ({error})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"OPENSEARCH_URL: {host!r} is not a valid URL: expected "
                             "http(s)://[user:password@]host[:port]")
        if port == 0 or parts.query or parts.fragment:
            raise ValueError(f"OPENSEARCH_URL: {host!r} is not a valid URL (port, query or fragment)")
    return hosts


class FastJSON(JSONSerializer):
    """orjson for the bodies: a results page's answer (20 documents, every facet's buckets) is
    60-110 kB of JSON, which the standard library decodes in ~1.5 ms of a ~10 ms search."""

    def loads(self, s: str) -> Any:
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as error:
            raise opensearchpy.SerializationError(s, error) from error

    def dumps(self, data: Any) -> Any:
        if isinstance(data, (str, bytes)):
            return data
        try:
            return orjson.dumps(data).decode()
        except TypeError:  # a type orjson does not know: the standard serializer's conversions
            return super().dumps(data)


def build_client(url: str, timeout_seconds: float, *, reader: bool = False,
                 compress: bool = False) -> OpenSearch:
    """The one place an OpenSearch client is configured.

    `url` may carry credentials and https (`https://user:pass@host:9200`); a comma-separated list
    gives every node of the cluster, and a request that cannot connect to one node (refused, reset:
    a node down or restarting) is retried on the next, so losing a node costs no search.
    A reader (searches behind the embedded fallback) never retries a TIMEOUT: a hung cluster costs a
    citizen one timeout, then the fallback answers. A writer retries a timeout once (MAX_RETRIES).
    """
    hosts = parse_hosts(url)
    other_nodes = len(hosts) - 1
    return OpenSearch(
        hosts=hosts,
        timeout=timeout_seconds,
        retry_on_timeout=not reader,
        max_retries=other_nodes if reader else max(MAX_RETRIES, other_nodes),
        # 502/503/504 come from proxies and from a node that is starting; 429 is left to
        # streaming_bulk, which backs off instead of retrying at once.
        retry_on_status=(502, 503, 504),
        # A node that refused a connection is skipped for a while (opensearch-py's dead-node pool)
        # and tried again later, so a restarted node takes its share again.
        randomize_hosts=True,
        # Off by default: on a LAN gzip costs more CPU on both ends (~2.5 ms per results page,
        # measured) than the bytes cost to send. OPENSEARCH_HTTP_COMPRESS=1 for a far cluster.
        http_compress=compress,
        serializer=FastJSON(),
    )


def _is_unavailable(error: Exception) -> bool:
    if isinstance(error, NoIndexYet):
        return True
    if isinstance(error, opensearchpy.ConnectionError):  # refused, reset, DNS, timeouts, TLS
        return True
    if isinstance(error, opensearchpy.NotFoundError):  # the alias or index is missing
        return True
    if isinstance(error, opensearchpy.SerializationError):  # not OpenSearch answering
        return True
    if isinstance(error, opensearchpy.TransportError):
        status = error.status_code
        return not isinstance(status, int) or status >= 500 or status in (401, 403, 429)
    return False


@contextlib.contextmanager
def _unavailable_on_failure(what: str) -> Iterator[None]:
    """Turn outages into `SearchUnavailable`; let request errors (our bugs) propagate."""
    try:
        yield
    except SearchUnavailable:
        raise
    except Exception as error:  # noqa: BLE001 - classified below
        if _is_unavailable(error):
            log.warning("opensearch %s failed: %s", what, error)
            raise SearchUnavailable(f"OpenSearch {what} failed: {type(error).__name__}") from error
        raise


class RebuildLock:
    """An exclusive, non-blocking file lock per alias.

    This protects one machine only (two `flask index rebuild` runs, or a cron job racing a curator's
    "rebuild now"). Several machines rebuilding the same cluster need a cluster-wide lock instead,
    e.g. a lock document created with `op_type=create` in a small `.portail211-locks` index, or the
    deployment's scheduler running rebuilds on one host only (see docs/opensearch.md).
    """

    def __init__(self, alias: str, directory: str | os.PathLike[str] | None = None) -> None:
        folder = Path(directory or tempfile.gettempdir())
        self.path = folder / f"portail211-opensearch-{alias}.lock"
        self._handle: IO[str] | None = None

    def __enter__(self) -> RebuildLock:
        handle = open(self.path, "a+")  # noqa: SIM115 - held until __exit__
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            handle.close()
            raise RebuildInProgress(f"a rebuild of this index is already running ({self.path})") from error
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def _validated(documents: Iterable[SearchDocument]) -> Iterator[SearchDocument]:
    """Documents checked against `document.FIELD_TYPES` first, as the embedded engine does: a bad
    document fails the build before it reaches the cluster (InvalidDocument, new index deleted)."""
    for document in documents:
        validate_document(document)
        yield document


def new_index_name(alias: str, now: dt.datetime | None = None) -> str:
    """`<alias>-v<UTC timestamp>-<random>`: sortable by age, unique even within one second."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return f"{alias}-v{moment:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"


def query_plan(request: SearchRequest) -> relevance.Plan:
    """The engine-neutral plan, with "today" and the open-now slot taken in Montréal time."""
    now = request.now or dt.datetime.now(schedule.MONTREAL)
    local = now.astimezone(schedule.MONTREAL) if now.tzinfo else now.replace(tzinfo=schedule.MONTREAL)
    return relevance.plan(request, today=local.date(), slot=schedule.current_slot(local), now=local)


class OpenSearchEngine:
    name = "opensearch"

    def __init__(
        self,
        url: str,
        index_alias: str = DEFAULT_ALIAS,
        timeout_seconds: float = 2.0,
        *,
        replicas: int = 1,
        lock_directory: str | os.PathLike[str] | None = None,
        reader: bool = False,
        compress: bool = False,
    ) -> None:
        parse_hosts(url)  # a clear ValueError for an empty or malformed URL
        self.url = url
        self.alias = index_alias
        self.timeout_seconds = timeout_seconds
        self.replicas = replicas
        self.lock_directory = lock_directory
        self.client = build_client(url, timeout_seconds, reader=reader, compress=compress)

    # -- index lifecycle -------------------------------------------------------------------------

    def _create_index(self, index: str) -> None:
        """Create this rebuild's new index. Its name is new to this rebuild (time + random), so
        "already exists" can only be our own create that succeeded on a node which then failed
        to answer, and that the client retried on another node: the index is ours, go on."""
        try:
            self.client.indices.create(index=index, body=mapping.index_body(loading=True),
                                       request_timeout=BULK_TIMEOUT_SECONDS)
        except RequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
            log.warning("index %s: created by a retried request; continuing", index)

    def rebuild(self, documents: Iterable[SearchDocument], *,
                progress: Progress | None = None) -> RebuildResult:
        started = time.perf_counter()
        with RebuildLock(self.alias, self.lock_directory):
            index = new_index_name(self.alias)
            with _unavailable_on_failure("rebuild"):
                self._create_index(index)
                try:
                    count = self._load(index, documents, progress)
                    self._finish_load(index, count)
                    old = self._indices_behind_alias()
                    self.client.indices.update_aliases(
                        body={"actions": dsl.alias_swap_actions(self.alias, index, old)},
                        request_timeout=BULK_TIMEOUT_SECONDS,
                    )
                except BaseException:
                    self._delete_quietly([index])
                    raise
            # The alias now points at the new index: failing to drop an old one must not fail the
            # rebuild (it only costs disk; the next rebuild retries).
            self._delete_quietly([name for name in old if name != index])
        return RebuildResult(index=index, documents=count, seconds=time.perf_counter() - started)

    def _load(self, index: str, documents: Iterable[SearchDocument],
              progress: Progress | None) -> int:
        count = 0
        errors: list[Body] = []
        for ok, item in helpers.streaming_bulk(
            self.client,
            dsl.bulk_actions(_validated(documents), index=index),
            chunk_size=BULK_CHUNK_SIZE,
            max_retries=BULK_MAX_RETRIES,
            raise_on_error=False,
            raise_on_exception=True,
            request_timeout=BULK_TIMEOUT_SECONDS,
        ):
            if ok:
                count += 1
                if progress is not None and count % BULK_CHUNK_SIZE == 0:
                    progress(BULK_CHUNK_SIZE)  # increments, as the embedded engine (tqdm.update)
            else:
                errors.append(item)
        if progress is not None and count % BULK_CHUNK_SIZE:
            progress(count % BULK_CHUNK_SIZE)
        if errors:
            raise IndexingFailed(f"{len(errors)} documents rejected; first: {errors[:3]!r}")
        return count

    def _finish_load(self, index: str, expected: int) -> None:
        self.client.indices.put_settings(
            index=index,
            body=mapping.serving_settings(replicas=self.replicas, refresh_interval=REFRESH_INTERVAL),
            request_timeout=BULK_TIMEOUT_SECONDS,
        )
        self.client.indices.refresh(index=index, request_timeout=BULK_TIMEOUT_SECONDS)
        indexed = self.client.count(index=index)["count"]
        if indexed != expected:
            raise IndexingFailed(f"index {index} holds {indexed} documents, {expected} were sent")

    def _indices_behind_alias(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except opensearchpy.NotFoundError:
            return []  # first build

    def _delete_quietly(self, indices: list[str]) -> None:
        for name in indices:
            try:
                self.client.indices.delete(index=name, ignore_unavailable=True, request_timeout=BULK_TIMEOUT_SECONDS)
            except Exception as error:  # noqa: BLE001 - cleanup must not mask the real outcome
                log.warning("could not delete index %s: %s", name, error)

    # -- incremental updates ---------------------------------------------------------------------

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        self._bulk_live(dsl.bulk_actions(_validated(documents), index=self.alias), ignore_status=())

    def delete(self, ids: Iterable[str]) -> None:
        # Deleting what is not there is fine (a record that was never indexed, a retried delete).
        self._bulk_live(dsl.delete_actions(ids, index=self.alias), ignore_status=(404,))

    def replace_service(self, service_id: str, documents: Iterable[SearchDocument]) -> None:
        """One service's documents replace whatever the index holds for it (any locations): its
        current documents are upserted, then every other document of the service is deleted, so a
        location it lost, or the whole service when it left the directory, is gone too.

        The other documents are found with a search, not `_delete_by_query`: that endpoint lives in
        OpenSearch's reindex module, which a minimal node (ours) does not load. A service has a few
        locations; the search returns ids only."""
        docs = list(_validated(documents))
        if docs:  # validated once, above: straight to the bulk, not through upsert's check
            self._bulk_live(dsl.bulk_actions(docs, index=self.alias), ignore_status=())
        keep = {d["id"] for d in docs}
        with _unavailable_on_failure("update"):
            found = self.client.search(index=self.alias, body={
                "query": {"term": {"service_id": service_id}}, "_source": False,
                "size": MAX_LOCATIONS_PER_SERVICE, "track_total_hits": False,
            }, request_timeout=BULK_TIMEOUT_SECONDS)
        stale = [hit["_id"] for hit in found["hits"]["hits"] if hit["_id"] not in keep]
        if stale:
            self.delete(stale)

    def _bulk_live(self, actions: Iterable[Body], ignore_status: tuple[int, ...]) -> None:
        errors = []
        with _unavailable_on_failure("update"):
            for ok, item in helpers.streaming_bulk(
                self.client,
                actions,
                chunk_size=BULK_CHUNK_SIZE,
                max_retries=BULK_MAX_RETRIES,
                raise_on_error=False,
                ignore_status=ignore_status,
                refresh="wait_for",
                require_alias=True,
                request_timeout=BULK_TIMEOUT_SECONDS,
            ):
                # streaming_bulk reports an ignored status as not ok; it is fine here.
                if not ok and next(iter(item.values())).get("status") not in ignore_status:
                    errors.append(item)
        if errors and all(_missing_alias(item) for item in errors):
            raise NoIndexYet(f"no index behind {self.alias} yet: run `flask --app portal index rebuild`")
        if errors:
            raise IndexingFailed(f"{len(errors)} updates rejected; first: {errors[:3]!r}")

    # -- queries ---------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        request = dsl.checked_request(request)
        return spelling.corrected(request, self._search(request), self._search)

    def _search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        plan = query_plan(request)
        body = dsl.search_body(request, plan, plan.origin)
        with _unavailable_on_failure("search"):
            raw = self.client.search(index=self.alias, body=body)
        return dsl.parse_search_response(
            raw, request, plan, took_ms=(time.perf_counter() - started) * 1000
        )

    def suggest(self, prefix: str, locale: Locale, limit: int = 8) -> list[Suggestion]:
        body = dsl.suggest_body(prefix, locale, limit)
        if body is None:
            return []
        with _unavailable_on_failure("suggest"):
            raw = self.client.search(index=self.alias, body=body)
        return dsl.parse_suggest_response(raw, locale, limit)

    def state_token(self) -> tuple[Hashable, ...] | None:
        """None: another process (a curator's edit on another web server, a rebuild) can change the
        index at any time without this process knowing, so rendered pages are not cached."""
        return None

    def health(self) -> Health:
        try:
            cluster = self.client.cluster.health()
            count = self.client.count(index=self.alias)["count"]
            indices = self._indices_behind_alias()
        except Exception as error:  # noqa: BLE001 - health reports, it never raises
            return Health(ok=False, engine=self.name, detail=f"{type(error).__name__}: {error}"[:300])
        status = cluster.get("status", "red")
        return Health(
            ok=status in ("green", "yellow") and bool(indices),
            engine=self.name,
            documents=int(count),
            index=",".join(indices),
            detail=f"cluster {cluster.get('cluster_name', '?')} {status}",
        )
