"""The service-page cache reuses a rendered page only while the index has not changed."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from directory.db import session_scope
from directory.models import Service
from indexer.document import iter_documents
from indexer.factory import engine_from_config


@pytest.fixture
def cached_app(app, tmp_path):
    app.config["INDEX_PATH"] = str(tmp_path / "index")
    return app


def _rebuild(app) -> None:
    engine_from_config(app.config).rebuild(iter_documents(app.config["DATABASE_URL"]))


def _rename(app, service_id: str, name: str) -> None:
    with session_scope(app.config["DATABASE_URL"]) as session:
        session.execute(update(Service).where(Service.id == service_id).values(name_fr=name))


def test_a_page_is_reused_until_the_index_changes(cached_app, make_service):
    service_id = make_service(name_fr="Comptoir alimentaire", name_en="Food counter")
    _rebuild(cached_app)
    client = cached_app.test_client()
    url = f"/fr/service/{service_id}"
    first = client.get(url)
    assert first.status_code == 200 and "Comptoir alimentaire" in first.get_data(as_text=True)
    # Changed behind the index's back: the cached page is still served (proof that it is cached)…
    _rename(cached_app, service_id, "Comptoir alimentaire du quartier")
    assert client.get(url).data == first.data
    # …and once the change reaches the index (as every curation save and import does), the page
    # is rendered again.
    _rebuild(cached_app)
    assert "Comptoir alimentaire du quartier" in client.get(url).get_data(as_text=True)


def test_each_language_and_query_string_has_its_own_page(cached_app, make_service):
    service_id = make_service(name_fr="Comptoir alimentaire", name_en="Food counter")
    _rebuild(cached_app)
    client = cached_app.test_client()
    assert "Food counter" in client.get(f"/en/service/{service_id}").get_data(as_text=True)
    assert "Comptoir alimentaire" in client.get(f"/fr/service/{service_id}").get_data(as_text=True)
    listed = client.get(f"/fr/service/{service_id}?s={service_id}").get_data(as_text=True)
    assert "Retirer de ma liste" in listed


def test_requests_with_a_session_are_never_served_from_the_cache(cached_app, make_service):
    service_id = make_service(name_fr="Comptoir alimentaire", name_en="Food counter")
    _rebuild(cached_app)
    url = f"/fr/service/{service_id}"
    cached_app.test_client().get(url)
    _rename(cached_app, service_id, "Nom changé sans réindexation")
    staff = cached_app.test_client()
    staff.set_cookie("session", "x", domain="localhost")
    assert "Nom changé sans réindexation" in staff.get(url).get_data(as_text=True)
