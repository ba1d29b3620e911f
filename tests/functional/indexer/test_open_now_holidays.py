"""The open-now filter of BOTH engines on Québec holidays and curators' exceptions: directory rows →
search documents (the index's open slots, built for the week of 21 December 2026 as the nightly
rebuild would) → the engine's filter at a given moment."""

from __future__ import annotations

import datetime as dt

import pytest
from test_engine_behaviour import ENGINES, Engines

from directory.db import session_scope
from directory.models import Location, Organization, Schedule, Service, ServiceAtLocation
from indexer.document import iter_documents
from indexer.engine import SearchRequest
from indexer.schedule import MONTREAL

D = dt.date
WEEK = D(2026, 12, 21)  # Monday; Christmas is Friday the 25th
OFFICE = ("MO,TU,WE,TH,FR", "09:00", "17:00")
ALWAYS = ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00")


def _service(session, name: str, hours: tuple[str, str, str], *, rule: str | None = None,
             closed: tuple[dt.date, dt.date] | None = None) -> None:
    org = Organization(name_fr=f"Organisme {name}", description_fr="Un organisme.")
    session.add(org)
    session.flush()
    svc = Service(organization_id=org.id, name_fr=name, status="active", holiday_rule=rule)
    loc = Location(organization_id=org.id, name_fr=name, latitude=45.5, longitude=-73.6, region_code="06")
    session.add_all([svc, loc])
    session.flush()
    session.add(ServiceAtLocation(service_id=svc.id, location_id=loc.id))
    byday, opens, closes = hours
    session.add(Schedule(service_id=svc.id, freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes))
    if closed:
        session.add(Schedule(service_id=svc.id, exception="closed", valid_from=closed[0], valid_to=closed[1],
                             description_fr="Dégât d'eau"))


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory):
    from directory import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('holidays') / 'directory.sqlite'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        _service(session, "Bureau", OFFICE)
        _service(session, "Ligne 24/7", ALWAYS)
        _service(session, "Bureau ouvert les fériés", OFFICE, rule="open")
        _service(session, "Bureau en travaux", OFFICE, closed=(D(2026, 12, 23), D(2026, 12, 23)))
        _service(session, "Refuge fermé à Noël", ALWAYS, rule="closed:christmas")
    made = Engines(request.param, tmp_path_factory)
    yield made.build(iter_documents(url, today=WEEK))
    made.remove()


def _open(engine, *moment: int) -> set[str]:
    now = dt.datetime(*moment, tzinfo=MONTREAL)
    response = engine.search(SearchRequest(open_now=True, now=now, facets=False, per_page=50))
    return {hit.document["name_fr"] for hit in response.hits}


def test_christmas_closes_office_hours_not_a_seven_day_line(engine):
    assert _open(engine, 2026, 12, 25, 10, 0) == {"Ligne 24/7", "Bureau ouvert les fériés"}


def test_christmas_eve_is_an_ordinary_day(engine):
    assert _open(engine, 2026, 12, 24, 10, 0) == {"Bureau", "Ligne 24/7", "Bureau ouvert les fériés",
                                                  "Bureau en travaux", "Refuge fermé à Noël"}


def test_a_curators_closure_closes_its_day_only(engine):
    assert "Bureau en travaux" not in _open(engine, 2026, 12, 23, 10, 0)
    assert "Bureau en travaux" in _open(engine, 2026, 12, 22, 10, 0)


def test_outside_the_hours_only_the_all_day_services(engine):
    assert _open(engine, 2026, 12, 22, 20, 0) == {"Ligne 24/7", "Refuge fermé à Noël"}
