"""The embedded engine's own machinery on hand-built documents: index directories and their
atomic switch, the schema guard of older indexes, the response cache, the in-memory radius path.

What any engine must do (filters, facets, radius, decay, sorts, pagination, highlights, updates,
bad input) is in test_engine_behaviour.py, run over both engines on the same documents.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from indexer_factories import make_document
from test_engine_behaviour import DOCS, MONTREAL_CENTRE, NOW, names, search

from indexer.document import InvalidDocument
from indexer.embedded import EmbeddedEngine
from indexer.engine import SearchRequest, SearchUnavailable


def test_an_index_built_before_valid_from_was_indexed_still_answers(tmp_path, monkeypatch):
    """Schema 2 had no valid_from_day: naming it in a query would panic in tantivy, so after an
    upgrade search keeps working (end dates only) until `index rebuild`."""
    import tantivy

    from indexer.embedded import lifecycle, schema

    builder = tantivy.SchemaBuilder

    class SchemaTwo:  # today's schema builder without the field schema 3 added
        def __init__(self):
            self.builder = builder()

        def add_integer_field(self, name, **kw):
            if name != "valid_from_day":
                self.builder.add_integer_field(name, **kw)

        def __getattr__(self, name):
            return getattr(self.builder, name)

    with monkeypatch.context() as patch:
        patch.setattr(tantivy, "SchemaBuilder", SchemaTwo)
        old = schema.build_schema()
    engine = EmbeddedEngine(tmp_path / "index")
    with monkeypatch.context() as patch:
        patch.setattr(lifecycle, "SCHEMA", old)  # the index is written with the old schema
        engine.rebuild([make_document(name_fr="Halte", name_sort_fr="halte", is_temporary=True,
                                      valid_from="2026-11-20", valid_to="2026-12-31")])
    response = engine.search(SearchRequest(now=NOW))
    assert response.total == 1  # no panic; the not-started filter waits for the rebuild


def test_a_repeated_search_is_answered_again_until_the_index_changes_in_any_process(tmp_path):
    engine = EmbeddedEngine(tmp_path / "index")
    engine.rebuild([DOCS["mtl_bank"], DOCS["laval_bank"]])
    first = search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE)
    again = search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE)
    assert again.hits is first.hits and names(again) == ["mtl_bank", "laval_bank"]
    # Another process (here another engine on the same directory) writes: the next search sees it.
    EmbeddedEngine(tmp_path / "index").upsert([DOCS["far_bank"]])
    assert "far_bank" in names(search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE))
    engine.delete([DOCS["far_bank"]["id"]])
    assert "far_bank" not in names(search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE))
    # "now" only matters through the day and, for open now, the quarter hour.
    assert names(search(engine, q="", open_now=True)) == ["laval_bank"]
    assert names(search(engine, q="", open_now=True, now=NOW + dt.timedelta(hours=1))) == []
    off = EmbeddedEngine(tmp_path / "index", response_cache_size=0)
    assert search(off, q="banque").hits is not search(off, q="banque").hits


def test_another_process_sees_the_writes_to_the_same_directory(tmp_path):
    engine = EmbeddedEngine(tmp_path / "index")
    engine.rebuild([make_document(name_fr="Popote roulante", name_sort_fr="popote roulante")])
    other = EmbeddedEngine(tmp_path / "index")  # another process's view of the same directory
    assert search(other, q="popote").total == 1
    added = make_document(name_fr="Friperie solidaire", name_sort_fr="friperie solidaire")
    engine.upsert([added])
    assert search(other, q="friperie").total == 1
    engine.delete([added["id"]])
    assert search(other, q="friperie").total == 0


def test_rebuild_switches_atomically_and_a_failed_rebuild_keeps_the_old_index(tmp_path):
    path = tmp_path / "index"
    engine = EmbeddedEngine(path)
    with pytest.raises(SearchUnavailable):
        search(engine, q="popote")
    first = engine.rebuild([make_document(name_fr="Popote roulante", name_sort_fr="popote roulante")])
    reader = EmbeddedEngine(path)
    assert search(reader, q="popote").total == 1

    def broken():
        yield make_document(name_fr="Friperie", name_sort_fr="friperie")
        yield make_document(lat="north")  # would panic tantivy's writer

    with pytest.raises(InvalidDocument):
        engine.rebuild(broken())
    assert (path / "CURRENT").read_text() == first.index
    assert sorted(p.name for p in path.glob("v-*")) == [first.index]
    assert search(reader, q="popote").total == 1 and search(reader, q="friperie").total == 0

    second = engine.rebuild([make_document(name_fr="Friperie", name_sort_fr="friperie")])
    assert second.index != first.index
    assert search(reader, q="friperie").total == 1  # the other engine object follows CURRENT
    assert search(reader, q="popote").total == 0
    assert engine.health().index == second.index
    assert not any(name.endswith(".tmp") for name in os.listdir(path))


RADIUS_SEARCHES = [{"q": "banque alimentaire"}, {"q": ""}, {"q": "", "free": True},
                   {"q": "banque", "regions": ("06", "13"), "languages": ("en",)},
                   {"q": "", "categories": ("food",), "municipalities": ("Laval", "Montréal")}]


@pytest.mark.parametrize("kw", RADIUS_SEARCHES)
@pytest.mark.parametrize("sort", ["relevance", "distance"])
def test_searches_agree_whether_matches_are_read_into_memory_or_not(tmp_path, monkeypatch, kw, sort):
    # Few matches are answered from per-document columns, many through aggregations and queries.
    engine = EmbeddedEngine(tmp_path / "index", response_cache_size=0)
    engine.rebuild(DOCS.values())

    def run():
        return [search(engine, origin=MONTREAL_CENTRE, radius_km=30, sort=sort, per_page=50, **kw),
                search(engine, origin=MONTREAL_CENTRE, sort=sort, per_page=50, **kw),
                search(engine, sort="relevance", per_page=50, **kw)]

    monkeypatch.setattr(EmbeddedEngine, "_in_memory_for_every_search", True, raising=False)
    in_memory = run()
    monkeypatch.setattr(EmbeddedEngine, "MATCHES_IN_MEMORY", 0)
    for mine, theirs in zip(in_memory, run(), strict=True):
        assert names(mine) == names(theirs) and mine.total == theirs.total
        assert mine.facets == theirs.facets
        assert [h.score for h in mine.hits] == pytest.approx([h.score for h in theirs.hits])
        assert [h.distance_km for h in mine.hits] == pytest.approx([h.distance_km for h in theirs.hits])
    assert all(h.distance_km <= 30 for h in in_memory[0].hits)
