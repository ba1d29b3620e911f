"""The service page shows everything the directory holds; "report an error" stores a report."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from directory.db import session_scope
from directory.models import ErrorReport


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_service_page_groups_everything_for_a_reader(client, make_organization, make_service):
    org = make_organization()
    service_id = make_service(organization_id=org)
    make_service(organization_id=org, name_fr="Cuisine collective", name_en="Collective kitchen")
    html = client.get(f"/fr/service/{service_id}").get_data(as_text=True)
    for words in ("Banque alimentaire", "Offert par", "Centre d&#39;entraide du Plateau",
                  "Des denrées chaque semaine.", "Personnes à faible revenu du quartier.",
                  "Se présenter avec une preuve d&#39;adresse.", "Preuve d&#39;adresse", "Gratuit",
                  "4300, rue Saint-Denis", "Métro Mont-Royal", "Entrée accessible en fauteuil roulant",
                  "Français, Anglais, Arabe", "Dernière vérification le 5 mars 2026",
                  "Autres services de cet organisme", "Cuisine collective", "18 ans et plus",
                  "Fermé les jours fériés", "Le Plateau-Mont-Royal"):
        assert words in html, words
    assert 'href="tel:+15145550123;ext=204">(514) 555-0123</a>, poste 204' in html
    assert 'href="https://www.openstreetmap.org/directions?route=%3B45.52310%2C-73.58170"' in html
    assert 'href="geo:45.52310,-73.58170' in html
    assert 'href="mailto:banque@entraide.example.org"' in html
    assert 'href="/fr/recherche?category=food.emergency-food.food-bank"' in html
    assert html.count('class="today"') == 1


def test_service_page_publishes_schema_org_json_ld(client, make_service):
    service_id = make_service()
    data = _jsonld(client.get(f"/en/service/{service_id}").get_data(as_text=True))
    assert data["@type"] == "Service" and data["name"] == "Food bank"
    assert data["url"] == f"http://localhost/en/service/{service_id}"
    assert data["provider"]["@type"] == "Organization"
    place = data["availableChannel"][0]["serviceLocation"]
    assert place["address"]["postalCode"] == "H2J 2K8"
    assert data["availableChannel"][1]["servicePhone"]["telephone"] == "+15145550123;ext=204"


def test_english_page_shows_french_text_marked_and_says_no_translation_exists(client, make_service):
    service_id = make_service(name_en=None, description_en=None)
    html = client.get(f"/en/service/{service_id}").get_data(as_text=True)
    assert '<h1 id="service-name"><span lang="fr">Banque alimentaire</span></h1>' in html
    assert '<p lang="fr">Des denrées chaque semaine.</p>' in html
    assert "exists only in French" in html


def test_fully_translated_english_page_has_no_missing_translation_notice(client, make_service):
    service_id = make_service()
    html = client.get(f"/en/service/{service_id}").get_data(as_text=True)
    assert "exists only in French" not in html
    assert "Food bank" in html


def test_open_status_and_todays_row_are_shown(client, make_service):
    service_id = make_service(schedule=("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00"))
    html = client.get(f"/en/service/{service_id}").get_data(as_text=True)
    assert "Open now" in html and "Open 24 hours" in html
    assert "(today)" in html


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_report_an_error_is_stored_without_personal_traces(client, make_service, sqlite_url):
    service_id = make_service()
    page = client.get(f"/fr/service/{service_id}/signaler").get_data(as_text=True)
    response = client.post(f"/fr/service/{service_id}/signaler",
                           data={"csrf_token": _token(page), "message": "Le numéro a changé: 514 555-0199",
                                 "contact_email": "lecteur@example.org"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/fr/service/{service_id}/merci")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Merci de votre signalement" in thanks
    with session_scope(sqlite_url) as session:
        report = session.scalars(select(ErrorReport)).one()
        assert report.service_id == service_id and report.status == "new" and report.locale == "fr"
        assert report.contact_email == "lecteur@example.org"
        assert (report.created_at.minute, report.created_at.second) == (0, 0)
        columns = set(ErrorReport.__table__.columns.keys())
    assert not columns & {"ip", "ip_address", "user_agent", "session_id"}


def test_report_without_csrf_token_is_refused_and_not_stored(client, make_service, sqlite_url):
    service_id = make_service()
    response = client.post(f"/en/service/{service_id}/report", data={"message": "Wrong phone number"})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    with session_scope(sqlite_url) as session:
        assert session.scalars(select(ErrorReport)).all() == []


def test_invalid_report_is_summarised_accessibly(app, make_service):
    app.config["WTF_CSRF_ENABLED"] = False  # this test is about validation, not CSRF
    service_id = make_service()
    response = app.test_client().post(f"/en/service/{service_id}/report",
                                      data={"message": "", "contact_email": "not-an-email"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: Report an error: Food bank – Portail 211</title>" in html
    assert 'class="error-summary"' in html and "There is a problem" in html
    assert '<a href="#message">Describe what is wrong' in html
    assert '<a href="#contact_email">Enter an email address like' in html
    assert 'aria-invalid="true"' in html
    # The toggle points at the same form in French.
    assert f'href="/fr/service/{service_id}/signaler" lang="fr"' in html


def test_service_page_links_to_the_report_form_and_sets_no_cookie(client, make_service):
    """Reading a service starts no session: the form (and its CSRF cookie) is one link away, on a
    page of its own in both languages; the service page can then be cached."""
    service_id = make_service()
    response = client.get(f"/en/service/{service_id}")
    assert response.status_code == 200
    # Only the language preference (which `/` reads); no session cookie.
    assert [c.split("=")[0] for c in response.headers.getlist("Set-Cookie")] == ["lang"]
    html = response.get_data(as_text=True)
    assert "csrf_token" not in html
    assert f'<a href="/en/service/{service_id}/report">Report an error on this page</a>' in html
    form = client.get(f"/en/service/{service_id}/report")
    assert form.status_code == 200
    assert 'name="csrf_token"' in form.get_data(as_text=True)
    assert "Back to the service" in form.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reports_to_unknown_services_are_404(app, lang):
    app.config["WTF_CSRF_ENABLED"] = False
    path = "signaler" if lang == "fr" else "report"
    response = app.test_client().post(f"/{lang}/service/nope/{path}", data={"message": "Hello there"})
    assert response.status_code == 404
