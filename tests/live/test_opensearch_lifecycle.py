"""Index lifecycle on a real node: no index is ever created under the alias's name, and edits saved
while a rebuild loads the new index are in it after the swap (both engines, `indexer.live`)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from directory.db import session_scope
from directory.models import Service
from indexer import live
from indexer.engine import SearchRequest, SearchUnavailable
from indexer.opensearch import NoIndexYet, OpenSearchEngine

NOW = dt.datetime(2025, 3, 10, 10, 30)


def _alias() -> str:
    return f"portail211-test-{uuid.uuid4().hex[:8]}"


def _indices(client, pattern: str) -> list[str]:
    return sorted(client.indices.get(index=pattern, ignore_unavailable=True, allow_no_indices=True))


def test_an_edit_before_the_first_rebuild_is_refused_and_creates_no_index(opensearch_url, documents, tmp_path):
    alias = _alias()
    engine = OpenSearchEngine(opensearch_url, alias, timeout_seconds=10, replicas=0, lock_directory=tmp_path)
    try:
        with pytest.raises(NoIndexYet) as refused:
            engine.upsert(documents[:1])
        assert isinstance(refused.value, SearchUnavailable)  # the staff area queues it in the backlog
        assert "index rebuild" in str(refused.value)
        with pytest.raises(SearchUnavailable):
            engine.replace_service(documents[0]["service_id"], documents[:1])
        engine.delete([documents[0]["id"]])  # nothing to delete: fine, and still no index
        assert _indices(engine.client, f"{alias}*") == []
        # The first rebuild then works: nothing squats the alias's name.
        engine.rebuild(documents)
        assert engine.health().ok
        assert list(engine.client.indices.get_alias(name=alias)) != [alias]
    finally:
        engine.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)


def _rename(database_url: str, service_id: str, name: str) -> None:
    with session_scope(database_url) as session:
        session.get(Service, service_id).name_fr = name


def _end(database_url: str, service_id: str) -> None:
    with session_scope(database_url) as session:
        session.get(Service, service_id).status = "inactive"


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request, tmp_path, opensearch_url):
    if request.param == "embedded":
        from indexer.embedded import EmbeddedEngine

        yield EmbeddedEngine(tmp_path / "index")
        return
    alias = _alias()
    built = OpenSearchEngine(opensearch_url, alias, timeout_seconds=10, replicas=0, lock_directory=tmp_path)
    yield built
    built.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)


def _ids(engine, q: str) -> set[str]:
    return {h.service_id for h in engine.search(SearchRequest(q=q, now=NOW, per_page=100)).hits}


def test_edits_saved_during_a_rebuild_are_in_the_new_index_after_the_swap(engine, demo_database, documents):
    """A curator renames one service and ends another while the rebuild is loading documents it
    read before those edits. The staff path (journal, then the live index) runs mid-load; after the
    swap the stale documents are in the new index until `catch_up` replays the journal."""
    from indexer.document import iter_documents

    engine.rebuild(list(iter_documents(demo_database)))  # the index as it was
    with session_scope(demo_database) as session:
        renamed, ended = session.scalars(select(Service.id).where(Service.status == "active")
                                         .order_by(Service.id).limit(2)).all()
    ended_name = next(d["name_fr"] for d in documents if d["service_id"] == ended)
    read_before_the_edits = list(iter_documents(demo_database))
    started = live.now()

    def loading():
        for position, document in enumerate(read_before_the_edits):
            if position == len(read_before_the_edits) // 2:  # mid-load: two edits are saved
                _rename(demo_database, renamed, "Qwzxy halte-répit renommée")
                _end(demo_database, ended)
                live.record(demo_database, [renamed, ended])
                for service_id in (renamed, ended):
                    live.reindex_service(engine, demo_database, service_id)
            yield document

    try:
        engine.rebuild(loading())
        # Without the replay the swap lost both edits (the new index holds what was read before).
        assert _ids(engine, "qwzxy") == set()
        assert live.catch_up(engine, demo_database, started) >= 2
        assert _ids(engine, "qwzxy") == {renamed}
        assert ended not in _ids(engine, f'"{ended_name}"')
        # ... and the index holds exactly the directory's documents as they are now.
        assert engine.health().documents == len(list(iter_documents(demo_database)))
    finally:
        from indexer.document import documents_for_service

        with session_scope(demo_database) as session:  # the session-wide directory, as it was
            session.get(Service, renamed).name_fr = next(
                d["name_fr"] for d in documents if d["service_id"] == renamed)
            session.get(Service, ended).status = "active"
        assert documents_for_service(demo_database, ended)


def test_the_rebuild_command_replays_edits_journaled_since_it_started(demo_database, opensearch_url, tmp_path):
    """`flask index rebuild` runs the catch-up itself: an edit journaled while it runs (here: just
    before it reads the directory, inside the margin) is re-indexed after the swap."""
    from portal import create_app

    alias = _alias()
    app = create_app({"TESTING": True, "DATABASE_URL": demo_database, "SEARCH_ENGINE": "opensearch",
                      "OPENSEARCH_URL": opensearch_url, "OPENSEARCH_INDEX": alias,
                      "SEARCH_FAILOVER": False, "INDEX_PATH": str(tmp_path / "index")})
    with session_scope(demo_database) as session:
        service_id = session.scalars(select(Service.id).where(Service.status == "active")
                                     .order_by(Service.id.desc()).limit(1)).one()
    live.record(demo_database, [service_id])
    try:
        result = app.test_cli_runner().invoke(args=["index", "rebuild"])
        assert result.exit_code == 0, result.output
        assert "replayed onto the new index" in result.output
    finally:
        from indexer.opensearch import build_client

        build_client(opensearch_url, 10).indices.delete(index=f"{alias}-v*", ignore_unavailable=True)
