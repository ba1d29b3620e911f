"""Live capacity (issue 17 part 3, issue 18 "update capacity"): set by a curator's form, by
`flask capacity set` and by an organization's update link; refused with a clear message in both
languages when wrong; audited in the same metadata rows as every edit; shown fresh ("12 lits
disponibles · mis à jour il y a …") or stale ("disponibilité à confirmer"); found by the "places
available now" filter through the live index, with no rebuild."""

from __future__ import annotations

import datetime as dt
import html as html_lib

import pytest
from outreach_helpers import csrf, make_link, organization_of
from sqlalchemy import func, select
from staff_helpers import EMAILS

from directory import capacity
from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest


def _page(client, path: str) -> str:
    """The page's text with no-break spaces as spaces ("2\u00a0h")."""
    return html_lib.unescape(client.get(path).get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


def _available_now(engine) -> list[str]:
    response = engine.search(SearchRequest(available_now=True, facets=False))
    return [h.document["service_id"] for h in response.hits]


def _audit(url: str) -> list[tuple[str, str, str, str, str]]:
    with session_scope(url) as session:
        return [(r.last_action_type, r.field_name, r.previous_value, r.replacement_value, r.updated_by)
                for r in session.scalars(select(m.Metadata).where(m.Metadata.resource_type == "service_capacity")
                                         .order_by(m.Metadata.field_name))]


def _metadata_rows(url: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(m.Metadata))


def _post_capacity(client, path: str, **values):
    form = _page(client, path)
    return client.post(path, data={"csrf_token": csrf(form), **values})


def test_a_curator_sets_beds_they_are_public_audited_and_searchable_at_once(curator, make_service, reindex, engine,
                                                                            directory_url, client):
    sid = make_service(name_fr="Refuge du Plateau", name_en="Plateau Shelter")
    reindex()
    assert _available_now(engine) == []
    path = f"/fr/personnel/services/{sid}/capacite"
    saved = _post_capacity(curator, path, unit="beds", available="12", maximum="20")
    assert saved.status_code == 303
    # No rebuild: the save reindexed the service (indexer/live.py).
    assert _available_now(engine) == [sid]
    french = _page(client, f"/fr/service/{sid}")
    assert "12 lits disponibles · mis à jour à l’instant" in french
    english = _page(client, f"/en/service/{sid}")
    assert "12 beds available · updated just now" in english
    results = _page(client, "/fr/recherche?q=Refuge&available_now=1")
    assert "12 lits disponibles" in results and "Places disponibles maintenant" in results
    rows = _audit(directory_url)
    assert {(a, f, new) for a, f, _, new, _ in rows} >= {("create", "*", "created"), ("create", "available", "12"),
                                                         ("create", "maximum", "20"), ("create", "service_id", sid)}
    assert {who for *_, who in rows} == {EMAILS["curator"]}
    # The service's history shows the count with its other changes.
    history = _page(curator, f"/fr/personnel/historique/service/{sid}")
    assert "Disponibilité en direct" in history and "Lits" in history and "Disponibles maintenant" in history
    assert "service_capacity" not in history and "8ff9bf6b" not in history, "named, not raw"

    # Full: 0 is an answer, and the service leaves the filter.
    assert _post_capacity(curator, path, unit="beds", available="0").status_code == 303
    assert _available_now(engine) == []
    assert "0 lit disponible" in _page(client, f"/fr/service/{sid}")
    updates = [(f, old, new) for a, f, old, new, _ in _audit(directory_url) if a == "update"]
    assert ("available", "12", "0") in updates and any(f == "updated" for f, _, _ in updates)
    assert not any(f == "maximum" for f, _, _ in updates), "the maximum was kept, not rewritten"


@pytest.mark.parametrize(("values", "french", "english"), [
    ({"unit": "beds", "available": "25", "maximum": "20"}, "Le nombre disponible ne peut pas dépasser le maximum.",
     "The number available cannot be above the maximum."),
    ({"unit": "beds", "available": "-3"}, "Le nombre ne peut pas être négatif.", "The number cannot be negative."),
    ({"unit": "beds", "available": "douze"}, "Entrez un nombre entier, par exemple 12.",
     "Enter a whole number, for example 12."),
    ({"unit": "beds", "available": "2.5"}, "Entrez un nombre entier, par exemple 12.",
     "Enter a whole number, for example 12."),
    ({"unit": "beds", "available": "3", "maximum": "-1"}, "Le nombre ne peut pas être négatif.",
     "The number cannot be negative."),
    ({"unit": "unicorns", "available": "3"}, "Choisissez une unité dans la liste.", "Choose a unit from the list."),
])
def test_wrong_counts_are_refused_in_both_languages_and_nothing_is_written(curator, make_service, directory_url,
                                                                          values, french, english):
    sid = make_service()
    before = _metadata_rows(directory_url)
    for lang, path, message in (("fr", f"/fr/personnel/services/{sid}/capacite", french),
                                ("en", f"/en/staff/services/{sid}/capacity", english)):
        refused = _post_capacity(curator, path, **values)
        assert refused.status_code == 400, lang
        assert message in html_lib.unescape(refused.get_data(as_text=True)), lang
    assert _metadata_rows(directory_url) == before
    with session_scope(directory_url) as session:
        assert session.scalar(select(func.count()).select_from(m.ServiceCapacity)) == 0


def test_a_stale_count_says_to_confirm_and_leaves_the_filter(make_service, reindex, engine, directory_url, client):
    fresh, stale = make_service(name_fr="Refuge frais"), make_service(name_fr="Refuge ancien")
    now = dt.datetime.now(dt.UTC)
    with session_scope(directory_url) as session:
        capacity.set_capacity(session, session.get(m.Service, fresh), "beds", 4, 10, by="test",
                              when=now - dt.timedelta(hours=2))
        capacity.set_capacity(session, session.get(m.Service, stale), "beds", 9, 10, by="test",
                              when=now - dt.timedelta(hours=30))
    reindex()
    assert _available_now(engine) == [fresh]
    old = _page(client, f"/fr/service/{stale}")
    assert "Disponibilité à confirmer · mis à jour il y a 1 j" in old and "9 lits" not in old
    assert "Availability to be confirmed" in _page(client, f"/en/service/{stale}")
    assert "4 lits disponibles · mis à jour il y a 2 h" in _page(client, f"/fr/service/{fresh}")
    # The filter is decided at query time: the fresh count goes stale without a reindex.
    later = engine.search(SearchRequest(available_now=True, facets=False, now=now + dt.timedelta(hours=23)))
    assert [h.document["service_id"] for h in later.hits] == []


def test_the_command_line_sets_a_count_and_refuses_bad_ones_in_both_languages(app, make_service, reindex, engine,
                                                                             directory_url):
    sid = make_service()
    reindex()
    runner = app.test_cli_runner()
    done = runner.invoke(args=["capacity", "set", sid, "food_hampers", "30", "--maximum", "40"])
    assert done.exit_code == 0, done.output
    assert _available_now(engine) == [sid]
    assert ("create", "available", "", "30", "cli") in _audit(directory_url)
    refusals = (
        ([sid, "food_hampers", "50"], "Le nombre disponible ne peut pas dépasser le maximum. / "
                                      "The number available cannot be above the maximum."),
        ([sid, "boats", "5"], "Choisissez une unité dans la liste. / Choose a unit from the list."),
        ([sid, "meals", "-1"], "Le nombre ne peut pas être négatif. / The number cannot be negative."),
        ([sid, "meals", "1e3"], "Entrez un nombre entier"),
        (["no-such-service", "meals", "3"], "Ce service n’existe pas. / This service does not exist."),
    )
    for args, message in refusals:
        refused = runner.invoke(args=["capacity", "set", *args])
        assert refused.exit_code == 1 and message in refused.output, refused.output
    with session_scope(directory_url) as session:
        row = session.scalar(select(m.ServiceCapacity))
        assert (row.available, row.maximum) == (30, 40)


def test_an_organization_updates_capacity_through_its_link_published_at_once_and_audited(app, make_service, reindex,
                                                                                        engine, directory_url,
                                                                                        client):
    sid = make_service(name_fr="Refuge de l'organisme")
    reindex()
    link_id, token = make_link(app, organization_of(directory_url, sid))
    overview = _page(client, f"/fr/mise-a-jour/{token}")
    assert f"/fr/mise-a-jour/{token}/services/{sid}/capacite" in overview
    path = f"/en/update/{token}/services/{sid}/capacity"
    refused = _post_capacity(client, path, unit="rooms", available="7", maximum="5")
    assert refused.status_code == 400 and "The number available cannot be above the maximum." in \
        html_lib.unescape(refused.get_data(as_text=True))
    sent = _post_capacity(client, path, unit="rooms", available="3", maximum="5")
    assert sent.status_code == 303 and "done=capacity" in sent.headers["Location"]
    assert _available_now(engine) == [sid], "published at once: no curator in between"
    assert {who for *_, who in _audit(directory_url)} == {f"organization via signed link {link_id}"}
    assert "3 chambres disponibles" in _page(client, f"/fr/service/{sid}")
    with session_scope(directory_url) as session:
        assert session.scalar(select(func.count()).select_from(m.OutreachProposal)) == 0


def test_another_organizations_link_cannot_reach_the_capacity_page(app, make_service, directory_url, client):
    mine, theirs = make_service(), make_service()
    _, token = make_link(app, organization_of(directory_url, mine))
    before = _metadata_rows(directory_url)
    page = client.get(f"/fr/mise-a-jour/{token}/services/{theirs}/capacite")
    assert page.status_code == 404
    posted = client.post(f"/fr/mise-a-jour/{token}/services/{theirs}/capacite",
                         data={"unit": "beds", "available": "3"})
    assert posted.status_code in (400, 404)
    assert _metadata_rows(directory_url) == before


def test_the_crisis_page_lists_services_with_fresh_places_first(admin, make_service, directory_url, client):
    names = ("Abri A sans nombre", "Abri B ancien", "Abri C avec places")
    ids = [make_service(name_fr=n, schedule=("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00")) for n in names]
    now = dt.datetime.now(dt.UTC)
    with session_scope(directory_url) as session:
        for sid in ids:
            session.get(m.Service, sid).is_crisis = True
        capacity.set_capacity(session, session.get(m.Service, ids[1]), "beds", 5, by="test",
                              when=now - dt.timedelta(days=3))
        capacity.set_capacity(session, session.get(m.Service, ids[2]), "beds", 5, by="test")
    page = _page(client, "/fr/urgence")
    order = sorted(names, key=page.index)
    assert order == ["Abri C avec places", "Abri A sans nombre", "Abri B ancien"]
    assert "5 lits disponibles" in page and "Disponibilité à confirmer" in page


def test_an_analyst_cannot_set_capacity(client, make_service):
    from staff_helpers import sign_in

    sid = make_service()
    assert sign_in(client, "analyst").status_code == 303
    assert client.get(f"/fr/personnel/services/{sid}/capacite").status_code == 403


def test_the_api_and_the_json_exports_carry_capacities_in_the_hsds_3_1_shape(make_service, directory_url, client):
    from directory.hsds import exporter

    sid = make_service()
    when = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    with session_scope(directory_url) as session:
        capacity.set_capacity(session, session.get(m.Service, sid), "beds", 12, 20, by="test", when=when,
                              description_fr="Lits pour hommes", description_en="Beds for men")
    english = client.get(f"/api/hsds/services/{sid}?locale=en").get_json()
    french = client.get(f"/api/hsds/services/{sid}?locale=fr").get_json()
    (count,) = french["capacities"]
    # service_capacity.json (3.1): id, unit, available, updated required; updated a date-time (3.1.1).
    assert {"id", "unit", "available", "updated"} <= set(count)
    assert count["available"] == 12 and count["maximum"] == 20 and count["service_id"] == sid
    assert dt.datetime.fromisoformat(count["updated"].replace("Z", "+00:00")) == when
    assert count["unit"]["identifier"] == "beds" and count["unit"]["scheme"] == "portail211"
    assert count["unit"]["id"] == count["unit_id"]
    assert (count["unit"]["name"], count["description"]) == ("Lits", "Lits pour hommes")
    assert (english["capacities"][0]["unit"]["name"], english["capacities"][0]["description"]) == (
        "Beds", "Beds for men")
    (bilingual,) = [s for s in exporter.iter_services(directory_url, None) if s["id"] == sid]
    (count,) = bilingual["capacities"]
    assert count["description"] == "Lits pour hommes"
    assert count["translations"] == {"en": {"description": "Beds for men"}}
    assert count["unit"]["translations"] == {"en": {"name": "Beds"}}
    (plain,) = [s for s in exporter.iter_services(directory_url, "en") if s["id"] == sid]
    assert plain["capacities"][0]["unit"]["name"] == "Beds" and "translations" not in plain["capacities"][0]
