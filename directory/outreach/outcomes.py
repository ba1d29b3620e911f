"""The outcome e-mail: once every field of a submission is decided, the organization is told what
was published. One `OutreachOutcome` row per submission, written with the last decision, records
each attempt, so a message the SMTP server did not take is sent again later:

* right away by the curator's decision (`portal/staff/outreach.py`), then by `retry`, which the
  daily `flask --app portal outreach remind` runs after its reminders (and `outreach retry` alone);
* 'failed' (connection refused, timeout, 4xx) is retried, up to `MAX_ATTEMPTS` attempts in all,
  then 'given_up'; 'bounced' (5xx) and 'no_address' are final: the curators' queue lists them;
* 'sent' is never sent again: a rerun sends nothing twice. Every outcome is recorded, and no
  refusal stops a run.

No Flask here: the caller composes the message (`Compose`) and owns the SMTP connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Organization, OutreachOutcome, OutreachProposal
from directory.outreach.mail import Mailer, SendError

MAX_ATTEMPTS = 5
RETRIED = ("pending", "failed")
FINAL_FAILURES = ("bounced", "no_address", "given_up")

# (organization, the submission's decided rows) -> (recipient or None, subject, body)
Compose = Callable[[Organization, list[OutreachProposal]], tuple[str | None, str, str]]


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def settle(session: Session, rows: list[OutreachProposal], *, when: dt.datetime | None = None) -> OutreachOutcome:
    """The outcome row of a submission whose fields are all decided (made once, then found)."""
    submission_id = rows[0].submission_id
    found = session.scalar(select(OutreachOutcome).where(OutreachOutcome.submission_id == submission_id))
    if found is not None:
        return found
    outcome = OutreachOutcome(submission_id=submission_id, organization_id=rows[0].organization_id,
                              status="pending", attempts=0, created_at=when or now_utc())
    session.add(outcome)
    session.flush()
    return outcome


def decided_rows(session: Session, outcome: OutreachOutcome) -> list[OutreachProposal]:
    return list(session.scalars(select(OutreachProposal).where(
        OutreachProposal.submission_id == outcome.submission_id)
        .order_by(OutreachProposal.resource_type, OutreachProposal.field_name, OutreachProposal.id)))


def attempt(session: Session, outcome: OutreachOutcome, compose: Compose, mailer: Mailer, *,
            max_attempts: int = MAX_ATTEMPTS, when: dt.datetime | None = None) -> str:
    """Try to send one outcome message now; record and return what happened. A message already
    sent, or finally refused, is left alone (its status is returned)."""
    if outcome.status not in RETRIED:
        return outcome.status
    when = when or now_utc()
    rows = decided_rows(session, outcome)
    organization = session.get(Organization, outcome.organization_id)
    if organization is None or not rows:
        outcome.status, outcome.error = "given_up", "organization or proposals gone"
        session.flush()
        return outcome.status
    to, subject, body = compose(organization, rows)
    outcome.attempts += 1
    outcome.last_attempt_at = when
    outcome.recipient = to
    if to is None:
        outcome.status, outcome.error = "no_address", None
    else:
        try:
            mailer.send(to, subject, body)
        except SendError as error:
            outcome.error = str(error)[:1000]
            outcome.status = error.kind if error.kind == "bounced" else (
                "given_up" if outcome.attempts >= max_attempts else "failed")
        else:
            outcome.status, outcome.error, outcome.sent_at = "sent", None, when
            for row in rows:
                row.notified_at = when
    session.flush()
    return outcome.status


@dataclass
class RetryReport:
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    no_address: int = 0
    given_up: int = 0
    waiting: int = 0  # a dry run's count of the messages it would try
    dry_run: bool = False

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def line(self) -> str:
        if self.dry_run or self.waiting:
            return f"outcome e-mails: {self.waiting} waiting to be sent again"
        return (f"outcome e-mails: sent {self.sent}, failed {self.failed} (retried later), bounced {self.bounced}, "
                f"no address {self.no_address}, given up {self.given_up}")


def waiting(session: Session) -> list[OutreachOutcome]:
    """Outcome messages still to send (never sent, or failed and not given up), oldest first."""
    return list(session.scalars(select(OutreachOutcome).where(OutreachOutcome.status.in_(RETRIED))
                                .order_by(OutreachOutcome.created_at, OutreachOutcome.id)))


def retry(session: Session, compose: Compose, mailer: Mailer | None, *, max_attempts: int = MAX_ATTEMPTS,
          dry_run: bool = False, when: dt.datetime | None = None) -> RetryReport:
    """Send every waiting outcome message once more, committing after each (a crash half-way loses
    no record of what went out). A dry run (or no mailer) counts them and sends nothing."""
    report = RetryReport(dry_run=dry_run or mailer is None)
    for outcome in waiting(session):
        if dry_run or mailer is None:
            report.count("waiting")
            continue
        report.count(attempt(session, outcome, compose, mailer, max_attempts=max_attempts, when=when))
        session.commit()
    return report


def undelivered(session: Session, *, limit: int = 50) -> list[OutreachOutcome]:
    """Outcome messages that will not arrive by themselves (bounced, no address, given up): the
    curators tell those organizations another way."""
    return list(session.scalars(select(OutreachOutcome).where(OutreachOutcome.status.in_(FINAL_FAILURES))
                                .order_by(OutreachOutcome.last_attempt_at.desc(), OutreachOutcome.id).limit(limit)))
