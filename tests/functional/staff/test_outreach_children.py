"""Adding and removing whole phones, addresses and opening hours through an organization's update
link: proposals validated by the staff forms (the same error summary), shown in full in the
curators' queue, accepted through the staff path (curation.create / delete: audit rows, undone
from the history, the live index), never public before a curator accepts them."""

from __future__ import annotations

import re
from html import unescape

import pytest
from outreach_helpers import counts, csrf, make_link, organization_of, records_of
from sqlalchemy import func, select
from staff_helpers import form_values, sign_in

from directory import curation
from directory import models as m
from directory.db import session_scope
from directory.outreach import children
from indexer.engine import SearchRequest
from tests.smtp_server import SMTPServer


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(server.config())
        yield server


def _phones_in_search(engine, q: str) -> list[str]:
    return [p["number"] for h in engine.search(SearchRequest(q=q, facets=False)).hits
            for p in (h.document.get("phones") or [])]


def _curator(app):
    curator = app.test_client()
    sign_in(curator, "curator")
    return curator


def _decide(curator, pid: str, decision: str, lang: str = "fr", note: str = ""):
    queue = curator.get("/fr/personnel/propositions" if lang == "fr" else "/en/staff/proposals")
    path = f"/fr/personnel/propositions/{pid}" if lang == "fr" else f"/en/staff/proposals/{pid}"
    return curator.post(path, data={"csrf_token": csrf(queue.get_data(as_text=True)), "decision": decision,
                                    "note": note})


@pytest.mark.both_databases
def test_a_phone_added_through_the_link_waits_for_a_curator_then_is_public_and_searchable(
        client, app, make_service, directory_url, engine, reindex):
    sid = make_service()
    org = organization_of(directory_url, sid)
    link_id, token = make_link(app, org)
    reindex()
    page = client.get(f"/fr/mise-a-jour/{token}").get_data(as_text=True)
    add = f"/fr/mise-a-jour/{token}/ajouter/phone/service/{sid}"
    assert add in unescape(page)
    form = client.get(add)
    assert form.status_code == 200 and "Nouveau numéro de téléphone" in form.get_data(as_text=True)
    data = form_values(form.get_data(as_text=True)) | {"number": ["(438) 555-0142"], "extension": ["12"],
                                                       "description_fr": ["Ligne des bénévoles"]}
    sent = client.post(add, data=data)
    assert sent.status_code == 303 and "done=added" in sent.location
    assert client.post(add, data=data).location.endswith("done=nothing#result")  # the same again: one proposal
    with session_scope(directory_url) as session:
        [proposal] = session.scalars(select(m.OutreachProposal)).all()
        assert (proposal.resource_type, proposal.field_name, proposal.status) == ("phone", "*", "pending")
        assert session.get(m.Phone, proposal.resource_id) is None  # not public before a curator accepts it
        pid, new_id = proposal.id, proposal.resource_id
    assert "(438) 555-0142" not in app.test_client().get(f"/fr/service/{sid}").get_data(as_text=True)
    assert "438 555-0142" not in _phones_in_search(engine, "alimentaire")
    # The organization sees it waiting on its page.
    assert re.search(r"Nouveau numéro de téléphone\s*:\s*438 555-0142 #12 \(en attente de vérification\)",
                     unescape(client.get(f"/fr/mise-a-jour/{token}").get_data(as_text=True)))

    curator = _curator(app)
    for lang, words in (("fr", ("Nouveau numéro de téléphone", "Ligne des bénévoles", "Poste")),
                        ("en", ("New phone number", "Ligne des bénévoles", "Extension"))):
        queue = unescape(curator.get("/fr/personnel/propositions" if lang == "fr" else "/en/staff/proposals")
                         .get_data(as_text=True))
        assert "438 555-0142" in queue and all(w in queue for w in words), (lang, words)
        assert 'lang="fr">Ligne des bénévoles' in queue
    assert _decide(curator, pid, "accept").status_code == 303

    public = app.test_client().get(f"/fr/service/{sid}").get_data(as_text=True)
    assert "(438) 555-0142</a>, poste 12" in public
    assert "438 555-0142" in _phones_in_search(engine, "alimentaire")  # the live index, no rebuild
    with session_scope(directory_url) as session:
        phone = session.get(m.Phone, new_id)
        assert (phone.service_id, phone.extension, phone.description_fr) == (sid, "12", "Ligne des bénévoles")
        rows = session.scalars(select(m.Metadata).where(m.Metadata.resource_id == new_id)).all()
        assert {r.last_action_type for r in rows} == {"create"}
        assert {r.updated_by for r in rows} == {"curator@211.example.org"}
        assert ("*", "created") in {(r.field_name, r.replacement_value) for r in rows}
        assert session.get(m.OutreachProposal, pid).status == "accepted"
        assert link_id  # the link that proposed it is the proposal's


