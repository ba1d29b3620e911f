"""schema.org JSON-LD for a service page: data for search engines, shown in <script type=ld+json>."""

from __future__ import annotations

import datetime as dt

from flask import url_for

from directory import holidays
from portal.display import hours as hours_mod
from portal.i18n import html_lang, localized

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _spec(slot, **when) -> dict:
    return {"@type": "OpeningHoursSpecification", **when, "opens": slot.opens.strftime("%H:%M"),
            "closes": "23:59" if slot.all_day else slot.closes.strftime("%H:%M")}


def _opening_hours(ctx: dict) -> tuple[list[dict], list[dict]]:
    """The regular weekly hours, and this week's holidays and exceptions as schema.org's special
    opening hours (a closed day: opens = closes = 00:00). docs/holidays.md."""
    hours = ctx["hours"]
    monday = hours.week[0].date
    regular = [s for s in hours_mod.service_schedules(ctx["service"]) if not hours_mod.is_exception(s)]
    specs = [_spec(slot, dayOfWeek=f"https://schema.org/{SCHEMA_DAYS[slot.start.weekday()]}")
             for slot in hours_mod.slots(regular, monday, monday + dt.timedelta(days=6), holidays.OPEN)]
    special = []
    for day in hours.week:
        if day.closed_for is None and day.exception is None:
            continue
        when = {"validFrom": day.date.isoformat(), "validThrough": day.date.isoformat()}
        special += [_spec(slot, **when) for slot in day.slots] or [
            {"@type": "OpeningHoursSpecification", **when, "opens": "00:00", "closes": "00:00"}]
    return specs, special


def service_jsonld(ctx: dict) -> dict:
    service, org, text = ctx["service"], ctx["organization"], ctx["svc"]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": url_for("service.page", service_id=service.id, _external=True),
        "url": url_for("service.page", service_id=service.id, _external=True),
        "name": str(text["name"]),
        "inLanguage": html_lang(),
        "provider": {
            "@type": "Organization",
            "name": str(ctx["org_text"]["name"]),
            **({"url": org.website} if org.website else {}),
            **({"email": org.email} if org.email else {}),
        },
        "availableLanguage": ctx["languages"],
    }
    if text["description"]:
        data["description"] = str(text["description"])
    if ctx["categories"]:
        data["category"] = [str(localized(c, "name")) for c in ctx["categories"]]
    if ctx["areas"]:
        data["areaServed"] = [str(localized(a, "name")) for a in ctx["areas"] if a.name_fr]
    channels = []
    for view in ctx["locations"]:
        place: dict = {"@type": "Place"}
        if view.name:
            place["name"] = str(view.name)
        if view.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": view.address,
                "addressLocality": view.city,
                "postalCode": view.postal_code,
                "addressRegion": "QC",
                "addressCountry": "CA",
            }
        if view.confidential and view.city:
            # docs/confidential-locations.md: the town, never the street, postal code or point.
            place["address"] = {"@type": "PostalAddress", "addressLocality": view.city,
                                "addressRegion": "QC", "addressCountry": "CA"}
        if view.latitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": view.latitude,
                            "longitude": view.longitude}
        opening, special = _opening_hours(ctx)
        if opening:
            place["openingHoursSpecification"] = opening
        if special:
            place["specialOpeningHoursSpecification"] = special
        channels.append({"@type": "ServiceChannel", "serviceLocation": place})
    if ctx["phones"]:
        channels.append({"@type": "ServiceChannel",
                         "servicePhone": {"@type": "ContactPoint", "telephone": ctx["phones"][0].link.href[4:]}})
    if service.url:
        channels.append({"@type": "ServiceChannel", "serviceUrl": service.url})
    if channels:
        data["availableChannel"] = channels
    return data
