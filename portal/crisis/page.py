"""The public emergency page (/fr/urgence, /en/emergency): a full page, no login.

It lists services designated `is_crisis` whose validity window includes today (emergency
shelters, warming centres, food aid, information lines): under "Open now" only those open at this
moment by their service page's own rule (portal.display.hours: the most specific schedule, each
schedule's season), the others beside with their next opening; then those that open later
("starts on …": a warming centre announced for next week). Within each list, services with a fresh
count of free places come first ("12 beds available · updated 2 hrs ago", portal.display.capacity),
then the others by name. Phones in the site's one format
(portal.display.contact.phone_link). It reads the directory, not the search index, so
it works even when the engine is down, which is when it matters most.

`montreal_today()` is a template global: the service page says "starts on …" for a temporary
service whose first day is still ahead (search leaves it out until then).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.models import Location, Organization, Service, ServiceAtLocation, ServiceCapacity
from directory.public_location import PublicPlace, public_place
from indexer.schedule import MONTREAL
from portal.crisis.banner import active_banner
from portal.database import get_session
from portal.display import capacity
from portal.display import hours as hours_mod
from portal.display.contact import PhoneLink, phone_link
from portal.i18n import locale_route

bp = Blueprint("crisis", __name__)


def montreal_today() -> dt.date:
    return dt.datetime.now(MONTREAL).date()


bp.add_app_template_global(montreal_today)


def _with_contacts(query):
    at_location = selectinload(Service.service_at_locations)
    return query.options(selectinload(Service.organization).selectinload(Organization.phones),
                         selectinload(Service.phones), selectinload(Service.schedules),
                         selectinload(Service.capacities).joinedload(ServiceCapacity.unit),
                         at_location.selectinload(ServiceAtLocation.schedules),
                         at_location.selectinload(ServiceAtLocation.location).selectinload(Location.addresses),
                         at_location.selectinload(ServiceAtLocation.location).selectinload(Location.schedules))


@dataclass(frozen=True)
class CrisisItem:
    service: Service
    status: hours_mod.OpenStatus
    phones: list[PhoneLink]
    capacities: list[capacity.CapacityView]
    has_places: bool  # a fresh count above 0: listed first
    # Where, as the public may know it (directory.public_location: a confidential shelter gives
    # its town, never its street).
    places: list[PublicPlace] = field(default_factory=list)


def crisis_item(service: Service, now: dt.datetime) -> CrisisItem:
    # The service's phones, else its organization's: as on the service page.
    rows = service.phones or service.organization.phones
    counts = capacity.from_rows(service.capacities)
    return CrisisItem(service, hours_mod.open_status(hours_mod.service_schedules(service), now,
                                                            service.holiday_rule),
                      [phone_link(p.number, p.extension) for p in rows], capacity.views(counts, now),
                      capacity.has_fresh_places(counts, now),
                      [public_place(sal.location) for sal in service.service_at_locations])


def places_first(items: list[CrisisItem]) -> list[CrisisItem]:
    """Services with fresh places first, the order otherwise kept (by name)."""
    return sorted(items, key=lambda item: not item.has_places)


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
    now = dt.datetime.now(MONTREAL)
    today = now.date()
    current = [crisis_item(svc, now) for svc in crisis_services(today)]
    return render_template("crisis/page.html",
                           services=places_first([item for item in current if item.status.open_now]),
                           closed=places_first([item for item in current if not item.status.open_now]),
                           upcoming=[crisis_item(svc, now) for svc in upcoming_crisis_services(today)],
                           banner=active_banner())


locale_route(bp, "page", page)
