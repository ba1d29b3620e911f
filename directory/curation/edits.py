"""The changes: create, update, delete and verify a record, each writing its audit rows in the same
transaction, and the services whose search documents a change reaches (`Change.service_ids`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.curation.fields import (
    DELETABLE,
    EDITABLE,
    LIST_FIELDS,
    MODELS,
    PARENT_KEYS,
    REQUIRED_FRENCH,
    CurationError,
    Record,
)
from directory.curation.values import audit_text, clean, get_field, set_field
from directory.models import Metadata, Organization, Service, ServiceAtLocation, VerificationNote


@dataclass
class Change:
    """What one save did: the audit rows written and the services whose documents changed."""

    rows: list[Metadata] = field(default_factory=list)
    service_ids: set[str] = field(default_factory=set)

    def __iadd__(self, other: Change) -> Change:
        self.rows.extend(other.rows)
        self.service_ids |= other.service_ids
        return self

    @property
    def changed(self) -> bool:
        return bool(self.rows)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- which services a record's change reaches -----------------------------------------------------


def affected_services(session: Session, resource_type: str, record: Record | Mapping[str, Any]) -> set[str]:
    """Services whose search documents include this record."""
    def value(name: str) -> Any:
        return record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)

    if resource_type == "service":
        return {value("id")}
    if resource_type == "organization":
        return set(session.scalars(select(Service.id).where(Service.organization_id == value("id"))))
    if resource_type == "location":
        return set(session.scalars(select(ServiceAtLocation.service_id).where(
            ServiceAtLocation.location_id == value("id"))))
    if resource_type == "schedule":
        found: set[str] = set()
        if value("service_id"):
            found.add(value("service_id"))
        if value("service_at_location_id"):
            found |= set(session.scalars(select(ServiceAtLocation.service_id).where(
                ServiceAtLocation.id == value("service_at_location_id"))))
        if value("location_id"):
            found |= set(session.scalars(select(ServiceAtLocation.service_id).where(
                ServiceAtLocation.location_id == value("location_id"))))
        return found
    if resource_type == "address":
        return set(session.scalars(select(ServiceAtLocation.service_id).where(
            ServiceAtLocation.location_id == value("location_id"))))
    if resource_type == "phone":
        found = set()
        if value("service_id"):
            found.add(value("service_id"))
        if value("organization_id"):
            found |= set(session.scalars(select(Service.id).where(Service.organization_id == value("organization_id"))))
        if value("location_id"):
            found |= set(session.scalars(select(ServiceAtLocation.service_id).where(
                ServiceAtLocation.location_id == value("location_id"))))
        if value("service_at_location_id"):
            found |= set(session.scalars(select(ServiceAtLocation.service_id).where(
                ServiceAtLocation.id == value("service_at_location_id"))))
        return found
    return set()


# -- the changes ----------------------------------------------------------------------------------


def _row(resource_type: str, resource_id: str, action: str, name: str, previous: Any, replacement: Any,
         by: str, when: dt.datetime) -> Metadata:
    return Metadata(resource_id=resource_id, resource_type=resource_type, last_action_date=when,
                    last_action_type=action, field_name=name, previous_value=audit_text(previous),
                    replacement_value=audit_text(replacement), updated_by=by)


def _check_fields(resource_type: str, names: Iterable[str], *, allowed: tuple[str, ...] = ()) -> None:
    permitted = set(EDITABLE.get(resource_type, ())) | set(allowed)
    refused = sorted(set(names) - permitted)
    if refused:
        raise CurationError("not_editable", f"{resource_type}: fields not editable here: {refused}")


def update(session: Session, record: Record, changes: Mapping[str, Any], *, by: str, action: str = "update",
           when: dt.datetime | None = None, _allowed: tuple[str, ...] = ()) -> Change:
    """Apply `changes` (field -> new value) to `record`; one audit row per field that really changed."""
    resource_type = record.__tablename__
    _check_fields(resource_type, changes, allowed=_allowed)
    when = when or now_utc()
    change = Change()
    for name, new in changes.items():
        new = clean(resource_type, name, new)
        old = get_field(session, record, name)
        if audit_text(old) == audit_text(new):
            continue
        if new in ("", None) and name in REQUIRED_FRENCH.get(resource_type, ()):
            raise CurationError("french_required", f"{resource_type}.{name} may not be empty")
        set_field(session, record, name, new)
        change.rows.append(_row(resource_type, record.id, action, name, old, new, by, when))
    if change.rows:
        session.add_all(change.rows)
        session.flush()
        change.service_ids = affected_services(session, resource_type, record)
    return change


def _list_fields(resource_type: str) -> list[str]:
    return sorted(name for kind, name in LIST_FIELDS if kind == resource_type)


def _columns(model: type[Record]) -> list[str]:
    return [c.name for c in model.__table__.columns if c.name not in ("id", "last_modified")]


def create(session: Session, resource_type: str, values: Mapping[str, Any], *, by: str,
           action: str = "create", when: dt.datetime | None = None, record_id: str | None = None,
           _trusted: bool = False) -> tuple[Record, Change]:
    """Create a record from `values`; rows: `*` "created" plus one per non-empty column."""
    model = MODELS[resource_type]
    if not _trusted:
        _check_fields(resource_type, values, allowed=PARENT_KEYS.get(resource_type, ()))
    when = when or now_utc()
    plain = {k: clean(resource_type, k, v) for k, v in values.items() if (resource_type, k) not in LIST_FIELDS}
    for name in REQUIRED_FRENCH.get(resource_type, ()):
        if not plain.get(name):
            raise CurationError("french_required", f"{resource_type}.{name} may not be empty")
    record = model(**plain) if record_id is None else model(id=record_id, **plain)
    session.add(record)
    session.flush()
    rows = [_row(resource_type, record.id, action, "*", "", "created", by, when)]
    for name in _columns(model):
        current = getattr(record, name)
        if current is not None and current != "":
            rows.append(_row(resource_type, record.id, action, name, "", current, by, when))
    for name in _list_fields(resource_type):
        wanted = clean(resource_type, name, values.get(name))
        if wanted:
            set_field(session, record, name, wanted)
            rows.append(_row(resource_type, record.id, action, name, "", wanted, by, when))
    session.add_all(rows)
    session.flush()
    return record, Change(rows, affected_services(session, resource_type, record))


def delete(session: Session, record: Record, *, by: str, action: str = "delete",
           when: dt.datetime | None = None) -> Change:
    """Delete a record; its values stay in the audit rows so a revert can bring it back."""
    resource_type = record.__tablename__
    if resource_type not in DELETABLE and action != "purge":
        # Services, organizations and locations are retired through their status, never deleted
        # here: their children (phones, addresses…) are not all audited and could not come back.
        # The one exception is `directory.archive.purge` (admins, archived services only).
        raise CurationError("not_deletable", f"{resource_type} records are not deleted from the staff area")
    when = when or now_utc()
    services = affected_services(session, resource_type, record)
    rows = [_row(resource_type, record.id, action, "*", "", "deleted", by, when)]
    for name in _columns(type(record)):
        current = getattr(record, name)
        if current is not None and current != "":
            rows.append(_row(resource_type, record.id, action, name, current, "", by, when))
    for name in _list_fields(resource_type):
        current = get_field(session, record, name)
        if current:
            rows.append(_row(resource_type, record.id, action, name, current, "", by, when))
            set_field(session, record, name, [])  # child rows go explicitly, whatever the FK cascade does
    session.delete(record)
    session.add_all(rows)
    session.flush()
    return Change(rows, services)


def verify(session: Session, record: Service | Organization, note: str, *, by: str,
           today: dt.date | None = None) -> Change:
    """Mark a record as confirmed with the organization today: a "verify" row and the note."""
    note = (note or "").strip()
    if not note:
        raise CurationError("note_required", "say what was checked")
    today = today or dt.date.today()
    when = now_utc()
    resource_type = record.__tablename__
    row = _row(resource_type, record.id, "verify", "verified_on", record.verified_on, today, by, when)
    record.verified_on = today
    session.add(row)
    session.add(VerificationNote(resource_id=record.id, resource_type=resource_type, verified_on=today,
                                 note=note, verified_by=by, created_at=when))
    session.flush()
    return Change([row], affected_services(session, resource_type, record))
