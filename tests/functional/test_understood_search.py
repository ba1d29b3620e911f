"""Query understanding through the three channels (results page, widget, API `search`): a place
typed in the words becomes the origin and shows as a removable chip; words that find almost nothing
are searched with their spelling corrected, and say so; odd input gives a sensible page.

Against the demo directory (400 services) and the real embedded engine (tests/functional/conftest.py)."""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer.factory import engine_from_config
from indexer.request import parse_search_args

LETTER = ("Bonjour, je m'appelle Jeanne et je vous écris parce que ma mère de 82 ans habite seule "
          "depuis l'automne, elle ne conduit plus et elle a de la difficulté à faire ses repas; "
          "est-ce qu'il existe un service qui pourrait l'aider, idéalement pas trop cher? Merci "
          "beaucoup de votre aide, bonne journée à toute l'équipe et à bientôt!")[:300]
ODD_QUERIES = ["Sherbrooke", "H2X 1Y4", "h2x", "le la les de du", "the of and", "12345 678",
               "😀🙏🏽", "!!! ???", LETTER]


def _chip(html: str) -> tuple[str, str, str]:
    m = re.search(r'<a class="chip chip--place" href="([^"]+)"[^>]*aria-label="([^"]+)">([^<]+)<', html)
    assert m, "no understood chip"
    return html_lib.unescape(m.group(1)), html_lib.unescape(m.group(2)), m.group(3).strip()


def _engine(app, **args):
    request = parse_search_args({k: [v] for k, v in args.items()}, "fr")
    return engine_from_config(app.config).search(dataclasses.replace(request, group_by_service=True))


def test_a_place_in_the_words_is_the_origin_and_a_removable_chip(client):
    html = client.get("/fr/recherche?q=banque+alimentaire+Sherbrooke").get_data(as_text=True)
    url, name, label = _chip(html)
    assert label == "Près de Sherbrooke"
    assert name.startswith("Près de Sherbrooke") and "Sherbrooke" in name.split("–", 1)[1]
    assert parse_qs(urlsplit(url).query) == {"q": ["banque alimentaire Sherbrooke"], "keep": ["place"]}
    assert "km</strong>" in html  # distances from Sherbrooke, as with the place box
    # Removing the chip: the same words, searched as typed, no chip, no distance.
    again = client.get(url).get_data(as_text=True)
    assert "chip--place" not in again
    assert 'value="banque alimentaire Sherbrooke"' in again and "km</strong>" not in again
    assert '<input type="hidden" name="keep" value="place">' in again  # filters and sort keep it


def test_the_chip_works_with_htmx_and_in_english(client):
    fragment = client.get("/en/search?q=food+bank+near+Sherbrooke",
                          headers={"HX-Request": "true"}).get_data(as_text=True)
    url, _, label = _chip(fragment)
    assert label == "Near Sherbrooke" and f'hx-get="{html_lib.escape(url)}"' in fragment


def test_the_place_found_in_the_words_ranks_as_the_place_box(demo_app, client):
    typed = _engine(demo_app, q="banque alimentaire Sherbrooke")
    boxed = _engine(demo_app, q="banque alimentaire", place="Sherbrooke")
    assert [h.id for h in typed.hits] == [h.id for h in boxed.hits] and typed.total == boxed.total


def test_the_place_box_wins_over_a_place_in_the_words(client):
    html = client.get("/fr/recherche?q=banque+alimentaire+Sherbrooke&place=Rimouski").get_data(as_text=True)
    assert "chip--place" not in html and "km</strong>" in html


def test_a_region_in_the_words_is_a_region_filter(client):
    html = client.get("/en/search?q=food+in+Mauricie").get_data(as_text=True)
    assert _chip(html)[2] == "Region: Mauricie"


def test_spelling_is_corrected_when_the_words_find_almost_nothing(demo_app, client):
    typed = _engine(demo_app, q="lnuches", keep="spelling")
    assert typed.total < 3 and typed.suggestion == "lunches"
    html = client.get("/fr/recherche?q=lnuches").get_data(as_text=True)
    assert "Résultats pour <strong>lunches</strong>" in html
    m = re.search(r'<a href="([^"]+)"[^>]*>Rechercher plutôt <em>lnuches</em></a>', html)
    assert m, html
    instead = client.get(html_lib.unescape(m.group(1))).get_data(as_text=True)
    assert "spelling-notice" not in instead and '<input type="hidden" name="keep" value="spelling">' in instead
    assert re.search(rf'id="results-heading"[^>]*>{typed.total} service', instead)  # the words as typed
    english = client.get("/en/search?q=lnuches").get_data(as_text=True)
    assert "Showing results for <strong>lunches</strong>" in english and "Search instead for" in english


def test_the_widget_understands_the_same_way(client):
    html = client.get("/fr/widget/recherche?q=banque+alimentaire+Sherbrooke").get_data(as_text=True)
    url, _, label = _chip(html)
    assert label == "Près de Sherbrooke"
    assert urlsplit(url).path == "/fr/widget/recherche" and parse_qs(urlsplit(url).query)["keep"] == ["place"]
    kept = client.get(url).get_data(as_text=True)
    assert "chip--place" not in kept and 'value="banque alimentaire Sherbrooke"' in kept
    corrected = client.get("/en/widget/search?q=lnuches").get_data(as_text=True)
    assert "Showing results for <strong>lunches</strong>" in corrected


def test_the_api_says_what_it_understood(demo_app, client):
    body = client.get("/api/hsds/services?search=banque%20alimentaire%20Sherbrooke").get_json()
    understood = body["search_understanding"]
    assert understood["search"] == "banque alimentaire Sherbrooke" and understood["text"] == "banque alimentaire"
    assert understood["places"] == [{"text": "Sherbrooke", "label": "Sherbrooke", "kind": "municipality",
                                     "region": "05"}]
    typed = client.get("/api/hsds/service_at_locations?search=banque%20alimentaire%20Sherbrooke").get_json()
    boxed = client.get("/api/hsds/service_at_locations?search=banque%20alimentaire&postcode=Sherbrooke").get_json()
    assert [s["id"] for s in typed["contents"]] == [s["id"] for s in boxed["contents"]]
    assert typed["search_understanding"]["places"][0]["label"] == "Sherbrooke"
    assert "search_understanding" not in boxed  # the postcode wins: the words are taken as they are
    typo = client.get("/api/hsds/service_at_locations?search=lnuches").get_json()
    assert typo["search_understanding"]["corrected"] == "lunches" and typo["total_items"] >= 3


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_odd_queries_give_a_sensible_page_on_every_channel(client, q):
    page = client.get("/fr/recherche", query_string={"q": q})
    assert page.status_code == 200, q
    assert 'id="results-heading"' in page.get_data(as_text=True)
    widget = client.get("/en/widget/search", query_string={"q": q})
    assert widget.status_code == 200 and 'id="w-count"' in widget.get_data(as_text=True)
    api = client.get("/api/hsds/services", query_string={"search": q})
    assert api.status_code == 200 and "total_items" in api.get_json()


@pytest.mark.parametrize("q", ["Sherbrooke", "H2X 1Y4"])
def test_a_query_that_is_only_a_place_lists_what_is_near_it(client, q):
    html = client.get("/fr/recherche", query_string={"q": q}).get_data(as_text=True)
    assert "Près de" in _chip(html)[2] and "km</strong>" in html
    assert not re.search(r"0 service trouvé", html)
