"""Editing, preview, verification, history and revert, the inbox, and the live index, through the
staff pages against a real SQLite directory and the embedded engine."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select
from staff_helpers import EMAILS, form_values, token

from directory import models as m
from directory.db import session_scope
from indexer import live_backlog
from indexer.engine import SearchRequest


def _names(engine, q: str) -> list[str]:
    return [h.document["name_fr"] for h in engine.search(SearchRequest(q=q, facets=False)).hits]


def _edit(client, service_id: str, lang: str = "fr", **changes):
    path = f"/fr/personnel/services/{service_id}" if lang == "fr" else f"/en/staff/services/{service_id}"
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    data = form_values(html)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return client.post(path, data=data)


@pytest.mark.both_databases
def test_saved_name_is_audited_and_searchable_at_once(curator, make_service, reindex, engine, directory_url):
    sid = make_service(name_fr="Banque alimentaire Rosemont")
    reindex()
    assert _names(engine, "Rosemont") == ["Banque alimentaire Rosemont"]
    response = _edit(curator, sid, name_fr="Comptoir alimentaire Rosemont")
    assert response.status_code == 303
    assert _names(engine, "Comptoir") == ["Comptoir alimentaire Rosemont"]
    assert _names(engine, "Rosemont") == ["Comptoir alimentaire Rosemont"]  # replaced, not added
    with session_scope(directory_url) as session:
        rows = session.scalars(select(m.Metadata).where(m.Metadata.resource_id == sid)).all()
    assert [(r.last_action_type, r.field_name, r.previous_value, r.replacement_value, r.updated_by) for r in rows] == [
        ("update", "name_fr", "Banque alimentaire Rosemont", "Comptoir alimentaire Rosemont", EMAILS["curator"])]


def test_saving_an_unchanged_form_writes_no_audit_row(curator, make_service, reindex, directory_url):
    sid = make_service()
    reindex()
    assert _edit(curator, sid).status_code == 303
    with session_scope(directory_url) as session:
        assert session.scalars(select(m.Metadata)).all() == []


@pytest.mark.both_databases
def test_invalid_form_shows_the_error_summary_and_saves_nothing(curator, make_service, reindex, directory_url):
    sid = make_service()
    reindex()
    response = _edit(curator, sid, name_fr="", url="pas une adresse", minimum_age="30", maximum_age="20")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Erreur\u00a0: " in html
    assert 'class="error-summary"' in html and 'href="#name_fr"' in html and 'href="#url"' in html
    assert 'href="#maximum_age"' in html and 'aria-invalid="true"' in html
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).name_fr == "Banque alimentaire"
        assert session.scalars(select(m.Metadata)).all() == []


@pytest.mark.both_databases
def test_languages_and_categories_are_edited_and_audited_as_one_field_each(curator, make_service, reindex, engine,
                                                                          directory_url):
    sid = make_service(languages=("fr",))
    reindex()
    response = _edit(curator, sid, languages=["fr", "es"], categories=["education"])
    assert response.status_code == 303
    with session_scope(directory_url) as session:
        rows = {r.field_name: r for r in session.scalars(select(m.Metadata).where(m.Metadata.resource_id == sid))}
    assert (rows["languages"].previous_value, rows["languages"].replacement_value) == ("fr", "es,fr")
    assert rows["categories"].replacement_value == "education"
    hit = engine.search(SearchRequest(q="alimentaire", facets=False)).hits[0]
    assert hit.document["languages"] == ["es", "fr"] and "education" in hit.document["category_codes"]


@pytest.mark.both_databases
def test_preview_renders_the_public_page_with_unsaved_values_and_changes_nothing(curator, make_service, reindex,
                                                                                 engine, directory_url):
    sid = make_service()
    reindex()
    html = curator.get(f"/fr/personnel/services/{sid}").get_data(as_text=True)
    data = form_values(html) | {"name_fr": ["Nom en aperçu"]}
    response = curator.post(f"/fr/personnel/services/{sid}/apercu", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Aperçu" in page or "Preview" in page
    assert 'id="service-name"' in page and "Nom en aperçu" in page
    assert 'name="robots" content="noindex, nofollow"' in page
    assert response.headers["X-Robots-Tag"].startswith("noindex")
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).name_fr == "Banque alimentaire"
        assert session.scalars(select(m.Metadata)).all() == []
    assert _names(engine, "aperçu") == []
    # "Save these changes" from the preview saves exactly the previewed values.
    again = {k: v for k, v in data.items()} | {"csrf_token": [token(page)], "action": ["save"]}
    assert curator.post(f"/fr/personnel/services/{sid}", data=again).status_code == 303
    assert _names(engine, "aperçu") == ["Nom en aperçu"]


@pytest.mark.both_databases
def test_mark_verified_needs_a_note_and_writes_a_verify_row(curator, make_service, reindex, directory_url):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}/verifier"
    html = curator.get(path).get_data(as_text=True)
    refused = curator.post(path, data={"csrf_token": token(html), "note": ""})
    assert refused.status_code == 400 and 'href="#note"' in refused.get_data(as_text=True)
    done = curator.post(path, data={"csrf_token": token(html), "note": "Appel à l'accueil, heures confirmées."})
    assert done.status_code == 303
    with session_scope(directory_url) as session:
        service = session.get(m.Service, sid)
        row = session.scalar(select(m.Metadata).where(m.Metadata.resource_id == sid))
        note = session.scalar(select(m.VerificationNote))
    assert (service.verified_on == dt.datetime.now(dt.UTC).date()
            or service.verified_on >= dt.date.today() - dt.timedelta(days=1))
    assert (row.last_action_type, row.field_name, row.previous_value) == ("verify", "verified_on", "2026-03-05")
    assert note.note.startswith("Appel") and note.verified_by == EMAILS["curator"]


@pytest.mark.both_databases
def test_review_queue_lists_stale_records_never_verified_first(curator, make_service, directory_url):
    fresh = make_service(name_fr="Récent")
    old = make_service(name_fr="Ancien")
    never = make_service(name_fr="Jamais")
    today = dt.date.today()
    with session_scope(directory_url) as session:
        session.get(m.Service, fresh).verified_on = today - dt.timedelta(days=30)
        session.get(m.Service, old).verified_on = today - dt.timedelta(days=400)
        session.get(m.Service, never).verified_on = None
    html = curator.get("/fr/personnel/verification?sort=staleness").get_data(as_text=True)
    assert "Récent" not in html
    assert html.index("Jamais") < html.index("Ancien")


@pytest.mark.both_databases
def test_review_queue_puts_the_most_shown_overdue_records_first_within_a_staleness_band(
        app, curator, make_service, reindex, directory_url):
    """Appearances come from real searches through the public page and the needs log's flush."""
    from needs.log import forget_appearances

    today = dt.date.today()
    verified = {"Rarement vu": 400, "Souvent vu": 380, "Très en retard": 1200}  # days since verification
    ids = {}
    for name, days in verified.items():
        ids[name] = make_service(name_fr=name, categories=("education",))
        with session_scope(directory_url) as session:
            session.get(m.Service, ids[name]).verified_on = today - dt.timedelta(days=days)
    reindex()
    for query in ("souvent", "souvent", "souvent", "rarement"):  # public searches, anonymous log
        assert curator.get(f"/fr/recherche?q={query}").status_code == 200
    query_log = app.extensions["query_log"]
    assert query_log.flush(), query_log.last_error
    forget_appearances()

    def order(sort: str = "") -> list[str]:
        html = curator.get("/fr/personnel/verification" + (f"?sort={sort}" if sort else "")).get_data(as_text=True)
        return sorted(verified, key=html.index)

    # 1200 days: over 12 months overdue, its own band first; then, both 0–5 months overdue, the most shown.
    assert order() == ["Très en retard", "Souvent vu", "Rarement vu"]
    assert order("appearances") == ["Souvent vu", "Rarement vu", "Très en retard"]
    assert order("staleness") == ["Très en retard", "Rarement vu", "Souvent vu"]
    html = curator.get("/en/staff/review").get_data(as_text=True)
    assert "Appearances (52 weeks)" in html and "Months overdue" in html and "How the queue is ordered" in html
    row = html[html.index("Souvent vu"):]
    assert '<td data-label="Appearances (52 weeks)">3</td>' in row[:row.index("</tr>")]


