"""A service as lists show it: the summary of one search hit (results page, widget, list page), and
documents grouped by service (list page, PDFs).

Both read search documents (indexer.document: one service at one location, both languages), the
shape the engine answers with and the directory reader builds, so every list shows the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from portal.display import capacity
from portal.display import hours as hours_mod
from portal.display.contact import phone_link
from portal.display.labels import facet_label
from portal.i18n import current_lang, localized

_DATES: dict[str, dt.date] = {}


def _date(value: str) -> dt.date:
    found = _DATES.get(value)
    if found is None:
        if len(_DATES) > 50_000:
            _DATES.clear()
        found = _DATES[value] = dt.date.fromisoformat(value)
    return found


@dataclass
class HitView:
    hit: object
    name: object
    organization: object
    address: str | None
    municipality: str | None
    distance_km: float | None  # from the approximate point for a confidential location
    phones: list
    hours: hours_mod.OpenStatus  # open now / next opening (what result lists show), not the week
    languages: list[str]
    accessibility: list[str]
    free: bool
    verified_on: dt.date | None
    alert: object
    temporarily_closed: bool
    other_locations: int = 0  # the service's other locations (a card grouped by service)
    # A confidential location (directory.public_location): its town and a coarse distance only.
    confidential: bool = False
    capacities: list[capacity.CapacityView] = field(default_factory=list)  # live capacity
    # Organization and town, shown in the title line when another card of the page has the same
    # name (portal.search.state.ResultView.rows).
    name_context: str = ""
    # Precomputed for the results list (portal.search.state.ResultView.rows); the markup is the
    # macros' own.
    name_html: Markup = field(default=Markup(""))
    organization_html: Markup = field(default=Markup(""))
    status_html: Markup = field(default=Markup(""))
    languages_text: str = ""
    service_url: str = ""
    # The shortlist link's state and target (the results list writes the link itself rather than
    # calling shortlist/_toggle.html's macro once per card).
    listed: bool = False
    toggle_url: str = ""


def hit_view(hit, now: dt.datetime | None = None, lang: str | None = None) -> HitView:
    """The summary of a hit (anything with `document`, `distance_km` and `service_id`)."""
    doc = hit.document
    lang = lang or current_lang()
    phones = [phone_link(p.get("number") or "", p.get("extension"))
              for p in doc.get("phones") or [] if p.get("number")]
    verified = doc.get("verified_on")
    moment = now or dt.datetime.now(hours_mod.TZ)
    return HitView(
        hit=hit,
        name=localized(doc, "name", lang),
        organization=localized(doc, "organization", lang),
        address=doc.get("address"),
        municipality=doc.get("municipality"),
        distance_km=hit.distance_km,
        phones=phones[:1],
        hours=hours_mod.compact_open_status(hours_mod.compact_key(doc.get("schedule") or [], doc.get("holiday_rule")),
                                            moment),
        languages=doc.get("languages") or [],
        accessibility=[facet_label("accessibility", key, lang)
                       for key in doc.get("accessibility") or []],
        free=bool(doc.get("free")),
        verified_on=_date(verified) if verified else None,
        alert=localized(doc, "alert", lang),
        temporarily_closed=doc.get("status") == "temporarily closed",
        other_locations=max(0, int(doc.get("location_count") or 1) - 1),
        confidential=bool(doc.get("confidential")),
        capacities=capacity.views(doc.get("capacities"), moment, lang) if doc.get("capacities") else [],
    )


@dataclass
class Entry:
    """One service and its documents (one per location), for pages and PDFs."""

    service_id: str
    documents: list[dict] = field(default_factory=list)

    @property
    def first(self) -> dict:
        return self.documents[0]


def entries(docs) -> list[Entry]:
    """Documents grouped by service, services in first-seen order."""
    found: dict[str, Entry] = {}
    for doc in docs:
        entry = found.get(doc["service_id"])
        if entry is None:
            entry = found[doc["service_id"]] = Entry(doc["service_id"])
        entry.documents.append(doc)
    return list(found.values())
