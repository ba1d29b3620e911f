"""Portail 211 web application: `create_app` builds it as a list of named steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from portal.config import INSTANCE, Config


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(INSTANCE), static_folder="../static")
    app.config.from_object(Config)
    if config:
        app.config.update(config)
    check_search_config(app)
    INSTANCE.mkdir(parents=True, exist_ok=True)
    init_compression(app)
    init_db(app)
    init_query_log(app)
    init_i18n(app)
    init_templates(app)
    init_security(app)
    init_health(app)
    init_htmx(app)
    init_login(app)
    register_areas(app)
    register_errors(app)
    register_commands(app)
    return app


def check_search_config(app: Flask) -> None:
    from indexer.factory import check_config

    # A malformed OPENSEARCH_URL would otherwise surface as every search failing over; stop at
    # start-up with the setting named instead (SystemExit: a message, not a traceback).
    try:
        check_config(app.config)
    except ValueError as error:
        raise SystemExit(f"Portail 211 configuration error: {error}") from None


def init_compression(app: Flask) -> None:
    from portal import compression

    # gzip for text responses and static files (portal/compression.py). First step: Flask runs
    # after_request hooks in reverse order, so compression runs after every hook that reads or
    # changes the body (portal.security hashes map documents' inline blocks).
    compression.init_app(app)


def init_db(app: Flask) -> None:
    from portal import database

    database.init_app(app)


def init_query_log(app: Flask) -> None:
    from portal import needs

    needs.init_query_log(app)


def init_i18n(app: Flask) -> None:
    from portal import i18n

    i18n.init_app(app)


def init_templates(app: Flask) -> None:
    from jinja2 import StrictUndefined

    from portal import static_assets
    from portal.main import layout

    # A misspelt template variable must fail loudly, not render as empty text.
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    layout.init_app(app)
    static_assets.init_app(app)  # versioned static URLs, cached a year (static_url in templates)


def init_security(app: Flask) -> None:
    from portal import security

    # CSRF, security headers (CSP, HSTS over TLS…) on every route, proxy trust (portal/security.py).
    security.init_app(app)


def init_health(app: Flask) -> None:
    from portal import health

    # /healthz (process alive) and /readyz (database + search engine), for the load balancer.
    health.init_app(app)


def init_htmx(app: Flask) -> None:
    from flask_htmx import HTMX

    HTMX(app)


def init_login(app: Flask) -> None:
    from portal import staff

    # Staff sign-in (Flask-Login): sessions, roles, secure cookie defaults (portal/staff/auth.py).
    staff.init_login(app)


def register_areas(app: Flask) -> None:
    from portal import main, search, service

    main.init_app(app)
    service.init_app(app)
    search.init_app(app)
    from portal import needs
    needs.init_app(app)
    __import__("portal.api").api.init_app(app)  # HSDS API (portal/api/__init__.py)
    __import__("portal.opendata").opendata.init_app(app)  # open-data page and bulk files
    __import__("portal.shortlist").shortlist.init_app(app)  # list of services in the URL
    __import__("portal.exports").exports.init_app(app)  # CSV / HSDS JSON / GeoJSON downloads
    __import__("portal.maps").maps.init_app(app)  # folium map documents (iframes) and map exports
    __import__("portal.pdf").pdf.init_app(app)  # PDF directories (WeasyPrint)
    __import__("portal.widget").widget.init_app(app)  # embeddable widget + framing headers
    __import__("portal.crisis").crisis.init_app(app)  # crisis banner + public emergency page
    __import__("portal.outreach").outreach.init_app(app)  # organizations' update pages (signed links)
    __import__("portal.staff").staff.init_app(app)  # curation area (accounts, editing, review queue)


def register_errors(app: Flask) -> None:
    from portal import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from portal import commands

    commands.init_app(app)
