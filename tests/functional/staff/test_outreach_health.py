"""The freshness loop's health page (issue 18, item 5) with known figures: how fast organizations
answer reminders (median), proposals waiting and their age, outcome e-mails still to send."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from outreach_helpers import make_link, organization_of
from staff_helpers import sign_in

from directory import models as m
from directory.db import session_scope


def test_the_health_page_shows_answer_times_waiting_proposals_and_outcome_emails(app, make_service, directory_url):
    now = dt.datetime.now(dt.UTC)
    orgs = [organization_of(directory_url, make_service(name_fr=f"Service {n}")) for n in range(3)]
    link_id, _ = make_link(app, orgs[0])
    with session_scope(directory_url) as session:
        # Answers 2, 4 and 9 days after the reminder: median 4; one reminder not answered (not counted).
        for n, (org, days) in enumerate(zip(orgs, (2, 4, 9), strict=True)):
            sent = now - dt.timedelta(days=30 + n)
            session.add(m.OutreachReminder(organization_id=org, sent_on=sent.date(), sent_at=sent, status="sent",
                                           answered_at=sent + dt.timedelta(days=days)))
        session.add(m.OutreachReminder(organization_id=orgs[0], sent_on=now.date(), sent_at=now, status="sent"))
        # Proposals waiting for 1, 3 and 8 days (median 3, oldest 8); a decided one is not counted.
        for n, (days, status) in enumerate(((1, "pending"), (3, "pending"), (8, "pending"), (20, "accepted"))):
            session.add(m.OutreachProposal(submission_id=f"s{n}", link_id=link_id, organization_id=orgs[0],
                                           resource_type="organization", resource_id=orgs[0],
                                           field_name="website", previous_value="", proposed_value=f"https://{n}.ca",
                                           status=status, created_at=now - dt.timedelta(days=days, hours=1)))
        for n, status in enumerate(("failed", "pending", "bounced", "given_up", "sent")):
            session.add(m.OutreachOutcome(submission_id=f"o{n}", organization_id=orgs[0], status=status, attempts=1))
    curator = app.test_client()
    sign_in(curator, "analyst")
    html = unescape(curator.get("/en/staff/freshness").get_data(as_text=True))
    assert re.search(r"4 days\s*\(3 answers\)", html), html
    assert re.search(r"3:\s*oldest 8 days, median 3 days", html)
    assert "2 waiting to be sent again, 2 not delivered" in html
    french = unescape(curator.get("/fr/personnel/fraicheur").get_data(as_text=True))
    assert re.search(r"4 jours\s*\(3 réponses\)", french)
