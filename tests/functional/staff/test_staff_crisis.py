"""Crisis mode: the banner on every public page inside its window, the emergency page, and
temporary services leaving search after their last day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from staff_helpers import token

from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest
from indexer.schedule import MONTREAL


def _local(delta: dt.timedelta) -> str:
    return (dt.datetime.now(MONTREAL) + delta).strftime("%Y-%m-%dT%H:%M")


def _publish(admin, starts: dt.timedelta, ends: dt.timedelta, **extra):
    html = admin.get("/fr/personnel/crise").get_data(as_text=True)
    data = {"csrf_token": token(html), "title_fr": "Vague de froid", "message_fr": "Haltes-chaleur ouvertes.",
            "starts_at": _local(starts), "ends_at": _local(ends)} | extra
    return admin.post("/fr/personnel/crise", data=data)


def test_a_published_banner_shows_on_public_pages_in_both_languages(admin, app):
    assert _publish(admin, dt.timedelta(minutes=-1), dt.timedelta(hours=2), title_en="Cold wave").status_code == 303
    anonymous = app.test_client()
    fr = anonymous.get("/fr/").get_data(as_text=True)
    assert 'class="crisis-banner"' in fr and "Vague de froid" in fr and "/fr/urgence" in fr
    en = anonymous.get("/en/").get_data(as_text=True)
    assert "Cold wave" in en and "/en/emergency" in en
    # No English message: the French text is shown, marked lang="fr".
    assert '<p lang="fr">Haltes-chaleur ouvertes.</p>' in en


def test_a_banner_is_hidden_before_its_start_and_after_its_end(admin, app, directory_url):
    _publish(admin, dt.timedelta(hours=1), dt.timedelta(hours=3))
    assert "crisis-banner" not in app.test_client().get("/fr/").get_data(as_text=True)
    with session_scope(directory_url) as session:
        banner = session.scalar(select(m.CrisisBanner))
        banner.starts_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
        banner.ends_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    assert "crisis-banner" not in app.test_client().get("/fr/").get_data(as_text=True)


def test_ending_a_banner_now_removes_it(admin, app, directory_url):
    _publish(admin, dt.timedelta(minutes=-5), dt.timedelta(hours=5))
    assert "crisis-banner" in app.test_client().get("/fr/").get_data(as_text=True)
    with session_scope(directory_url) as session:
        banner_id = session.scalar(select(m.CrisisBanner.id))
    html = admin.get("/fr/personnel/crise").get_data(as_text=True)
    ended = admin.post(f"/fr/personnel/crise/{banner_id}/terminer", data={"csrf_token": token(html), "confirm": "1"})
    assert ended.status_code == 303
    assert "crisis-banner" not in app.test_client().get("/fr/").get_data(as_text=True)


def test_banner_form_refuses_an_end_before_the_start(admin):
    response = _publish(admin, dt.timedelta(hours=2), dt.timedelta(hours=1))
    assert response.status_code == 400 and 'href="#ends_at"' in response.get_data(as_text=True)


def _crisis_service(url, make_service, name, *, valid_to=None, temporary=False):
    sid = make_service(name_fr=name, name_en=None)
    with session_scope(url) as session:
        service = session.get(m.Service, sid)
        service.is_crisis = True
        service.is_temporary = temporary
        service.valid_to = valid_to
    return sid


def test_the_emergency_page_lists_current_crisis_services_only(app, client, make_service, directory_url):
    today = dt.datetime.now(MONTREAL).date()
    _crisis_service(directory_url, make_service, "Halte-chaleur Hochelaga", valid_to=today + dt.timedelta(days=3),
                    temporary=True)
    _crisis_service(directory_url, make_service, "Refuge fermé", valid_to=today - dt.timedelta(days=1), temporary=True)
    make_service(name_fr="Service ordinaire")
    fr = client.get("/fr/urgence").get_data(as_text=True)
    assert "Halte-chaleur Hochelaga" in fr and "Refuge fermé" not in fr and "Service ordinaire" not in fr
    en = client.get("/en/emergency")
    assert en.status_code == 200 and '<html lang="en-CA">' in en.get_data(as_text=True)


def _schedule(url, sid, byday, *, valid_to=None):
    with session_scope(url) as session:
        for row in session.scalars(select(m.Schedule).where(m.Schedule.service_id == sid)):
            row.byday, row.opens_at, row.closes_at, row.valid_to = byday, "00:00", "24:00", valid_to


def test_the_emergency_page_lists_under_open_now_only_services_open_now_with_their_phone(
        client, make_service, directory_url):
    """The service page's rule (portal.display.hours): a seasonal schedule outside its season is
    never open; closed services are listed apart; phones in the site's one format."""
    now = dt.datetime.now(MONTREAL)
    days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    every_day, tomorrow = ",".join(days), days[(now.weekday() + 1) % 7]
    _schedule(directory_url, _crisis_service(directory_url, make_service, "Halte ouverte"), every_day)
    _schedule(directory_url, _crisis_service(directory_url, make_service, "Refuge de demain"), tomorrow)
    _schedule(directory_url, _crisis_service(directory_url, make_service, "Halte saisonnière"), every_day,
              valid_to=now.date() - dt.timedelta(days=1))  # its season ended yesterday
    fr = client.get("/fr/urgence").get_data(as_text=True)
    open_now, closed = fr.index('id="open-now-title"'), fr.index('id="closed-now-title"')
    assert open_now < fr.index("Halte ouverte") < closed
    assert fr.index("Refuge de demain") > closed and fr.index("Halte saisonnière") > closed
    # Same format as the service page: (514) 555-0123, dialled as +1 514 555-0123 extension 204.
    assert '<a href="tel:+15145550123;ext=204">(514) 555-0123</a>, poste 204' in fr
    assert fr[open_now:closed].count("tel:+15145550123") == 1
    en = client.get("/en/emergency").get_data(as_text=True)
    assert "Closed at this hour" in en and "extension 204" in en


