"""The staff area speaks its language (issue 21, item 6): opening hours and history in words,
a word diff of long texts, tables readable at 360 px, ended banners, organization and town beside
a service's name, required fields and length limits, times as people write them, the review
queue's order and numbers."""

from __future__ import annotations

import datetime as dt
import html as entities
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select
from staff_helpers import form_values, token

from directory import models as m
from directory.db import session_scope
from indexer.schedule import MONTREAL
from portal.staff.forms import parse_time

NBSP = "\xa0"


def _edit(client, path: str, **changes):
    html = client.get(path).get_data(as_text=True)
    data = form_values(html)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    data["csrf_token"] = [token(html)]
    return client.post(path, data=data)


# -- times ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "stored"), [
    ("9h", "09:00"), ("9 h", "09:00"), ("9:00", "09:00"), ("09:00", "09:00"), ("9h30", "09:30"),
    ("9 h 30", "09:30"), ("21h", "21:00"), ("21 H 15", "21:15"), ("24:00", "24:00"), ("24 h", "24:00"),
    ("9 am", "09:00"), ("5:30 p.m.", "17:30"), ("12 pm", "12:00"), ("0 h", "00:00"),
])
def test_times_are_read_as_people_write_them(written, stored):
    assert parse_time(written) == stored


@pytest.mark.parametrize("written", ["25h", "9h75", "24:30", "midi", "13 pm", "9-17", ""])
def test_what_is_not_a_time_is_refused(written):
    assert parse_time(written) is None


def test_a_schedule_form_stores_written_times_and_explains_a_wrong_one_in_both_languages(curator, make_service,
                                                                                       reindex, directory_url):
    sid = make_service(schedule=("SA", "10:00", "12:00"))
    reindex()
    path = f"/fr/personnel/services/{sid}/horaires/nouveau"
    html = curator.get(path).get_data(as_text=True)
    assert curator.post(path, data={"csrf_token": token(html), "byday": ["MO", "TU", "WE"], "opens_at": "9 h 30",
                                    "closes_at": "21h"}).status_code == 303
    with session_scope(directory_url) as session:
        added = session.scalar(select(m.Schedule).where(m.Schedule.byday == "MO,TU,WE"))
        assert (added.opens_at, added.closes_at) == ("09:30", "21:00")
    bad = curator.post(path, data={"csrf_token": token(html), "byday": ["MO"], "opens_at": "9h75", "closes_at": "17h"})
    assert bad.status_code == 400
    assert "Entrez l'heure d'ouverture comme 9 h, 9 h 30, 9:00 ou 21:30." in bad.get_data(as_text=True)
    en = f"/en/staff/services/{sid}/schedules/new"
    bad = curator.post(en, data={"csrf_token": token(html), "byday": ["MO"], "opens_at": "9h", "closes_at": "soon"})
    assert bad.status_code == 400
    assert "Enter the closing time like 17 h, 17 h 30, 17:00 or 24:00." in bad.get_data(as_text=True)
    earlier = curator.post(path, data={"csrf_token": token(html), "byday": ["MO"], "opens_at": "17 h",
                                       "closes_at": "9h"})
    assert earlier.status_code == 400 and "fermeture doit" in earlier.get_data(as_text=True)


def test_opening_hours_are_listed_as_the_public_site_writes_them(curator, make_service):
    sid = make_service(schedule=("MO,TU,WE", "09:00", "12:30"))
    fr = curator.get(f"/fr/personnel/services/{sid}").get_data(as_text=True)
    assert "lundi au mercredi 9 h – 12 h 30" in fr and "MO,TU,WE" not in fr and "09:00" not in fr
    en = curator.get(f"/en/staff/services/{sid}").get_data(as_text=True).replace("\u202f", " ")
    assert "Monday to Wednesday 9:00 a.m. – 12:30 p.m." in en


# -- history ------------------------------------------------------------------------------------------

LONG_BEFORE = ("Des denrées chaque semaine pour les familles du quartier, avec un accueil chaleureux "
               "et des bénévoles qui parlent plusieurs langues. Inscription sur place le lundi.")
LONG_AFTER = ("Des denrées fraîches chaque semaine pour les familles du quartier, avec un accueil chaleureux "
              "et des bénévoles qui parlent plusieurs langues. Inscription sur place le mardi.")


