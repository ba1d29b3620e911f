"""What every editing page shares: saving through `directory.curation` (audited), then updating
the live index; refusals in the curator's words; the records named in a URL, found or 404.

Records are always looked up through the record in the URL: a location through the service's own
service_at_location rows (and child records through their parent, portal/staff/children.py), so
one record's URL can never reach another's rows.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from directory import curation
from directory.models import Location, Service, ServiceAtLocation
from portal import search_service
from portal.database import get_session


def by() -> str:
    """Who makes the change, for the audit rows."""
    return current_user.email


def save(change: curation.Change) -> None:
    """Commit, then update the live index (never before: a rolled-back edit must not be searchable)."""
    get_session().commit()
    if change.service_ids:
        failed = search_service.reindex(change.service_ids)
        if failed:
            flash(_("Saved. Search will show the change a little later (the index is catching up)."), "warning")


def apply(action: Callable[[], curation.Change]) -> curation.Change | None:
    """Run a curation action and `save` its change; None, with the reason flashed and the
    transaction rolled back, when curation refuses it. The caller says what was done."""
    try:
        change = action()
    except curation.CurationError as error:
        get_session().rollback()
        flash(curation_error(error), "error")
        return None
    save(change)
    return change


def update(record, values: dict) -> bool:
    """Save `values` on `record` (audited, reindexed after commit) and say so; False when curation
    refuses them (see `apply`)."""
    change = apply(lambda: curation.update(get_session(), record, values, by=by()))
    if change is None:
        return False
    flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
    return True


def curation_error(error: curation.CurationError) -> str:
    return {
        "changed_since": _("This field was changed again afterwards. Undo the later change first, "
                           "or restore the record to a point."),
        "gone": _("This record no longer exists."),
        "french_required": _("The French text is required."),
        "unknown_category": _("Choose categories from the list."),
        "unknown_feature": _("Choose accessibility features from the list."),
        "note_required": _("Write a short note."),
        "creation_not_undoable": _("Undoing the creation of a service, an organization or a location would delete "
                                   "it, so it cannot be undone. To end a service, use “End this service” on its "
                                   "page: it is archived, and can be restored."),
        "already_archived": _("This service is archived already."),
        "not_archived": _("This service is not archived."),
    }.get(error.code, _("This change cannot be made."))


def service_or_404(service_id: str) -> Service:
    found = get_session().get(Service, service_id)
    if found is None:
        abort(404)
    return found


def location_of(service: Service, location_id: str) -> Location:
    """One of the service's locations; 404 for any other location."""
    location = get_session().scalar(
        select(Location).join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
        .where(ServiceAtLocation.service_id == service.id, Location.id == location_id))
    if location is None:
        abort(404)
    return location
