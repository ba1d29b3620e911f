"""One card per service on the results page and in the widget: a service offered at several places
shows once, says how many other places it has (linked to its page, which lists them all), the count
says services and equals the API's /services total, and same-named services of different
organizations carry their organization and town in the title line."""

from __future__ import annotations

import re

import pytest

from directory import models as m
from directory.db import session_scope

OTHER_PLACES = [("Laval", 45.57, -73.70, "13", "H7N 1A1", "1, boulevard de la Concorde"),
                ("Longueuil", 45.53, -73.51, "16", "J4K 1A1", "2, rue Saint-Charles")]


def add_locations(url: str, service_id: str, places=OTHER_PLACES) -> None:
    with session_scope(url) as session:
        service = session.get(m.Service, service_id)
        for town, lat, lon, region, postal, street in places:
            loc = m.Location(organization_id=service.organization_id, name_fr=f"Point de service {town}",
                             latitude=lat, longitude=lon, region_code=region)
            session.add(loc)
            session.flush()
            session.add(m.Address(location_id=loc.id, address_1=street, city=town, postal_code=postal,
                                  state_province="QC", country="CA"))
            session.add(m.ServiceAtLocation(service_id=service_id, location_id=loc.id))


@pytest.fixture
def grouped(app, make_organization, make_service, sqlite_url, tmp_path):
    """A food bank at three places, a same-named one of another organization, French classes."""
    from indexer.document import iter_documents
    from indexer.factory import engine_from_config

    app.config["INDEX_PATH"] = str(tmp_path / "index")
    several = make_service(organization_id=make_organization(name_fr="Moisson Montréal", name_en=None))
    add_locations(sqlite_url, several)
    other = make_service(organization_id=make_organization(name_fr="Entraide Rosemont", name_en=None))
    make_service(name_fr="Cours de français", name_en="French classes", categories=("education",))
    engine_from_config(app.config).rebuild(iter_documents(app.config["DATABASE_URL"]))
    return several, other


def cards(html: str) -> list[str]:
    return re.findall(r'class="result-name"><a href="/\w\w/[\w-]+/([0-9a-f-]+)"', html)


def heading_count(html: str) -> int:
    found = re.search(r'id="results-heading"[^>]*>([\d\s\u202f\xa0]+) (?:services?|service)', html)
    assert found, "no count in the results heading"
    return int(re.sub(r"\D", "", found.group(1)))


def test_a_service_at_several_places_shows_once_with_its_other_places_linked(client, grouped):
    several, other = grouped
    html = client.get("/fr/recherche?q=banque+alimentaire").get_data(as_text=True)
    assert sorted(cards(html)) == sorted([several, other])  # each service once, not 4 documents
    assert heading_count(html) == 2 and "2 services trouvés" in html
    link = re.search(r'<a href="([^"]+)" class="other-locations">([^<]+)</a>', html)
    assert link and link.group(1) == f"/fr/service/{several}#where-title"
    assert link.group(2) == "et 2 autres emplacements"
    assert html.count('class="other-locations"') == 1  # the single-place service says nothing
    english = client.get("/en/search?q=food+bank").get_data(as_text=True)
    assert "and 2 other locations" in english and heading_count(english) == 2

    page = client.get(f"/fr/service/{several}").get_data(as_text=True)
    assert 'id="where-title"' in page
    for town, *_ in OTHER_PLACES:
        assert f"Point de service {town}" in page and town in page


def test_same_named_services_carry_their_organization_and_town_in_the_title_line(client, grouped):
    html = client.get("/fr/recherche?q=banque+alimentaire").get_data(as_text=True)
    titles = re.findall(r'<h3 class="result-name">(.*?)</h3>', html)
    assert len(titles) == 2
    assert any("Moisson Montréal" in t and "result-context" in t for t in titles)
    assert any("Entraide Rosemont, Montréal" in t for t in titles)
    alone = client.get("/fr/recherche?q=cours+de+fran%C3%A7ais").get_data(as_text=True)
    assert "result-context" not in alone  # a name alone on its page needs no context


def test_pages_are_pages_of_services_and_the_api_counts_the_same(client, grouped):
    several, other = grouped
    first = client.get("/fr/recherche?q=banque+alimentaire&per_page=1").get_data(as_text=True)
    second = client.get("/fr/recherche?q=banque+alimentaire&per_page=1&page=2").get_data(as_text=True)
    assert heading_count(first) == heading_count(second) == 2
    assert sorted(cards(first) + cards(second)) == sorted([several, other])
    api = client.get("/api/hsds/services?search=banque+alimentaire").get_json()
    assert api["total_items"] == 2 and sorted(s["id"] for s in api["contents"]) == sorted([several, other])
    # /service_at_locations keeps one row per location.
    rows = client.get("/api/hsds/service_at_locations?search=banque+alimentaire").get_json()
    assert rows["total_items"] == 4


def test_the_widget_shows_one_card_per_service(client, grouped):
    several, _ = grouped
    html = client.get("/fr/widget/recherche?q=banque+alimentaire").get_data(as_text=True)
    assert html.count(f"/service/{several}\"") + html.count(f"/service/{several}#") == 2  # title + link
    assert "et 2 autres emplacements" in html
    assert re.search(r"2 services trouvés", html)
