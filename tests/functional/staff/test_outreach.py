"""The freshness loop end to end through the app: an organization's update link ("still accurate",
proposals validated by the staff forms, an ending), the curators' review (accept or reject per
field, the audit rows, the live index, the outcome e-mail read from a real SMTP server), links made
and revoked from the staff area, throttling, escaping, and the loop's health page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from outreach_helpers import csrf, make_link, organization_of, records_of
from sqlalchemy import select
from staff_helpers import form_values, sign_in

from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest
from portal.staff.routing import today
from tests.smtp_server import SMTPServer


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(server.config())
        yield server


def _update(client, token: str, lang: str = "fr"):
    return client.get(f"/{lang}/mise-a-jour/{token}" if lang == "fr" else f"/en/update/{token}")


def _names(engine, q: str) -> list[str]:
    return [h.document["name_fr"] for h in engine.search(SearchRequest(q=q, facets=False)).hits]


def test_the_cli_prints_a_link_that_opens_the_organizations_page(app, make_service, directory_url):
    org = organization_of(directory_url, make_service())
    result = app.test_cli_runner().invoke(args=["outreach", "links", org])
    assert result.exit_code == 0, result.output
    url = re.search(r"https?://\S+", result.output).group(0)
    assert url.startswith("http://localhost:5000/fr/mise-a-jour/")  # PUBLIC_URL
    page = app.test_client().get(url.split("localhost:5000", 1)[1])
    assert page.status_code == 200
    assert "Organisme" in page.get_data(as_text=True) and "Banque alimentaire" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert app.test_cli_runner().invoke(args=["outreach", "links", "nope"]).exit_code == 1


def test_everything_still_accurate_verifies_every_service_with_who_and_how(client, app, make_service,
                                                                           directory_url):
    first = make_service()
    org = organization_of(directory_url, first)
    second = make_service(organization_id=org, name_fr="Cuisine collective")
    link_id, token = make_link(app, org)
    page = _update(client, token)
    response = client.post(f"/fr/mise-a-jour/{token}/confirmer",
                           data={"csrf_token": csrf(page.get_data(as_text=True)), "scope": "all"})
    assert response.status_code == 303 and "done=confirmed" in response.location
    with session_scope(directory_url) as session:
        for sid in (first, second):
            assert session.get(m.Service, sid).verified_on == today()
        assert session.get(m.Organization, org).verified_on == today()
        rows = session.scalars(select(m.Metadata).where(m.Metadata.last_action_type == "verify")).all()
        assert {r.updated_by for r in rows} == {f"organization via signed link {link_id}"}
        assert {r.resource_id for r in rows} == {first, second, org}
        notes = session.scalars(select(m.VerificationNote)).all()
        assert len(notes) == 3 and all("Confirmed by the organization" in n.note for n in notes)


def test_confirming_ticked_services_leaves_the_others(client, app, make_service, directory_url):
    first = make_service()
    org = organization_of(directory_url, first)
    second = make_service(organization_id=org, name_fr="Cuisine collective")
    foreign = make_service(name_fr="Service d'un autre organisme")
    _, token = make_link(app, org)
    html = _update(client, token).get_data(as_text=True)
    confirm = f"/fr/mise-a-jour/{token}/confirmer"
    # Another organization's service among the ticked ones: refused whole, nothing verified.
    assert client.post(confirm, data={"csrf_token": csrf(html), "scope": "selected",
                                      "services": [second, foreign]}).status_code == 400
    with session_scope(directory_url) as session:
        assert session.get(m.Service, second).verified_on == dt.date(2026, 3, 5)
    assert client.post(confirm, data={"csrf_token": csrf(html), "scope": "selected",
                                      "services": [second]}).status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, second).verified_on == today()
        assert session.get(m.Service, first).verified_on == dt.date(2026, 3, 5)
        assert session.get(m.Service, foreign).verified_on == dt.date(2026, 3, 5)  # not this link's


def test_a_proposal_is_not_public_until_a_curator_accepts_it_then_search_and_the_page_show_it(
        client, app, make_service, directory_url, engine, reindex, smtp):
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    reindex()
    edit = f"/fr/mise-a-jour/{token}/modifier/service/{sid}"
    data = form_values(client.get(edit).get_data(as_text=True))
    data["description_fr"] = ["Des denrées et des repas chauds chaque semaine, et du pain frais."]
    data["name_en"] = ["Food bank and fresh bread"]
    response = client.post(edit, data=data)
    assert response.status_code == 303 and "done=proposed" in response.location
    with session_scope(directory_url) as session:
        waiting = session.scalars(select(m.OutreachProposal)).all()
        assert {p.field_name for p in waiting} == {"description_fr", "name_en"}  # unchanged fields: none
        assert session.get(m.Service, sid).name_en == "Food bank"
    assert "pain frais" not in app.test_client().get(f"/fr/service/{sid}").get_data(as_text=True)
    assert _names(engine, "pain frais") == []

    curator = app.test_client()
    sign_in(curator, "curator")
    queue = curator.get("/fr/personnel/propositions").get_data(as_text=True)
    assert "Food bank and fresh bread" in queue and "Banque alimentaire" in queue
    ids = {p.field_name: p.id for p in waiting}
    accepted = curator.post(f"/fr/personnel/propositions/{ids['description_fr']}",
                            data={"csrf_token": csrf(queue), "decision": "accept", "note": "Merci!"})
    assert accepted.status_code == 303
    assert smtp.received.messages == []  # one field still waiting: no e-mail yet
    curator.post(f"/fr/personnel/propositions/{ids['name_en']}",
                 data={"csrf_token": csrf(queue), "decision": "reject", "note": "Gardons le nom court."})

    assert "pain frais" in app.test_client().get(f"/fr/service/{sid}").get_data(as_text=True)
    assert _names(engine, "pain frais") == ["Banque alimentaire"]  # the live index, no rebuild
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).name_en == "Food bank"
        row = session.scalar(select(m.Metadata).where(m.Metadata.field_name == "description_fr"))
        assert row.updated_by == "curator@211.example.org" and row.last_action_type == "update"
        assert row.replacement_value.endswith("pain frais.")
        assert {p.status for p in session.scalars(select(m.OutreachProposal))} == {"accepted", "rejected"}
    [mail] = smtp.received.to("info@entraide.example.org")
    body = mail.get_content()
    assert "Bonjour" in body and "Hello" in body
    assert "publié" in body and "not published" in body and "Gardons le nom court." in body


def test_invalid_postal_code_phone_and_hours_get_the_staff_forms_error_summary(client, app, make_service,
                                                                               directory_url):
    sid = make_service()
    org = organization_of(directory_url, sid)
    ids = records_of(directory_url, org)
    _, token = make_link(app, org)
    curator = app.test_client()
    sign_in(curator, "curator")
    staff_paths = {
        "address": f"/fr/personnel/services/{sid}/lieux/{ids['location']}/adresses/{ids['address']}",
        "phone": f"/fr/personnel/services/{sid}/telephones/{ids['phone']}",
        "schedule": f"/fr/personnel/services/{sid}/horaires/{ids['schedule']}",
    }
    bad = {"address": {"postal_code": ["Z9Z 9Z9"]}, "phone": {"number": ["555-12"]},
           "schedule": {"opens_at": ["25 h"], "closes_at": ["8 h"]}}
    for kind, values in bad.items():
        path = f"/fr/mise-a-jour/{token}/modifier/{kind}/{ids[kind]}"
        ours = client.post(path, data=form_values(client.get(path).get_data(as_text=True)) | values)
        staff_page = curator.get(staff_paths[kind])
        assert staff_page.status_code == 200, staff_paths[kind]
        theirs = curator.post(staff_paths[kind], data=form_values(staff_page.get_data(as_text=True)) | values)
        assert ours.status_code == theirs.status_code == 400
        summary = re.compile(r'<div class="error-summary".*?</div>\s*</div>', re.S)
        assert summary.search(ours.get_data(as_text=True)).group(0) == \
            summary.search(theirs.get_data(as_text=True)).group(0), kind
    with session_scope(directory_url) as session:
        assert session.scalars(select(m.OutreachProposal)).all() == []


def test_html_in_a_proposal_is_stored_as_text_and_shown_escaped(client, app, make_service, directory_url,
                                                                smtp):
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    edit = f"/fr/mise-a-jour/{token}/modifier/service/{sid}"
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = form_values(client.get(edit).get_data(as_text=True)) | {"name_fr": [attack]}
    assert client.post(edit, data=data).status_code == 303
    with session_scope(directory_url) as session:
        assert session.scalar(select(m.OutreachProposal.proposed_value)) == attack
    curator = app.test_client()
    sign_in(curator, "curator")
    queue = curator.get("/fr/personnel/propositions").get_data(as_text=True)
    assert attack not in queue and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in queue
    with session_scope(directory_url) as session:
        pid = session.scalar(select(m.OutreachProposal.id))
    curator.post(f"/fr/personnel/propositions/{pid}", data={"csrf_token": csrf(queue), "decision": "accept"})
    public = app.test_client().get(f"/fr/service/{sid}").get_data(as_text=True)
    assert attack not in public and "&lt;script&gt;" in public
    update = _update(client, token).get_data(as_text=True)
    assert attack not in update and "&lt;script&gt;" in update


def test_a_flood_of_proposals_from_one_link_is_throttled(client, app, make_service, directory_url):
    app.config["OUTREACH_POST_RATE_LIMIT"] = "3/hour"
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    edit = f"/fr/mise-a-jour/{token}/modifier/service/{sid}"
    data = form_values(client.get(edit).get_data(as_text=True))
    statuses = [client.post(edit, data=data | {"alert_fr": [f"Avis {n}"]}).status_code for n in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    refused = client.post(edit, data=data | {"alert_fr": ["Avis 9"]}).get_data(as_text=True)
    assert "Trop de demandes" in refused and "Too many requests" in refused
    with session_scope(directory_url) as session:
        assert session.scalar(select(m.OutreachProposal.proposed_value)) == "Avis 2"  # the last one let through


def test_proposals_waiting_per_link_are_capped(client, app, make_service, directory_url, monkeypatch):
    from directory.outreach import proposals

    monkeypatch.setattr(proposals, "MAX_PENDING_PER_LINK", 2)
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    edit = f"/fr/mise-a-jour/{token}/modifier/service/{sid}"
    data = form_values(client.get(edit).get_data(as_text=True))
    assert client.post(edit, data=data | {"alert_fr": ["Avis"], "alert_en": ["Notice"]}).status_code == 303
    assert client.post(edit, data=data | {"fees_description_fr": ["5 $"]}).status_code == 429
    assert client.post(edit, data=data | {"alert_fr": ["Avis 2"]}).status_code == 303  # replaces, not adds


def test_an_ending_is_a_proposal_and_accepting_it_archives_the_service(client, app, make_service, directory_url,
                                                                        engine, reindex):
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    reindex()
    page = client.get(f"/en/update/{token}/services/{sid}/end")
    assert page.status_code == 200
    client.post(f"/en/update/{token}/services/{sid}/end", data={"csrf_token": csrf(page.get_data(as_text=True))})
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).status == "active"
        pid = session.scalar(select(m.OutreachProposal.id).where(m.OutreachProposal.proposed_value == "defunct"))
    assert _names(engine, "alimentaire") == ["Banque alimentaire"]
    curator = app.test_client()
    sign_in(curator, "curator")
    queue = curator.get("/en/staff/proposals").get_data(as_text=True)
    assert "accepting archives it" in queue
    curator.post(f"/en/staff/proposals/{pid}", data={"csrf_token": csrf(queue), "decision": "accept"})
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).status == "defunct"
        row = session.scalar(select(m.Metadata).where(m.Metadata.field_name == "status"))
        assert row.last_action_type == "archive"  # the staff "End this service" path
    assert _names(engine, "alimentaire") == []
    assert client.get(f"/en/update/{token}/edit/service/{sid}").status_code == 404  # an ended service is out of reach


def test_staff_make_a_link_shown_once_and_revoke_it(app, make_service, directory_url):
    org = organization_of(directory_url, make_service())
    curator = app.test_client()
    sign_in(curator, "curator")
    page = curator.get(f"/fr/personnel/organismes/{org}/liens")
    assert "info@entraide.example.org" in page.get_data(as_text=True)
    made = curator.post(f"/fr/personnel/organismes/{org}/liens", data={"csrf_token": csrf(page.get_data(as_text=True))})
    html = made.get_data(as_text=True)
    url = re.search(r"http://localhost:5000(/fr/mise-a-jour/[^<\s]+)", html).group(1)
    assert made.headers["Cache-Control"] == "no-store"
    visitor = app.test_client()
    assert visitor.get(url).status_code == 200
    with session_scope(directory_url) as session:
        link = session.scalar(select(m.OutreachLink))
        assert link.created_by == "curator@211.example.org"
        assert (link.expires_at.replace(tzinfo=None) - link.created_at.replace(tzinfo=None)).days == 30
    assert url.split("/")[-1] not in curator.get(f"/fr/personnel/organismes/{org}/liens").get_data(as_text=True)
    curator.post(f"/fr/personnel/organismes/{org}/liens/{link.id}/revoquer", data={"csrf_token": csrf(html)})
    refused = visitor.get(url)
    assert refused.status_code == 410
    assert "annulé" in refused.get_data(as_text=True) and "cancelled" in refused.get_data(as_text=True)


def test_the_health_page_shows_the_loops_figures(app, make_service, directory_url):
    fresh = make_service()
    stale = make_service(name_fr="Service oublié")
    with session_scope(directory_url) as session:
        session.get(m.Service, fresh).verified_on = today() - dt.timedelta(days=30)
        session.get(m.Service, stale).verified_on = today() - dt.timedelta(days=800)
    curator = app.test_client()
    sign_in(curator, "analyst")
    html = curator.get("/fr/personnel/fraicheur").get_data(as_text=True)
    assert re.search(r"50(,0)?\s*%\s*\(1 sur 2\)", html), html
    assert "06 – " in html  # the overdue service's region
