"""The freshness loop's health, for the staff area: how much of the directory was verified within
12 months, what is overdue by region and by category, how fast organizations answer a reminder,
and what waits for a curator."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from directory.curation import REVIEW_INTERVAL
from directory.models import (
    Attribute,
    Location,
    OutreachOutcome,
    OutreachProposal,
    OutreachReminder,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.outreach.outcomes import FINAL_FAILURES, RETRIED
from directory.outreach.reminders import DUE_STATUSES


@dataclass(frozen=True)
class Health:
    services: int  # active (or temporarily closed) services
    verified_recently: int  # of them, verified within 12 months
    overdue_by_region: list[tuple[str | None, int]]  # region code (None: no location), overdue services
    overdue_by_category: list[tuple[str, int]]  # top-level taxonomy code, overdue services
    median_days_to_answer: float | None  # reminder sent -> first answer
    answered: int  # reminders answered
    proposals_waiting: int
    oldest_waiting_days: int | None
    median_waiting_days: float | None
    outcomes_waiting: int = 0  # outcome e-mails not sent yet, to be tried again
    outcomes_undelivered: int = 0  # bounced, no address, or given up: to tell another way

    @property
    def share_verified(self) -> float:
        return self.verified_recently / self.services if self.services else 0.0


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def health(session: Session, *, today: dt.date, now: dt.datetime | None = None) -> Health:
    now = now or dt.datetime.now(dt.UTC)
    cutoff = today - REVIEW_INTERVAL
    live = Service.status.in_(DUE_STATUSES)
    overdue = Service.verified_on.is_(None) | (Service.verified_on <= cutoff)
    services = session.scalar(select(func.count()).select_from(Service).where(live)) or 0
    recent = session.scalar(select(func.count()).select_from(Service).where(live, Service.verified_on > cutoff)) or 0
    by_region = session.execute(
        select(Location.region_code, func.count(distinct(Service.id)))
        .select_from(Service)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id, isouter=True)
        .join(Location, Location.id == ServiceAtLocation.location_id, isouter=True)
        .where(live, overdue).group_by(Location.region_code)).all()
    # Top-level categories (the code before the first dot), each overdue service counted once per top.
    pairs = {((code or "").split(".", 1)[0], service_id) for service_id, code in session.execute(
        select(Service.id, TaxonomyTerm.code).select_from(Service)
        .join(Attribute, (Attribute.link_id == Service.id) & (Attribute.link_entity == "service"))
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(live, overdue))}
    by_category = Counter(top for top, _ in pairs).items()
    delays = [(_utc(a) - _utc(s)).total_seconds() / 86400 for s, a in session.execute(
        select(OutreachReminder.sent_at, OutreachReminder.answered_at)
        .where(OutreachReminder.answered_at.is_not(None))) if a is not None]
    ages = [(now - _utc(c)).total_seconds() / 86400 for (c,) in session.execute(
        select(OutreachProposal.created_at).where(OutreachProposal.status == "pending"))]
    outcome_counts: dict[str, int] = {status: n for status, n in session.execute(
        select(OutreachOutcome.status, func.count()).group_by(OutreachOutcome.status))}
    return Health(
        services=services, verified_recently=recent,
        overdue_by_region=sorted(((r, n) for r, n in by_region), key=lambda x: (-x[1], x[0] or "")),
        overdue_by_category=sorted(((str(c), n) for c, n in by_category), key=lambda x: (-x[1], x[0])),
        median_days_to_answer=round(statistics.median(delays), 1) if delays else None, answered=len(delays),
        proposals_waiting=len(ages), oldest_waiting_days=int(max(ages)) if ages else None,
        median_waiting_days=round(statistics.median(ages), 1) if ages else None,
        outcomes_waiting=sum(outcome_counts.get(s, 0) for s in RETRIED),
        outcomes_undelivered=sum(outcome_counts.get(s, 0) for s in FINAL_FAILURES))
