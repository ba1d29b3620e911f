"""Catalogs are complete and current, and every page has its twin in the other language."""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from portal.i18n import TRANSLATIONS
from portal.locales import UI_LOCALES

ROOT = Path(__file__).resolve().parents[3]


def _catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_every_message_is_translated_in_both_catalogs_and_none_is_fuzzy():
    for lang in UI_LOCALES:
        problems = []
        for message in _catalog(lang):
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
            if not all(strings):
                problems.append(("untranslated", message.id))
            if message.fuzzy:
                problems.append(("fuzzy", message.id))
        assert not problems, f"{lang}: {problems}"


def test_catalogs_hold_exactly_the_messages_the_code_uses(tmp_path):
    pot = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
         "-o", str(pot), str(ROOT / "portal")]
    )
    with pot.open("rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(handle) if m.id}
    for lang in UI_LOCALES:
        catalog = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _catalog(lang) if m.id}
        assert extracted - catalog == set(), f"{lang} catalog is stale: run flask --app portal i18n update"
        assert catalog - extracted == set(), f"{lang} catalog has obsolete entries: run flask --app portal i18n update"


def test_root_redirects_by_cookie_then_browser_language_then_french(client):
    assert client.get("/").headers["Location"].endswith("/fr/")
    assert client.get("/", headers={"Accept-Language": "en-CA,en;q=0.9"}).headers["Location"].endswith("/en/")
    assert client.get("/", headers={"Accept-Language": "de, fr;q=0.5"}).headers["Location"].endswith("/fr/")
    client.set_cookie("lang", "en", domain="localhost")
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"].endswith("/en/")


def test_visiting_a_language_remembers_it_for_the_root_url(client):
    client.get("/en/")
    assert client.get("/").headers["Location"].endswith("/en/")


def test_home_pages_are_in_their_language_with_alternates(client):
    fr = client.get("/fr/").get_data(as_text=True)
    en = client.get("/en/").get_data(as_text=True)
    assert '<html lang="fr-CA">' in fr and "Passer au contenu principal" in fr
    assert '<html lang="en-CA">' in en and "Skip to main content" in en
    for html in (fr, en):
        assert 'hreflang="fr-CA" href="http://localhost/fr/"' in html
        assert 'hreflang="en-CA" href="http://localhost/en/"' in html
        assert 'hreflang="x-default" href="http://localhost/"' in html
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in fr
    assert '<a href="/fr/" lang="fr" hreflang="fr">Français</a>' in en


def test_language_toggle_keeps_path_query_and_filters(client, make_service):
    service_id = make_service()
    html = client.get(f"/fr/service/{service_id}").get_data(as_text=True)
    assert f'href="/en/service/{service_id}" lang="en"' in html
    html = client.get(f"/fr/service/{service_id}?from=results&q=banque").get_data(as_text=True)
    assert f'href="/en/service/{service_id}?from=results&amp;q=banque" lang="en"' in html


def test_hours_and_dates_follow_each_locale(client, make_service):
    service_id = make_service(schedule=("MO,TU,WE,TH,FR", "09:00", "17:00"))
    fr = client.get(f"/fr/service/{service_id}").get_data(as_text=True)
    en = client.get(f"/en/service/{service_id}").get_data(as_text=True)
    assert "9\u00a0h – 17\u00a0h" in fr or "9 h – 17 h" in fr
    assert "9:00\u202fa.m. – 5:00\u202fp.m." in en or "9:00 a.m. – 5:00 p.m." in en
    assert "5 mars 2026" in fr
    assert "March 5, 2026" in en
