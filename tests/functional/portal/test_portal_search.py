"""The results page against the real embedded engine: plain GET first, htmx fragments second."""

from __future__ import annotations


def test_results_page_shows_count_results_and_facets(indexed, client):
    response = client.get("/fr/recherche?q=alimentaire")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="results-heading"' in html and "services trouvés" in html
    assert "Banque alimentaire" in html and "Dépannage alimentaire" in html
    assert '<fieldset class="facet">' in html and "<legend>Langue parlée</legend>" in html
    assert 'href="tel:+15145550123;ext=204"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_filters_show_as_removable_chips_and_toggle_keeps_them(indexed, client):
    html = client.get("/fr/recherche?q=alimentaire&language=ar").get_data(as_text=True)
    assert "1 service trouvé" in html
    assert 'href="/fr/recherche?q=alimentaire"' in html  # the chip removes the filter
    assert 'href="/en/search?q=alimentaire&amp;language=ar" lang="en"' in html


def test_htmx_requests_get_the_region_history_restores_get_the_page(indexed, client):
    fragment = client.get("/en/search?q=food", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith("<title>") and 'id="results"' in fragment
    assert 'hx-swap-oob="innerHTML"' in fragment and "<html" not in fragment
    restore = client.get("/en/search?q=food", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.get_data(as_text=True)


def test_zero_results_page_helps(indexed, client):
    html = client.get("/en/search?q=zzzzqqqq&language=ar").get_data(as_text=True)
    assert "No service matches your search." in html
    assert "Remove all filters" in html and 'href="tel:211"' in html


def test_unknown_place_shows_the_form_with_a_clear_error(indexed, client):
    response = client.get("/en/search?q=food&place=Atlantis")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "We do not know this place" in html and 'aria-invalid="true"' in html
    assert "<title>Error:" in html


def test_search_unavailable_is_a_friendly_503(app, client, tmp_path):
    app.config["INDEX_PATH"] = str(tmp_path / "no-index-here")
    response = client.get("/fr/recherche?q=aide")
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "La recherche est indisponible" in html and 'href="tel:211"' in html
