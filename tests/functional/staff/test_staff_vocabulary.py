"""Vocabulary gaps: the needs that found nothing, in the staff area, and a keyword added from
there (audited, live in search at once)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from staff_helpers import EMAILS, sign_in, token

from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest
from indexer.schedule import MONTREAL
from needs.models import UnmetNeedWeek
from needs.record import week_of


def _gaps(url: str) -> None:
    week = week_of(dt.datetime.now(MONTREAL).date())
    with session_scope(url) as session:
        session.add_all([
            UnmetNeedWeek(week=week, need="bois de chauffage", region_code="06", category="", zero_results=12,
                          few_results=3),
            UnmetNeedWeek(week=week - dt.timedelta(weeks=1), need="bois de chauffage", region_code="13", category="",
                          zero_results=4, few_results=0),
            UnmetNeedWeek(week=week, need="maladie rare de mon voisin", region_code="06", category="",
                          zero_results=2, few_results=0),  # asked too rarely to be shown
            UnmetNeedWeek(week=week - dt.timedelta(weeks=30), need="vieux besoin", region_code="06",
                          category="", zero_results=50, few_results=0),  # outside 13 weeks
        ])


def test_the_report_lists_frequent_gaps_only_and_what_search_finds_now(curator, directory_url):
    _gaps(directory_url)
    html = curator.get("/fr/personnel/vocabulaire").get_data(as_text=True)
    assert "Lacunes de vocabulaire" in html and "bois de chauffage" in html
    assert ">16<" in html and ">3<" in html  # zero-result searches over two weeks, few-result ones
    assert "maladie rare" not in html and "vieux besoin" not in html
    assert "vieux besoin" in curator.get("/fr/personnel/vocabulaire?weeks=52").get_data(as_text=True)
    assert "bois de chauffage" in curator.get("/fr/personnel/vocabulaire?weeks=999").get_data(as_text=True)
    en = curator.get("/en/staff/vocabulary").get_data(as_text=True)
    assert "Vocabulary gaps" in en and "Add a keyword to a service" in en


def test_a_keyword_added_from_the_report_is_audited_and_searchable_at_once(curator, make_service, reindex, engine,
                                                                          directory_url):
    _gaps(directory_url)
    sid = make_service(name_fr="Comptoir Saint-Denis")
    reindex()
    assert not engine.search(SearchRequest(q="bois de chauffage", facets=False, understand_need=False)).hits
    page = curator.get("/fr/personnel/vocabulaire").get_data(as_text=True)
    response = curator.post("/fr/personnel/vocabulaire/mot-cle", data={
        "csrf_token": token(page), "keyword": "bois de chauffage", "language": "fr", "service_id": sid})
    assert response.status_code == 303
    hits = engine.search(SearchRequest(q="bois de chauffage", facets=False, understand_need=False)).hits
    assert [h.service_id for h in hits] == [sid]
    with session_scope(directory_url) as session:
        row = session.scalars(select(m.Metadata).where(m.Metadata.resource_id == sid)).one()
    assert (row.field_name, row.replacement_value, row.updated_by) == (
        "keywords_fr", "bois de chauffage", EMAILS["curator"])
    assert not row.previous_value
    # Added again: nothing to do, said so, no second audit row.
    again = curator.post("/fr/personnel/vocabulaire/mot-cle", data={
        "csrf_token": token(page), "keyword": "Bois de chauffage", "language": "fr", "service_id": sid})
    assert again.status_code == 303
    with session_scope(directory_url) as session:
        assert len(session.scalars(select(m.Metadata).where(m.Metadata.resource_id == sid)).all()) == 1


def test_bad_keyword_forms_are_refused_with_a_message(curator, make_service):
    page = curator.get("/fr/personnel/vocabulaire").get_data(as_text=True)
    unknown = curator.post("/fr/personnel/vocabulaire/mot-cle", data={
        "csrf_token": token(page), "keyword": "bois de chauffage", "language": "fr", "service_id": "nope"})
    assert unknown.status_code == 400 and "Aucun service n&#39;a cet identifiant." in unknown.get_data(as_text=True)
    empty = curator.post("/fr/personnel/vocabulaire/mot-cle", data={
        "csrf_token": token(page), "keyword": " ", "language": "xx", "service_id": ""})
    assert empty.status_code == 400
    no_token = curator.post("/fr/personnel/vocabulaire/mot-cle", data={
        "keyword": "frigo", "language": "fr", "service_id": make_service()})
    assert no_token.status_code == 400


def test_analysts_read_the_report_but_cannot_add_keywords(client, make_service):
    assert sign_in(client, "analyst").status_code == 303
    page = client.get("/fr/personnel/vocabulaire")
    assert page.status_code == 200 and "Ajouter un mot-clé" not in page.get_data(as_text=True)
    response = client.post("/fr/personnel/vocabulaire/mot-cle", data={
        "csrf_token": token(page.get_data(as_text=True)), "keyword": "frigo", "language": "fr",
        "service_id": make_service()})
    assert response.status_code == 403
