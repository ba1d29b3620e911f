"""What a search engine does, on hand-built documents, run over BOTH engines: filters, facets,
radius, decay, sorts, pagination, highlights, updates and bad input.

Each test takes `engine` (or `new_engine`, for a test that needs its own index), parametrised over
the embedded engine and OpenSearch. The OpenSearch case indexes the same documents into the real
node of `tests.resources.opensearch_url()` (OPENSEARCH_URL, or the project's node started on
OPENSEARCH_PORT) under a throw-away alias whose indices are deleted at the end; it is marked
`live`. What only the embedded engine has (index directories, schema guards, its response cache,
its in-memory path) stays in test_embedded_engine.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from indexer_factories import make_document

from indexer.engine import InvalidSearch, Origin, SearchRequest
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

ENGINES = ["embedded", pytest.param("opensearch", marks=pytest.mark.live)]


class Engines:
    """Builds engines of one kind over given documents; removes what it created at the end."""

    def __init__(self, kind: str, tmp_path_factory) -> None:
        self.kind = kind
        self.tmp = tmp_path_factory
        self.aliases: list[str] = []
        self.client = None

    def build(self, documents):
        if self.kind == "embedded":
            from indexer.embedded import EmbeddedEngine

            engine = EmbeddedEngine(self.tmp.mktemp("index"))
        else:
            from indexer.opensearch import OpenSearchEngine
            from tests.resources import opensearch_url

            alias = f"portail211-behaviour-{uuid.uuid4().hex[:8]}"
            engine = OpenSearchEngine(opensearch_url(), alias, timeout_seconds=10.0, replicas=0,
                                      lock_directory=self.tmp.mktemp("lock"))
            self.aliases.append(alias)
            self.client = engine.client
        engine.rebuild(list(documents))
        return engine

    def remove(self) -> None:
        for alias in self.aliases:
            self.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True)


@pytest.fixture(scope="module", params=ENGINES)
def engines(request, tmp_path_factory):
    made = Engines(request.param, tmp_path_factory)
    yield made
    made.remove()


@pytest.fixture(scope="module")
def engine(engines):
    """The documents above, indexed once per engine."""
    return engines.build(DOCS.values())


@pytest.fixture
def new_engine(engines):
    """An engine of the same kind over other documents (a test that writes, or needs its own)."""
    return engines.build


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


def test_temporary_services_stay_out_of_search_until_their_first_day(new_engine):
    engine = new_engine([
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
    # An online service gets the decay at offset + scale (0.5) for a missing place, in both
    # engines (OpenSearch: a filtered weight function, opensearch_query.scored_query): not 1,
    # which would put every virtual service above the local ones.
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


def test_equal_names_and_scores_are_ordered_by_the_tie_key_in_every_sort(new_engine):
    # One service at five locations: the same name, the same text, so the same score; every sort
    # then ends on relevance.tie_key, the same order in both engines, page after page.
    from indexer import relevance

    places = [(45.50, -73.56), (45.50, -73.56), (45.51, -73.57), (45.52, -73.58), (45.53, -73.59)]
    docs = [make_document(name_fr="Popote roulante", name_sort_fr="popote roulante", lat=lat, lon=lon)
            for lat, lon in places]
    engine = new_engine(docs)
    by_key = [d["id"] for d in sorted(docs, key=lambda d: relevance.tie_key(d["id"]))]
    for kw in ({"q": "popote"}, {"q": "", "sort": "name"}):
        pages = [search(engine, per_page=2, page=page, **kw).hits for page in (1, 2, 3)]
        assert [h.id for page in pages for h in page] == by_key
    # Nearest first; the two services at the same place in tie-key order.
    near = [h.id for h in search(engine, q="popote", origin=Origin(45.50, -73.56), sort="distance").hits]
    same_place = sorted(near[:2], key=relevance.tie_key)
    assert near[:2] == same_place and near[2:] == [d["id"] for d in docs[2:]]


def test_far_matches_still_come_nearest_first(engine):
    # Beyond ~130 km the decayed score is 0 as a 32-bit float (OpenSearch's scores): the
    # distance, the sort's next key, orders such matches in both engines.
    response = search(engine, q="banque alimentaire", origin=Origin(48.45, -68.52, "Rimouski"), per_page=50)
    located = [h for h in response.hits if h.distance_km is not None]
    assert [h.distance_km for h in located] == sorted(h.distance_km for h in located)


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
def test_arbitrary_queries_never_raise_anything_but_invalid_search(engine, q, page, per_page, sort, lat, lon,
                                                                   radius, regions):
    request = SearchRequest(q=q, page=page, per_page=per_page, sort=sort, origin=Origin(lat, lon),
                            radius_km=radius, regions=tuple(regions), now=NOW)
    try:
        engine.search(request)
    except InvalidSearch:
        pass
    engine.suggest(q, "fr")


def test_upsert_and_delete_are_visible_to_the_next_search(new_engine):
    engine = new_engine([make_document(name_fr="Popote roulante", name_sort_fr="popote roulante")])
    added = make_document(name_fr="Friperie solidaire", name_sort_fr="friperie solidaire")
    engine.upsert([added])
    assert search(engine, q="friperie").total == 1
    engine.upsert([dict(added, name_fr="Friperie du quartier")])
    assert search(engine, q="friperie").total == 1
    assert search(engine, q="solidaire").total == 0
    engine.delete([added["id"]])
    assert search(engine, q="friperie").total == 0
    assert search(engine, q="popote").total == 1


def test_exact_matches_rank_above_typo_matches(new_engine):
    exact = make_document(name_fr="Friperie", name_sort_fr="friperie", description_fr="Vêtements.")
    near = make_document(name_fr="Fripperie", name_sort_fr="fripperie", description_fr="Vêtements.")
    engine = new_engine([near, exact])
    found = [h.id for h in search(engine, q="friperie").hits]
    assert found == [exact["id"], near["id"]]


def test_suggestions_complete_names_and_category_labels_from_any_word(engine):
    found = [(s.text, s.kind, s.locale) for s in engine.suggest("alim", "fr")]
    # Names starting with the prefix first, then names with a later word starting with it.
    assert found[0] == ("Alimentation", "category", "fr")
    assert ("Banque alimentaire", "service", "fr") in found
    assert engine.suggest("  ", "fr") == []
    assert [s.text for s in engine.suggest("héberg", "en")] == ["Hébergement d'urgence"]


# -- one hit per service (group_by_service) ---------------------------------------------------


def _service(name: str, org: str, places, n: int, **kw):
    """One service (shared service_id) at each of `places` (lat, lon, municipality, region)."""
    service_id = str(uuid.UUID(int=9 * 10**6 + n))
    return [make_document(service_id=service_id, name_fr=name, name_sort_fr=name.lower(),
                          organization_fr=org, lat=lat, lon=lon, municipality=town,
                          region_code=region, location_count=len(places), **kw)
            for lat, lon, town, region in places]


MTL, LAVAL, GASPE = (45.52, -73.58, "Montréal", "06"), (45.57, -73.70, "Laval", "13"), \
    (48.83, -64.48, "Gaspé", "11")
REQUESTS = [
    {"q": "cuisine collective"}, {"q": ""}, {"q": "", "sort": "name"},
    {"q": "cuisine collective", "origin": MONTREAL_CENTRE},
    {"q": "cuisine collective", "origin": MONTREAL_CENTRE, "sort": "distance"},
    {"q": "cuisine", "origin": MONTREAL_CENTRE, "radius_km": 30},
    {"q": "", "origin": Origin(48.8, -64.5, "Gaspé"), "radius_km": 2000},
    {"q": "cuisine", "regions": ("06",)}, {"q": "cuisine", "regions": ("06", "11"), "sort": "name"},
]


@pytest.fixture(scope="module")
def grouped(engines):
    """Twelve services, most at several places with the same text (so their documents tie), two
    sharing a name across organizations, one online."""
    docs = []
    for n in range(10):
        places = [MTL, LAVAL, GASPE][: 1 + n % 3]
        docs += _service("Cuisine collective", f"Organisme {n}", places, n,
                         description_fr=f"Repas et cuisine pour tous, groupe {n}.")
    docs += _service("Cuisine collective Rosemont", "Carrefour", [MTL, GASPE], 10)
    docs += _service("Cuisine collective en ligne", "Virtuel", [(None, None, None, None)], 11)
    return engines.build(docs), docs


def _reference(engine, kw) -> list[tuple[str, str]]:
    """(service, document) of each service's first document in the ungrouped ranking."""
    seen, out, page = set(), [], 1
    while True:
        response = search(engine, per_page=100, page=page, **kw)
        for hit in response.hits:
            if hit.service_id not in seen:
                seen.add(hit.service_id)
                out.append((hit.service_id, hit.id))
        if page >= response.pages:
            return out
        page += 1


