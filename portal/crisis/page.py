"""The public emergency page (/fr/urgence, /en/emergency): a full page, no login.

It lists services designated `is_crisis` whose validity window includes today (emergency
shelters, warming centres, food aid, information lines), then those that open later ("starts on
…": a warming centre announced for next week). It reads the directory, not the search index, so
it works even when the engine is down, which is when it matters most.

`montreal_today()` is a template global: the service page says "starts on …" for a temporary
service whose first day is still ahead (search leaves it out until then).
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.models import Location, Service, ServiceAtLocation
from indexer.schedule import MONTREAL
from portal.crisis.banner import active_banner
from portal.database import get_session
from portal.i18n import locale_route

bp = Blueprint("crisis", __name__)


def montreal_today() -> dt.date:
    return dt.datetime.now(MONTREAL).date()


bp.add_app_template_global(montreal_today)


def _with_contacts(query):
    return query.options(selectinload(Service.organization), selectinload(Service.phones),
                         selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location)
                         .selectinload(Location.addresses))


def upcoming_crisis_services(today: dt.date | None = None, limit: int = 50) -> list[Service]:
    """Designated crisis services that have not started yet, soonest first."""
    today = today or montreal_today()
    return list(get_session().scalars(_with_contacts(
        select(Service)
        .where(Service.is_crisis.is_(True), Service.status == "active", Service.valid_from > today,
               (Service.valid_to.is_(None)) | (Service.valid_to >= Service.valid_from)))
        .order_by(Service.valid_from, Service.name_fr).limit(limit)))


def crisis_services(today: dt.date | None = None) -> list[Service]:
    """Designated crisis services open today: active, `is_crisis`, validity window current."""
    today = today or montreal_today()
    return list(get_session().scalars(_with_contacts(
        select(Service)
        .where(Service.is_crisis.is_(True), Service.status == "active",
               (Service.valid_from.is_(None)) | (Service.valid_from <= today),
               (Service.valid_to.is_(None)) | (Service.valid_to >= today)))
        .order_by(Service.name_fr)))


def page():
    return render_template("crisis/page.html", services=crisis_services(), upcoming=upcoming_crisis_services(),
                           banner=active_banner())


locale_route(bp, "page", page)
