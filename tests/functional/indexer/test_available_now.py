"""The "places available now" filter of BOTH engines: directory rows (counts set through
directory.capacity at known times) → search documents (`available_until`) → the engine's filter at
a given moment. Fresh and above 0 is in; full, stale, or no count is out; a count goes stale at
its unit's limit without a reindex; the filter combines with text, facets and open-now."""

from __future__ import annotations

import datetime as dt

import pytest
from test_engine_behaviour import ENGINES, Engines

from directory import capacity
from directory.db import session_scope
from directory.models import Location, Organization, Service, ServiceAtLocation
from indexer.document import iter_documents
from indexer.engine import SearchRequest

UPDATED = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def _service(session, name: str, region: str = "06") -> Service:
    org = Organization(name_fr=f"Organisme {name}", description_fr="Un organisme.")
    session.add(org)
    session.flush()
    svc = Service(organization_id=org.id, name_fr=name, status="active")
    loc = Location(organization_id=org.id, name_fr=name, latitude=45.5, longitude=-73.6, region_code=region)
    session.add_all([svc, loc])
    session.flush()
    session.add(ServiceAtLocation(service_id=svc.id, location_id=loc.id))
    return svc


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory):
    from directory import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('capacity') / 'directory.sqlite'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        counts = {"Refuge avec lits": [("beds", 4)], "Refuge complet": [("beds", 0)],
                  "Refuge ancien": [("beds", 9)], "Popote du jour": [("meals", 20)],
                  "Banque de la semaine": [("food_hampers", 15)],
                  "Refuge complet mais repas": [("beds", 0), ("meals", 3)]}
        ages = {"Refuge ancien": 30 * H}
        for name, items in counts.items():
            svc = _service(session, name, region="05" if name == "Popote du jour" else "06")
            for unit, available in items:
                capacity.set_capacity(session, svc, unit, available, by="test", when=UPDATED - ages.get(name, 0 * H))
        _service(session, "Refuge sans nombre")
    made = Engines(request.param, tmp_path_factory)
    yield made.build(iter_documents(url))
    made.remove()


def _available(engine, at: dt.datetime, **filters) -> set[str]:
    response = engine.search(SearchRequest(available_now=True, now=at, facets=False, per_page=50, **filters))
    return {hit.document["name_fr"] for hit in response.hits}


def test_fresh_counts_above_zero_only(engine):
    assert _available(engine, UPDATED + H) == {"Refuge avec lits", "Popote du jour", "Banque de la semaine",
                                               "Refuge complet mais repas"}


def test_each_unit_goes_stale_at_its_own_limit_without_a_reindex(engine):
    # Meals: 12 h; beds: 24 h (the default); food hampers: 72 h.
    assert _available(engine, UPDATED + 13 * H) == {"Refuge avec lits", "Banque de la semaine"}
    assert _available(engine, UPDATED + 25 * H) == {"Banque de la semaine"}
    assert _available(engine, UPDATED + 73 * H) == set()


def test_the_filter_combines_with_text_and_facets(engine):
    assert _available(engine, UPDATED + H, q="refuge") == {"Refuge avec lits", "Refuge complet mais repas"}
    assert _available(engine, UPDATED + H, regions=("05",)) == {"Popote du jour"}


def test_without_the_filter_every_service_is_found(engine):
    response = engine.search(SearchRequest(now=UPDATED + H, facets=False, per_page=50))
    assert len(response.hits) == 7
    with_counts = {h.document["name_fr"]: [c["available"] for c in h.document["capacities"]] for h in response.hits}
    assert with_counts["Refuge complet mais repas"] == [0, 3] and with_counts["Refuge sans nombre"] == []
