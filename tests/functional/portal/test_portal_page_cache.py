"""The results-page cache never hides a search from the needs analysis nor shows a stale index."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from directory.db import session_scope
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from needs.models import QueryLog

URL = "/fr/recherche?q=alimentaire"


@pytest.fixture
def cached_app(app, make_organization, make_service, tmp_path):
    app.config["INDEX_PATH"] = str(tmp_path / "index")
    app.config["SEARCH_PAGE_CACHE_SECONDS"] = 60
    org = make_organization()
    make_service(organization_id=org, name_fr="Dépannage alimentaire", name_en="Emergency food")
    engine_from_config(app.config).rebuild(iter_documents(app.config["DATABASE_URL"]))
    return app


def _logged(app) -> int:
    assert app.extensions["query_log"].flush()
    with session_scope(app.config["DATABASE_URL"]) as session:
        return session.scalar(select(func.count()).select_from(QueryLog))


def test_repeated_search_is_logged_each_time_even_when_served_from_cache(cached_app):
    client = cached_app.test_client()
    first = client.get(URL)
    second = client.get(URL)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert _logged(cached_app) == 2


def test_an_index_change_reaches_the_page_at_once(cached_app, make_service):
    client = cached_app.test_client()
    assert "Cuisine collective alimentaire" not in client.get(URL).get_data(as_text=True)
    make_service(name_fr="Cuisine collective alimentaire", name_en="Community kitchen")
    engine_from_config(cached_app.config).rebuild(iter_documents(cached_app.config["DATABASE_URL"]))
    assert "Cuisine collective alimentaire" in client.get(URL).get_data(as_text=True)
