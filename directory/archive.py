"""Ending a service without losing it: archive, restore from the archive, and (admins only)
delete an archived service for good. No Flask here; the staff area calls these
(portal/staff/archive.py) and reindexes after the commit, as for every change.

An archived service is one whose HSDS status is "defunct" ("no longer offered"). The status
already carries what archiving needs, so there is no column of its own:

* nothing public shows it: the indexer leaves inactive and defunct services out of search (and so
  out of the results' exports, the shortlist, the map, the widget), the HSDS API and the open
  data leave defunct ones out (`directory.hsds.load.Loader(public=True)`, `portal.api.queries`),
  and its public page answers 404;
* it stays in the directory with every child record and its whole history, so a curator can
  restore it, and the restore is one audited status change back to what it was;
* archiving is a status change like any other, in the same audit trail (`last_action_type`
  "archive", then "unarchive"), so undoing it from the history works as for any field.

"inactive" stays what HSDS says it is, a service not offered for now: public in the API, not in
search. The status "defunct" is no longer offered in the service form: a service ends through
the explicit, confirmed "End this service" action.

`purge` is the only deletion of a service anywhere in the staff area: admins only, archived
services only, and it writes the `*` "deleted" rows (every value of the service, its languages,
categories, phones and opening hours) before the rows go, so even that leaves a trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from directory import curation
from directory.curation import Change, CurationError
from directory.models import SERVICE_STATUSES, Metadata, Phone, Schedule, Service

ARCHIVED = "defunct"
# The status a restored service gets when its history does not say what it was before (it was
# imported already defunct): not in search until a curator checks it and makes it active.
FALLBACK_STATUS = "inactive"


def is_archived(service: Service) -> bool:
    return service.status == ARCHIVED


def archive(session: Session, service: Service, *, by: str) -> Change:
    """End a service: status "defunct", audited as an "archive" row (undone like any change)."""
    if is_archived(service):
        raise CurationError("already_archived", f"service {service.id} is archived already")
    return curation.update(session, service, {"status": ARCHIVED}, by=by, action="archive")


def status_before_archive(session: Session, service_id: str) -> str:
    """The status the service had before it last became defunct, from its audit trail."""
    previous = session.scalar(
        select(Metadata.previous_value).where(
            Metadata.resource_type == "service", Metadata.resource_id == service_id,
            Metadata.field_name == "status", Metadata.replacement_value == ARCHIVED)
        .order_by(Metadata.last_action_date.desc()).limit(1))
    if previous in SERVICE_STATUSES and previous != ARCHIVED:
        return previous
    return FALLBACK_STATUS


def unarchive(session: Session, service: Service, *, by: str) -> Change:
    """Bring an archived service back to the status it had before (audited as "unarchive")."""
    if not is_archived(service):
        raise CurationError("not_archived", f"service {service.id} is not archived")
    return curation.update(session, service, {"status": status_before_archive(session, service.id)}, by=by,
                           action="unarchive")


def purge(session: Session, service: Service, *, by: str) -> Change:
    """Delete an archived service for good (admins). Its phones and opening hours go first, each
    with its `*` "deleted" rows, then the service's own rows; its locations stay (other services
    may be offered there). What remains is its trail in the audit rows."""
    if not is_archived(service):
        raise CurationError("not_archived", f"service {service.id} is not archived: archive it first")
    when = curation.now_utc()
    change = Change()
    children: list[Phone | Schedule] = [
        *session.scalars(select(Phone).where(Phone.service_id == service.id).order_by(Phone.id)),
        *session.scalars(select(Schedule).where(Schedule.service_id == service.id).order_by(Schedule.id)),
    ]
    for child in children:
        change += curation.delete(session, child, by=by, action="purge", when=when)
    change += curation.delete(session, service, by=by, action="purge", when=when)
    return change


@dataclass(frozen=True)
class ArchivedService:
    service: Service
    archived_at: dt.datetime | None  # None: defunct before any audited change (an import)
    archived_by: str | None


def archived(session: Session, *, q: str = "", page: int = 1, per_page: int = 25) -> tuple[list[ArchivedService], int]:
    """Archived services whose name (either language) contains `q`, or whose id is `q`, by name;
    each with when and by whom it was archived."""
    condition = Service.status == ARCHIVED
    if q:
        pattern = f"%{q}%"
        condition = condition & or_(Service.name_fr.ilike(pattern), Service.name_en.ilike(pattern), Service.id == q)
    total = session.scalar(select(func.count()).select_from(Service).where(condition)) or 0
    services = list(session.scalars(select(Service).where(condition).order_by(Service.name_fr, Service.id)
                                    .offset((page - 1) * per_page).limit(per_page)))
    rows = session.execute(
        select(Metadata.resource_id, Metadata.last_action_date, Metadata.updated_by).where(
            Metadata.resource_type == "service", Metadata.resource_id.in_([s.id for s in services]),
            Metadata.field_name == "status", Metadata.replacement_value == ARCHIVED)
        .order_by(Metadata.last_action_date)).all()
    latest = {r.resource_id: (r.last_action_date, r.updated_by) for r in rows}  # the last one wins
    return [ArchivedService(s, *latest.get(s.id, (None, None))) for s in services], total
