"""The dashboard (search by name, what is due, new reports, the index backlog) and the annual
review queue, ordered by staleness and by how often search showed each service."""

from __future__ import annotations

import datetime as dt

from flask import current_app, render_template, request
from flask_login import current_user
from sqlalchemy import func, or_, select

from directory import curation
from directory.models import ErrorReport, Service
from portal import search_service
from portal.database import get_session
from portal.staff.display import service_places
from portal.staff.routing import PER_PAGE, staff_route, today

APPEARANCE_WEEKS = 52


@staff_route("/", "/", "home", "read")
def home():
    db = get_session()
    q = (request.args.get("q") or "").strip()[:100]
    found = []
    if q:
        pattern = f"%{q}%"
        matches = or_(Service.name_fr.ilike(pattern), Service.name_en.ilike(pattern), Service.id == q)
        found = list(db.scalars(select(Service).where(matches).order_by(Service.name_fr).limit(50)))
    _, due = curation.due_for_review(db, today=today(), per_page=1)
    reports = db.scalar(select(func.count()).select_from(ErrorReport).where(ErrorReport.status == "new")) or 0
    if current_user.can("edit"):
        search_service.retry_backlog()
    backlog = search_service.backlog_size()
    return render_template("staff/home.html", q=q, found=found, due=due, reports=reports, backlog=backlog,
                           places=service_places(db, [s.id for s in found]))


def _appearances(day: dt.date) -> dict[str, int] | None:
    """Service id -> first result pages that showed it over the last 52 weeks (the anonymous
    needs log's per-service counts); None when the log cannot be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from directory.db import engine_for
    from needs.log import appearances_since
    from needs.record import week_of
    from portal.needs import database_url

    since = week_of(day) - dt.timedelta(weeks=APPEARANCE_WEEKS - 1)
    try:
        return appearances_since(engine_for(database_url()), since)
    except SQLAlchemyError:
        current_app.logger.exception("review queue: appearance counts unavailable")
        return None


@staff_route("/verification", "/review", "queue", "read")
def queue():
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10000))
    sort = request.args.get("sort", "priority")
    sort = sort if sort in curation.QUEUE_SORTS else "priority"
    day = today()
    counts = _appearances(day)
    entries, total = curation.review_queue(get_session(), today=day, appearances=counts or {}, sort=sort,
                                           page=page, per_page=PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    places = service_places(get_session(), [e.service.id for e in entries])
    return render_template("staff/queue.html", entries=entries, places=places, total=total, page=page, pages=pages,
                           sort=sort, sorts=curation.QUEUE_SORTS, counts_available=counts is not None,
                           weeks=APPEARANCE_WEEKS, bands=curation.BAND_MONTHS)
