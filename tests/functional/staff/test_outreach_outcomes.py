"""The outcome e-mail (what curators decided about an organization's proposals) is recorded per
submission and sent again later when it failed: by `flask --app portal outreach remind` (daily)
and `outreach retry`, a bounded number of attempts, never twice, never stopping the run. Against a
real SMTP server (tests/smtp_server.py) that is down, then refuses for now (451), then accepts."""

from __future__ import annotations

import re
from html import unescape

import pytest
from outreach_helpers import csrf, make_link, organization_of
from sqlalchemy import select
from staff_helpers import form_values, sign_in

from directory import models as m
from directory.db import session_scope
from tests.smtp_server import SMTPServer, free_port

ORG_MAIL = "info@entraide.example.org"


@pytest.fixture
def mail_port(app, reindex):
    """A loopback port where no SMTP server listens yet (connections are refused)."""
    port = free_port()
    app.config.update({"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False,
                       "MAIL_DEFAULT_SENDER": "Portail 211 <noreply@211.example.org>"})
    reindex()  # the accepted changes reach the live index
    return port


def _propose_and_accept(app, directory_url, sid: str, value: str) -> tuple[str, str]:
    """An organization proposes one field through its link, a curator accepts it: (submission id,
    the page the curator lands on)."""
    org = organization_of(directory_url, sid)
    _, token = make_link(app, org)
    visitor = app.test_client()
    edit = f"/fr/mise-a-jour/{token}/modifier/service/{sid}"
    assert visitor.post(edit, data=form_values(visitor.get(edit).get_data(as_text=True))
                        | {"alert_fr": [value]}).status_code == 303
    with session_scope(directory_url) as session:
        proposal = session.scalar(select(m.OutreachProposal).where(m.OutreachProposal.proposed_value == value))
        pid, submission = proposal.id, proposal.submission_id
    curator = app.test_client()
    sign_in(curator, "curator")
    queue = curator.get("/fr/personnel/propositions").get_data(as_text=True)
    landed = curator.post(f"/fr/personnel/propositions/{pid}", data={"csrf_token": csrf(queue), "decision": "accept"},
                          follow_redirects=True)
    return submission, unescape(landed.get_data(as_text=True))


def _outcome(directory_url, submission: str) -> tuple[str, int]:
    with session_scope(directory_url) as session:
        row = session.scalar(select(m.OutreachOutcome).where(m.OutreachOutcome.submission_id == submission))
        return row.status, row.attempts


def _run(app, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["outreach", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_failed_outcome_email_is_sent_by_the_next_runs_once_the_server_answers(app, make_service, directory_url,
                                                                                  mail_port):
    sid = make_service()
    submission, landed = _propose_and_accept(app, directory_url, sid, "Fermé le 24 décembre")
    assert "Publié." in landed and "sera renvoyé avec l'envoi quotidien des rappels" in landed
    assert _outcome(directory_url, submission) == ("failed", 1)
    # The server still down: the run records a second attempt and carries on.
    assert "failed 1 (retried later)" in _run(app, "retry")
    assert _outcome(directory_url, submission) == ("failed", 2)
    assert "1 waiting to be sent again" in _run(app, "retry", "--dry-run")
    assert _outcome(directory_url, submission) == ("failed", 2)  # a dry run sends and records nothing

    with SMTPServer(port=mail_port) as smtp:
        output = _run(app, "remind")  # the daily run: reminders, then what failed before
        assert "outcome e-mails: sent 1," in output
        assert _outcome(directory_url, submission) == ("sent", 3)
        [message] = smtp.received.to(ORG_MAIL)
        body = message.get_content()
        assert "Bonjour" in body and "Hello" in body
        assert re.search(r"Alerte \(français\) : publié", body) and "Alert (French): published" in body
        # Idempotent: later runs send nothing more.
        assert "sent 0," in _run(app, "retry") and "sent 0," in _run(app, "remind").splitlines()[-1]
        assert len(smtp.received.to(ORG_MAIL)) == 1
    with session_scope(directory_url) as session:
        assert all(p.notified_at is not None for p in session.scalars(
            select(m.OutreachProposal).where(m.OutreachProposal.submission_id == submission)))


def test_attempts_are_bounded_then_the_queue_lists_it_and_bounces_are_not_retried(app, make_service, directory_url,
                                                                                   mail_port):
    app.config["OUTREACH_OUTCOME_ATTEMPTS"] = 2
    with SMTPServer(port=mail_port) as smtp:
        smtp.refuse_next(2)  # 451 twice: a busy server
        busy_service = make_service()
        busy, _ = _propose_and_accept(app, directory_url, busy_service, "Avis temporaire")
        assert _outcome(directory_url, busy) == ("failed", 1)
        bouncing_service = make_service(name_fr="Service au courriel refusé")
        with session_scope(directory_url) as session:
            org = session.get(m.Organization, session.get(m.Service, bouncing_service).organization_id)
            org.email = "bounce@nowhere.example.org"
        bounced, landed = _propose_and_accept(app, directory_url, bouncing_service, "Avis refusé")
        assert "a refusé le courriel" in landed
        assert _outcome(directory_url, bounced) == ("bounced", 1)

        output = _run(app, "retry")  # the second 451: the last attempt allowed
        assert "given up 1" in output and "sent 0" in output
        assert _outcome(directory_url, busy) == ("given_up", 2)
        assert _outcome(directory_url, bounced) == ("bounced", 1)  # final: not tried again
        assert "sent 0, failed 0" in _run(app, "retry")  # the server accepts now, but nothing is due
        assert smtp.received.messages == []

    curator = app.test_client()
    sign_in(curator, "curator")
    queue = curator.get("/fr/personnel/propositions").get_data(as_text=True)
    section = queue.split("Courriels de décision non remis", 1)[1].split("Sans réponse", 1)[0]
    assert "non envoyé après 2 tentatives" in section
    assert "refusé par le serveur du destinataire (bounce@nowhere.example.org)" in section
    english = curator.get("/en/staff/proposals").get_data(as_text=True)
    assert "Outcome e-mails not delivered" in english and "not sent after 2 attempts" in english


def test_an_organization_without_an_address_is_recorded_and_flagged(app, make_service, directory_url, mail_port):
    sid = make_service()
    with session_scope(directory_url) as session:
        service = session.get(m.Service, sid)
        service.email = None
        service.organization.email = None
        for contact in session.scalars(select(m.Contact).where(m.Contact.organization_id == service.organization_id)):
            contact.email = None
    submission, landed = _propose_and_accept(app, directory_url, sid, "Avis sans adresse")
    assert "n'a pas d'adresse courriel" in landed
    assert _outcome(directory_url, submission) == ("no_address", 1)
    assert "sent 0, failed 0" in _run(app, "retry")
