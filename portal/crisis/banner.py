"""The crisis banner: what every public page shows during a crisis, and how admins change it.

`active_banner()` is what `portal.main.layout.crisis_banner()` shows. The lookup is cached per
process until the next start or end of a banner, at most CRISIS_BANNER_CACHE_SECONDS (so a banner
published from another server process shows within that delay, and one that ends disappears at
its end time exactly). `publish`, `end` and `resume` (the staff area's crisis page) drop this
process's cache at once.

Ending a banner early is audited like a directory change (an HSDS `metadata` row, resource type
"crisis_banner", field `ends_at`, previous and new end) and can be undone (`resume`) while its
planned end has not passed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from directory.db import session_scope
from directory.models import CrisisBanner, Metadata
from portal.i18n import current_lang, localized

log = logging.getLogger(__name__)

_cache: dict[str, tuple[dt.datetime, dict | None]] = {}
_lock = threading.Lock()


def aware(value: dt.datetime) -> dt.datetime:
    """A stored time as UTC (SQLite hands back naive datetimes)."""
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
            data["ends_at"] = aware(live.ends_at)
    changes = [t for t in (data["ends_at"] if data else None, aware(upcoming) if upcoming else None) if t]
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


def recent(session: Session, now: dt.datetime, days: int = 30) -> list[CrisisBanner]:
    """Current, upcoming and recently ended banners, the latest start first."""
    return list(session.scalars(select(CrisisBanner).where(CrisisBanner.ends_at > now - dt.timedelta(days=days))
                                .order_by(CrisisBanner.starts_at.desc())))


def publish(session: Session, *, title_fr: str, title_en: str | None, message_fr: str, message_en: str | None,
            starts_at: dt.datetime, ends_at: dt.datetime, by: str) -> None:
    """Save a banner (times in UTC) and commit; it shows from `starts_at` to `ends_at`."""
    session.add(CrisisBanner(title_fr=title_fr, title_en=title_en, message_fr=message_fr, message_en=message_en,
                             starts_at=starts_at, ends_at=ends_at, created_by=by))
    session.commit()
    forget_banner()


RESOURCE = "crisis_banner"  # its audit rows' resource_type


def _text(value: dt.datetime) -> str:
    """A time as audit text: ISO 8601 in UTC (whatever zone the database hands back)."""
    return aware(value).astimezone(dt.UTC).isoformat()


def _audit(session: Session, banner: CrisisBanner, action: str, previous: dt.datetime, by: str,
           now: dt.datetime) -> None:
    session.add(Metadata(resource_id=banner.id, resource_type=RESOURCE, last_action_date=now,
                         last_action_type=action, field_name="ends_at", previous_value=_text(previous),
                         replacement_value=_text(banner.ends_at), updated_by=by))


def end(session: Session, banner: CrisisBanner, now: dt.datetime, *, by: str) -> bool:
    """End a banner now (a banner that has not started ends before it starts), audited; False
    when it was over already."""
    if aware(banner.ends_at) <= now:
        return False
    previous = banner.ends_at
    banner.ends_at = max(now, aware(banner.starts_at))
    _audit(session, banner, "update", previous, by, now)
    session.commit()
    forget_banner()
    return True


def planned_end(session: Session, banner: CrisisBanner, now: dt.datetime) -> dt.datetime | None:
    """The end the banner had before someone ended it early, while that end is still to come
    (so `resume` can bring it back); None otherwise."""
    if aware(banner.ends_at) > now:
        return None
    row = session.scalar(select(Metadata).where(Metadata.resource_type == RESOURCE, Metadata.resource_id == banner.id,
                                                Metadata.field_name == "ends_at")
                         .order_by(Metadata.last_action_date.desc()).limit(1))
    if row is None or row.last_action_type != "update" or row.replacement_value != _text(banner.ends_at):
        return None
    planned = aware(dt.datetime.fromisoformat(row.previous_value))
    return planned if planned > now else None


def resume(session: Session, banner: CrisisBanner, now: dt.datetime, *, by: str) -> bool:
    """Undo an early end: the banner shows again until its planned end (audited as "revert");
    False when there is nothing to undo (`planned_end`)."""
    planned = planned_end(session, banner, now)
    if planned is None:
        return False
    previous = banner.ends_at
    banner.ends_at = planned
    _audit(session, banner, "revert", previous, by, now)
    session.commit()
    forget_banner()
    return True