@pytest.mark.both_databases
def test_history_names_fields_actions_and_values_in_the_page_language(curator, make_service, reindex):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}"
    assert _edit(curator, path, status="inactive", alert_fr="Fermé le 24 juin").status_code == 303
    schedule = f"/fr/personnel/services/{sid}/horaires/nouveau"
    html = curator.get(schedule).get_data(as_text=True)
    assert curator.post(schedule, data={"csrf_token": token(html), "byday": ["SA", "SU"], "opens_at": "10h",
                                        "closes_at": "14 h"}).status_code == 303
    fr = entities.unescape(curator.get(f"/fr/personnel/historique/service/{sid}").get_data(as_text=True))
    body = fr[fr.index("<tbody>"):]
    for words in ("État", "Actif", "Inactif", "modifié", "Alerte (français)", "créé (Heures d'ouverture)",
                  "samedi, dimanche", "10 h", "14 h", "Jours", "Ouvre à"):
        assert words in body, words
    for code in ("<code>", ">status<", ">inactive<", ">update<", ">schedule<", "alert_fr</", "SA,SU"):
        assert code not in body, code
    en = entities.unescape(curator.get(f"/en/staff/history/service/{sid}").get_data(as_text=True))
    body = en[en.index("<tbody>"):]
    for words in ("Status", "Active", "Inactive", "changed", "Alert (French)", "created (Opening hours)",
                  "Saturday, Sunday", "Opens at"):
        assert words in body, words


@pytest.mark.both_databases
def test_history_shows_a_long_text_change_word_by_word_and_short_values_whole(curator, make_service, reindex):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}"
    assert _edit(curator, path, description_fr=LONG_BEFORE).status_code == 303
    assert _edit(curator, path, description_fr=LONG_AFTER, name_fr="Banque alimentaire du Plateau").status_code == 303
    fr = curator.get(f"/fr/personnel/historique/service/{sid}").get_data(as_text=True)
    row = fr[fr.index("<tbody>"):]
    row = row[:row.index("</tr>", row.index(">fraîches"))]
    assert '<del><span class="visually-hidden">supprimé : </span>lundi.</del>' in row
    assert '<ins><span class="visually-hidden">ajouté : </span>mardi.</ins>' in row
    assert '<ins><span class="visually-hidden">ajouté : </span>fraîches</ins>' in row
    assert "…" not in row and "Description (français)" in row
    # Short values: before and after, whole, in their own cells.
    assert '<td class="value" data-label="Avant">Banque alimentaire</td>' in fr
    assert '<td class="value" data-label="Après">Banque alimentaire du Plateau</td>' in fr
    en = curator.get(f"/en/staff/history/service/{sid}").get_data(as_text=True)
    assert '<del><span class="visually-hidden">deleted: </span>lundi.</del>' in en
    assert '<ins><span class="visually-hidden">added: </span>mardi.</ins>' in en


def test_a_very_long_text_keeps_every_change_and_shortens_only_unchanged_runs(app):
    from flask import g

    from portal.staff.display import word_diff

    words = [f"mot{n}" for n in range(400)]
    changed = list(words)
    changed[10], changed[390] = "début", "fin"
    with app.test_request_context("/fr/"):
        g.lang = "fr"
        html = str(word_diff(" ".join(words), " ".join(changed)))
    assert html.count("<del>") == 2 and html.count("<ins>") == 2
    assert ">début</ins>" in html and ">fin</ins>" in html
    assert "mot11 " in html and "mot389" in html  # context around each change
    assert "mot200" not in html and "mots inchangés" in html


# -- tables at 360 px ---------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Each staff table's column headers and, per body cell, its data-label."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._cell: str | None = None
        self._text = ""
        self._section = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "staff-table" in (a.get("class") or ""):
            self.tables.append({"headers": [], "cells": []})
        if not self.tables:
            return
        if tag in ("thead", "tbody"):
            self._section = tag
        elif tag in ("th", "td"):
            if self._section == "thead":
                self._cell, self._text = "header", ""
            elif self._section == "tbody":
                self.tables[-1]["cells"].append((a.get("data-label"), int(a.get("colspan") or 1)))
        elif tag == "span" and self._cell == "header" and a.get("aria-hidden") == "true":
            self._cell = "hidden"

    def handle_endtag(self, tag):
        if tag == "span" and self._cell == "hidden":
            self._cell = "header"
        elif tag in ("th", "td") and self._cell:
            self.tables[-1]["headers"].append(" ".join(self._text.split()))
            self._cell = None
        elif tag in ("thead", "tbody"):
            self._section = None

    def handle_data(self, data):
        if self._cell == "header":
            self._text += data


