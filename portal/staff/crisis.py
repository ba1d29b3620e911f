"""Crisis mode, public side: the banner on every page and the crisis page (/fr/urgence, /en/emergency).

Admins publish banners in the staff area; `active_banner()` is what `portal.main.layout
.crisis_banner()` shows. The lookup is cached per process until the next start or end of a banner,
at most CRISIS_BANNER_CACHE_SECONDS (so a banner published from another server process shows
within that delay, and one that ends disappears at its end time exactly).

The crisis page lists services designated `is_crisis` whose validity window includes today
(emergency shelters, warming centres, food aid, information lines), then those that open later
("starts on …": a warming centre announced for next week). It reads the directory, not the search
index, so it works even when the engine is down, which is when it matters most.

`montreal_today()` is a template global: the service page says "starts on …" for a temporary
service whose first day is still ahead (search leaves it out until then).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from flask import Blueprint, current_app, render_template, url_for
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from directory.db import session_scope
from directory.models import CrisisBanner, Location, Service, ServiceAtLocation
from indexer.schedule import MONTREAL
from portal.database import get_session
from portal.i18n import current_lang, localized, localized_route

log = logging.getLogger(__name__)

bp = Blueprint("crisis", __name__)
"""The public crisis page: a full page, no login."""

_cache: dict[str, tuple[dt.datetime, dict | None]] = {}
_lock = threading.Lock()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _lookup(database_url: str, now: dt.datetime) -> tuple[dict | None, dt.datetime]:
    """The banner live at `now` (the latest started), and when the answer can next change."""
    with session_scope(database_url) as session:
        live = session.scalar(select(CrisisBanner).where(CrisisBanner.starts_at <= now, CrisisBanner.ends_at > now)
                              .order_by(CrisisBanner.starts_at.desc()).limit(1))
        upcoming = session.scalar(select(CrisisBanner.starts_at).where(CrisisBanner.starts_at > now)
                                  .order_by(CrisisBanner.starts_at).limit(1))
        data = None
        if live is not None:
            data = {f: getattr(live, f) for f in ("id", "title_fr", "title_en", "message_fr", "message_en")}
            data["ends_at"] = _aware(live.ends_at)
    changes = [t for t in (data["ends_at"] if data else None, _aware(upcoming) if upcoming else None) if t]
    return data, min(changes) if changes else now + dt.timedelta(days=365)


def active_banner(now: dt.datetime | None = None) -> dict | None:
    """{"title", "body", "url", "lang"} in the page's language, or None."""
    config = current_app.config
    now = now or dt.datetime.now(dt.UTC)
    url = config["DATABASE_URL"]
    ttl = dt.timedelta(seconds=float(config.get("CRISIS_BANNER_CACHE_SECONDS", 15)))
    with _lock:
        cached = _cache.get(url)
    if cached is not None and cached[0] > now:
        data = cached[1]
    else:
        try:
            data, change = _lookup(url, now)
        except SQLAlchemyError:
            # A broken banner lookup must never take every public page down with it.
            log.exception("crisis banner lookup failed")
            return None
        with _lock:
            _cache[url] = (min(change, now + ttl), data)
    if data is None:
        return None
    title = localized(data, "title")
    return {"title": title, "body": localized(data, "message"), "url": url_for("crisis.page"),
            "lang": title.lang if title else current_lang()}


def forget_banner() -> None:
    """Drop the cached banner (after an admin publishes or ends one in this process)."""
    with _lock:
        _cache.clear()


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
    return render_template("staff/crisis_page.html", services=crisis_services(), upcoming=upcoming_crisis_services(),
                           banner=active_banner())


localized_route(bp, {"fr": "/fr/urgence", "en": "/en/emergency"}, "page", page)
