"""The forms of an organization's update pages: the staff forms themselves (portal/staff/forms.py),
so a proposal passes exactly the validation a curator's edit passes and fails with the same error
summary. `KINDS` says which staff form edits each kind of record and which of its fields an
organization may propose (all the public ones; not the crisis flag, a curator's decision, nor the
status "defunct", which is the separate "this service has ended" proposal)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from directory import curation
from directory.geo import regions
from directory.vocabulary import ACCESSIBILITY_FEATURES
from portal.database import get_session
from portal.i18n import current_lang, localized
from portal.staff.forms import (
    AddressForm,
    CheckboxesField,
    LocationForm,
    OrganizationForm,
    PhoneForm,
    ScheduleForm,
    ServiceForm,
    choices,
)
from portal.staff.services import service_choices


@dataclass(frozen=True)
class Kind:
    form: type[FlaskForm]
    fields: tuple[str, ...]
    title: object  # lazy string


def _without(form: type[FlaskForm], *names: str) -> tuple[str, ...]:
    return tuple(n for n in form.FIELDS if n not in names)  # type: ignore[attr-defined]


KINDS: dict[str, Kind] = {
    "organization": Kind(OrganizationForm, OrganizationForm.FIELDS, _l("The organization")),
    "service": Kind(ServiceForm, _without(ServiceForm, "is_crisis"), _l("A service")),
    "location": Kind(LocationForm, LocationForm.FIELDS, _l("A location")),
    "phone": Kind(PhoneForm, PhoneForm.FIELDS, _l("A phone number")),
    "address": Kind(AddressForm, AddressForm.FIELDS, _l("An address")),
    "schedule": Kind(ScheduleForm, ScheduleForm.FIELDS, _l("Opening hours")),
}


def build(kind: str, record, *, posted: bool) -> FlaskForm:
    """The kind's staff form, filled from the record (GET) or the request (POST), with its choices."""
    spec = KINDS[kind]
    current = curation.read(get_session(), record, spec.form.FIELDS)  # type: ignore[attr-defined]
    if hasattr(spec.form, "stored_data"):
        data = spec.form.stored_data(current)  # type: ignore[attr-defined]
    else:
        data = current
    form = spec.form() if posted else spec.form(data=data)
    if kind == "service":
        service_choices(form, current)  # type: ignore[arg-type]
        form.status.choices = [c for c in form.status.choices if c.value != "defunct"]  # type: ignore[attr-defined]
        del form["is_crisis"]
    elif kind == "location":
        lang = current_lang()
        form.region_code.choices = choices([("", _l("Not set"))] + [  # type: ignore[attr-defined]
            (code, f"{code} – {localized(r, 'name', lang)}") for code, r in sorted(regions().items())])
        form.accessibility.choices = choices([(k, str(localized(v, "name", lang)))  # type: ignore[attr-defined]
                                              for k, v in ACCESSIBILITY_FEATURES.items()])
    elif hasattr(form, "offer_choices"):
        form.offer_choices(current)
    return form


def build_new(kind: str, *, posted: bool) -> FlaskForm:
    """The staff form for a new phone, address or opening hours, with a new record's defaults."""
    spec = KINDS[kind]
    form = spec.form() if posted else spec.form(data=dict(spec.form.NEW))  # type: ignore[attr-defined]
    form.offer_choices({})  # type: ignore[attr-defined]
    return form


def proposed_values(kind: str, form: FlaskForm) -> dict:
    """The values an organization proposes: the form's own (`values`, `values_of`), its kind's fields."""
    fields = KINDS[kind].fields
    values = form.values() if hasattr(form, "values") else {name: form[name].data for name in fields}
    return {name: values[name] for name in fields}


def is_checkboxes(field) -> bool:
    return isinstance(field, CheckboxesField)


class ConfirmForm(FlaskForm):
    """"Everything is still accurate": chosen services, or all (the button pressed says which)."""

    services = CheckboxesField(_l("Services still accurate"))


class RemoveForm(FlaskForm):
    """"Remove this phone / address / opening hours": only the CSRF token (the page asks first)."""


class EndForm(FlaskForm):
    """"This service has ended": only the CSRF token (the page asks first)."""