@pytest.mark.both_databases
def test_history_shows_the_change_and_undo_restores_it_with_a_new_row(curator, make_service, reindex, engine,
                                                                     directory_url):
    sid = make_service(name_fr="Halte-chaleur Verdun")
    reindex()
    _edit(curator, sid, name_fr="Halte-chaleur Verdun-Est")
    history = f"/fr/personnel/historique/service/{sid}"
    html = curator.get(history).get_data(as_text=True)
    assert "Halte-chaleur Verdun-Est" in html and "Nom (français)" in html
    with session_scope(directory_url) as session:
        change_id = session.scalar(select(m.Metadata.id).where(m.Metadata.resource_id == sid))
    response = curator.post(f"{history}/{change_id}/annuler", data={"csrf_token": token(html), "confirm": "1"})
    assert response.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).name_fr == "Halte-chaleur Verdun"
        types = [r.last_action_type for r in session.scalars(select(m.Metadata).order_by(m.Metadata.last_action_date))]
    assert types == ["update", "revert"]
    assert _names(engine, "Verdun") == ["Halte-chaleur Verdun"]


@pytest.mark.both_databases
def test_restore_to_a_point_undoes_every_later_change(curator, make_service, reindex, directory_url):
    sid = make_service(name_fr="Un")
    reindex()
    _edit(curator, sid, name_fr="Deux")
    _edit(curator, sid, name_fr="Trois", alert_fr="Fermé lundi")
    with session_scope(directory_url) as session:
        first = session.scalar(select(m.Metadata.id).where(m.Metadata.replacement_value == "Deux"))
    history = f"/fr/personnel/historique/service/{sid}"
    html = curator.get(history).get_data(as_text=True)
    restored = curator.post(f"{history}/{first}/retablir", data={"csrf_token": token(html), "confirm": "1"})
    assert restored.status_code == 303
    with session_scope(directory_url) as session:
        service = session.get(m.Service, sid)
        assert (service.name_fr, service.alert_fr) == ("Deux", None)
        assert session.scalar(select(m.Metadata).where(m.Metadata.last_action_type == "update")) is not None


