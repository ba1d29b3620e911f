"""A record's history (every audited change, its own and its children's), undoing one change, and
restoring the record to how it was at a point."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory import curation
from directory.models import Metadata, Service, ServiceAtLocation
from portal.database import get_session
from portal.i18n import localized
from portal.staff.display import history_entry
from portal.staff.editing import by, curation_error, save
from portal.staff.routing import staff_route

HISTORY_TYPES = ("service", "organization", "location")


def _record(resource_type: str, resource_id: str):
    if resource_type not in HISTORY_TYPES:
        abort(404)
    record = get_session().get(curation.MODELS[resource_type], resource_id)
    if record is None:
        abort(404)
    return record


def _record_name(record) -> str:
    return str(localized(record, "name") or record.id)


@staff_route("/historique/<resource_type>/<resource_id>", "/history/<resource_type>/<resource_id>", "history",
             "read")
def history(resource_type: str, resource_id: str):
    record = _record(resource_type, resource_id)
    db = get_session()
    rows = curation.history(db, resource_type, resource_id)
    # A location is edited through a service it belongs to (its URLs need one): link each of them.
    services = list(db.scalars(
        select(Service).join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .where(ServiceAtLocation.location_id == record.id).order_by(Service.name_fr, Service.id).limit(50)
    )) if resource_type == "location" else []
    # Each row in words: its field, action and values in the page's language, a long text's diff.
    entries = {row.id: history_entry(row, resource_type) for row in rows}
    return render_template("staff/history.html", record=record, resource_type=resource_type,
                           name=_record_name(record), rows=rows, entries=entries, services=services)


def _history_row(resource_type: str, resource_id: str, change_id: str) -> Metadata:
    _record(resource_type, resource_id)
    rows = curation.history(get_session(), resource_type, resource_id)
    row = next((r for r in rows if r.id == change_id), None)
    if row is None:
        abort(404)  # a change of another record is never reachable through this one
    return row


@staff_route("/historique/<resource_type>/<resource_id>/<change_id>/annuler",
             "/history/<resource_type>/<resource_id>/<change_id>/undo", "revert", "edit", methods=("POST",))
def revert(resource_type: str, resource_id: str, change_id: str):
    _history_row(resource_type, resource_id, change_id)
    try:
        change = curation.revert_change(get_session(), change_id, by=by())
    except curation.CurationError as error:
        get_session().rollback()
        flash(curation_error(error), "error")
    else:
        save(change)
        flash(_("The change is undone. The undo is in the history too."), "info")
    return redirect(url_for("staff.history", resource_type=resource_type, resource_id=resource_id), code=303)


@staff_route("/historique/<resource_type>/<resource_id>/<change_id>/retablir",
             "/history/<resource_type>/<resource_id>/<change_id>/restore", "restore", "edit", methods=("POST",))
def restore(resource_type: str, resource_id: str, change_id: str):
    _history_row(resource_type, resource_id, change_id)
    try:
        change = curation.revert_to(get_session(), resource_type, resource_id, change_id, by=by())
    except curation.CurationError as error:
        get_session().rollback()
        flash(curation_error(error), "error")
    else:
        save(change)
        flash(_("The record is back to how it was at that point."), "info")
    return redirect(url_for("staff.history", resource_type=resource_type, resource_id=resource_id), code=303)
