"""The outcome e-mail of a submission (`directory.outreach.outcomes`): composed in French then
English from its decided rows, sent once the last field is decided (`tell`, from the queue), and
sent again by `retry` (from `flask --app portal outreach remind`, daily, or `outreach retry`)
while it has not gone out, at most OUTREACH_OUTCOME_ATTEMPTS attempts."""

from __future__ import annotations

from flask import current_app
from sqlalchemy.orm import Session

from directory.models import Organization, OutreachProposal
from directory.outreach import children, outcomes, proposals, records
from directory.outreach.mail import Mailer
from portal import mail
from portal.staff import display
from portal.staff.outreach_rows import mail_label


def label(row: OutreachProposal) -> object:
    """A decided row's name in the message, evaluated in each language the message is written in."""
    if children.action(row) is not None:
        return mail_label(row)
    return display.field_label(row.resource_type, row.field_name)


def composer(session: Session) -> outcomes.Compose:
    def compose(organization: Organization, rows: list[OutreachProposal]) -> tuple[str | None, str, str]:
        subject, body = mail.outcome(organization, rows, label, None)
        return records.contact_email(session, organization), subject, body

    return compose


def attempts() -> int:
    return int(current_app.config["OUTREACH_OUTCOME_ATTEMPTS"])


def tell(session: Session, submission_id: str) -> str | None:
    """Send the outcome of a submission whose last field was just decided; what happened ('sent',
    'failed': retried later, 'bounced', 'no_address'), or None when fields are still waiting. The
    outcome row is committed before the attempt: whatever happens to the send, it is retried."""
    rows = proposals.submission_settled(session, submission_id)
    if not rows:
        return None
    outcome = outcomes.settle(session, rows)
    session.commit()
    with mail.mailer() as mailer:
        status = outcomes.attempt(session, outcome, composer(session), mailer, max_attempts=attempts())
    session.commit()
    return status


def retry(session: Session, mailer: Mailer | None, *, dry_run: bool = False) -> outcomes.RetryReport:
    return outcomes.retry(session, composer(session), mailer, max_attempts=attempts(), dry_run=dry_run)
