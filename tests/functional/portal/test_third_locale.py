"""A third interface language needs nothing outside portal/locales.py and its catalog.

The fixture adds Spanish the way a maintainer would: one `UILocale` in the table (no URL words of
its own, no content columns) and a two-message catalog. Every public page must then answer in
it, at the English path words under /es/, with `<html lang="es">`, a language switcher offering
the two others, hreflang links to all three, and the directory's French content marked `lang="fr"`.

The route-table test fails when a page registers its own fr/en pair (a `<any(fr,en):lang>`
converter, a /fr/… rule, a `localized_route` dict) instead of an entry in `locales.PATHS`.
"""

from __future__ import annotations

import itertools
import re

import pytest
from sqlalchemy import select

from directory.db import session_scope
from directory.models import Service
from directory.outreach import links
from portal import locales
from portal.i18n import TRANSLATIONS, compile_catalogs
from portal.locales import UI_LOCALES, UILocale

SPANISH = UILocale("es", "es", "es", "Español")
CATALOG = '''msgid ""
msgstr ""
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Skip to main content"
msgstr "Saltar al contenido principal"

msgid "Language selection"
msgstr "Selección de idioma"
'''
# Until the staff area's routes join locales.PATHS it registers its fr/en words itself
# (portal.i18n.localized_route); those rules are still checked for every locale.
STAFF_AREA = ("staff.",)  # signed-in pages: an anonymous visitor is sent to sign in
ANY_PART = re.compile(r"<any\(([^)]*)\):(\w+)>")


@pytest.fixture
def app_config(monkeypatch, tmp_path) -> dict:
    """Spanish as a third UI locale, for the app the conftest builds next."""
    po = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(CATALOG, encoding="utf-8")
    compile_catalogs(tmp_path)
    monkeypatch.setitem(UI_LOCALES, "es", SPANISH)
    return {"BABEL_TRANSLATION_DIRECTORIES": f"{TRANSLATIONS};{tmp_path}"}


def _language_rules(app):
    """Every rule whose URL carries a language: a lang value, or a first segment that is one."""
    for rule in app.url_map.iter_rules():
        first = rule.rule.lstrip("/").split("/", 1)[0]
        if "lang" in rule.arguments or first in UI_LOCALES:
            yield rule


def test_every_language_rule_comes_from_the_locale_table_in_every_locale(app):
    by_endpoint: dict[str, set[str]] = {}
    for rule in _language_rules(app):
        lang = (rule.defaults or {}).get("lang")
        assert lang in UI_LOCALES, \
            f"{rule.rule}: register it per UI locale with portal.i18n.locale_route"
        by_endpoint.setdefault(rule.endpoint, set()).add(lang)
        assert rule.endpoint in locales.PATHS, \
            f"{rule.endpoint} ({rule.rule}): add its words to portal/locales.py PATHS"
        assert rule.rule == locales.path(rule.endpoint, lang), rule.rule
    missing = {endpoint: set(UI_LOCALES) - langs for endpoint, langs in by_endpoint.items()
               if langs != set(UI_LOCALES)}
    assert not missing, f"pages missing in some locales: {missing}"
    assert set(locales.PATHS) <= set(by_endpoint), "PATHS entries that no view registers"


def test_a_locale_without_its_own_words_uses_the_english_ones(app):
    with app.test_request_context():
        from flask import url_for

        assert url_for("search.results", lang="es") == "/es/search"
        assert url_for("search.results", lang="fr") == "/fr/recherche"
        assert url_for("shortlist.page", lang="es") == "/es/list"
        assert url_for("main.home", lang="es") == "/es/"


def _urls(app, samples: dict[str, str]):
    """One URL per GET rule in Spanish (every value of an any(…) part), and its endpoint."""
    for rule in _language_rules(app):
        if rule.defaults.get("lang") != "es" or "GET" not in rule.methods:
            continue
        names = sorted(rule.arguments - {"lang"})
        options = {name: items.split(",") for items, name in ANY_PART.findall(rule.rule)}
        choices = [options.get(name)
                   or [samples.get(f"{rule.endpoint}:{name}") or samples.get(name) or "x"]
                   for name in names]
        for values in itertools.product(*choices):
            built = rule.build(dict(zip(names, values, strict=True)), append_unknown=False)
            yield rule.endpoint, built[1]


def test_every_public_page_answers_in_the_third_locale(indexed):
    app = indexed
    client = app.test_client()
    with session_scope(app.config["DATABASE_URL"]) as session:
        food_bank = select(Service.id).where(Service.name_fr == "Banque alimentaire")
        service_id = session.scalars(food_bank).first()
        organization = session.get(Service, service_id).organization
        _, token = links.make_link(session, organization, secret=app.config["SECRET_KEY"], by="test")
        organization_id = organization.id
    samples = {"service_id": service_id, "token": token, "outreach.edit:record_id": organization_id,
               "outreach.add:parent_id": organization_id,
               "needs.chart:name": "over-time", "needs.download:name": "searches-over-time",
               "needs.download:fmt": "csv"}
    seen = set()
    for endpoint, url in _urls(app, samples):
        seen.add(endpoint)
        response = client.get(url)
        if endpoint.startswith(STAFF_AREA) and response.status_code in (302, 303):
            # A staff page: an anonymous visitor goes to sign in, in Spanish too.
            target = response.headers["Location"]
            assert target.startswith(("/es/", "http://localhost/es/")), f"{url} -> {target}"
            response = client.get(target)
        if endpoint in ("outreach.edit", "outreach.add", "outreach.remove") and response.status_code == 404:
            # one sample record (the organization) for every kind: the other kinds are "not found", in Spanish too
            assert 'lang="es"' in response.get_data(as_text=True), url
            continue
        assert response.status_code == 200, f"{url}: {response.status_code}"
        seen.add(f"{endpoint} 200")
        response.get_data()  # streamed downloads run to the end
        response.close()
    assert {"main.home", "search.results", "service.page", "shortlist.page", "needs.dashboard",
            "opendata.page", "widget.search", "maps.results", "exports.download", "pdf.download",
            "crisis.page", "outreach.add 200"} <= seen


def test_third_locale_pages_speak_it_and_show_french_content(indexed, make_service):
    client = indexed.test_client()
    service_id = make_service()
    html = client.get(f"/es/service/{service_id}").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html  # its catalog
    assert "5 de marzo de 2026" in html  # its dates (CLDR)
    assert re.search(r'<h1 id="service-name"><span lang="fr">Banque alimentaire</span></h1>', html)
    assert "its information is shown here in French" in html  # no Spanish catalog entry: English
    start = html.index('class="lang-toggle"')
    switcher = html[start:html.index("</nav>", start)]
    assert f'href="/fr/service/{service_id}" lang="fr" hreflang="fr">Français</a>' in switcher
    assert f'href="/en/service/{service_id}" lang="en" hreflang="en">English</a>' in switcher
    for tag, prefix in (("fr-CA", "fr"), ("en-CA", "en"), ("es", "es")):
        assert f'hreflang="{tag}" href="http://localhost/{prefix}/service/{service_id}"' in html
    french = client.get(f"/fr/service/{service_id}").get_data(as_text=True)
    assert f'href="/en/service/{service_id}" lang="en" hreflang="en">English</a>' in french
    assert f'href="/es/service/{service_id}" lang="es" hreflang="es">Español</a>' in french
    results = client.get("/es/search?q=banque").get_data(as_text=True)
    assert '<html lang="es">' in results and 'lang="fr">Banque alimentaire' in results