def _tables(html: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def test_every_staff_table_labels_its_cells_for_narrow_screens(admin, make_service, reindex, directory_url):
    sid = make_service(name_fr="Halte-chaleur Verdun")
    reindex()
    with session_scope(directory_url) as session:
        session.get(m.Service, sid).verified_on = None
        session.add(m.ErrorReport(service_id=sid, message="Le numéro a changé.", locale="fr"))
    assert _edit(admin, f"/fr/personnel/services/{sid}", alert_fr="Fermé lundi").status_code == 303
    crisis = admin.get("/fr/personnel/crise").get_data(as_text=True)
    now = dt.datetime.now(MONTREAL)
    admin.post("/fr/personnel/crise", data={
        "csrf_token": token(crisis), "title_fr": "Vague de froid", "message_fr": "Haltes-chaleur ouvertes.",
        "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")})
    pages = ["/fr/personnel/verification", f"/fr/personnel/historique/service/{sid}", "/fr/personnel/signalements",
             "/fr/personnel/comptes", "/fr/personnel/?q=Verdun", "/fr/personnel/crise", "/en/staff/review"]
    for path in pages:
        tables = _tables(admin.get(path).get_data(as_text=True))
        assert tables, path
        for table in tables:
            headers = table["headers"]
            assert table["cells"], path
            column = 0
            for label, span in table["cells"]:
                if column >= len(headers):
                    column = 0
                if span == 1:
                    assert label == headers[column], (path, label, headers[column])
                else:
                    assert label, path
                column += span
    css = open("static/css/staff.css", encoding="utf-8").read()
    assert "[data-label]::before { content: attr(data-label)" in css


# -- crisis banners -----------------------------------------------------------------------------------


def test_an_ended_banner_says_so_and_offers_no_end_button(admin, directory_url):
    now = dt.datetime.now(dt.UTC)
    with session_scope(directory_url) as session:
        for title, start, end in (("Inondation", -5, -1), ("Vague de froid", -1, 3), ("Verglas", 2, 6)):
            session.add(m.CrisisBanner(title_fr=title, message_fr="…", starts_at=now + dt.timedelta(hours=start),
                                       ends_at=now + dt.timedelta(hours=end), created_by="admin"))
    def rows(html: str) -> dict[str, str]:
        table = html[html.index("<tbody>"):]  # the live banner also shows at the top of the page
        return {title: table[table.index(title):table.index("</tr>", table.index(title))]
                for title in ("Inondation", "Vague de froid", "Verglas")}

    fr = rows(admin.get("/fr/personnel/crise").get_data(as_text=True))
    assert "terminé" in fr["Inondation"] and "/terminer" not in fr["Inondation"]
    assert "affiché maintenant" in fr["Vague de froid"] and "/terminer" in fr["Vague de froid"]
    assert "à venir" in fr["Verglas"] and "/terminer" in fr["Verglas"]
    en = rows(admin.get("/en/staff/crisis").get_data(as_text=True))
    assert "ended" in en["Inondation"] and "End now" not in en["Inondation"]
    assert "showing now" in en["Vague de froid"] and "End now" in en["Vague de froid"]


# -- organization and town beside a service's name ----------------------------------------------------


def test_search_and_queue_show_organization_and_town_beside_each_service(curator, make_service, directory_url):
    from portal_factories import organization

    rosemont = organization(directory_url, name_fr="Entraide Rosemont", name_en="Rosemont Mutual Aid")
    first = make_service(name_fr="Popote roulante", organization_id=rosemont)
    second = make_service(name_fr="Popote roulante")
    with session_scope(directory_url) as session:
        session.get(m.Service, first).verified_on = None
        session.get(m.Service, second).verified_on = None
        address = session.scalar(select(m.Address).join(m.ServiceAtLocation, m.ServiceAtLocation.location_id
                                                        == m.Address.location_id)
                                 .where(m.ServiceAtLocation.service_id == second))
        address.city = "Laval"
    found = curator.get("/fr/personnel/?q=popote").get_data(as_text=True)
    assert "Entraide Rosemont" in found and "Montréal" in found and "Laval" in found
    row = found[found.index("Entraide Rosemont") - 400:found.index("</tr>", found.index("Entraide Rosemont"))]
    assert "Popote roulante" in row and "Actif" in row
    queue = curator.get("/fr/personnel/verification").get_data(as_text=True)
    assert "Entraide Rosemont · Montréal" in queue and " · Laval" in queue
    assert "Rosemont Mutual Aid · Montréal" in curator.get("/en/staff/review").get_data(as_text=True)


