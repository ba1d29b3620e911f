"""The embedded engine on hand-built documents: filters, facets, geo, sorting, lifecycle."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from indexer_factories import make_document

from indexer.document import InvalidDocument
from indexer.embedded import EmbeddedEngine
from indexer.engine import InvalidSearch, Origin, SearchRequest, SearchUnavailable
from indexer.schedule import MONTREAL, SLOTS_PER_DAY

# Wednesday 18 November 2026, 10:07 in Montréal
NOW = dt.datetime(2026, 11, 18, 10, 7, tzinfo=MONTREAL)
WED_10 = 2 * SLOTS_PER_DAY + 40
MONTREAL_CENTRE = Origin(45.5017, -73.5673, "Montréal")

DOCS = {
    "laval_bank": make_document(name_fr="Banque alimentaire", name_sort_fr="banque alimentaire",
                                region_code="13", municipality="Laval", lat=45.57, lon=-73.70,
                                languages=["fr", "en"], open_slots=[WED_10]),
    "mtl_bank": make_document(name_fr="Banque alimentaire du Plateau", name_sort_fr="banque alimentaire du plateau",
                              region_code="06", municipality="Montréal", lat=45.52, lon=-73.58,
                              accessibility=["wheelchair"], free=False),
    "far_bank": make_document(name_fr="Banque alimentaire de Gaspé", name_sort_fr="banque alimentaire de gaspe",
                              region_code="11", municipality="Gaspé", lat=48.83, lon=-64.48),
    "mtl_housing": make_document(name_fr="Hébergement d'urgence", name_sort_fr="hebergement d'urgence",
                                 organization_fr="Mission Old Brewery", region_code="06",
                                 municipality="Montréal", lat=45.51, lon=-73.56, categories_fr=["Logement"],
                                 categories_en=["Housing"], category_codes=["housing"],
                                 age_groups=["adults"], description_fr="Lits pour la nuit.",
                                 keywords_fr=[]),
    "closed_bank": make_document(name_fr="Banque alimentaire fermée", name_sort_fr="banque alimentaire fermee",
                                 status="temporarily closed"),
    "expired_crisis": make_document(name_fr="Banque alimentaire d'urgence (inondations)",
                                    name_sort_fr="banque alimentaire d'urgence", is_temporary=True,
                                    is_crisis=True, valid_to="2026-11-01"),
    "running_crisis": make_document(name_fr="Halte-chaleur", name_sort_fr="halte-chaleur",
                                    is_temporary=True, is_crisis=True, valid_to="2026-12-31",
                                    categories_fr=["Logement"], categories_en=["Housing"],
                                    category_codes=["housing"], keywords_fr=[],
                                    description_fr="Un endroit chaud."),
    "virtual": make_document(name_fr="Banque alimentaire en ligne", name_sort_fr="banque alimentaire en ligne",
                             lat=None, lon=None, region_code=None, municipality=None),
}
IDS = {doc["id"]: key for key, doc in DOCS.items()}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = EmbeddedEngine(tmp_path_factory.mktemp("index"))
    engine.rebuild(DOCS.values())
    return engine


def names(response):
    return [IDS[h.id] for h in response.hits]


def search(engine, **kw):
    kw.setdefault("now", NOW)
    return engine.search(SearchRequest(**kw))


def test_temporarily_closed_services_are_left_out_unless_asked(engine):
    assert "closed_bank" not in names(search(engine, q="banque alimentaire", per_page=50))
    assert "closed_bank" in names(search(engine, q="banque alimentaire", include_closed=True, per_page=50))


def test_expired_temporary_services_are_left_out(engine):
    found = names(search(engine, q="", per_page=50))
    assert "expired_crisis" not in found and "running_crisis" in found


def test_temporary_services_stay_out_of_search_until_their_first_day(tmp_path):
    engine = EmbeddedEngine(tmp_path / "index")
    engine.rebuild([
        make_document(name_fr="Halte-chaleur Verdun", name_sort_fr="halte-chaleur verdun", is_temporary=True,
                      is_crisis=True, valid_from="2026-11-20", valid_to="2026-12-31"),
        # Not temporary: its dates do not take it out of search.
        make_document(name_fr="Halte-chaleur Lachine", name_sort_fr="halte-chaleur lachine", valid_from="2026-11-20"),
    ])

    def found(day: int, **kw) -> tuple[set[str], int]:
        now = dt.datetime(2026, 11, day, 10, 0, tzinfo=MONTREAL)
        response = engine.search(SearchRequest(q="halte-chaleur", now=now, **kw))
        return {h.document["name_fr"] for h in response.hits}, response.total

    assert found(19) == ({"Halte-chaleur Lachine"}, 1)
    assert found(19, crisis_only=True) == (set(), 0)
    assert found(19, origin=Origin(45.57, -73.70, "Laval"), radius_km=10)[0] == {"Halte-chaleur Lachine"}
    assert found(20) == ({"Halte-chaleur Verdun", "Halte-chaleur Lachine"}, 2)  # its first day
    assert found(20, origin=Origin(45.57, -73.70, "Laval"), radius_km=10)[1] == 2
    assert engine.search(SearchRequest(q="halte-chaleur", now=dt.datetime(2027, 1, 1, 10, 0, tzinfo=MONTREAL))
                         ).total == 1  # and out again after its last day


def test_an_index_built_before_valid_from_was_indexed_still_answers(tmp_path, monkeypatch):
    """Schema 2 had no valid_from_day: naming it in a query would panic in tantivy, so after an
    upgrade search keeps working (end dates only) until `index rebuild`."""
    import tantivy

    from indexer import embedded

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
        patch.setattr(embedded.tantivy, "SchemaBuilder", SchemaTwo)
        old = embedded.build_schema()
    engine = EmbeddedEngine(tmp_path / "index")
    with monkeypatch.context() as patch:
        patch.setattr(embedded, "SCHEMA", old)  # the index is written with the old schema
        engine.rebuild([make_document(name_fr="Halte", name_sort_fr="halte", is_temporary=True,
                                      valid_from="2026-11-20", valid_to="2026-12-31")])
    response = engine.search(SearchRequest(now=NOW))
    assert response.total == 1  # no panic; the not-started filter waits for the rebuild


def test_crisis_only_keeps_crisis_services(engine):
    assert names(search(engine, crisis_only=True)) == ["running_crisis"]


def test_each_filter_narrows_the_results(engine):
    assert set(names(search(engine, regions=("06",)))) == {"mtl_bank", "mtl_housing"}
    assert set(names(search(engine, municipalities=("Laval",)))) >= {"laval_bank"}
    assert names(search(engine, languages=("en",))) == ["laval_bank"]
    assert names(search(engine, accessibility=("wheelchair",))) == ["mtl_bank"]
    assert "mtl_bank" not in names(search(engine, free=True, per_page=50))
    assert set(names(search(engine, categories=("housing",)))) == {"mtl_housing", "running_crisis"}
    assert "mtl_housing" not in names(search(engine, age_groups=("children",), per_page=50))


def test_a_top_category_matches_its_children(engine):
    assert "laval_bank" in names(search(engine, categories=("food",), per_page=50))


def test_open_now_uses_the_current_quarter_hour_in_montreal(engine):
    assert names(search(engine, open_now=True)) == ["laval_bank"]
    later = NOW + dt.timedelta(hours=1)
    assert names(search(engine, open_now=True, now=later)) == []


def test_facets_are_multi_select(engine):
    response = search(engine, q="", regions=("06",))
    regions = {v.value: v.count for v in response.facets["region"]}
    # The region facet ignores its own selection: other regions keep their counts...
    assert regions["13"] >= 1 and regions["11"] == 1 and regions["06"] == 2
    assert next(v for v in response.facets["region"] if v.value == "06").selected
    # ...while every other facet counts only the selected region.
    categories = {v.value: v.count for v in response.facets["category"]}
    assert categories == {"food": 1, "food.emergency": 1, "housing": 1}
    assert response.total == 2


def test_free_facet_counts_free_services(engine):
    free = search(engine, q="banque alimentaire", per_page=50).facets["free"]
    assert free and free[0].value == "true" and free[0].count >= 3


def test_radius_keeps_only_services_within_it(engine):
    response = search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE, radius_km=10)
    assert names(response) == ["mtl_bank"]
    assert response.total == 1
    wider = names(search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE, radius_km=30))
    assert set(wider) == {"mtl_bank", "laval_bank"}


def test_search_orders_nearby_food_banks_first(engine):
    response = search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE, per_page=50)
    found = names(response)
    assert found.index("mtl_bank") < found.index("laval_bank") < found.index("far_bank")
    near = response.hits[0]
    assert near.distance_km is not None and near.distance_km < 5


def test_a_service_without_coordinates_ranks_below_an_equal_match_nearby_but_above_far_ones(engine):
    # An online service gets the decay at offset + scale (0.5) for a missing place, as in
    # OpenSearch's body (opensearch_query.scored_query): not 1, which would put every virtual
    # service above the local ones.
    text_scores = {IDS[h.id]: h.score for h in search(engine, q="banque alimentaire", per_page=50).hits}
    response = search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE, per_page=50)
    found = names(response)
    assert found.index("mtl_bank") < found.index("virtual") < found.index("far_bank")
    virtual = response.hits[found.index("virtual")]
    assert virtual.distance_km is None
    assert virtual.score == pytest.approx(text_scores["virtual"] * 0.5)
    assert response.total == len(text_scores)


def test_a_radius_leaves_out_services_without_coordinates(engine):
    found = names(search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE, radius_km=2000, per_page=50))
    assert "virtual" not in found and "far_bank" in found


def test_sort_by_distance_puts_services_without_coordinates_last(engine):
    found = names(search(engine, q="banque alimentaire", origin=MONTREAL_CENTRE, sort="distance", per_page=50))
    assert found[:2] == ["mtl_bank", "laval_bank"] and found[-1] == "virtual"


def test_sort_by_name_is_alphabetical_ignoring_accents(engine):
    found = names(search(engine, q="", sort="name", per_page=50))
    assert found == sorted(found, key=lambda k: DOCS[k]["name_sort_fr"])


def test_browse_with_a_place_sorts_by_distance(engine):
    found = names(search(engine, q="", origin=MONTREAL_CENTRE, per_page=3))
    assert found[0] in ("mtl_housing", "mtl_bank")


def test_pagination_splits_results_without_overlap(engine):
    first = search(engine, q="", sort="name", per_page=2, page=1)
    second = search(engine, q="", sort="name", per_page=2, page=2)
    assert first.total == second.total and first.pages == -(-first.total // 2)
    assert not set(names(first)) & set(names(second))
    assert search(engine, q="", per_page=2, page=400).hits == []


def test_highlights_mark_matches_in_escaped_html(engine):
    hit = search(engine, q="hébergement")
    assert hit.hits[0].highlights["name_fr"] == "<mark>Hébergement</mark> d&#x27;urgence"


def test_bad_input_is_refused_with_a_code(engine):
    for bad in (dict(page=10**9), dict(per_page=0), dict(q="x" * 100_000), dict(radius_km=5),
                dict(origin=Origin(float("nan"), 0.0)), dict(sort="random")):
        with pytest.raises(InvalidSearch):
            search(engine, **bad)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(max_size=120) | st.sampled_from(['"unbalanced', "a AND (b OR", "title:x*", "~~~^2", "\x00\x1b[31m"]),
    page=st.integers(-5, 10**10),
    per_page=st.integers(-5, 500),
    sort=st.sampled_from(["relevance", "distance", "name", "nope"]),
    lat=st.floats(allow_nan=True, allow_infinity=True),
    lon=st.floats(-200, 200),
    radius=st.none() | st.floats(-10, 5000) | st.just(float("nan")),
    regions=st.lists(st.text(max_size=5), max_size=3),
)
def test_arbitrary_queries_never_raise_anything_but_invalid_search(engine, q, page, per_page, sort, lat, lon, radius, regions):
    request = SearchRequest(q=q, page=page, per_page=per_page, sort=sort, origin=Origin(lat, lon),
                            radius_km=radius, regions=tuple(regions), now=NOW)
    try:
        engine.search(request)
    except InvalidSearch:
        pass
    engine.suggest(q, "fr")


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


def test_upsert_and_delete_are_visible_to_the_next_search(tmp_path):
    engine = EmbeddedEngine(tmp_path / "index")
    engine.rebuild([make_document(name_fr="Popote roulante", name_sort_fr="popote roulante")])
    added = make_document(name_fr="Friperie solidaire", name_sort_fr="friperie solidaire")
    engine.upsert([added])
    assert search(engine, q="friperie").total == 1
    engine.upsert([dict(added, name_fr="Friperie du quartier")])
    assert search(engine, q="friperie").total == 1
    assert search(engine, q="solidaire").total == 0
    engine.delete([added["id"]])
    assert search(engine, q="friperie").total == 0
    other = EmbeddedEngine(tmp_path / "index")  # another process's view of the same directory
    assert search(other, q="popote").total == 1


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


def test_exact_matches_rank_above_typo_matches(tmp_path):
    engine = EmbeddedEngine(tmp_path / "index")
    exact = make_document(name_fr="Friperie", name_sort_fr="friperie", description_fr="Vêtements.")
    near = make_document(name_fr="Fripperie", name_sort_fr="fripperie", description_fr="Vêtements.")
    engine.rebuild([near, exact])
    found = [h.id for h in search(engine, q="friperie").hits]
    assert found == [exact["id"], near["id"]]


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
