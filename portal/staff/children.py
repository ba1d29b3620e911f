"""Child records: phones (of a service, an organization or a location), addresses (of a location)
and opening hours (of a service), through one add / edit / delete router.

Each kind is one `ChildKind` entry in `KINDS` (plus its form, a `ChildForm`); `register` gives it
three pages, in both languages, under its parent's staff page:

    <parent>/<segment>/nouveau          staff.<endpoint>_new      add      GET, POST
    <parent>/<segment>/<id>             staff.<endpoint>          edit     GET, POST
    <parent>/<segment>/<id>/supprimer   staff.<endpoint>_delete   delete   POST

A child is found through its parent, itself found through the URL (a location through its
service's own service_at_location rows), so one record's URL can never reach another's children
(404). Every change goes through `directory.curation` (audit rows, undone from the parent's
history) and then the live index. A deletion asks first (portal/staff/confirm.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from directory import curation
from directory.models import Organization, Schedule, ServiceAtLocation
from portal.database import get_session
from portal.staff.confirm import Confirmation, confirmed
from portal.staff.editing import by, location_of, save, service_or_404
from portal.staff.forms import AddressForm, ChildForm, PhoneForm, ScheduleForm, errors_of
from portal.staff.holidays import ExceptionForm
from portal.staff.routing import EDIT, staff_route, today


@dataclass(frozen=True)
class Parent:
    """The record whose children a page edits, as the URL named it."""

    kind: str  # service, organization or location: a child's `<kind>_id` column names it
    id: str
    name: str
    url: str  # its staff page
    history_url: str
    args: dict  # its URL arguments
    context: dict  # template variables: service, location, organization


def _parent(kind: str, record, name: str, args: dict, **context) -> Parent:
    return Parent(kind, record.id, name, url_for(f"staff.{kind}", **args),
                  url_for("staff.history", resource_type=kind, resource_id=record.id), args, context)


def _service(service_id: str) -> Parent:
    service = service_or_404(service_id)
    return _parent("service", service, service.name_fr, {"service_id": service.id}, service=service)


def _organization(organization_id: str) -> Parent:
    organization = get_session().get(Organization, organization_id)
    if organization is None:
        abort(404)
    return _parent("organization", organization, organization.name_fr, {"organization_id": organization.id},
                   organization=organization)


def _location(service_id: str, location_id: str) -> Parent:
    service = service_or_404(service_id)
    location = location_of(service, location_id)
    return _parent("location", location, location.name_fr or _("Location without a name"),
                   {"service_id": service.id, "location_id": location.id}, service=service, location=location)


# Parent kind -> (its path under /fr/personnel and /en/staff, how the URL's arguments find it).
PARENTS: dict[str, tuple[tuple[str, str], Callable[..., Parent]]] = {
    "service": (("/services/<service_id>", "/services/<service_id>"), _service),
    "organization": (("/organismes/<organization_id>", "/organizations/<organization_id>"), _organization),
    "location": (("/services/<service_id>/lieux/<location_id>", "/services/<service_id>/locations/<location_id>"),
                 _location),
}


@dataclass(frozen=True)
class ChildKind:
    endpoint: str  # staff.<endpoint>, staff.<endpoint>_new, staff.<endpoint>_delete
    resource: str  # the curation type (phone, address, schedule); the template's name for the record
    parent: str  # a PARENTS key
    segment: tuple[str, str]  # the URL segment under the parent, in French and in English
    form: type[ChildForm]
    template: str
    anchor: str  # where the parent's page lists them (the redirect after a change)
    added: Any  # flashed messages (lazy strings)
    deleted: Any
    delete_question: Any  # the confirmation's title
    new: tuple[str, str] = ("nouveau", "new")
    # The parent's rows, when more than those whose `<parent>_id` names it.
    scope: Callable[[Parent], Any] | None = None
    # Values a new record gets besides its form's and its parent key.
    new_values: Callable[[], dict] | None = None

    @property
    def id_arg(self) -> str:
        return f"{self.resource}_id"

    def url(self, suffix: str, parent: Parent, record=None) -> str:
        args = parent.args | ({self.id_arg: record.id} if record is not None else {})
        return url_for(f"staff.{self.endpoint}{suffix}", **args)


def _service_schedules(parent: Parent):
    # A service's opening hours, and those of its service_at_location rows (not its exceptions).
    places = select(ServiceAtLocation.id).where(ServiceAtLocation.service_id == parent.id)
    return and_(or_(Schedule.service_id == parent.id, Schedule.service_at_location_id.in_(places)),
                Schedule.exception.is_(None))


def _service_exceptions(parent: Parent):
    # A service's exceptional closures and special hours (portal/staff/holidays.py).
    return and_(Schedule.service_id == parent.id, Schedule.exception.is_not(None))


def _weekly_from_today() -> dict:
    return {"freq": "WEEKLY", "interval": 1, "dtstart": today()}


_PHONE_DELETED = _l("Phone number deleted. You can undo this from the history.")
KINDS: tuple[ChildKind, ...] = (
    *(ChildKind(f"{parent}_phone", "phone", parent, ("telephones", "phones"), PhoneForm, "staff/phone_edit.html",
                "#phones-title", _l("Phone number added."), _PHONE_DELETED, _l("Delete this phone number?"))
      for parent in ("service", "organization", "location")),
    ChildKind("address", "address", "location", ("adresses", "addresses"), AddressForm, "staff/address_edit.html",
              "#addresses-title", _l("Address added."), _l("Address deleted. You can undo this from the history."),
              _l("Delete this address?"), new=("nouvelle", "new")),
    ChildKind("schedule", "schedule", "service", ("horaires", "schedules"), ScheduleForm, "staff/schedule_edit.html",
              "#schedules-title", _l("Opening hours added."),
              _l("Opening hours deleted. You can undo this from the history."), _l("Delete these opening hours?"),
              scope=_service_schedules, new_values=_weekly_from_today),
    ChildKind("schedule_exception", "schedule", "service", ("exceptions", "exceptions"), ExceptionForm,
              "staff/exception_edit.html", "#exceptions-title", _l("Exception added."),
              _l("Exception deleted. You can undo this from the history."), _l("Delete this exception?"),
              new=("nouvelle", "new"), scope=_service_exceptions),
)


def child_label(record) -> str:
    """A child record as curators recognize it: a number, an address, a day and hours."""
    kind = record.__tablename__
    if kind == "phone":
        return record.number + (f" #{record.extension}" if record.extension else "")
    if kind == "address":
        return ", ".join(v for v in (record.address_1, record.city, record.postal_code) if v)
    if getattr(record, "exception", None):
        what = _("Closed") if record.exception == "closed" else f"{record.opens_at or ''}–{record.closes_at or ''}"
        return f"{what} {record.valid_from or ''} – {record.valid_to or ''}"
    return " ".join(v for v in (record.byday, f"{record.opens_at or ''}–{record.closes_at or ''}") if v)


def _child(kind: ChildKind, parent: Parent, child_id: str):
    model: Any = curation.MODELS[kind.resource]
    owned = kind.scope(parent) if kind.scope else getattr(model, f"{parent.kind}_id") == parent.id
    record = get_session().scalar(select(model).where(model.id == child_id, owned))
    if record is None:
        abort(404)  # another record's child is never reachable through this one
    return record


def _form(kind: ChildKind, record) -> ChildForm:
    current = curation.read(get_session(), record, kind.form.FIELDS) if record is not None else {}
    if request.method != "GET":
        form = kind.form()
    else:
        form = kind.form(data=kind.form.stored_data(current) if record is not None else dict(kind.form.NEW))
    form.offer_choices(current)
    return form


def _page(kind: ChildKind, parent: Parent, record, form: ChildForm):
    status = 400 if request.method == "POST" else 200
    action = kind.url("", parent, record) if record is not None else kind.url("_new", parent)
    delete = kind.url("_delete", parent, record) if record is not None else None
    return render_template(kind.template, parent=parent, back_url=parent.url + kind.anchor, form=form,
                           errors=errors_of(form), action_url=action, delete_url=delete,
                           **parent.context, **{kind.resource: record}), status


def _add(kind: ChildKind, args: dict):
    parent = PARENTS[kind.parent][1](**args)
    form = _form(kind, None)
    if form.validate_on_submit():
        values = form.values() | {f"{parent.kind}_id": parent.id} | (kind.new_values() if kind.new_values else {})
        _created, change = curation.create(get_session(), kind.resource, values, by=by())
        save(change)
        flash(str(kind.added), "info")
        return redirect(parent.url + kind.anchor, code=303)
    return _page(kind, parent, None, form)


def _edit(kind: ChildKind, args: dict):
    child_id = args.pop(kind.id_arg)
    parent = PARENTS[kind.parent][1](**args)
    record = _child(kind, parent, child_id)
    form = _form(kind, record)
    if form.validate_on_submit():
        change = curation.update(get_session(), record, form.values(), by=by())
        save(change)
        flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
        return redirect(parent.url + kind.anchor, code=303)
    return _page(kind, parent, record, form)


def _describe_delete(kind: ChildKind, args: dict) -> Confirmation:
    args = dict(args)
    child_id = args.pop(kind.id_arg)
    parent = PARENTS[kind.parent][1](**args)
    record = _child(kind, parent, child_id)
    return Confirmation(
        title=str(kind.delete_question), record=child_label(record),
        consequence=_("It is removed from “%(parent)s”. Its values stay in the history.", parent=parent.name),
        undo=_("You can undo this from the history of “%(parent)s”.", parent=parent.name),
        button=_("Delete"), cancel_url=kind.url("", parent, record))


def _delete(kind: ChildKind, args: dict):
    child_id = args.pop(kind.id_arg)
    parent = PARENTS[kind.parent][1](**args)
    change = curation.delete(get_session(), _child(kind, parent, child_id), by=by())
    save(change)
    flash(str(kind.deleted), "info")
    return redirect(parent.url + kind.anchor, code=303)


def register(kind: ChildKind) -> None:
    """The kind's three pages (both languages), editors only."""
    fr, en = (f"{path}/{segment}" for path, segment in zip(PARENTS[kind.parent][0], kind.segment, strict=True))
    item = f"/<{kind.id_arg}>"

    def add(**args):
        return _add(kind, args)

    def edit(**args):
        return _edit(kind, args)

    def describe(**args):
        return _describe_delete(kind, args)

    @confirmed(describe)
    def delete(**args):
        return _delete(kind, args)

    staff_route(f"{fr}/{kind.new[0]}", f"{en}/{kind.new[1]}", f"{kind.endpoint}_new", "edit", EDIT)(add)
    staff_route(fr + item, en + item, kind.endpoint, "edit", EDIT)(edit)
    staff_route(f"{fr}{item}/supprimer", f"{en}{item}/delete", f"{kind.endpoint}_delete", "edit", ("POST",))(delete)


for _kind in KINDS:
    register(_kind)
