"""Editing a service (with a preview of the public page, and "verified today"), its locations and
its organization. Their phones, addresses and opening hours: portal/staff/children.py."""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory import archive, curation, taxonomy
from directory.geo import regions
from directory.models import (
    Address,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.public_location import approximate_point, main_address
from directory.vocabulary import ACCESSIBILITY_FEATURES
from portal.database import get_session
from portal.i18n import current_lang, localized
from portal.staff.capacity import current_counts
from portal.staff.editing import by, location_of, save, service_or_404, update
from portal.staff.forms import (
    LocationForm,
    NoteForm,
    OrganizationForm,
    ServiceForm,
    choices,
    errors_of,
    language_choices,
    values_of,
)
from portal.staff.holidays import ServiceWithHolidaysForm, holiday_choices, rule_form_data, rule_values
from portal.staff.routing import EDIT, staff_route, today


def phones(key, owner_id: str) -> list[Phone]:
    """The phones listed on a service, location or organization page (`key`: the parent column)."""
    return list(get_session().scalars(select(Phone).where(key == owner_id).order_by(Phone.number, Phone.id)))


def service_choices(form: ServiceForm, current: dict) -> list[tuple[str, list[str]]]:
    """Fill the language and category choices; the categories grouped by top-level term (also
    the organizations' update pages, portal/outreach)."""
    lang = current_lang()
    form.languages.choices = language_choices(current.get("languages", []))
    categories = taxonomy.categories()
    form.categories.choices = choices([(c.code, str(localized(c, "name", lang))) for c in categories])
    groups: dict[str, list[str]] = {}
    for c in categories:
        groups.setdefault(c.code.split(".", 1)[0], []).append(c.code)
    names = taxonomy.by_code()
    return [(str(localized(names[top], "name", lang)) if top in names else top, codes)
            for top, codes in groups.items()]


def _service_form(service: Service) -> tuple[ServiceForm, list]:
    current = curation.read(get_session(), service, ServiceWithHolidaysForm.FIELDS)
    form = ServiceWithHolidaysForm(data=current | rule_form_data(current["holiday_rule"])) \
        if request.method == "GET" else ServiceWithHolidaysForm()
    form.holiday_days.choices = holiday_choices()
    groups = service_choices(form, current)
    if not archive.is_archived(service):
        # A service ends through "End this service" (confirmed, portal/staff/archive.py), not the
        # status list; an archived one keeps the choice so its other fields can still be saved.
        form.status.choices = [c for c in form.status.choices if c.value != archive.ARCHIVED]
    return form, groups


def _service_page(service: Service, form: ServiceForm, groups, status: int = 200):
    db = get_session()
    locations = list(db.scalars(select(Location).join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
                                .where(ServiceAtLocation.service_id == service.id).order_by(Location.name_fr)))
    rows = list(db.scalars(select(Schedule).where(Schedule.service_id == service.id).order_by(Schedule.id)))
    schedules = [s for s in rows if s.exception is None]
    exceptions = sorted((s for s in rows if s.exception is not None),
                        key=lambda s: (s.valid_from or dt.date.min, s.id))
    return render_template("staff/service_edit.html", service=service, form=form, groups=groups,
                           errors=errors_of(form), locations=locations, schedules=schedules,
                           exceptions=exceptions, today=today(),
                           phones=phones(Phone.service_id, service.id),
                           archived=archive.is_archived(service), capacities=current_counts(service)), status


@staff_route("/services/<service_id>", "/services/<service_id>", "service", "edit", methods=EDIT)
def service_edit(service_id: str):
    service = service_or_404(service_id)
    form, groups = _service_form(service)
    if request.method == "POST" and request.form.get("action") == "edit":
        # "Keep editing" from the preview: show the posted values, save nothing.
        form.validate()
        return _service_page(service, form, groups)
    if form.validate_on_submit():
        if not update(service, rule_values(form, values_of(form))):
            return _service_page(service, form, groups, 400)
        return redirect(url_for("staff.service", service_id=service.id), code=303)
    return _service_page(service, form, groups, 400 if request.method == "POST" else 200)


@staff_route("/services/<service_id>/apercu", "/services/<service_id>/preview", "service_preview", "edit",
             methods=("POST",))
def service_preview(service_id: str):
    """The public service page with the unsaved values, clearly marked, never saved or indexed."""
    from portal.service.views import load_service, service_context

    service = load_service(service_id, public=False)
    form, groups = _service_form(service)
    if not form.validate_on_submit():
        return _service_page(service, form, groups, 400)
    db = get_session()
    values = rule_values(form, values_of(form))
    with db.no_autoflush:
        for name, value in values.items():
            if name not in ("languages", "categories"):
                setattr(service, name, curation.clean("service", name, value))
        context = service_context(service)
        context["languages"] = sorted(values["languages"], key=lambda c: (c not in ("fr", "en"), c != "fr", c))
        context["categories"] = list(db.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code.in_(values["categories"]))
                                                .order_by(TaxonomyTerm.code)))
        context["jsonld"] = {}
        g.alternate_endpoint = "staff.service"
        html = render_template("staff/preview.html", preview_form=form, **context)
    db.rollback()  # nothing of the preview reaches the database
    db.expunge_all()
    response = current_app.make_response(html)
    return response


