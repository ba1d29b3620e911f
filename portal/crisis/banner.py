"""The crisis banner: what every public page shows during a crisis, and how admins change it.

`active_banner()` is what `portal.main.layout.crisis_banner()` shows. The lookup is cached per
process until the next start or end of a banner, at most CRISIS_BANNER_CACHE_SECONDS (so a banner
published from another server process shows within that delay, and one that ends disappears at
its end time exactly). `publish` and `end` (the staff area's crisis page) drop this process's
cache at once.
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
from directory.models import CrisisBanner
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


def end(session: Session, banner: CrisisBanner, now: dt.datetime) -> None:
    """End a banner now (a banner that has not started ends before it starts); nothing when over."""
    if aware(banner.ends_at) > now:
        banner.ends_at = max(now, aware(banner.starts_at))
        session.commit()
        forget_banner()