def test_retiring_a_service_removes_it_from_search(curator, make_service, reindex, engine):
    sid = make_service(name_fr="Friperie solidaire")
    reindex()
    assert _names(engine, "Friperie") == ["Friperie solidaire"]
    assert _edit(curator, sid, status="inactive").status_code == 303  # ending it: test_no_record_lost.py
    assert _names(engine, "Friperie") == []


@pytest.mark.both_databases
def test_schedules_can_be_added_deleted_and_the_deletion_undone(curator, make_service, reindex, directory_url):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}/horaires/nouveau"
    html = curator.get(path).get_data(as_text=True)
    bad = curator.post(path, data={"csrf_token": token(html), "opens_at": "9h", "closes_at": "08:00"})
    assert bad.status_code == 400 and 'href="#byday-0"' in bad.get_data(as_text=True)
    ok = curator.post(path, data={"csrf_token": token(html), "byday": ["SA", "SU"], "opens_at": "10:00",
                                  "closes_at": "14:00", "notes_fr": "Fin de semaine"})
    assert ok.status_code == 303
    with session_scope(directory_url) as session:
        schedule = session.scalar(select(m.Schedule).where(m.Schedule.byday == "SA,SU"))
        schedule_id = schedule.id
    curator.post(f"/fr/personnel/services/{sid}/horaires/{schedule_id}/supprimer",
                 data={"csrf_token": token(html), "confirm": "1"})
    with session_scope(directory_url) as session:
        assert session.get(m.Schedule, schedule_id) is None
        deleted = session.scalar(select(m.Metadata.id).where(m.Metadata.resource_id == schedule_id,
                                                             m.Metadata.last_action_type == "delete",
                                                             m.Metadata.field_name == "*"))
    history = f"/fr/personnel/historique/service/{sid}"
    undone = curator.post(f"{history}/{deleted}/annuler", data={"csrf_token": token(html), "confirm": "1"})
    assert undone.status_code == 303
    with session_scope(directory_url) as session:
        back = session.get(m.Schedule, schedule_id)
        assert (back.byday, back.opens_at, back.notes_fr, back.service_id) == ("SA,SU", "10:00", "Fin de semaine", sid)


@pytest.mark.both_databases
def test_location_and_organization_edits_reach_the_services_documents(curator, make_service, reindex, engine,
                                                                     directory_url):
    sid = make_service(name_fr="Centre de jour")
    reindex()
    with session_scope(directory_url) as session:
        service = session.get(m.Service, sid)
        org_id = service.organization_id
        location_id = service.service_at_locations[0].location_id
    path = f"/fr/personnel/services/{sid}/lieux/{location_id}"
    html = curator.get(path).get_data(as_text=True)
    data = form_values(html) | {"accessibility": ["wheelchair", "elevator"]}
    assert curator.post(path, data=data).status_code == 303
    opath = f"/fr/personnel/organismes/{org_id}"
    odata = form_values(curator.get(opath).get_data(as_text=True)) | {"name_fr": ["Carrefour d'entraide"]}
    assert curator.post(opath, data=odata).status_code == 303
    hits = engine.search(SearchRequest(q="jour", facets=False)).hits
    doc = hits[0].document
    assert doc["accessibility"] == ["elevator", "wheelchair"] and doc["organization_fr"] == "Carrefour d'entraide"


