"""The embedded engine over a small demo directory (400 services, fixed seed): language handling,
synonyms, typos, suggestions and incremental updates through `indexer.document`."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from directory import migrate
from directory.db import session_scope
from directory.demo import generator
from directory.models import Service
from indexer.document import documents_for_service, iter_documents, validate_document
from indexer.embedded import EmbeddedEngine
from indexer.engine import SearchRequest
from indexer.schedule import MONTREAL

TODAY = dt.date(2026, 11, 18)
NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=MONTREAL)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    generator.build(url, services=400, seed=7, today=TODAY)
    engine = EmbeddedEngine(path.parent / "index")
    engine.rebuild(iter_documents(url, today=TODAY))
    return url, engine


def ids(engine, q, **kw):
    return [h.id for h in engine.search(SearchRequest(q=q, now=NOW, per_page=100, **kw)).hits]


def test_documents_are_valid_and_leave_out_inactive_services(demo):
    url, _ = demo
    docs = list(iter_documents(url, today=TODAY))
    for doc in docs:
        validate_document(doc)
    assert {d["status"] for d in docs} <= {"active", "temporarily closed"}
    with session_scope(url) as session:
        inactive = session.query(Service.id).filter(Service.status == "inactive").all()
    assert inactive and not {d["service_id"] for d in docs} & {i for (i,) in inactive}


@pytest.mark.parametrize("variant", ["BANQUE ALIMENTAIRE", "banques alimentaires", "banque alimentaíre",
                                     "Banque Alimentaire"])
def test_accents_case_and_plurals_are_ignored(demo, variant):
    _, engine = demo
    assert ids(engine, variant) == ids(engine, "banque alimentaire")


def test_elisions_are_ignored(demo):
    _, engine = demo
    assert ids(engine, "l'hébergement") == ids(engine, "hébergement")


def test_english_food_bank_finds_french_banque_alimentaire(demo):
    _, engine = demo
    response = engine.search(SearchRequest(q="food bank", now=NOW))
    assert response.total > 0
    assert any("alimentaire" in h.document["name_fr"].lower()
               or "aliment" in " ".join(h.document["categories_fr"]).lower()
               for h in response.hits)


def test_typos_still_find_results_and_exact_matches_stay_first(demo):
    _, engine = demo
    exact = ids(engine, "banque alimentaire")
    typo = ids(engine, "banqe alimentaire")
    assert typo and set(typo[:10]) <= set(exact)
    assert ids(engine, "itinerance") == ids(engine, "itinérance")


def test_did_you_mean_proposes_known_words(demo):
    _, engine = demo
    assert engine.search(SearchRequest(q="banqe alimentaire", now=NOW)).suggestion == "banque alimentaire"
    assert engine.search(SearchRequest(q="banque alimentaire", now=NOW)).suggestion is None


def test_autocomplete_offers_service_names_and_categories_in_both_languages(demo):
    _, engine = demo
    suggestions = engine.suggest("banq", "fr")
    assert suggestions and all(s.text.lower().split()[0].startswith("banq") or "banq" in s.text.lower()
                               for s in suggestions)
    assert any(s.kind == "category" for s in engine.suggest("alim", "en", limit=20))
    assert engine.suggest("", "fr") == []


def test_an_edited_service_is_reindexed_by_itself(demo, tmp_path):
    url, _ = demo
    engine = EmbeddedEngine(tmp_path / "index")
    engine.rebuild(iter_documents(url, today=TODAY))
    with session_scope(url) as session:
        service = session.query(Service).filter(Service.status == "active").first()
        service_id = service.id
        session.execute(update(Service).where(Service.id == service_id).values(name_fr="Zumba solidaire"))
    engine.replace_service(service_id, documents_for_service(url, service_id, today=TODAY))
    assert {h.service_id for h in engine.search(SearchRequest(q="zumba", now=NOW)).hits} == {service_id}
    with session_scope(url) as session:
        session.execute(update(Service).where(Service.id == service_id).values(status="defunct"))
    assert documents_for_service(url, service_id) == []
    engine.replace_service(service_id, [])
    assert engine.search(SearchRequest(q="zumba", now=NOW)).total == 0


@pytest.mark.parametrize("sort", ["distance", "relevance"])
@pytest.mark.parametrize("radius_km", [3, 10, 40, 100])
def test_radius_totals_and_facets_count_the_whole_circle_not_the_first_page(demo, sort, radius_km):
    # Regression: browsing with a radius stopped growing its search circle once it held one page
    # and reported that small circle's total (3 km and 100 km both gave 23).
    from directory.geo import haversine_km
    from indexer.engine import Origin

    url, engine = demo
    origin = Origin(45.5235, -73.5812, "Le Plateau", "municipality")
    truth = [d for d in iter_documents(url, today=TODAY)
             if d["lat"] is not None and d["status"] != "temporarily closed"
             and haversine_km(origin.lat, origin.lon, d["lat"], d["lon"]) <= radius_km]
    response = engine.search(SearchRequest(q="", origin=origin, radius_km=radius_km, sort=sort, now=NOW,
                                           per_page=5))
    assert response.total == len(truth)
    assert sum(v.count for v in response.facets["region"]) == len(truth)
    assert all(h.distance_km <= radius_km for h in response.hits)
