"""schema.org JSON-LD for a service page: data for search engines, shown in <script type=ld+json>."""

from __future__ import annotations

from flask import url_for

from portal.i18n import html_lang, localized

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _opening_hours(hours) -> list[dict]:
    specs = []
    for day in hours.week:
        for slot in day.slots:
            specs.append({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day.date.weekday()]}",
                "opens": slot.opens.strftime("%H:%M"),
                "closes": "23:59" if slot.all_day else slot.closes.strftime("%H:%M"),
            })
    return specs


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
        if view.location.latitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": view.location.latitude,
                            "longitude": view.location.longitude}
        opening = _opening_hours(ctx["hours"])
        if opening:
            place["openingHoursSpecification"] = opening
        channels.append({"@type": "ServiceChannel", "serviceLocation": place})
    if ctx["phones"]:
        channels.append({"@type": "ServiceChannel",
                         "servicePhone": {"@type": "ContactPoint", "telephone": ctx["phones"][0].link.href[4:]}})
    if service.url:
        channels.append({"@type": "ServiceChannel", "serviceUrl": service.url})
    if channels:
        data["availableChannel"] = channels
    return data
