"""How far a place is, as lists say it: "à 3,2 km", or, for a confidential location, "à environ
5 km" rounded up from its approximate point (directory.public_location, docs/confidential-locations.md)."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from directory.public_location import coarse_km


def distance_text(distance_km: float, confidential: bool = False) -> str:
    if confidential:
        return _("about %(km)s km away", km=coarse_km(distance_km))
    return _("%(km)s km away", km=format_decimal(distance_km, "0.0"))


def place_line(address: str | None, municipality: str | None, confidential: bool = False) -> str | None:
    """The place line of a result: "street, town", or "in Town" for a confidential location."""
    if confidential:
        return _("in %(city)s", city=municipality) if municipality else None
    if not address:
        return None
    return f"{address}, {municipality}" if municipality else address
