"""The results page says what need understanding read in the query, in both languages, and the
person can remove it (keep=need: the words typed only)."""

from __future__ import annotations

import pytest

from indexer.document import iter_documents
from indexer.understanding import need


@pytest.fixture(scope="module")
def understood_app(demo_app):
    """The demo app with a model trained on its own directory, as `index rebuild` leaves it."""
    need.install(need.train(iter_documents(demo_app.config["DATABASE_URL"])))
    yield demo_app
    need.install(None)


def test_a_need_phrase_shows_what_was_understood_in_both_languages(understood_app):
    client = understood_app.test_client()
    fr = client.get("/fr/recherche?q=je+peux+pas+payer+mon+compte+d'hydro").get_data(as_text=True)
    assert "Compris dans votre recherche" in fr and "Aide pour les factures d&#39;énergie" in fr
    assert "Chercher seulement les mots tapés, sans :" in fr
    en = client.get("/en/search?q=I+can't+pay+my+hydro+bill").get_data(as_text=True)
    assert "Understood in your search" in en and "Help with energy bills" in en
    assert "keep=need" in en


def test_removing_the_chip_searches_the_words_typed_only(understood_app):
    client = understood_app.test_client()
    q = "mon+frigo+est+vide+pis+chu+cassé"
    with_need = client.get(f"/fr/recherche?q={q}").get_data(as_text=True)
    without = client.get(f"/fr/recherche?q={q}&keep=need").get_data(as_text=True)
    assert "Compris dans votre recherche" not in without
    assert '<input type="hidden" name="keep" value="need">' in without  # kept when filters change
    assert without != with_need


def test_names_and_places_are_not_understood_as_needs(understood_app):
    client = understood_app.test_client()
    for q in ("Laval", "Mission Old Brewery", "H2X 1Y4", "12345", "😀"):
        html = client.get(f"/fr/recherche?q={q}").get_data(as_text=True)
        assert "Chercher seulement les mots tapés, sans :" not in html, q  # no need chip (a place chip may show)