@pytest.mark.both_databases
def test_removing_opening_hours_is_a_proposal_and_accepting_it_deletes_them_undoably(
        client, app, make_service, directory_url):
    sid = make_service()
    org = organization_of(directory_url, sid)
    ids = records_of(directory_url, org)
    _, token = make_link(app, org)
    ask = client.get(f"/en/update/{token}/remove/schedule/{ids['schedule']}")
    assert ask.status_code == 200 and "Opening hours to remove" in ask.get_data(as_text=True)
    response = client.post(f"/en/update/{token}/remove/schedule/{ids['schedule']}",
                           data={"csrf_token": csrf(ask.get_data(as_text=True))})
    assert response.status_code == 303 and "done=removed" in response.location
    with session_scope(directory_url) as session:
        assert session.get(m.Schedule, ids["schedule"]) is not None  # still there until a curator accepts
        pid = session.scalar(select(m.OutreachProposal.id).where(m.OutreachProposal.proposed_value == "deleted"))
    curator = _curator(app)
    queue = unescape(curator.get("/en/staff/proposals").get_data(as_text=True))
    assert "Opening hours to remove" in queue and "Removed (its values stay in the history)" in queue
    assert "Monday to Friday" in queue  # the row shown in full, in words
    _decide(curator, pid, "accept", lang="en")
    with session_scope(directory_url) as session:
        assert session.get(m.Schedule, ids["schedule"]) is None
        [star] = session.scalars(select(m.Metadata).where(m.Metadata.resource_id == ids["schedule"],
                                                          m.Metadata.field_name == "*")).all()
        assert (star.last_action_type, star.replacement_value) == ("delete", "deleted")
        # Nothing lost for good: the curator undoes the deletion from the service's history.
        curation.revert_change(session, star.id, by="curator@211.example.org")
    with session_scope(directory_url) as session:
        assert session.get(m.Schedule, ids["schedule"]).opens_at == "09:00"


def test_an_address_added_with_a_bad_postal_code_gets_the_staff_forms_error_summary(
        client, app, make_service, directory_url):
    sid = make_service()
    org = organization_of(directory_url, sid)
    ids = records_of(directory_url, org)
    _, token = make_link(app, org)
    curator = _curator(app)
    ours_path = f"/fr/mise-a-jour/{token}/ajouter/address/location/{ids['location']}"
    theirs_path = f"/fr/personnel/services/{sid}/lieux/{ids['location']}/adresses/nouvelle"
    bad = {"address_1": ["1 rue du Port"], "city": ["Québec"], "postal_code": ["Z9Z 9Z9"]}
    ours = client.post(ours_path, data=form_values(client.get(ours_path).get_data(as_text=True)) | bad)
    theirs = curator.post(theirs_path, data=form_values(curator.get(theirs_path).get_data(as_text=True)) | bad)
    assert ours.status_code == theirs.status_code == 400
    summary = re.compile(r'<div class="error-summary".*?</div>\s*</div>', re.S)
    assert summary.search(ours.get_data(as_text=True)).group(0) == \
        summary.search(theirs.get_data(as_text=True)).group(0)
    hours = f"/fr/mise-a-jour/{token}/ajouter/schedule/service/{sid}"
    refused = client.post(hours, data=form_values(client.get(hours).get_data(as_text=True))
                          | {"byday": ["MO"], "opens_at": ["17 h"], "closes_at": ["9 h"]})
    assert refused.status_code == 400
    assert "L'heure de fermeture doit suivre l'heure d'ouverture." in unescape(refused.get_data(as_text=True))
    with session_scope(directory_url) as session:
        assert session.scalar(select(func.count()).select_from(m.OutreachProposal)) == 0


def test_a_child_under_a_parent_it_cannot_have_or_of_another_organization_is_refused(
        client, app, make_service, directory_url):
    sid = make_service()
    org = organization_of(directory_url, sid)
    ids = records_of(directory_url, org)
    theirs = records_of(directory_url, organization_of(directory_url, make_service(name_fr="Autre")))
    _, token = make_link(app, org)
    form = csrf(client.get(f"/fr/mise-a-jour/{token}").get_data(as_text=True))
    before = counts(directory_url)
    for path in (f"/fr/mise-a-jour/{token}/ajouter/address/service/{sid}",  # an address belongs to a location
                 f"/fr/mise-a-jour/{token}/ajouter/schedule/organization/{org}",
                 f"/fr/mise-a-jour/{token}/ajouter/phone/service/{theirs['service']}",
                 f"/fr/mise-a-jour/{token}/retirer/phone/{theirs['phone']}",
                 f"/fr/mise-a-jour/{token}/retirer/address/{ids['phone']}"):  # a phone's id as an address
        assert client.get(path).status_code == 404, path
        assert client.post(path, data={"csrf_token": form, "number": "514 555-0100"}).status_code == 404, path
    assert client.get(f"/fr/mise-a-jour/{token}/retirer/service/{sid}").status_code == 404
    assert counts(directory_url) == before


