"""Full pages of the service area: the service page, the error-report POST and its thank-you page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from directory import vocabulary
from directory.archive import is_archived
from directory.models import (
    Attribute,
    ErrorReport,
    Location,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    TaxonomyTerm,
)
from directory.public_location import public_place
from portal import search_service
from portal.crisis.banner import active_banner
from portal.database import get_session
from portal.display import capacity
from portal.display import hours as hours_mod
from portal.display.contact import PhoneLink, directions_url, geo_uri, one_line_address, phone_link
from portal.i18n import current_content_lang, current_lang, locale_route, localized
from portal.page_cache import Page, expiry
from portal.service import jsonld
from portal.service.cache import page_cache
from portal.service.forms import ReportErrorForm

bp = Blueprint("service", __name__)


@dataclass
class PhoneView:
    link: PhoneLink
    description: object = None  # LocalizedText
    type: str | None = None


@dataclass
class LocationView:
    """A location as the public page shows it: built from `directory.public_location.public_place`,
    so a confidential location has no street, no full postal code, no coordinates and no links. It
    holds no ORM location, so a template cannot reach around it."""

    name: object
    address: str | None
    city: str | None
    postal_code: str | None
    directions: str | None
    geo: str | None
    transportation: object
    confidential: bool = False
    accessibility: list = field(default_factory=list)
    phones: list[PhoneView] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None


def _phones(rows) -> list[PhoneView]:
    return [PhoneView(phone_link(p.number, p.extension), localized(p, "description"), p.type) for p in rows]


# Built once: a statement caches its own SQL cache key, which costs as much to compute as a
# query of the page to run (fifteen loader options to walk) when the statement is built anew.
_SERVICE_PAGE = (
    select(Service)
    .where(Service.id == bindparam("service_id"))
    .options(
        joinedload(Service.organization),
        selectinload(Service.phones),
        selectinload(Service.schedules),
        selectinload(Service.languages),
        selectinload(Service.cost_options),
        selectinload(Service.required_documents),
        selectinload(Service.service_areas),  # (contacts: the public page shows none)
        selectinload(Service.capacities).joinedload(ServiceCapacity.unit),
        selectinload(Service.service_at_locations)
        .joinedload(ServiceAtLocation.location)
        .options(
            selectinload(Location.addresses),
            selectinload(Location.accessibility),
            selectinload(Location.phones),
            selectinload(Location.schedules),
        ),
        selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.schedules),
    )
)


def load_service(service_id: str, *, public: bool = True) -> Service:
    """The service with everything its page shows; 404 when there is none, or when it is archived
    (`directory.archive`) and `public` (the staff preview reads archived ones too)."""
    service = get_session().scalar(_SERVICE_PAGE, {"service_id": service_id})
    if service is None or (public and is_archived(service)):
        abort(404)
    return service


def _location_view(location: Location) -> LocationView:
    place = public_place(location)
    line = (one_line_address(place.street, place.city or "", place.postal_code) if place.street else None)
    name = localized(location, "name")
    located = place.latitude is not None and place.longitude is not None
    return LocationView(
        name=name,
        address=place.street,
        city=place.city,
        postal_code=place.postal_code,
        directions=directions_url(place.latitude, place.longitude, line) if line else None,
        geo=geo_uri(place.latitude, place.longitude, str(name or line or "")) if located else None,
        transportation=None if place.confidential else localized(location, "transportation"),
        confidential=place.confidential,
        accessibility=[a for a in location.accessibility],
        phones=_phones(location.phones),
        latitude=place.latitude,
        longitude=place.longitude,
    )


_CATEGORIES = (
    select(TaxonomyTerm)
    .join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
    .where(Attribute.link_entity == "service", Attribute.link_id == bindparam("service_id"))
    .order_by(TaxonomyTerm.code)
)


def _categories(service_id: str) -> list[TaxonomyTerm]:
    return list(get_session().scalars(_CATEGORIES, {"service_id": service_id}))


_OTHER_SERVICES = (
    select(Service)
    .where(Service.organization_id == bindparam("organization_id"), Service.id != bindparam("service_id"),
           Service.status != "defunct")
    .order_by(Service.name_fr)
)


def _other_services(service: Service) -> list[Service]:
    return list(get_session().scalars(_OTHER_SERVICES, {"organization_id": service.organization_id,
                                                        "service_id": service.id}))


@dataclass
class NearbyView:
    service_id: str
    name: object  # LocalizedText
    organization: object
    municipality: str | None
    distance_km: float | None
    confidential: bool = False  # its distance is shown coarsely (docs/confidential-locations.md)


NEARBY_LIMIT = 5
NEARBY_RADIUS_KM = 100  # rural regions: the nearest similar service can be an hour away


def _nearby(service: Service, categories: list[TaxonomyTerm]) -> tuple[list[NearbyView], bool]:
    """Up to five other services in the same categories: the nearest within 100 km of the service's
    first located place, or, for a service without coordinates, the best in its region. A lookup
    (`search_service.lookup`: not a reader's search, nothing goes to the needs log); an engine
    that cannot answer leaves the section out rather than failing the page. The flag says whether
    the list is by distance."""
    from indexer.engine import Origin, SearchRequest

    codes = tuple(term.code for term in categories if term.code)
    if not codes:
        return [], False
    # Measured from where the public may know the service is: a confidential location's
    # approximate point, so the distances listed cannot place it (docs/confidential-locations.md).
    place = next((point for point in (public_place(sal.location).distance_point
                                      for sal in service.service_at_locations) if point is not None), None)
    lang = current_content_lang()
    if place is not None:
        # No radius in the request: nearest first over the category is a top-k (≈ 1 ms), where a
        # radius reads every match in its box (≈ 7 ms at 100 km around Montréal). Cut after.
        request_ = SearchRequest(locale=lang, categories=codes, sort="distance",
                                 origin=Origin(place[0], place[1]),
                                 per_page=NEARBY_LIMIT * 3, facets=False, highlight=False)
    elif service.region_code:
        request_ = SearchRequest(locale=lang, categories=codes, regions=(service.region_code,),
                                 per_page=NEARBY_LIMIT * 3, facets=False, highlight=False)
    else:
        return [], False
    try:
        response = search_service.lookup(request_)
    except Exception:  # noqa: BLE001 (outage, missing index: the page stands without the section)
        current_app.logger.warning("similar services unavailable", exc_info=True)
        return [], False
    seen = {service.id}
    out = []
    for hit in response.hits:
        if hit.service_id in seen:
            continue
        if place is not None and (hit.distance_km is None or hit.distance_km > NEARBY_RADIUS_KM):
            break  # nearest first: the rest are farther
        seen.add(hit.service_id)
        doc = hit.document
        out.append(NearbyView(hit.service_id, localized(doc, "name"),
                              localized(doc, "organization"), doc.get("municipality"),
                              hit.distance_km, bool(doc.get("confidential"))))
        if len(out) == NEARBY_LIMIT:
            break
    return out, place is not None


def service_context(service: Service) -> dict:
    schedules = hours_mod.service_schedules(service)
    locations = [_location_view(sal.location) for sal in service.service_at_locations]
    phones = _phones(service.phones) or _phones(service.organization.phones)
    fields = ("name", "alternate_name", "description", "eligibility_description", "application_process",
              "fees_description", "interpretation_services", "alert")
    text = {f: localized(service, f) for f in fields}
    org_text = {f: localized(service.organization, f) for f in ("name", "description")}
    untranslated = any(v is not None and v.fallback for v in [*text.values(), *org_text.values()])
    opening = hours_mod.hours(schedules, holiday_rule=service.holiday_rule)
    categories = _categories(service.id)
    nearby, nearby_by_distance = _nearby(service, categories)
    context = {
        "service": service,
        "organization": service.organization,
        "svc": text,
        "org_text": org_text,
        "untranslated": untranslated,
        "categories": categories,
        "nearby": nearby,
        "nearby_by_distance": nearby_by_distance,
        "locations": locations,
        "phones": phones,
        "hours": opening,
        "languages": sorted({lang_row.code for lang_row in service.languages if lang_row.code},
                            key=vocabulary.language_order),
        "costs": service.cost_options,
        "documents": service.required_documents,
        "areas": service.service_areas,
        "other_services": _other_services(service),
        "capacities": capacity.views(capacity.from_rows(service.capacities)),
    }
    context["jsonld"] = jsonld.service_jsonld(context)
    return context


def page(service_id: str):
    # No form and no CSRF token here ("report an error" has its own page), so reading a service
    # sets no cookie and the rendered page can be reused (portal/service/cache.py).
    pages = page_cache()
    key = search_service.page_key(False, active_banner()) if pages is not None else None
    now = dt.datetime.now(dt.UTC)
    if key is not None:
        cached = pages.get(key, now)
        if cached is not None:
            return make_response(cached.body, cached.status)
    service = load_service(service_id)
    context = service_context(service)
    html = render_template("service/page.html", **context)
    if key is None:
        return html
    body = html.encode("utf-8")
    pages.put(key, Page(body, 200, None, expiry(now, pages.seconds, [context["hours"], *context["capacities"]])))
    return make_response(body, 200)


def report(service_id: str):
    service = load_service(service_id)
    form = ReportErrorForm()
    if form.validate_on_submit():
        session = get_session()
        session.add(ErrorReport(
            service_id=service.id,
            message=form.message.data.strip(),
            contact_email=(form.contact_email.data or "").strip() or None,
            locale=current_lang(),
        ))
        session.commit()
        # Post/redirect/get: reloading the thank-you page never sends the report twice.
        return redirect(url_for("service.report_thanks", service_id=service.id), code=303)
    errors = [(f.id, f.errors[0]) for f in form if f.errors and f.type != "CSRFTokenField"]
    html = render_template("service/report.html", service=service, name=localized(service, "name"),
                           form=form, errors=errors)
    return html, 400 if request.method == "POST" else 200


def report_thanks(service_id: str):
    service = load_service(service_id)
    return render_template("service/report_thanks.html", service=service, name=localized(service, "name"))


locale_route(bp, "page", page)
locale_route(bp, "report", report, methods=["GET", "POST"])
locale_route(bp, "report_thanks", report_thanks)
