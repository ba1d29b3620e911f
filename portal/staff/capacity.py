"""Live capacity in the staff area (admins and curators): a service's counts and the form that sets
one ("12 beds free, out of 20"). The same form serves organizations on their update page
(portal/outreach/views.py). Every save goes through `directory.capacity.set_capacity` (validated,
audited), is committed, then reaches search through the live index (`editing.save`): published at
once, no review (docs/capacity.md)."""

from __future__ import annotations

import datetime as dt
import sys

import click
from flask import flash, redirect, render_template, request, url_for
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from directory import capacity as directory_capacity
from directory.curation import Change
from directory.models import Service, ServiceCapacity, Unit
from directory.vocabulary import CAPACITY_UNITS
from portal import search_service
from portal.database import get_session
from portal.display import capacity as display
from portal.i18n import current_lang, localized
from portal.locales import UI_LOCALES
from portal.staff import editing
from portal.staff.forms import SHORT_TEXT_CHARS, MaxChars, choices, errors_of
from portal.staff.routing import EDIT, staff_route


class CapacityForm(FlaskForm):
    """One count: the unit, how many are free now, out of how many (optional)."""

    # Choices are checked by directory.capacity (one message for a form and the command line).
    unit = SelectField(_l("Unit"), validators=[InputRequired(_l("Choose a unit from the list."))],
                       validate_choice=False)
    available = StringField(_l("Available now"), validators=[InputRequired(_l("Enter the number available now."))])
    maximum = StringField(_l("Maximum (optional)"), validators=[Optional()])
    description_fr = TextAreaField(_l("Description (French, optional)"), validators=[Optional(),
                                                                                     MaxChars(SHORT_TEXT_CHARS)])
    description_en = TextAreaField(_l("Description (English, optional)"), validators=[Optional(),
                                                                                      MaxChars(SHORT_TEXT_CHARS)])

    def offer_units(self) -> None:
        """The vocabulary's units, named in the page's language (a unit a service got from an
        import stays choosable)."""
        lang = current_lang()
        pairs = [(key, str(localized(unit, "name", lang))) for key, unit in CAPACITY_UNITS.items()]
        known = set(CAPACITY_UNITS)
        imported = select(Unit).join(ServiceCapacity, ServiceCapacity.unit_id == Unit.id).distinct()
        for row in get_session().scalars(imported):
            if row.identifier and row.identifier not in known:
                pairs.append((row.identifier, str(localized(row, "name", lang))))
        self.unit.choices = choices([("", _l("Choose…")), *pairs])  # type: ignore[assignment]


def error_message(code: str) -> str:
    """A refused count, in the page's language."""
    return {
        "unknown_unit": _("Choose a unit from the list."),
        "not_integer": _("Enter a whole number, for example 12."),
        "negative": _("The number cannot be negative."),
        "too_large": _("This number is too large."),
        "above_maximum": _("The number available cannot be above the maximum."),
        "unknown_service": _("This service does not exist."),
    }.get(code, _("This change cannot be made."))


def _kept(value: str | None):
    """An empty optional field keeps the stored value: an organization types only today's number."""
    return value.strip() if value and value.strip() else directory_capacity.KEEP


def set_from_form(form: CapacityForm, service: Service, *, by: str) -> Change | None:
    """Validate and save the form's count (not committed); None with the message on the right field
    when the form or the directory refuses it."""
    if not form.validate_on_submit():
        return None
    try:
        return directory_capacity.set_capacity(
            get_session(), service, form.unit.data or "", form.available.data, _kept(form.maximum.data),
            description_fr=_kept(form.description_fr.data), description_en=_kept(form.description_en.data), by=by)
    except directory_capacity.CapacityError as error:
        get_session().rollback()
        field = {"unit": form.unit, "maximum": form.maximum}.get(error.field, form.available)
        field.errors = [*field.errors, error_message(error.code)]  # type: ignore[list-item]
        return None


def current_counts(service: Service) -> list[display.CapacityView]:
    return display.views(display.from_rows(directory_capacity.capacities(get_session(), [service.id])[service.id]),
                         dt.datetime.now(dt.UTC))


@staff_route("/services/<service_id>/capacite", "/services/<service_id>/capacity", "capacity", "edit",
             methods=EDIT)
def capacity_edit(service_id: str):
    service = editing.service_or_404(service_id)
    form = CapacityForm()
    form.offer_units()
    if request.method == "GET" and request.args.get("unit") in CAPACITY_UNITS:
        form.unit.data = request.args["unit"]
    status = 200
    if request.method == "POST":
        change = set_from_form(form, service, by=editing.by())
        if change is not None:
            editing.save(change)
            flash(_("Capacity saved: it is public and searchable now."), "info")
            return redirect(url_for("staff.capacity", service_id=service.id), code=303)
        status = 400
    return render_template("staff/capacity_edit.html", service=service, form=form, errors=errors_of(form),
                           counts=current_counts(service)), status


capacity_cli = AppGroup("capacity", help="Live capacity of services (HSDS 3.1 service_capacity).")


def _both_languages(code: str) -> str:
    """A refusal in French, then English: the command line has no page language."""
    found = []
    for lang in ("fr", "en"):
        with force_locale(UI_LOCALES[lang].babel):
            found.append(error_message(code))
    return " / ".join(found)


@capacity_cli.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("service_id")
@click.argument("unit")
@click.argument("available")
@click.option("--maximum", default=None, help="Out of how many (omit to keep the stored maximum; '' for none).")
@click.option("--by", default="cli", show_default=True, help="Who the audit trail names.")
def capacity_set(service_id: str, unit: str, available: str, maximum: str | None, by: str) -> None:
    """Set how many UNIT (beds, rooms, appointments, places, food_hampers, meals) SERVICE_ID has
    free now: published and searchable at once, audited."""
    session = get_session()
    try:
        change = directory_capacity.set_capacity(
            session, session.get(Service, service_id), unit, available,
            directory_capacity.KEEP if maximum is None else maximum, by=by)
    except directory_capacity.CapacityError as error:
        session.rollback()
        click.echo(f"{_both_languages(error.code)} ({error})", err=True)
        sys.exit(1)
    session.commit()
    failed = search_service.reindex(change.service_ids)
    note = " (search will catch up: the index is busy)" if failed else ""
    click.echo(f"{service_id}: {available} {unit} available{note}")
