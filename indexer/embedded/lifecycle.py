"""The embedded index's directory: versions, the pointer to the live one, rebuilds and writes.

Layout of `index_path` (instance/index by default):

    CURRENT            name of the live version directory, replaced atomically with os.replace
    v-<UTC time>-<hex> one complete tantivy index per rebuild; the previous one is kept, older
                       ones removed
    .lock              flock'ed by whoever writes the live version (upsert, delete, the switch)
    .rebuild.lock      flock'ed by a rebuild for its whole load: one rebuild at a time

A rebuild does not hold `.lock` while it loads (13 s at 15k documents, 90 s at 150k): a curator's
save would otherwise wait for it. Live edits go on reaching the current version meanwhile, and
`indexer.live.catch_up` replays them onto the new version after the switch (`index rebuild`).

Freshness: every search stats `CURRENT` (one syscall) and opens the new version after a rebuild by
any process; tantivy's reader reloads on commits (its meta.json watcher, ~0.5 s, and explicitly
after this process's own writes, so an upsert is visible to a search when it returns).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy

from indexer.document import validate_document
from indexer.embedded.queries import CircleCache
from indexer.embedded.schema import SCHEMA, SCHEMA_VERSION, to_tantivy
from indexer.engine import (
    Progress,
    RebuildResult,
    SearchDocument,
    SearchRequest,
    SearchResponse,
    SearchUnavailable,
)

if TYPE_CHECKING:
    from indexer.embedded.columns import DocColumns

POINTER = "CURRENT"
LOCK = ".lock"
REBUILD_LOCK = ".rebuild.lock"

# A file's identity: (inode, modification time in ns, size).
FileKey = tuple[int, int, int]
# A search response's cache key: the request without "now", the day and, for open now, the slot.
ResponseKey = tuple[SearchRequest, dt.date, int | None, int | None]


@dataclass
class LiveIndex:
    """The open live version and what was computed from its current state (dropped at a commit)."""

    version: str
    index: tantivy.Index
    key: FileKey  # identity of CURRENT when this version was opened
    # "did you mean": first letter -> (word, document frequency)
    vocabulary: dict[str, list[tuple[str, int]]] | None = None
    vocabulary_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    circles: CircleCache = field(default_factory=dict)
    meta: FileKey | None = None  # identity of the version's meta.json: changes with every commit
    meta_path: str = ""
    arrays: DocColumns | None = None  # per-document columns for radius searches, built on demand
    responses: OrderedDict[ResponseKey, SearchResponse] = field(default_factory=OrderedDict)
    responses_lock: threading.Lock = field(default_factory=threading.Lock)
    has_valid_from: bool = True  # False for an index built before schema 3 (see `queries.expired`)
    has_service_key: bool = True  # False for an index built before schema 4 (see `grouping.py`)
    has_available_until: bool = True  # False before schema 5 (see `queries.available_after`)


def _file_key(path: str) -> FileKey | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _has_field(meta_path: str, name: str) -> bool:
    try:
        with open(meta_path, encoding="utf-8") as handle:
            return any(f.get("name") == name for f in json.load(handle).get("schema", []))
    except (OSError, ValueError):
        return True


class IndexDirectory:
    """Opens the live version of an index directory and writes to it (`EmbeddedEngine` searches)."""

    schema_version = SCHEMA_VERSION

    def __init__(self, index_path: str | os.PathLike[str], *,
                 writer_heap_bytes: int = 200_000_000) -> None:
        self.path = Path(index_path)
        self._pointer = str(self.path / POINTER)
        self.writer_heap_bytes = writer_heap_bytes
        self._live: LiveIndex | None = None
        self._open_lock = threading.Lock()

    @contextlib.contextmanager
    def _writer_lock(self, name: str = LOCK) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / name, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _pointer_key(self) -> FileKey | None:
        return _file_key(self._pointer)

    def _state(self) -> LiveIndex:
        """The live version, opened again when CURRENT changed (a rebuild by any process)."""
        key = self._pointer_key()
        live = self._live
        if live is not None and live.key == key:
            self._follow_commits(live)
            return live
        with self._open_lock:
            live = self._live
            key = self._pointer_key()
            if live is not None and live.key == key:
                return live
            if key is None:
                raise SearchUnavailable(
                    f"no search index at {self.path}; run `flask index rebuild`")
            try:
                version = (self.path / POINTER).read_text(encoding="utf-8").strip()
                index = tantivy.Index.open(str(self.path / version))
            except (OSError, ValueError) as exc:
                raise SearchUnavailable(f"cannot open the search index: {exc}") from exc
            meta_path = str(self.path / version / "meta.json")
            live = LiveIndex(version, index, key, meta_path=meta_path,
                             has_valid_from=_has_field(meta_path, "valid_from_day"),
                             has_service_key=_has_field(meta_path, "service_key"),
                             has_available_until=_has_field(meta_path, "available_until"))
            self._live = live
            self._follow_commits(live)
            return live

    def _follow_commits(self, live: LiveIndex) -> None:
        """Drop what was computed from an older state of the live version (a commit by any
        process: upsert, delete) and make the searcher see that commit now, not when tantivy's
        watcher gets to it, so nothing older is cached under the new state."""
        meta = _file_key(live.meta_path)
        if meta == live.meta:
            return
        with live.responses_lock:
            if meta == live.meta:
                return
            if live.meta is not None:
                live.index.reload()
            live.responses.clear()
            live.circles = {}
            live.arrays = None
            live.meta = meta

    def current_version(self) -> str | None:
        try:
            return (self.path / POINTER).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def state_token(self) -> tuple[str, str, int, int, int] | None:
        """The live version and its meta.json's identity: tantivy rewrites meta.json at every commit
        (the reader watches it the same way), so the token changes with every visible change."""
        version = self.current_version()
        if version is None:
            return None
        try:
            st = os.stat(os.path.join(self.path, version, "meta.json"))
        except OSError:
            return None
        return (str(self.path), version, st.st_ino, st.st_mtime_ns, st.st_size)

    def rebuild(self, documents: Iterable[SearchDocument], *,
                progress: Progress | None = None) -> RebuildResult:
        """Write a new version directory, then point CURRENT at it. On any error (an invalid
        document included) the new directory is removed and the live index keeps serving."""
        started = time.perf_counter()
        with self._writer_lock(REBUILD_LOCK):
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
            version = f"v-{stamp}-{os.urandom(3).hex()}"
            target = self.path / version
            target.mkdir(parents=True)
            count = 0
            try:
                index = tantivy.Index(SCHEMA, str(target), reuse=False)
                writer = index.writer(self.writer_heap_bytes, min(4, os.cpu_count() or 1))
                try:
                    batch = 0
                    for doc in documents:
                        validate_document(doc)  # before the writer sees it: a type error panics it
                        writer.add_document(to_tantivy(doc))
                        count += 1
                        batch += 1
                        if progress is not None and batch >= 500:
                            progress(batch)
                            batch = 0
                    writer.commit()
                    writer.wait_merging_threads()
                except BaseException:
                    writer.rollback()
                    raise
                finally:
                    del writer
                if progress is not None and batch:
                    progress(batch)
                built = {"documents": count, "schema": SCHEMA_VERSION}
                (target / "BUILT").write_text(json.dumps(built))
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            with self._writer_lock():  # no live write in flight while the pointer moves
                tmp = self.path / f"{POINTER}.{os.getpid()}.tmp"
                tmp.write_text(version, encoding="utf-8")
                os.replace(tmp, self.path / POINTER)
                self._remove_old_versions(keep={version})
        return RebuildResult(index=version, documents=count, seconds=time.perf_counter() - started)

    def _remove_old_versions(self, keep: set[str]) -> None:
        versions = sorted((p for p in self.path.glob("v-*") if p.is_dir()), key=lambda p: p.name)
        # Keep the previous version too: another process may be between reading CURRENT and opening.
        for old in [p for p in versions if p.name not in keep][:-1]:
            shutil.rmtree(old, ignore_errors=True)

    def _write(self, action: Callable[[tantivy.IndexWriter], None]) -> None:
        with self._writer_lock():
            live = self._state()
            writer = live.index.writer(50_000_000, 1)
            try:
                action(writer)
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            finally:
                del writer
            live.index.reload()
            live.vocabulary = None
            live.circles = {}
            live.arrays = None
            with live.responses_lock:
                live.responses.clear()

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        docs = list(documents)
        for doc in docs:
            validate_document(doc)
        converted = [(doc["id"], to_tantivy(doc)) for doc in docs]

        def action(writer: tantivy.IndexWriter) -> None:
            for ident, tdoc in converted:
                writer.delete_documents_by_term("id", ident)
                writer.add_document(tdoc)

        self._write(action)

    def replace_service(self, service_id: str, documents: Iterable[SearchDocument]) -> None:
        """Incremental update of one service: its documents (any locations) replace the old ones;
        no documents means it left the index (deleted, inactive, defunct)."""
        docs = list(documents)
        for doc in docs:
            validate_document(doc)
        converted = [to_tantivy(doc) for doc in docs]

        def action(writer: tantivy.IndexWriter) -> None:
            writer.delete_documents_by_term("service_id", service_id)
            for tdoc in converted:
                writer.add_document(tdoc)

        self._write(action)

    def delete(self, ids: Iterable[str]) -> None:
        idents = list(ids)

        def action(writer: tantivy.IndexWriter) -> None:
            for ident in idents:
                writer.delete_documents_by_term("id", ident)

        self._write(action)

    def built_schema(self) -> int | None:
        """SCHEMA_VERSION of the code that built the live version (None: no index, or built before
        the BUILT file existed). Older than SCHEMA_VERSION means `index rebuild` is due: fields
        the code queries may be missing."""
        version = self.current_version()
        if version is None:
            return None
        try:
            built = (self.path / version / "BUILT").read_text(encoding="utf-8")
            return int(json.loads(built)["schema"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
