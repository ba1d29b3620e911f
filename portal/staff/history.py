"""A record's history (every audited change, its own and its children's), undoing one change, and
restoring the record to how it was at a point.

Both ask first (portal/staff/confirm.py) and are themselves new entries of the history, which can
be undone in turn. Neither can delete a service, an organization or a location: undoing the
creation of one is refused (`directory.curation.undo_refusal`); the history of an archived
service opens like any other, and undoing its archiving restores it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from directory import curation
from directory.models import Metadata, Service, ServiceAtLocation
from portal.database import get_session
from portal.i18n import localized
from portal.staff.confirm import Confirmation, confirmed, refuse
from portal.staff.display import history_entry
from portal.staff.editing import apply, by, curation_error
from portal.staff.routing import montreal, staff_route

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
    # Rows whose undo is refused (the creation of the record itself): no Undo button, a reason.
    refused = {r.id for r in rows if curation.undo_refusal(r) is not None}
    return render_template("staff/history.html", record=record, resource_type=resource_type,
                           name=_record_name(record), rows=rows, entries=entries, services=services,
                           refused=refused)


def _history_row(resource_type: str, resource_id: str, change_id: str) -> Metadata:
    _record(resource_type, resource_id)
    rows = curation.history(get_session(), resource_type, resource_id)
    row = next((r for r in rows if r.id == change_id), None)
    if row is None:
        abort(404)  # a change of another record is never reachable through this one
    return row


# What a child record is called in a confirmation (its type as audited).
KINDS = {"phone": _l("phone number"), "address": _l("address"), "schedule": _l("opening hours")}


def _when(row: Metadata) -> str:
    local = montreal(row.last_action_date)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def _short(text: str) -> str:
    return text if len(text) <= 200 else text[:199] + "…"


def _history_url(resource_type: str, resource_id: str) -> str:
    return url_for("staff.history", resource_type=resource_type, resource_id=resource_id)


def _describe_revert(resource_type: str, resource_id: str, change_id: str) -> Confirmation:
    record = _record(resource_type, resource_id)
    row = _history_row(resource_type, resource_id, change_id)
    back = _history_url(resource_type, resource_id)
    refusal = curation.undo_refusal(row)
    if refusal is not None:
        refuse(curation_error(curation.CurationError(refusal, "")), back)
    kind = str(KINDS.get(row.resource_type, row.resource_type))
    if row.field_name == "*" and row.replacement_value == "created":
        consequence = _("The %(kind)s added on %(when)s is deleted. Its values stay in the history.",
                        kind=kind, when=_when(row))
    elif row.field_name == "*":
        consequence = _("The %(kind)s deleted on %(when)s comes back.", kind=kind, when=_when(row))
    else:
        consequence = _("%(field)s goes back from “%(after)s” to “%(before)s” (the change of %(when)s).",
                        field=row.field_name, after=_short(row.replacement_value) or _("(empty)"),
                        before=_short(row.previous_value) or _("(empty)"), when=_when(row))
    return Confirmation(title=_("Undo this change?"), record=_record_name(record), consequence=consequence,
                        undo=_("The undo is a new entry in the history: it can be undone in turn."),
                        button=_("Undo the change"), cancel_url=back)


@staff_route("/historique/<resource_type>/<resource_id>/<change_id>/annuler",
             "/history/<resource_type>/<resource_id>/<change_id>/undo", "revert", "edit", methods=("POST",))
@confirmed(_describe_revert)
def revert(resource_type: str, resource_id: str, change_id: str):
    _history_row(resource_type, resource_id, change_id)
    if apply(lambda: curation.revert_change(get_session(), change_id, by=by())):
        flash(_("The change is undone. The undo is in the history too."), "info")
    return redirect(_history_url(resource_type, resource_id), code=303)


def _describe_restore(resource_type: str, resource_id: str, change_id: str) -> Confirmation:
    record = _record(resource_type, resource_id)
    row = _history_row(resource_type, resource_id, change_id)
    later = len(curation.changes_since(get_session(), resource_type, resource_id, change_id))
    return Confirmation(
        title=_("Restore to this point?"), record=_record_name(record),
        consequence=ngettext("The %(num)d change made after %(when)s is undone, in one new save.",
                             "The %(num)d changes made after %(when)s are undone, in one new save.",
                             later, when=_when(row)),
        undo=_("The restore is a new entry in the history: it can be undone in turn."),
        button=_("Restore to this point"), cancel_url=_history_url(resource_type, resource_id))


@staff_route("/historique/<resource_type>/<resource_id>/<change_id>/retablir",
             "/history/<resource_type>/<resource_id>/<change_id>/restore", "restore", "edit", methods=("POST",))
@confirmed(_describe_restore)
def restore(resource_type: str, resource_id: str, change_id: str):
    _history_row(resource_type, resource_id, change_id)
    if apply(lambda: curation.revert_to(get_session(), resource_type, resource_id, change_id, by=by())):
        flash(_("The record is back to how it was at that point."), "info")
    return redirect(_history_url(resource_type, resource_id), code=303)
