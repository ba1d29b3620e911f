"""Reminders by e-mail, read from a real SMTP server (aiosmtpd on loopback): who is due, one
bilingual message with a working link, once per day (reruns are safe), never twice in 14 days, two
unanswered reminders then "no answer" in the curators' queue, bounces and failures recorded
without stopping the run, and the dry run that sends and writes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from outreach_helpers import csrf, organization_of
from sqlalchemy import select
from staff_helpers import sign_in

from directory import models as m
from directory.db import session_scope
from directory.outreach import mail as smtp_client
from directory.outreach import reminders
from portal import mail
from tests.smtp_server import SMTPServer, free_port

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(server.config())
        yield server


def _service(make_service, directory_url, verified_on, *, email="info@entraide.example.org", **kwargs) -> str:
    sid = make_service(**kwargs)
    with session_scope(directory_url) as session:
        service = session.get(m.Service, sid)
        service.verified_on = verified_on
        session.get(m.Organization, service.organization_id).email = email
    return sid


def _run(app, day: dt.date, *, due_within: int = 30, dry_run: bool = False, mailer=None) -> reminders.Report:
    with app.app_context(), session_scope(app.config["DATABASE_URL"]) as session:
        def compose(organization, due, token, expires):
            urls = {lang: mail.public_url("outreach.update", token=token, lang=lang) for lang in ("fr", "en")}
            return mail.reminder(organization, due.services, urls, expires)

        own = mailer or (None if dry_run else mail.mailer())
        try:
            return reminders.run(session, today=day, due_within=due_within, secret=app.config["SECRET_KEY"],
                                 compose=compose, mailer=own, dry_run=dry_run)
        finally:
            if own is not None:
                own.close()


def test_due_overdue_and_fresh_organizations(app, make_service, directory_url, smtp):
    _service(make_service, directory_url, TODAY - dt.timedelta(days=500), email="overdue@example.org")
    _service(make_service, directory_url, TODAY - dt.timedelta(days=350), email="soon@example.org")
    _service(make_service, directory_url, TODAY - dt.timedelta(days=100), email="fresh@example.org")
    _service(make_service, directory_url, None, email="never@example.org")
    _service(make_service, directory_url, TODAY - dt.timedelta(days=500), email="ended@example.org", status="defunct")
    report = _run(app, TODAY)
    assert report.due == 3 and report.counts == {"sent": 3}
    assert sorted(msg["To"] for msg in smtp.received.messages) == [
        "never@example.org", "overdue@example.org", "soon@example.org"]
    assert _run(app, TODAY + dt.timedelta(days=10), due_within=5).counts == {"skipped_recent": 3}


def test_the_message_is_bilingual_and_its_link_opens_the_organizations_page(app, make_service, directory_url,
                                                                               smtp):
    sid = _service(make_service, directory_url, TODAY - dt.timedelta(days=400))
    _run(app, TODAY)
    [message] = smtp.received.to("info@entraide.example.org")
    assert message["Subject"] == ("Portail 211 : votre fiche est-elle toujours exacte? / "
                                  "Portail 211: is your listing still accurate?")
    body = message.get_content()
    assert "Bonjour" in body and "Hello" in body and "Banque alimentaire" not in body
    fr, en = re.findall(r"http://localhost:5000(/\S+)", body)
    assert fr.startswith("/fr/mise-a-jour/") and en.startswith("/en/update/")
    page = app.test_client().get(en)
    assert page.status_code == 200 and "Food bank" in page.get_data(as_text=True)
    with session_scope(directory_url) as session:
        row = session.scalar(select(m.OutreachReminder))
        assert row.status == "sent" and row.link_id and row.organization_id == organization_of(directory_url, sid)


def test_a_rerun_the_same_day_sends_nothing_more(app, make_service, directory_url, smtp):
    _service(make_service, directory_url, TODAY - dt.timedelta(days=400))
    assert _run(app, TODAY).counts == {"sent": 1}
    assert _run(app, TODAY).counts == {"skipped_already_today": 1}
    assert len(smtp.received.messages) == 1


def test_two_unanswered_reminders_then_no_answer_in_the_curators_queue(app, make_service, directory_url, smtp):
    sid = _service(make_service, directory_url, TODAY - dt.timedelta(days=400))
    assert _run(app, TODAY).counts == {"sent": 1}
    assert _run(app, TODAY + dt.timedelta(days=13)).counts == {"skipped_recent": 1}
    assert _run(app, TODAY + dt.timedelta(days=14)).counts == {"sent": 1}
    assert _run(app, TODAY + dt.timedelta(days=40)).counts == {"skipped_no_answer": 1}
    assert len(smtp.received.messages) == 2
    curator = app.test_client()
    sign_in(curator, "curator")
    queue = curator.get("/fr/personnel/propositions").get_data(as_text=True)
    no_answer = queue.split("Sans réponse", 1)[1]
    assert "Organisme" in no_answer

    # The organization answers through its latest link: reminders resume at the next due date.
    body = smtp.received.messages[-1].get_content()
    path = re.search(r"http://localhost:5000(/fr/\S+)", body).group(1)
    client = app.test_client()
    html = client.get(path).get_data(as_text=True)
    client.post(path + "/confirmer", data={"csrf_token": csrf(html), "scope": "all"})
    with session_scope(directory_url) as session:
        assert all(r.answered_at for r in session.scalars(select(m.OutreachReminder)))
        assert session.get(m.Service, sid).verified_on is not None
    assert "Organisme" not in curator.get("/fr/personnel/propositions").get_data(as_text=True).split(
        "Sans réponse", 1)[1]
    health = curator.get("/fr/personnel/fraicheur").get_data(as_text=True)
    assert "(2 réponses)" in health


def test_bounces_and_failures_are_recorded_and_the_run_goes_on(app, make_service, directory_url, smtp):
    _service(make_service, directory_url, TODAY - dt.timedelta(days=400), email="bounce@example.org")
    _service(make_service, directory_url, TODAY - dt.timedelta(days=400), email="ok@example.org")
    _service(make_service, directory_url, TODAY - dt.timedelta(days=400), email=None)
    with session_scope(directory_url) as session:  # the third organization: no address anywhere
        for service in session.scalars(select(m.Service)):
            if service.organization.email is None:
                service.email = None
    report = _run(app, TODAY)
    assert report.counts == {"bounced": 1, "sent": 1, "no_address": 1}
    assert [msg["To"] for msg in smtp.received.messages] == ["ok@example.org"]
    with session_scope(directory_url) as session:
        bounced = session.scalar(select(m.OutreachReminder).where(m.OutreachReminder.status == "bounced"))
        assert "550" in bounced.error and bounced.recipient == "bounce@example.org"

    assert _run(app, TODAY + dt.timedelta(days=10)).counts == {"skipped_recent": 3}  # bounces wait too

    # No server at all: every send fails, is recorded, and the next run the same day retries it.
    app.config["MAIL_PORT"] = free_port()
    later = TODAY + dt.timedelta(days=20)
    assert _run(app, later).counts == {"failed": 2, "no_address": 1}
    with session_scope(directory_url) as session:
        failed = session.scalars(select(m.OutreachReminder).where(m.OutreachReminder.status == "failed")).all()
        assert len(failed) == 2 and all("ConnectionRefusedError" in r.error for r in failed)
    app.config.update(smtp.config())
    assert _run(app, later).counts == {"sent": 1, "bounced": 1, "skipped_already_today": 1}
    assert [msg["To"] for msg in smtp.received.messages] == ["ok@example.org", "ok@example.org"]


def test_a_dry_run_sends_and_writes_nothing(app, make_service, directory_url, smtp):
    _service(make_service, directory_url, TODAY - dt.timedelta(days=400))
    result = app.test_cli_runner().invoke(args=["outreach", "remind", "--dry-run", "--due-within", "10"])
    assert result.exit_code == 0 and "would_send 1" in result.output
    assert smtp.received.messages == []
    with session_scope(directory_url) as session:
        assert session.scalars(select(m.OutreachReminder)).all() == []
        assert session.scalars(select(m.OutreachLink)).all() == []
    result = app.test_cli_runner().invoke(args=["outreach", "remind"])
    assert result.exit_code == 0 and "sent 1" in result.output
    assert len(smtp.received.messages) == 1


def test_the_smtp_client_logs_in_and_reports_a_refused_login(smtp):
    # aiosmtpd offers no AUTH without TLS here: a configured login fails, and says so, without raising.
    settings = smtp_client.MailSettings(server="127.0.0.1", port=smtp.port, username="u", password="p")
    with smtp_client.Mailer(settings) as mailer, pytest.raises(smtp_client.SendError) as error:
        mailer.send("x@example.org", "s", "b")
    assert error.value.kind == "failed"