# -- required fields, length limits --------------------------------------------------------------------


def test_required_fields_are_marked_and_long_texts_state_their_limit(curator, make_service):
    sid = make_service()
    html = curator.get(f"/fr/personnel/services/{sid}").get_data(as_text=True)
    assert '<span class="required-mark" aria-hidden="true">*</span> obligatoire' in html
    name = re.search(r'<label for="name_fr">([^<]*)<span class="required-mark"', html)
    assert name is not None
    assert (re.search(r'<input[^>]*id="name_fr"[^>]*required', html)
            or re.search(r'<input[^>]*required[^>]*id="name_fr"', html))
    assert re.search(r'<input[^>]*id="name_en"[^>]*>', html).group(0).count("required") == 0
    description = re.search(r"<textarea[^>]*id=\"description_fr\"[^>]*>", html).group(0)
    assert 'maxlength="5000"' in description and 'data-counter="description_fr-counter"' in description
    assert "description_fr-limit" in description  # aria-describedby
    assert f"Jusqu'à 5{NBSP}000 caractères." in html
    assert 'id="description_fr-counter" aria-live="polite" hidden' in html
    assert f'data-template="{{count}} / 5{NBSP}000 caractères"' in html
    schedule = curator.get(f"/en/staff/services/{sid}/schedules/new").get_data(as_text=True)
    assert re.search(r"<legend>Days<span class=\"required-mark\"", schedule)
    assert 'data-template="{count} / 1,000 characters"' in schedule
    assert "static/js/staff.js" in html or "js/staff.js" in html


def test_the_server_keeps_to_the_limits_and_counts_line_breaks_once(curator, make_service, reindex, directory_url):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}"
    too_long = _edit(curator, path, alert_fr="a" * 501)
    assert too_long.status_code == 400
    assert "Utilisez au plus 500 caractères (ce texte en compte 501)." in too_long.get_data(as_text=True)
    # A browser sends a textarea's line breaks as CR LF; maxlength counted each as one.
    text = ("ligne\r\n" * 71) + "abc"  # 71 × 6 + 3 = 429 characters as typed, 500 as sent
    assert len(text) == 500 and len(text.replace("\r\n", "\n")) == 429
    assert _edit(curator, path, alert_fr=text + "x" * 71).status_code == 303
    en = curator.post(f"/en/staff/services/{sid}", data=form_values(curator.get(f"/en/staff/services/{sid}")
                                                                    .get_data(as_text=True)) | {"name_fr": ["n" * 256]})
    assert en.status_code == 400 and "Use at most 255 characters (this has 256)." in en.get_data(as_text=True)


# -- the review queue's order and numbers ----------------------------------------------------------------


def test_the_queue_marks_its_order_and_formats_its_numbers_one_way(curator, make_service, directory_url,
                                                                   monkeypatch):
    from portal.staff import queue

    sid = make_service(name_fr="Très vu")
    with session_scope(directory_url) as session:
        session.get(m.Service, sid).verified_on = dt.date.today() - dt.timedelta(days=365 * 3)
    monkeypatch.setattr(queue, "_appearances", lambda day: {sid: 12345})
    html = curator.get("/fr/personnel/verification?sort=appearances").get_data(as_text=True)
    nav = html[html.index('class="links-inline sort-links"'):html.index("</nav>", html.index("sort-links"))]
    assert nav.count('aria-current="true"') == 1
    current = re.search(r'<a [^>]*aria-current="true"[^>]*>(.*?)</a>', nav).group(0)
    assert "sort=appearances" in current and "ordre actuel" in current and 'class="current-sort"' in current
    assert re.search(r'<th scope="col" aria-sort="descending" class="sorted">Affichages \(52 semaines\)', html)
    assert html.count("aria-sort=") == 1
    assert f">12{NBSP}345</td>" in html and "12345" not in html
    overdue = re.search(r'data-label="Mois de retard">([^<]*)</td>', html).group(1)
    assert overdue.isdigit()
    en = curator.get("/en/staff/review?sort=staleness").get_data(as_text=True)
    assert ">12,345</td>" in en
    assert re.search(r'<th scope="col" aria-sort="descending" class="sorted">Months overdue', en)
    assert "aria-sort" not in curator.get("/en/staff/review").get_data(as_text=True)  # priority mixes columns
    css = open("static/css/staff.css", encoding="utf-8").read()
    assert ".current-sort {" in css