def test_rejecting_an_addition_publishes_nothing_and_the_email_says_so(client, app, make_service, directory_url,
                                                                       smtp):
    sid = make_service()
    org = organization_of(directory_url, sid)
    ids = records_of(directory_url, org)
    _, token = make_link(app, org)
    add = f"/fr/mise-a-jour/{token}/ajouter/phone/location/{ids['location']}"
    client.post(add, data=form_values(client.get(add).get_data(as_text=True)) | {"number": ["819 555-0177"]})
    remove = f"/fr/mise-a-jour/{token}/retirer/phone/{ids['phone']}"
    client.post(remove, data={"csrf_token": csrf(client.get(remove).get_data(as_text=True))})
    with session_scope(directory_url) as session:
        added = session.scalar(select(m.OutreachProposal).where(m.OutreachProposal.proposed_value != "deleted"))
        removed = session.scalar(select(m.OutreachProposal).where(m.OutreachProposal.proposed_value == "deleted"))
        added_id, removed_id, phones = added.id, removed.id, session.scalar(select(func.count()).select_from(m.Phone))
    curator = _curator(app)
    _decide(curator, added_id, "reject", note="Numéro inconnu")
    _decide(curator, removed_id, "reject")
    with session_scope(directory_url) as session:
        assert session.scalar(select(func.count()).select_from(m.Phone)) == phones
        assert session.get(m.Phone, ids["phone"]) is not None
    bodies = [mail.get_content() for mail in smtp.received.to("info@entraide.example.org")]
    assert len(bodies) == 2  # one message per submission
    text = "\n".join(bodies)
    assert "Nouveau numéro de téléphone : 819 555-0177 : non publié (Numéro inconnu)" in text
    assert "New phone number: 819 555-0177: not published" in text
    assert "Phone number to remove: " in text and ": kept" in text


def test_html_in_an_added_record_is_stored_as_text_and_shown_escaped(client, app, make_service, directory_url):
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    attack = '<script>alert("x")</script>'
    add = f"/fr/mise-a-jour/{token}/ajouter/phone/organization/{org}"
    client.post(add, data=form_values(client.get(add).get_data(as_text=True))
                | {"number": ["514 555-0190"], "description_fr": [attack]})
    with session_scope(directory_url) as session:
        assert children.values(session.scalar(select(m.OutreachProposal)))["description_fr"] == attack  # as typed
    queue = _curator(app).get("/fr/personnel/propositions").get_data(as_text=True)
    assert attack not in queue and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in queue


def test_additions_count_against_the_links_cap_of_waiting_proposals(client, app, make_service, directory_url,
                                                                     monkeypatch):
    from directory.outreach import proposals

    monkeypatch.setattr(proposals, "MAX_PENDING_PER_LINK", 1)
    sid = make_service()
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    add = f"/fr/mise-a-jour/{token}/ajouter/phone/service/{sid}"
    data = form_values(client.get(add).get_data(as_text=True))
    assert client.post(add, data=data | {"number": ["514 555-0101"]}).status_code == 303
    refused = client.post(add, data=data | {"number": ["514 555-0102"]})
    assert refused.status_code == 429 and "Too many requests" in refused.get_data(as_text=True)
    with session_scope(directory_url) as session:
        assert session.scalar(select(func.count()).select_from(m.OutreachProposal)) == 1


@pytest.mark.both_databases
def test_accepted_address_and_opening_hours_are_created_like_a_curators(client, app, make_service, directory_url,
                                                                        reindex):
    sid = make_service()
    org = organization_of(directory_url, sid)
    ids = records_of(directory_url, org)
    _, token = make_link(app, org)
    reindex()
    address = f"/en/update/{token}/add/address/location/{ids['location']}"
    assert client.post(address, data=form_values(client.get(address).get_data(as_text=True))
                       | {"address_1": ["55, rue Saint-Joseph Est"], "city": ["Québec"],
                          "postal_code": ["g1k3a6"]}).status_code == 303
    hours = f"/en/update/{token}/add/schedule/service/{sid}"
    assert client.post(hours, data=form_values(client.get(hours).get_data(as_text=True))
                       | {"byday": ["SA", "SU"], "opens_at": ["10 h"], "closes_at": ["14 h 30"],
                          "notes_en": ["Weekend brunch"]}).status_code == 303
    with session_scope(directory_url) as session:
        pending = {p.resource_type: (p.id, p.resource_id) for p in session.scalars(select(m.OutreachProposal))}
    curator = _curator(app)
    queue = unescape(curator.get("/en/staff/proposals").get_data(as_text=True))
    assert "New address" in queue and "G1K 3A6" in queue  # normalized by the staff form
    assert "New opening hours" in queue and "Saturday, Sunday" in queue and 'lang="en">Weekend brunch' in queue
    for pid, _ in pending.values():
        assert _decide(curator, pid, "accept", lang="en").status_code == 303
    with session_scope(directory_url) as session:
        created = session.get(m.Address, pending["address"][1])
        assert (created.location_id, created.postal_code, created.state_province) == (ids["location"], "G1K 3A6", "QC")
        schedule = session.get(m.Schedule, pending["schedule"][1])
        assert (schedule.service_id, schedule.byday, schedule.opens_at, schedule.closes_at, schedule.freq) == \
            (sid, "SA,SU", "10:00", "14:30", "WEEKLY")
        assert schedule.notes_en == "Weekend brunch"
    public = unescape(app.test_client().get(f"/en/service/{sid}").get_data(as_text=True))
    assert "Weekend brunch" in public  # (a second physical address: the page shows the first)
