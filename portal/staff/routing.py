"""The `staff` blueprint and how its pages are registered.

Every route but sign-in is guarded by `requires(permission)`; the permission is on the view
(`staff_permission`) so the security tests can walk the URL map. An account still on its one-time
password reaches only the password page and sign-out (`before_password_change`). Paths follow the
public site's languages: /fr/personnel/… and /en/staff/…, registered once per language.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint

from indexer.schedule import MONTREAL
from portal import locales
from portal.i18n import locale_route
from portal.staff import display
from portal.staff.auth import requires

bp = Blueprint("staff", __name__)

PER_PAGE = 25
EDIT = ("GET", "POST")  # a form page: shown, then posted back to itself


def staff_route(fr: str, en: str, endpoint: str, permission: str | None, methods=("GET",), *,
                before_password_change: bool = False):
    """Register a view at /fr/personnel`fr` and /en/staff`en` as `staff.<endpoint>`."""
    def register(view):
        guarded = requires(permission, before_password_change=before_password_change)(view) if permission else view
        locales.add_paths(f"{bp.name}.{endpoint}", {"fr": "/personnel" + fr, "en": "/staff" + en})
        locale_route(bp, endpoint, guarded, methods=list(methods))
        return view

    return register


@bp.after_request
def _private(response):
    # Staff pages hold unpublished data: never cached, never indexed, never framed.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def montreal(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time (UTC, naive from SQLite) in Montréal time."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(MONTREAL)


def today() -> dt.date:
    return dt.datetime.now(MONTREAL).date()


@bp.app_template_filter("present")
def _present(attrs: dict) -> dict:
    """HTML attributes without the empty ones (WTForms would print `None`)."""
    return {k: v for k, v in attrs.items() if v not in (None, "", False)}


# Opening hours and statuses in words, as the public site writes them (portal/staff/display.py).
bp.add_app_template_global(display.schedule_text, "schedule_text")
bp.add_app_template_filter(display.status_label, "status_label")


@bp.app_template_filter("montreal")
def _montreal_filter(value):
    local = montreal(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""