@staff_route("/services/<service_id>/verifier", "/services/<service_id>/verify", "verify", "edit", methods=EDIT)
def verify(service_id: str):
    service = service_or_404(service_id)
    form = NoteForm()
    if form.validate_on_submit():
        change = curation.verify(get_session(), service, form.note.data, by=by(), today=today())
        save(change)
        flash(_("Marked as verified today."), "info")
        return redirect(url_for("staff.queue"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/verify.html", service=service, form=form, errors=errors_of(form)), status


@staff_route("/services/<service_id>/lieux/<location_id>", "/services/<service_id>/locations/<location_id>",
             "location", "edit", methods=EDIT)
def location_edit(service_id: str, location_id: str):
    service = service_or_404(service_id)
    location = location_of(service, location_id)
    db = get_session()
    current = curation.read(db, location, LocationForm.FIELDS)
    form = LocationForm(data=current) if request.method == "GET" else LocationForm()
    lang = current_lang()
    form.region_code.choices = choices([("", _("Not set"))] + [
        (code, f"{code} – {localized(r, 'name', lang)}") for code, r in sorted(regions().items())])
    form.accessibility.choices = choices([(k, str(localized(v, "name", lang)))
                                          for k, v in ACCESSIBILITY_FEATURES.items()])
    addresses = list(db.scalars(select(Address).where(Address.location_id == location.id)
                                .order_by(Address.address_type, Address.id)))
    main = main_address(location)  # the address the search document reads (indexer.document)
    form.area_known = main is not None and approximate_point(main.postal_code, main.city) is not None
    if form.validate_on_submit() and update(location, values_of(form)):
        return redirect(url_for("staff.location", service_id=service.id, location_id=location.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/location_edit.html", service=service, location=location, form=form,
                           errors=errors_of(form), addresses=addresses,
                           phones=phones(Phone.location_id, location.id)), status


@staff_route("/organismes/<organization_id>", "/organizations/<organization_id>", "organization", "edit",
             methods=EDIT)
def organization_edit(organization_id: str):
    db = get_session()
    organization = db.get(Organization, organization_id)
    if organization is None:
        abort(404)
    current = curation.read(db, organization, OrganizationForm.FIELDS)
    form = OrganizationForm(data=current) if request.method == "GET" else OrganizationForm()
    if form.validate_on_submit() and update(organization, values_of(form)):
        return redirect(url_for("staff.organization", organization_id=organization.id), code=303)
    services = list(db.scalars(select(Service).where(Service.organization_id == organization.id)
                               .order_by(Service.name_fr)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/organization_edit.html", organization=organization, form=form,
                           errors=errors_of(form), services=services,
                           phones=phones(Phone.organization_id, organization.id)), status
