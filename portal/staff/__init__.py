"""Staff area (curation): accounts and roles (an admins' accounts page), editing with audit trail
and revert (services, organizations, locations, their addresses, phones and opening hours), the
annual review queue ordered by staleness and search appearances, the error-report inbox, live
reindexing, and the admins' crisis page (the banner and the public emergency page: portal/crisis).

One blueprint, `staff`: signed-in full pages under /fr/personnel and /en/staff, forms that post
and redirect (post/redirect/get), so they work without JavaScript and reload safely. Each page
module registers its routes on it (routing.py says how):

    signin.py    sign-in, sign-out, password change
    queue.py     dashboard and annual review queue
    services.py  a service (edit, preview, verify), its locations, its organization
    children.py  phones, addresses, opening hours: one add / edit / delete router for every kind
    history.py   history, undo, restore
    archive.py   ending a service (archived), the archived records, restoring, admins' permanent delete
    confirm.py   the confirmation every destructive or wide action asks for (a page, or a dialog)
    reports.py   the error-report inbox
    accounts.py  staff accounts (admins)
    banners.py   crisis banners (admins)
    outreach.py  organizations' update links, their proposals (review queue), the freshness loop's health

Editing rules, audit rows and reverts live in `directory.curation` (no Flask); accounts in
`directory.accounts`. Forms are read field by field (`FIELDS`), never `**request.form`.

Settings (environment variables, read once at start-up; `create_app(config)` may override):
    STAFF_LOGIN_RATE_LIMIT      login POSTs per account + client, Flask-Limiter syntax ("10/minute")
    STAFF_LOGIN_MAX_FAILURES    consecutive failures before an account locks (5)
    STAFF_LOCKOUT_SECONDS       first lockout; doubles per further failure, capped at 1 hour (60)
    STAFF_SESSION_HOURS         how long a staff session lasts (8)
"""

from __future__ import annotations

import datetime as dt
import os

from flask import Flask

DEV_SECRET = "dev-only-not-secret"


def _defaults(app: Flask) -> None:
    from directory.accounts import LoginPolicy

    env = os.environ.get
    app.config.setdefault("STAFF_LOGIN_RATE_LIMIT", env("STAFF_LOGIN_RATE_LIMIT", "10/minute"))
    app.config.setdefault("STAFF_LOGIN_POLICY", LoginPolicy(
        max_failures=int(env("STAFF_LOGIN_MAX_FAILURES", "5")),
        base_lockout=dt.timedelta(seconds=int(env("STAFF_LOCKOUT_SECONDS", "60"))),
    ))
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", dt.timedelta(hours=int(env("STAFF_SESSION_HOURS", "8"))))
    # Secure cookies in production: a real SECRET_KEY means a real deployment, behind HTTPS. An
    # explicit SESSION_COOKIE_SECURE=0 still wins (e.g. a staging server on plain HTTP).
    if app.config.get("SECRET_KEY") != DEV_SECRET and os.environ.get("SESSION_COOKIE_SECURE") is None \
            and not app.testing:
        app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = app.config.get("SESSION_COOKIE_SECURE", False)
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")


def _limiter(app: Flask) -> None:
    from flask_limiter import Limiter

    from portal.api.limits import client_key

    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    found = app.extensions.get("limiter")
    if isinstance(found, set):
        found = next(iter(found), None)
    if found is None:
        Limiter(key_func=client_key, app=app, default_limits=[], storage_uri=app.config["RATELIMIT_STORAGE_URI"])


def init_login(app: Flask) -> None:
    """Flask-Login for the staff area (a named step of create_app, before the areas)."""
    from portal.staff.auth import init_login as init

    _defaults(app)
    init(app)


def init_app(app: Flask) -> None:
    # Importing a page module registers its routes on `bp`.
    from portal.staff import (  # noqa: F401
        accounts,
        archive,
        banners,
        capacity,
        children,
        commands,
        history,
        outreach,
        queue,
        reports,
        services,
        signin,
        vocabulary,
    )
    from portal.staff.routing import bp

    _limiter(app)
    app.register_blueprint(bp)
    app.cli.add_command(commands.staff_cli)
    app.cli.add_command(capacity.capacity_cli)