@pytest.mark.both_databases
def test_error_reports_arrive_in_the_inbox_and_are_resolved_with_a_note(curator, make_service, directory_url):
    sid = make_service(name_fr="Popote roulante")
    with session_scope(directory_url) as session:
        report = m.ErrorReport(service_id=sid, message="Le numéro a changé.", locale="fr")
        session.add(report)
        session.flush()
        report_id = report.id
    inbox = curator.get("/fr/personnel/signalements").get_data(as_text=True)
    assert "Popote roulante" in inbox and "Le numéro a changé." in inbox
    page = curator.get(f"/fr/personnel/signalements/{report_id}").get_data(as_text=True)
    assert f"/fr/personnel/services/{sid}" in page
    response = curator.post(f"/fr/personnel/signalements/{report_id}", data={"csrf_token": token(page),
                                                                            "note": "Numéro corrigé."})
    assert response.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.ErrorReport, report_id).status == "resolved"
        assert session.scalar(select(m.ReportResolution.note)) == "Numéro corrigé."
    assert "Popote roulante" not in curator.get("/fr/personnel/signalements").get_data(as_text=True)


@pytest.mark.both_databases
def test_an_index_failure_keeps_the_edit_and_queues_the_service_for_retry(curator, make_service, reindex, engine,
                                                                          app, directory_url, tmp_path):
    sid = make_service(name_fr="Service de répit")
    reindex()
    app.config["INDEX_PATH"] = str(tmp_path / "missing-index")  # the engine cannot open an index here
    response = _edit(curator, sid, name_fr="Service de répit Laval")
    assert response.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).name_fr == "Service de répit Laval"
        queued = session.get(m.IndexBacklog, sid)
        assert queued is not None and queued.attempts == 1 and "index" in queued.last_error.lower()
    app.config["INDEX_PATH"] = str(tmp_path / "index")
    assert live_backlog.retry_backlog(app.config) == (1, 0)
    assert _names(engine, "Laval") == ["Service de répit Laval"]
    assert live_backlog.backlog_size(directory_url) == 0


def test_english_staff_pages_use_english_paths_and_language(client, make_service, reindex):
    from staff_helpers import sign_in

    sid = make_service()
    reindex()
    assert sign_in(client, "curator", lang="en").status_code == 303
    html = client.get(f"/en/staff/services/{sid}").get_data(as_text=True)
    assert '<html lang="en-CA">' in html and "Save changes" in html
    assert 'lang="fr"' in html and 'lang="en"' in html  # each bilingual input says its language
    assert client.get("/en/staff/review").status_code == 200


@pytest.mark.parametrize("path", ["/fr/personnel/", "/fr/personnel/verification", "/fr/personnel/signalements",
                                  "/fr/personnel/mot-de-passe", "/en/staff/", "/en/staff/review"])
def test_staff_pages_render_cleanly(curator, path):
    response = curator.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_the_demo_needs_log_gives_the_review_queue_appearances(app, curator, make_service, directory_url):
    from needs.log import forget_appearances
    from needs.models import ServiceAppearanceWeek

    sids = [make_service(name_fr=f"Service démo {n}") for n in range(3)]
    with session_scope(directory_url) as session:
        for sid in sids:
            session.get(m.Service, sid).verified_on = None
    result = app.test_cli_runner().invoke(args=["needs", "demo", "--searches", "20000", "--months", "3"])
    assert result.exit_code == 0, result.output
    assert "demo service appearances" in result.output
    with session_scope(directory_url) as session:
        shown = set(session.scalars(select(ServiceAppearanceWeek.service_id)))
    assert shown == set(sids)
    forget_appearances()
    html = curator.get("/fr/personnel/verification?sort=appearances").get_data(as_text=True)
    cells = [int(c.replace("\u202f", "").replace("\xa0", "")) for c in
             re.findall(r'<td data-label="[^"]*52[^"]*">([\d\s\u202f\xa0]+)</td>', html)]
    assert len(cells) == 3 and cells == sorted(cells, reverse=True) and cells[0] > 0


def test_a_location_history_links_to_editing_it_through_each_service_offered_there(curator, make_service,
                                                                                   directory_url):
    first, second = make_service(name_fr="Halte-chaleur"), make_service(name_fr="Repas du soir")
    with session_scope(directory_url) as session:
        location_id = session.get(m.Service, first).service_at_locations[0].location_id
        session.add(m.ServiceAtLocation(service_id=second, location_id=location_id))
    html = curator.get(f"/fr/personnel/historique/location/{location_id}").get_data(as_text=True)
    assert "Modifier ce lieu" in html
    for sid in (first, second):
        link = f'href="/fr/personnel/services/{sid}/lieux/{location_id}"'
        assert link in html
        assert curator.get(f"/fr/personnel/services/{sid}/lieux/{location_id}").status_code == 200
    # A service's own history has no such list.
    assert "Modifier ce lieu" not in curator.get(f"/fr/personnel/historique/service/{first}").get_data(as_text=True)
