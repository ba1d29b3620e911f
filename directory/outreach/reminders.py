"""Reminders by e-mail: each organization whose services fall due for their yearly review within
`due_within` days (or are overdue) gets one bilingual message with a fresh update link.

Rules (docs/outreach.md):
* at most one reminder per organization per `MIN_GAP` (14 days), a bounce or a missing address
  included;
* after `MAX_UNANSWERED` (2) reminders without an answer (a confirmation or a proposal), none
  more: the organization is listed in the curators' queue as "no answer" (`no_answer`);
* idempotent per day: one `OutreachReminder` row per organization and day. A rerun the same day
  skips what was sent, bounced or had no address, and retries what failed;
* a refusal or a failure is recorded on the row and the run goes on; a dry run writes and sends
  nothing and reports what it would do.

No Flask here: the caller writes the message (`compose`: translated by the portal, from the
organization, what is due, the link's token and its last day).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from directory.curation import REVIEW_INTERVAL
from directory.models import Contact, Organization, OutreachLink, OutreachReminder, Service, new_id
from directory.outreach.links import DEFAULT_DAYS, sign
from directory.outreach.mail import Mailer, SendError

MIN_GAP = dt.timedelta(days=14)
MAX_UNANSWERED = 2
DUE_STATUSES = ("active", "temporarily closed")
BATCH = 500  # rows committed together


@dataclass(frozen=True)
class Due:
    organization_id: str
    services: int  # services due or overdue
    oldest: dt.date | None  # oldest verification among them (None: one was never verified)


@dataclass
class Report:
    due: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return f"{self.due} organizations due; {parts or 'nothing to do'}"


Compose = Callable[[Organization, Due, str, dt.date], tuple[str, str]]


def due_organizations(session: Session, *, today: dt.date, due_within: int) -> list[Due]:
    """Organizations with at least one active service due for review within `due_within` days."""
    cutoff = today - REVIEW_INTERVAL + dt.timedelta(days=due_within)
    never = func.sum(case((Service.verified_on.is_(None), 1), else_=0))
    rows = session.execute(
        select(Service.organization_id, func.count(), func.min(Service.verified_on), never)
        .where(Service.status.in_(DUE_STATUSES), Service.verified_on.is_(None) | (Service.verified_on <= cutoff))
        .group_by(Service.organization_id).order_by(Service.organization_id)).all()
    return [Due(org, count, None if nulls else oldest) for org, count, oldest, nulls in rows]


def _emails(session: Session, ids: list[str]) -> dict[str, str]:
    """organization id -> where its reminder goes (`records.contact_email`'s order, in bulk)."""
    found: dict[str, str] = {}
    # Later sources win: services' (first by id), then contacts', then the organization's own.
    for org_id, email in [*session.execute(select(Service.organization_id, Service.email)
                                           .where(Service.email.is_not(None), Service.status != "defunct")
                                           .order_by(Service.organization_id, Service.id.desc())),
                          *session.execute(select(Contact.organization_id, Contact.email)
                                           .where(Contact.organization_id.is_not(None), Contact.email.is_not(None))
                                           .order_by(Contact.organization_id, Contact.id.desc())),
                          *session.execute(select(Organization.id, Organization.email)
                                           .where(Organization.email.is_not(None)))]:
        if org_id and email:
            found[org_id] = email
    wanted = set(ids)
    return {k: v for k, v in found.items() if k in wanted}


def _history(session: Session) -> dict[str, list[OutreachReminder]]:
    by_org: dict[str, list[OutreachReminder]] = {}
    for row in session.scalars(select(OutreachReminder).order_by(OutreachReminder.sent_at)):
        by_org.setdefault(row.organization_id, []).append(row)
    return by_org


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def skip_reason(rows: list[OutreachReminder], today: dt.date) -> str | None:
    """Why an organization gets no reminder today (None: it gets one). `rows`: its reminders, oldest first."""
    todays = [r for r in rows if r.sent_on == today]
    if todays and todays[0].status != "failed":
        return "already_today"
    # The gap counts from any attempt that got an answer (sent, bounced, no address): a bad address
    # is not retried daily. A failure (server down) is retried at the next run.
    tried = [r for r in rows if r.status != "failed" and r.sent_on != today]
    if tried and today - tried[-1].sent_on < MIN_GAP:
        return "recent"
    if len(unanswered(rows)) >= MAX_UNANSWERED:
        return "no_answer"
    return None


def unanswered(rows: list[OutreachReminder]) -> list[OutreachReminder]:
    """The reminders sent since the organization last answered."""
    found: list[OutreachReminder] = []
    for r in rows:
        if r.status != "sent":
            continue
        if r.answered_at is not None:
            found = []
        else:
            found.append(r)
    return found


def run(session: Session, *, today: dt.date, due_within: int, secret: str, compose: Compose,
        mailer: Mailer | None, dry_run: bool = False,
        now: Callable[[], dt.datetime] | None = None, progress: Callable[[int], None] | None = None) -> Report:
    """One reminder run. `mailer` may be None only for a dry run."""
    clock = now or (lambda: dt.datetime.now(dt.UTC))
    due = due_organizations(session, today=today, due_within=due_within)
    report = Report(due=len(due))
    history = _history(session)
    emails = _emails(session, [d.organization_id for d in due])
    organizations = {o.id: o for o in session.scalars(select(Organization).where(
        Organization.id.in_([d.organization_id for d in due])))} if due else {}
    pending = 0
    for number, item in enumerate(due, 1):
        rows = history.get(item.organization_id, [])
        reason = skip_reason(rows, today)
        if reason:
            report.counts[f"skipped_{reason}"] += 1
            continue
        to = emails.get(item.organization_id)
        if dry_run:
            report.counts["would_send" if to else "no_address"] += 1
            continue
        todays = [r for r in rows if r.sent_on == today]
        row = todays[0] if todays else OutreachReminder(organization_id=item.organization_id, sent_on=today)
        if not todays:
            session.add(row)
        # "failed" until the server accepts the message: a run that dies here retries it.
        row.sent_at, row.recipient, row.status, row.error = clock(), to, "failed", None
        if to is None:
            row.status = "no_address"
        else:
            when = clock()
            # The id is made here, not by a flush: one INSERT per batch, not a round trip per organization.
            link = OutreachLink(id=new_id(), organization_id=item.organization_id, purpose="update", created_at=when,
                                expires_at=when + dt.timedelta(days=DEFAULT_DAYS), created_by="reminder")
            session.add(link)
            row.link_id = link.id
            subject, body = compose(organizations[item.organization_id], item, sign(link, secret=secret),
                                    link.expires_at.date())
            assert mailer is not None
            try:
                mailer.send(to, subject, body)
                row.status = "sent"
            except SendError as error:
                row.status, row.error = error.kind, str(error)[:1000]
        report.counts[row.status] += 1
        pending += 1
        if pending >= BATCH:
            session.commit()  # a crash later keeps what was sent recorded (the rerun skips it)
            pending = 0
        if progress:
            progress(number)
    if not dry_run:
        session.commit()
    return report


def no_answer(session: Session) -> list[tuple[Organization, list[OutreachReminder]]]:
    """Organizations sent `MAX_UNANSWERED` reminders without an answer: the curators' to call."""
    found = []
    for org_id, rows in _history(session).items():
        waiting = unanswered(rows)
        if len(waiting) >= MAX_UNANSWERED:
            organization = session.get(Organization, org_id)
            if organization is not None:
                found.append((organization, waiting))
    return sorted(found, key=lambda item: (item[1][0].sent_on, item[0].name_fr))
