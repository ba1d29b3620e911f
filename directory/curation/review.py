"""The review queue: active services not verified for 12 months, and their order on the queue page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.orm import Session

from directory.models import Service

REVIEW_INTERVAL = dt.timedelta(days=365)


def due_for_review(session: Session, *, today: dt.date | None = None, page: int = 1,
                   per_page: int = 25) -> tuple[list[Service], int]:
    """Active services not verified for 12 months, never-verified first, then the stalest (the
    count on the staff home; the queue page orders them with `review_queue`)."""
    from sqlalchemy import func

    today = today or dt.date.today()
    base = select(Service).where(*_due(today))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    order = [Service.verified_on.is_not(None), Service.verified_on, Service.name_fr, Service.id]
    services = list(session.scalars(base.order_by(*order).offset((page - 1) * per_page).limit(per_page)))
    return services, total


def _due(today: dt.date) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    cutoff = today - REVIEW_INTERVAL
    return (Service.status.in_(("active", "temporarily closed")),
            (Service.verified_on.is_(None)) | (Service.verified_on <= cutoff))


# The review queue's priority (shown on the queue page, in both languages): records fall into
# staleness bands, and within a band the most shown in searches over the last 52 weeks come first,
# then the most overdue. A record seen by many people and wrong misleads many; a band keeps a
# popular record from jumping ahead of one that has gone years without a check.
QUEUE_SORTS = ("priority", "staleness", "appearances")
BAND_MONTHS = (12, 6)  # overdue ≥ 12 months (or never verified): band 0; 6–11: band 1; else band 2


@dataclass(frozen=True)
class QueueEntry:
    service: Service
    months_overdue: int | None  # None: never verified
    appearances: int
    band: int


def months_overdue(verified_on: dt.date | None, today: dt.date) -> int | None:
    """Whole months past the 12-month review date (0 in the first month); None if never verified."""
    if verified_on is None:
        return None
    months = (today.year - verified_on.year) * 12 + today.month - verified_on.month - (today.day < verified_on.day)
    return max(0, months - 12)


def band(overdue: int | None) -> int:
    if overdue is None or overdue >= BAND_MONTHS[0]:
        return 0
    return 1 if overdue >= BAND_MONTHS[1] else 2


_QueueRow: TypeAlias = "Row[str, dt.date | None, str]"  # id, verified_on, name_fr


def review_queue(session: Session, *, today: dt.date, appearances: Mapping[str, int], sort: str = "priority",
                 page: int = 1, per_page: int = 25) -> tuple[list[QueueEntry], int]:
    """Services due for review, ordered by `sort`:

    * priority: staleness band, then most appearances, then most overdue (never verified first);
    * staleness: never verified first, then the oldest verification, then most appearances;
    * appearances: most appearances, then the staleness order.

    Only ids, dates and names are read for the whole queue; the page's services are loaded after.
    """
    rows = session.execute(select(Service.id, Service.verified_on, Service.name_fr).where(*_due(today))).all()
    never = dt.date.min

    def stale(r: _QueueRow) -> tuple[bool, dt.date]:  # never verified, then the oldest verification
        return (r.verified_on is not None, r.verified_on or never)

    keys: dict[str, Callable[[_QueueRow], tuple[Any, ...]]] = {
        "priority": lambda r: (band(months_overdue(r.verified_on, today)), -appearances.get(r.id, 0), *stale(r)),
        "staleness": lambda r: (*stale(r), -appearances.get(r.id, 0)),
        "appearances": lambda r: (-appearances.get(r.id, 0), *stale(r)),
    }
    key = keys.get(sort, keys["priority"])
    ordered = sorted(rows, key=lambda r: (*key(r), r.name_fr, r.id))
    chosen = ordered[(page - 1) * per_page:page * per_page]
    services = {s.id: s for s in session.scalars(select(Service).where(Service.id.in_([r.id for r in chosen])))}
    entries = []
    for r in chosen:
        overdue = months_overdue(r.verified_on, today)
        entries.append(QueueEntry(services[r.id], overdue, appearances.get(r.id, 0), band(overdue)))
    return entries, len(rows)
