"""Shortlists: services a social worker picks to print, share or export, carried in the URL.

One blueprint (the list page). `core` holds the list logic; its helpers are Jinja globals so the
results and service pages (and macros, which have no context) can build add/remove links.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.shortlist import core
    from portal.shortlist.views import bp

    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        shortlist_current=core.current,
        shortlist_toggle_url=core.toggle_url,
        shortlist_service_url=core.service_url,
        shortlist_list_url=core.list_url,
        shortlist_search_url=core.search_url,
    )
