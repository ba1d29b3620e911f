"""Ending a service and the archived records: end (archive) a service, list and search the
archived ones, restore one, and, for admins only, delete an archived service permanently.

The rules live in `directory.archive` (archived = HSDS status "defunct", audited); every change is
saved and reindexed like any other edit (`editing.save`), so an ended service leaves search at
once and a restored one comes back. Ending asks first; a permanent deletion asks for the
service's name to be typed (portal/staff/confirm.py).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from directory import archive as archiving
from portal.database import get_session
from portal.staff.confirm import Confirmation, confirmed, refuse
from portal.staff.editing import apply, by, service_or_404
from portal.staff.routing import PER_PAGE, staff_route


@staff_route("/archives", "/archive", "archive", "read")
def archived_list():
    q = (request.args.get("q") or "").strip()[:100]
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10000))
    entries, total = archiving.archived(get_session(), q=q, page=page, per_page=PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return render_template("staff/archive.html", entries=entries, total=total, q=q, page=page, pages=pages)


def _service_url(service_id: str) -> str:
    return url_for("staff.service", service_id=service_id)


def _describe_end(service_id: str) -> Confirmation:
    service = service_or_404(service_id)
    if archiving.is_archived(service):
        refuse(_("This service is archived already."), _service_url(service.id))
    return Confirmation(
        title=_("End this service?"), record=service.name_fr,
        consequence=_("It leaves search, the API and the open data at once. It is kept, with its history, "
                      "among the archived records, where a curator can restore it."),
        undo=_("You can undo this from its history, or restore it from the archived records."),
        button=_("End this service"), cancel_url=_service_url(service.id))


@staff_route("/services/<service_id>/terminer", "/services/<service_id>/end", "service_end", "edit",
             methods=("POST",))
@confirmed(_describe_end)
def service_end(service_id: str):
    service = service_or_404(service_id)
    if apply(lambda: archiving.archive(get_session(), service, by=by())):
        flash(_("The service is ended and archived: it is no longer public. You can undo this from its history."),
              "info")
    return redirect(_service_url(service_id), code=303)


@staff_route("/services/<service_id>/desarchiver", "/services/<service_id>/unarchive", "service_unarchive", "edit",
             methods=("POST",))
def service_unarchive(service_id: str):
    """Not destructive (it publishes the service again as it was), and undone from the history."""
    service = service_or_404(service_id)
    if apply(lambda: archiving.unarchive(get_session(), service, by=by())):
        flash(_("The service is restored with the status it had before: %(status)s.",
                status=_status_label(service.status)), "info")
    return redirect(_service_url(service_id), code=303)


def _status_label(status: str) -> str:
    # The service form's own labels (portal/staff/forms.py).
    return {"active": _("Active"), "temporarily closed": _("Temporarily closed"),
            "inactive": _("Inactive (not offered now)")}.get(status, status)


def _describe_purge(service_id: str) -> Confirmation:
    service = service_or_404(service_id)
    back = url_for("staff.archive")
    if not archiving.is_archived(service):
        refuse(_("Only an archived service can be deleted permanently. End it first."), _service_url(service.id))
    return Confirmation(
        title=_("Delete this service permanently?"), record=service.name_fr,
        consequence=_("The service, its phone numbers, its opening hours and its links to its locations are "
                      "deleted. Its organization and its locations stay. Its values remain in the audit trail, "
                      "but it can no longer be restored from the staff area."),
        button=_("Delete permanently"), cancel_url=back, type_name=True)


@staff_route("/services/<service_id>/supprimer-definitivement", "/services/<service_id>/delete-permanently",
             "service_purge", "admin", methods=("POST",))
@confirmed(_describe_purge)
def service_purge(service_id: str):
    service = service_or_404(service_id)
    name = service.name_fr
    if apply(lambda: archiving.purge(get_session(), service, by=by())):
        flash(_("“%(name)s” is deleted permanently. Its values remain in the audit trail.", name=name), "info")
    return redirect(url_for("staff.archive"), code=303)