@pytest.mark.parametrize("kw", REQUESTS, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items())[:60])
def test_grouping_lists_each_service_once_at_its_first_ranked_document(grouped, kw):
    engine, _ = grouped
    expected = _reference(engine, kw)
    for per_page in (1, 3, 20):
        pages = [search(engine, group_by_service=True, per_page=per_page, page=page, **kw)
                 for page in range(1, len(expected) // per_page + 3)]
        found = [(h.service_id, h.id) for response in pages for h in response.hits]
        assert found == expected  # never twice, in the ungrouped order, at the first document
        assert {response.total for response in pages} == {len(expected)}  # services, not documents


def test_grouped_total_counts_services_and_the_document_says_how_many_locations(grouped):
    engine, docs = grouped
    flat = search(engine, q="cuisine collective", per_page=100)
    by_service = search(engine, q="cuisine collective", per_page=100, group_by_service=True)
    assert flat.total == len(docs) and by_service.total == 12
    for hit in by_service.hits:
        assert hit.document["location_count"] == sum(d["service_id"] == hit.service_id for d in docs)


def test_grouping_shows_a_service_at_its_nearest_location(grouped):
    engine, _ = grouped
    for origin, town in ((MONTREAL_CENTRE, "Montréal"), (Origin(48.8, -64.5, "Gaspé"), "Gaspé")):
        response = search(engine, q="cuisine collective", origin=origin, per_page=100, group_by_service=True)
        several = [h for h in response.hits if h.document["location_count"] == 3]
        assert several and {h.document["municipality"] for h in several} == {town}


# -- need understanding (indexer/understanding/need.py): the same boost in both engines ----------

@pytest.fixture
def taxonomy_need_model():
    """Need understanding trained on the category tree alone (no directory), for this test only."""
    from indexer.understanding import need

    need.install(need.NeedModel.train(()))
    yield
    need.install(None)


def test_an_understood_need_brings_its_category_and_keeps_the_lexical_matches(new_engine, taxonomy_need_model):
    from indexer import relevance

    energy = make_document(name_fr="Programme Solidarité", name_sort_fr="programme solidarite",
                           description_fr="Ententes et soutien.", keywords_fr=[],
                           categories_fr=["Aide pour les factures d'énergie"], categories_en=["Help with energy bills"],
                           category_codes=["housing", "housing.rent-help", "housing.rent-help.utilities"])
    billing = make_document(name_fr="Comptoir des factures", name_sort_fr="comptoir des factures",
                            description_fr="Pay your bill here.", category_codes=["goods"],
                            categories_fr=["Biens"], categories_en=["Goods"], keywords_fr=[])
    bank = make_document()
    engine = new_engine([energy, billing, bank])
    q = "I can't pay my hydro bill"
    boosts = dict(relevance.plan(SearchRequest(q=q), today=NOW.date()).text.boosts)
    assert "housing.rent-help.utilities" in boosts, "the model must understand it"
    response = search(engine, q=q)
    ids = [h.id for h in response.hits]
    # The energy-bill service holds no word of the query: it comes back through its category, with
    # exactly the constant score (no lexical part), in both engines; the lexical match is kept.
    assert energy["id"] in ids and billing["id"] in ids and bank["id"] not in ids
    hit = next(h for h in response.hits if h.id == energy["id"])
    assert hit.score == pytest.approx(boosts["housing.rent-help.utilities"], rel=1e-5)
    # An exact query the model is unsure of is left as it was: no boost, the same results.
    assert not relevance.plan(SearchRequest(q="Comptoir des factures"), today=NOW.date()).text.boosts
    assert [h.id for h in search(engine, q="Comptoir des factures").hits][0] == billing["id"]
