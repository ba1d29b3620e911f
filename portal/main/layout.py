"""What every page's shell needs: the 211 help, the crisis-banner slot, the static-asset URLs."""

from __future__ import annotations

from flask import Flask, current_app

from portal.display.contact import phone_link
from portal.display.distance import distance_text, place_line


def crisis_banner() -> dict | None:
    """The banner shown above every page during a crisis; None renders nothing.

    {"title", "body", "url", "lang"} in the page's language, from the active CrisisBanner an admin
    published on the staff area's crisis page (portal/crisis/banner.py).
    """
    from portal.crisis.banner import active_banner

    return active_banner()


def _shell() -> dict:
    from portal.static_assets import static_url

    config = current_app.config
    return {
        "help_phone": phone_link(config["HELP_PHONE"]),
        "help_chat_url": config["HELP_CHAT_URL"],
        "crisis_banner": crisis_banner(),
        "static_url": static_url,  # versioned: cached for a year (portal/static_assets.py)
    }


def init_app(app: Flask) -> None:
    app.context_processor(_shell)
    app.jinja_env.globals.update(distance_text=distance_text, place_line=place_line)
