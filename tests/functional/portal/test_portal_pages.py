"""Home, errors and the page shell: every page carries the 211 help and the right language."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_has_search_place_field_categories_with_counts_and_211(client, make_service, lang):
    make_service(categories=("food.emergency-food.food-bank",))
    make_service(categories=("food.emergency-food.food-bank",), name_fr="Comptoir")
    make_service(categories=("food.emergency-food.food-bank",), status="inactive")
    html = client.get(f"/{lang}/").get_data(as_text=True)
    search_url = "/fr/recherche" if lang == "fr" else "/en/search"
    assert f'action="{search_url}"' in html and 'name="q"' in html and 'name="place"' in html
    assert f'href="{search_url}?category=food"' in html
    assert ("2 services" in html)  # the inactive one is not counted
    assert 'href="tel:211"' in html
    assert 'class="skip-link" href="#main"' in html


def test_crisis_banner_slot_renders_nothing_without_a_banner(client):
    assert "crisis-banner" not in client.get("/fr/").get_data(as_text=True)


@pytest.mark.parametrize(("path", "words"), [("/fr/nulle-part", "Page introuvable"), ("/en/nowhere", "Page not found")])
def test_unknown_pages_are_404_in_the_path_language_with_211(client, path, words):
    response = client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert words in html and 'href="tel:211"' in html


def test_unknown_service_is_404(client):
    assert client.get("/en/service/00000000-0000-0000-0000-000000000000").status_code == 404


@pytest.mark.parametrize(("lang", "words"),
                         [("fr", "Désolé, une erreur est survenue"), ("en", "Sorry, something went wrong")])
def test_server_errors_show_a_friendly_page_with_211_and_no_traceback(app, lang, words):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get(f"/{lang}/boom-test")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get(f"/{lang}/boom-test")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert words in html and 'href="tel:211"' in html
    assert "secret detail" not in html and "Traceback" not in html


def test_help_and_language_toggle_sit_in_the_same_place_on_every_page(client, make_service):
    service_id = make_service()
    pages = ["/fr/", "/en/", f"/fr/service/{service_id}", "/fr/introuvable"]
    shells = []
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        header = html.split("<main", 1)[0]
        assert "help-211" in header and "lang-toggle" in header
        shells.append(header.index("help-211") > header.index("lang-toggle"))
    assert all(shells)