def test_a_temporary_service_leaves_search_after_its_last_day(make_service, reindex, engine, directory_url):
    _crisis_service(directory_url, make_service, "Halte-chaleur Saint-Henri", valid_to=dt.date(2026, 1, 15),
                    temporary=True)
    make_service(name_fr="Halte permanente Saint-Henri")
    reindex()

    def names(day: dt.date, **kwargs) -> set[str]:
        now = dt.datetime.combine(day, dt.time(12), MONTREAL)
        return {h.document["name_fr"] for h in engine.search(SearchRequest(q="Saint-Henri", now=now, facets=False,
                                                                           **kwargs)).hits}

    assert names(dt.date(2026, 1, 15)) == {"Halte-chaleur Saint-Henri", "Halte permanente Saint-Henri"}
    assert names(dt.date(2026, 1, 16)) == {"Halte permanente Saint-Henri"}
    assert names(dt.date(2026, 1, 15), crisis_only=True) == {"Halte-chaleur Saint-Henri"}


def test_public_pages_still_render_when_the_banner_lookup_fails(app, client, directory_url):
    from directory.db import engine_for

    with engine_for(directory_url).begin() as conn:
        conn.exec_driver_sql("DROP TABLE crisis_banner")
    assert client.get("/fr/").status_code == 200


@pytest.mark.both_databases
def test_a_temporary_service_enters_search_on_its_first_day_and_says_when_it_starts(
        app, client, make_service, reindex, engine, directory_url):
    today = dt.datetime.now(MONTREAL).date()
    starts = today + dt.timedelta(days=5)
    sid = _crisis_service(directory_url, make_service, "Halte-chaleur Rosemont", valid_to=today + dt.timedelta(days=40),
                          temporary=True)
    with session_scope(directory_url) as session:
        session.get(m.Service, sid).valid_from = starts
    reindex()

    def found(day: dt.date) -> list[str]:
        now = dt.datetime.combine(day, dt.time(12), MONTREAL)
        return [h.service_id for h in engine.search(SearchRequest(q="Rosemont", now=now, facets=False)).hits]

    assert found(today) == [] and found(starts - dt.timedelta(days=1)) == []
    assert found(starts) == [sid]
    assert client.get("/fr/recherche?q=Rosemont").get_data(as_text=True).count(f"/fr/service/{sid}") == 0
    page = client.get(f"/fr/service/{sid}").get_data(as_text=True)
    assert "Ce service temporaire commence le" in page
    assert "starts on" in client.get(f"/en/service/{sid}").get_data(as_text=True)
    emergency = client.get("/fr/urgence").get_data(as_text=True)
    assert "Halte-chaleur Rosemont" in emergency and "Commence le" in emergency
    assert emergency.index("Halte-chaleur Rosemont") > emergency.index('id="upcoming-title"')
    started = _crisis_service(directory_url, make_service, "Halte-chaleur Verdun", temporary=True,
                              valid_to=today + dt.timedelta(days=40))
    with session_scope(directory_url) as session:
        session.get(m.Service, started).valid_from = today  # its first day: no "starts on" line
    assert "Ce service temporaire commence le" not in client.get(f"/fr/service/{started}").get_data(as_text=True)
