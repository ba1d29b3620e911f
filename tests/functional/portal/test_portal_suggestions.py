"""Search-box suggestions (/fr/suggestions, /en/suggestions): <option> fragments, never a search."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from directory.db import session_scope
from indexer.factory import engine_from_config
from needs.models import QueryLog


def _logged(app) -> int:
    assert app.extensions["query_log"].flush()
    with session_scope(app.config["DATABASE_URL"]) as session:
        return session.scalar(select(func.count()).select_from(QueryLog))


def test_suggestions_are_options_in_the_page_language(indexed, client):
    response = client.get("/fr/suggestions?q=D%C3%A9pan")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert '<option value="Dépannage alimentaire"></option>' in html
    assert "<html" not in html and "Emergency food" not in html
    english = client.get("/en/suggestions?q=emerg").get_data(as_text=True)
    assert '<option value="Emergency food"></option>' in english
    assert "Dépannage" not in english


def test_suggestions_are_escaped_and_only_options(indexed, client, make_service):
    html = client.get("/en/suggestions?q=fren").get_data(as_text=True)
    assert '<option value="French classes"></option>' in html
    lines = [line for line in html.splitlines() if line.strip()]
    assert lines and all(line.startswith('<option value="') and line.endswith('"></option>') for line in lines)


@pytest.mark.parametrize("query", ["", "d", " d ", "x" * 5000])
def test_short_empty_and_overlong_queries_give_an_empty_fragment(indexed, client, query):
    response = client.get("/fr/suggestions", query_string={"q": query} if query else None)
    assert response.status_code == 200
    if len(query.strip()) < 2:
        assert response.get_data(as_text=True) == ""
    else:  # capped at 100 characters: a lookup that finds nothing, not an error
        assert "<option" not in response.get_data(as_text=True)


def test_overlong_query_is_cut_to_100_characters(indexed, client, monkeypatch):
    seen = []
    engine = engine_from_config(indexed.config)
    monkeypatch.setattr(type(engine), "suggest", lambda self, prefix, locale, limit=8: seen.append(prefix) or [])
    client.get("/fr/suggestions", query_string={"q": "a" * 300})
    assert seen == ["a" * 100]


def test_engine_failure_gives_an_empty_fragment_not_an_error(app, client, tmp_path):
    app.config["INDEX_PATH"] = str(tmp_path / "no-index-here")
    response = client.get("/fr/suggestions?q=aide")
    assert response.status_code == 200 and response.get_data(as_text=True) == ""


def test_suggestions_are_not_logged_as_searches(indexed, client):
    before = _logged(indexed)
    for q in ("Dé", "Dépan", "alim"):
        assert client.get("/fr/suggestions", query_string={"q": q}, headers={"HX-Request": "true"}).status_code == 200
    assert _logged(indexed) == before
    client.get("/fr/recherche?q=alimentaire")  # while a real search is
    assert _logged(indexed) == before + 1


def test_search_box_points_at_the_datalist_and_the_route(indexed, client):
    for path, route in (("/fr/", "/fr/suggestions"), ("/en/search?q=food", "/en/suggestions")):
        html = client.get(path).get_data(as_text=True)
        assert 'list="search-suggestions"' in html and '<datalist id="search-suggestions">' in html
        assert f'hx-get="{route}"' in html and 'hx-push-url="false"' in html
        assert "data-geolocate=" in html and "hidden" in html
    assert "Utiliser ma position" in client.get("/fr/").get_data(as_text=True)
