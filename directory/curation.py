"""Editing the directory: apply a curator's changes, write the audit trail, verify, revert.

Every change is written to HSDS `metadata`, one row per changed field (resource_id, resource_type,
last_action_date, last_action_type, field_name, previous_value, replacement_value, updated_by), in
the same transaction as the change itself. History is never rewritten: a revert is a new change
whose rows say "revert".

Conventions of the rows written here (the HSDS importer writes "import" rows the same way):

* update / verify / revert of a field: `field_name` is the column (or a list-valued field below),
  values are text (`audit_text`), "" for NULL.
* a record created or deleted: one row `field_name="*"` whose replacement is "created" or
  "deleted", plus one row per non-empty column carrying the values, so a deletion can be undone.
* list-valued fields kept in child tables are audited as one field of the parent, comma-separated
  and sorted: a service's `languages` (ISO codes) and `categories` (taxonomy codes), a location's
  `accessibility` (feature keys), a phone line's `languages`. One row says what changed and
  reverting it is one assignment. Created and deleted records carry them too, so undoing the
  deletion of a phone brings its languages back.
* child records edited on their parent's pages (a service's schedules and phones, an
  organization's phones, a location's addresses and phones) are part of the parent's history
  (`CHILDREN`): they are found through the parent key, also once deleted (their `*` rows carry it).

All rows of one save share `last_action_date` (microseconds kept), which groups them.

No undo or restore deletes a service, an organization or a location (`TOP_LEVEL`): undoing the
creation of one is refused (`undo_refusal`, enforced again in `_restore` whatever the path). A
service ends by being archived (`directory.archive`); the only deletion is an admin's purge of an
archived service, whose `*` "deleted" rows keep its values.

Which services need their search documents refreshed after the commit is returned with each
change (`Change.service_ids`); the caller (portal/staff) updates the index once the transaction
has committed, so the index never shows an edit that was rolled back. No Flask here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias, TypedDict, cast

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    Row,
    or_,
    select,
)
from sqlalchemy.orm import Session

from directory.models import (
    Accessibility,
    Address,
    Attribute,
    Language,
    Location,
    Metadata,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    VerificationNote,
)
from directory.vocabulary import ACCESSIBILITY_FEATURES

ACTIONS = ("create", "update", "delete", "verify", "revert", "archive", "unarchive", "purge")
REVIEW_INTERVAL = dt.timedelta(days=365)

# The columns the staff area may change, per table. Anything else in a change set is refused
# (mass assignment): ids, foreign keys to other records, timestamps are never taken from a form.
EDITABLE: dict[str, tuple[str, ...]] = {
    "organization": (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "email", "website", "legal_status", "year_incorporated",
    ),
    "service": (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "url", "email", "status", "interpretation_services_fr", "interpretation_services_en",
        "application_process_fr", "application_process_en", "fees_description_fr", "fees_description_en",
        "eligibility_description_fr", "eligibility_description_en", "alert_fr", "alert_en",
        "minimum_age", "maximum_age", "keywords_fr", "keywords_en",
        "is_temporary", "is_crisis", "valid_from", "valid_to",
        "languages", "categories",
    ),
    "location": (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "transportation_fr", "transportation_en", "latitude", "longitude", "region_code", "accessibility",
    ),
    "schedule": (
        "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description_fr", "description_en",
        "notes_fr", "notes_en",
    ),
    "address": (
        "address_type", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code",
        "country",
    ),
    "phone": ("number", "extension", "type", "description_fr", "description_en", "languages"),
}
# Set only when a record is created (which parent it belongs to), never changed afterwards.
PARENT_KEYS: dict[str, tuple[str, ...]] = {
    "schedule": ("service_id", "location_id", "service_at_location_id", "freq", "interval", "dtstart"),
    "address": ("location_id",),
    "phone": ("service_id", "organization_id", "location_id"),
}
# Records that curators may delete (the others are retired through their status): their values,
# list-valued fields included, stay in the audit rows so the deletion can be undone.
DELETABLE = ("schedule", "phone", "address")
# Records no undo or restore may delete (undoing their creation is refused, `undo_refusal`): a
# service ends by being archived (`directory.archive`); only an admin's `purge` of an archived
# service removes one, and its audit rows keep every value.
TOP_LEVEL = ("service", "organization", "location")
# Child records shown and audited with their parent: parent type -> (child type, parent key).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "service": (("schedule", "service_id"), ("phone", "service_id")),
    "organization": (("phone", "organization_id"),),
    "location": (("address", "location_id"), ("phone", "location_id")),
}
# `verified_on` changes through `verify` only (and reverts of it).
SYSTEM_FIELDS = ("verified_on",)
LIST_FIELDS = {("service", "languages"), ("service", "categories"), ("location", "accessibility"),
               ("phone", "languages")}
# The records curators edit (all have a string `id` and a `__tablename__` naming their type).
Record: TypeAlias = Organization | Service | Location | Schedule | Address | Phone
MODELS: dict[str, type[Record]] = {
    "organization": Organization, "service": Service, "location": Location, "schedule": Schedule,
    "address": Address, "phone": Phone,
}
REQUIRED_FRENCH: dict[str, tuple[str, ...]] = {
    "organization": ("name_fr", "description_fr"),
    "service": ("name_fr",),
    "location": (),
    "schedule": (),
    "address": (),
    "phone": (),
}


class CurationError(ValueError):
    """A change the directory refuses; `code` is shown to the curator, translated."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


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


# -- values as audit text and back ----------------------------------------------------------------


def audit_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(sorted(str(v) for v in value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def from_text(resource_type: str, name: str, text: str) -> Any:
    """The Python value an audit text stands for, typed like the column (for reverts)."""
    if (resource_type, name) in LIST_FIELDS:
        return [v for v in text.split(",") if v]
    column = MODELS[resource_type].__table__.columns[name]
    if text == "":
        return None if column.nullable else ""
    kind = column.type
    if isinstance(kind, Boolean):
        return text.lower() in ("true", "1")
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(text)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(text)
    if isinstance(kind, Integer):
        return int(text)
    if isinstance(kind, Numeric) and not isinstance(kind, Float):
        return Decimal(text)
    if isinstance(kind, Float):
        return float(text)
    return text


def clean(resource_type: str, name: str, value: Any) -> Any:
    """Strip text; empty text is NULL where the column allows it."""
    if (resource_type, name) in LIST_FIELDS:
        return sorted({str(v).strip() for v in (value or ()) if str(v).strip()})
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            column = MODELS[resource_type].__table__.columns[name]
            return None if column.nullable else ""
    return value


# -- list-valued fields ---------------------------------------------------------------------------


def _get(session: Session, record: Record, name: str) -> Any:
    kind = record.__tablename__
    if (kind, name) == ("service", "languages"):
        return sorted({c for c in session.scalars(select(Language.code).where(Language.service_id == record.id)) if c})
    if (kind, name) == ("service", "categories"):
        return sorted(session.scalars(
            select(TaxonomyTerm.code).join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
            .where(Attribute.link_entity == "service", Attribute.link_id == record.id)))
    if (kind, name) == ("location", "accessibility"):
        return sorted({f for f in session.scalars(
            select(Accessibility.feature).where(Accessibility.location_id == record.id)) if f})
    if (kind, name) == ("phone", "languages"):
        return sorted({c for c in session.scalars(select(Language.code).where(Language.phone_id == record.id)) if c})
    return getattr(record, name)


def _set(session: Session, record: Record, name: str, value: Any) -> None:
    kind = record.__tablename__
    if (kind, name) in (("service", "languages"), ("phone", "languages")):
        owner = Language.service_id if kind == "service" else Language.phone_id
        wanted = set(value)
        for row in session.scalars(select(Language).where(owner == record.id)):
            if row.code not in wanted:
                session.delete(row)
            else:
                wanted.discard(row.code)
        for code in sorted(wanted):
            session.add(Language(**{owner.key: record.id}, code=code, name=code))
    elif (kind, name) == ("service", "categories"):
        terms = dict(session.execute(select(TaxonomyTerm.code, TaxonomyTerm.id).where(
            TaxonomyTerm.code.in_(list(value)))).all())
        unknown = set(value) - set(terms)
        if unknown:
            raise CurationError("unknown_category", f"unknown taxonomy codes {sorted(unknown)}")
        wanted = {terms[c] for c in value}
        for attribute in session.scalars(select(Attribute).where(
                Attribute.link_entity == "service", Attribute.link_id == record.id)):
            if attribute.taxonomy_term_id not in wanted:
                session.delete(attribute)
            else:
                wanted.discard(attribute.taxonomy_term_id)
        for term_id in sorted(wanted):
            session.add(Attribute(link_id=record.id, link_entity="service", link_type="service_category",
                                  taxonomy_term_id=term_id))
    elif (kind, name) == ("location", "accessibility"):
        unknown = set(value) - set(ACCESSIBILITY_FEATURES)
        if unknown:
            raise CurationError("unknown_feature", f"unknown accessibility features {sorted(unknown)}")
        wanted = set(value)
        accesses = select(Accessibility).where(Accessibility.location_id == record.id)
        for access in session.scalars(accesses):
            if access.feature is None:
                continue  # free-text rows from imports are not managed by the checkbox list
            if access.feature not in wanted:
                session.delete(access)
            else:
                wanted.discard(access.feature)
        for feature in sorted(wanted):
            label_fr, label_en = ACCESSIBILITY_FEATURES[feature]
            session.add(Accessibility(location_id=record.id, feature=feature, description_fr=label_fr,
                                      description_en=label_en))
    else:
        setattr(record, name, value)


def read(session: Session, record: Record, names: Iterable[str]) -> dict[str, Any]:
    """Current values of editable fields, list-valued ones included (to fill a form)."""
    return {name: _get(session, record, name) for name in names}


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
        old = _get(session, record, name)
        if audit_text(old) == audit_text(new):
            continue
        if new in ("", None) and name in REQUIRED_FRENCH.get(resource_type, ()):
            raise CurationError("french_required", f"{resource_type}.{name} may not be empty")
        _set(session, record, name, new)
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
            _set(session, record, name, wanted)
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
        current = _get(session, record, name)
        if current:
            rows.append(_row(resource_type, record.id, action, name, current, "", by, when))
            _set(session, record, name, [])  # child rows go explicitly, whatever the FK cascade does
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


# -- history and reverts --------------------------------------------------------------------------


def children(session: Session, resource_type: str, resource_id: str) -> list[tuple[str, str]]:
    """(type, id) of the child records audited with a parent (`CHILDREN`), deleted ones included:
    their `*` rows name the parent in the parent key."""
    keys = []
    for child_type, parent_key in CHILDREN.get(resource_type, ()):
        model = MODELS[child_type]
        ids = set(session.scalars(select(model.id).where(getattr(model, parent_key) == resource_id)))
        ids |= set(session.scalars(select(Metadata.resource_id).where(
            Metadata.resource_type == child_type, Metadata.field_name == parent_key,
            or_(Metadata.replacement_value == resource_id, Metadata.previous_value == resource_id))))
        keys += [(child_type, i) for i in sorted(ids)]
    return keys


def history(session: Session, resource_type: str, resource_id: str) -> list[Metadata]:
    """Every audit row of a record, newest first, with its children's (`CHILDREN`): a service's
    schedules and phones, an organization's phones, a location's addresses and phones."""
    keys = [(resource_type, resource_id), *children(session, resource_type, resource_id)]
    condition = or_(*[(Metadata.resource_type == t) & (Metadata.resource_id == i) for t, i in keys])
    return list(session.scalars(select(Metadata).where(condition).order_by(
        Metadata.last_action_date.desc(), Metadata.field_name)))


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _group(session: Session, row: Metadata) -> list[Metadata]:
    """The rows written with `row` for the same record (one save)."""
    return list(session.scalars(select(Metadata).where(
        Metadata.resource_type == row.resource_type, Metadata.resource_id == row.resource_id,
        Metadata.last_action_date == row.last_action_date, Metadata.last_action_type == row.last_action_type)))


class _Target(TypedDict, total=False):
    """The state `_restore` brings one record to (values as audit text)."""

    exists: bool | None  # False: deleted; True: re-created if gone; None: must still exist
    values: dict[str, str]  # fields to set back
    snapshot: dict[str, str]  # every column, to re-create a deleted record


def _restore(session: Session, plan: dict[tuple[str, str], _Target], *, by: str) -> Change:
    """Bring records to the states in `plan` ((type, id) -> target state). Writes "revert" rows,
    as every change does."""
    when = now_utc()
    change = Change()
    for (resource_type, resource_id), target in plan.items():
        model = MODELS.get(resource_type)
        if model is None:
            raise CurationError("not_revertible", f"{resource_type} changes cannot be reverted here")
        record = cast("Record | None", session.get(model, resource_id))  # an instance of `model`
        if target.get("exists") is False:
            if record is not None and resource_type in TOP_LEVEL:
                # Whatever asked (undo, restore to a point): a service, an organization or a
                # location is never deleted by going back in its history.
                raise CurationError("creation_not_undoable",
                                    f"undoing the creation of {resource_type} {resource_id} would delete it")
            if record is not None:
                change += delete(session, record, by=by, action="revert", when=when)
            continue
        values = {k: from_text(resource_type, k, v) for k, v in target.get("values", {}).items()}
        if record is None:
            if target.get("exists") is not True:
                raise CurationError("gone", f"{resource_type} {resource_id} no longer exists")
            snapshot = {k: from_text(resource_type, k, v) for k, v in target.get("snapshot", {}).items()}
            snapshot.update({k: v for k, v in values.items() if (resource_type, k) not in LIST_FIELDS})
            record, created = create(session, resource_type, snapshot, by=by, action="revert", when=when,
                                     record_id=resource_id, _trusted=True)
            change += created
            continue
        change += update(session, record, values, by=by, action="revert", when=when,
                         _allowed=SYSTEM_FIELDS + PARENT_KEYS.get(resource_type, ()))
    return change


def _existence(group: list[Metadata]) -> tuple[bool | None, dict[str, str]]:
    """For a group with a `*` row: did the record exist before it, and its values then."""
    star = next((r for r in group if r.field_name == "*"), None)
    if star is None:
        return None, {}
    snapshot = {r.field_name: r.previous_value for r in group if r.field_name != "*"}
    return star.replacement_value == "deleted", snapshot


def undo_refusal(row: Metadata) -> str | None:
    """Why this audit row cannot be undone on its own (a `CurationError` code), or None.

    Undoing the creation of a service, an organization or a location would delete it: refused
    (end a service instead: `directory.archive`). A child record's creation may be undone: its
    deletion is audited and can be undone in turn."""
    if row.resource_type not in MODELS:
        return "not_revertible"
    if row.field_name == "*" and row.replacement_value == "created" and row.resource_type in TOP_LEVEL:
        return "creation_not_undoable"
    return None


def revert_change(session: Session, change_id: str, *, by: str) -> Change:
    """Undo one audit row: set the field back to its previous value (or undo a creation/deletion,
    using every row of that save). Refused when the record has changed that field since, so a
    revert never silently discards a later edit; use `revert_to` for that. Refused too when it
    would delete a service, an organization or a location (`undo_refusal`)."""
    row = session.get(Metadata, change_id)
    if row is None:
        raise CurationError("not_revertible", "this change cannot be reverted here")
    refusal = undo_refusal(row)
    if refusal is not None:
        raise CurationError(refusal, f"{row.resource_type} {row.field_name} change cannot be undone")
    key = (row.resource_type, row.resource_id)
    if row.field_name == "*":
        existed, snapshot = _existence(_group(session, row))
        return _restore(session, {key: {"exists": existed, "snapshot": snapshot}}, by=by)
    later = session.scalar(select(Metadata.id).where(
        Metadata.resource_type == row.resource_type, Metadata.resource_id == row.resource_id,
        Metadata.field_name.in_([row.field_name, "*"]), Metadata.last_action_date > row.last_action_date).limit(1))
    if later is not None:
        raise CurationError("changed_since", f"{row.field_name} changed again after this change")
    return _restore(session, {key: {"values": {row.field_name: row.previous_value}}}, by=by)


def changes_since(session: Session, resource_type: str, resource_id: str, change_id: str) -> list[Metadata]:
    """The rows of the record's history (its children's included) written after `change_id`:
    what `revert_to` undoes."""
    point = session.get(Metadata, change_id)
    rows = history(session, resource_type, resource_id)
    if point is None or point.id not in {r.id for r in rows}:
        raise CurationError("not_found", "this change is not in the record's history")
    return [r for r in rows if _aware(r.last_action_date) > _aware(point.last_action_date)]


def revert_to(session: Session, resource_type: str, resource_id: str, change_id: str, *, by: str) -> Change:
    """Bring the record (and, for a service, its schedules) back to how it was right after the
    change `change_id`: every later change is undone, in one new save. Child records created
    since are deleted (audited); a service, an organization or a location never is (`_restore`
    refuses, and the whole restore with it)."""
    after = changes_since(session, resource_type, resource_id, change_id)
    plan: dict[tuple[str, str], _Target] = {}
    # Oldest first: the first later row of each field holds the value it had at the point.
    for r in sorted(after, key=lambda r: (_aware(r.last_action_date), r.field_name != "*")):
        key = (r.resource_type, r.resource_id)
        target = plan.setdefault(key, {"values": {}})
        if r.field_name == "*":
            if "exists" not in target:
                existed, snapshot = _existence(_group(session, r))
                target["exists"] = existed
                target["snapshot"] = snapshot
            continue
        if r.field_name in ("verified_on",) or r.field_name in EDITABLE.get(r.resource_type, ()):
            target["values"].setdefault(r.field_name, r.previous_value)
    return _restore(session, plan, by=by)


# -- the review queue -----------------------------------------------------------------------------


def due_for_review(session: Session, *, today: dt.date | None = None, page: int = 1,
                   per_page: int = 25) -> tuple[list[Service], int]:
    """Active services not verified for 12 months, never-verified first, then the stalest (the
    count on the staff home; the queue page orders them with `review_queue`)."""
    from sqlalchemy import func

    today = today or dt.date.today()
    base = select(Service).where(*_due(today))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    order = [Service.verified_on.is_not(None), Service.verified_on, Service.name_fr, Service.id]
    services = list(session.scalars(base.order_by(*order).offset((page - 1) * per_page).limit(per_page)))
    return services, total


def _due(today: dt.date) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    cutoff = today - REVIEW_INTERVAL
    return (Service.status.in_(("active", "temporarily closed")),
            (Service.verified_on.is_(None)) | (Service.verified_on <= cutoff))


# The review queue's priority (shown on the queue page, in both languages): records fall into
# staleness bands, and within a band the most shown in searches over the last 52 weeks come first,
# then the most overdue. A record seen by many people and wrong misleads many; a band keeps a
# popular record from jumping ahead of one that has gone years without a check.
QUEUE_SORTS = ("priority", "staleness", "appearances")
BAND_MONTHS = (12, 6)  # overdue ≥ 12 months (or never verified): band 0; 6–11: band 1; else band 2


@dataclass(frozen=True)
class QueueEntry:
    service: Service
    months_overdue: int | None  # None: never verified
    appearances: int
    band: int


def months_overdue(verified_on: dt.date | None, today: dt.date) -> int | None:
    """Whole months past the 12-month review date (0 in the first month); None if never verified."""
    if verified_on is None:
        return None
    months = (today.year - verified_on.year) * 12 + today.month - verified_on.month - (today.day < verified_on.day)
    return max(0, months - 12)


def band(overdue: int | None) -> int:
    if overdue is None or overdue >= BAND_MONTHS[0]:
        return 0
    return 1 if overdue >= BAND_MONTHS[1] else 2


_QueueRow: TypeAlias = "Row[str, dt.date | None, str]"  # id, verified_on, name_fr


def review_queue(session: Session, *, today: dt.date, appearances: Mapping[str, int], sort: str = "priority",
                 page: int = 1, per_page: int = 25) -> tuple[list[QueueEntry], int]:
    """Services due for review, ordered by `sort`:

    * priority: staleness band, then most appearances, then most overdue (never verified first);
    * staleness: never verified first, then the oldest verification, then most appearances;
    * appearances: most appearances, then the staleness order.

    Only ids, dates and names are read for the whole queue; the page's services are loaded after.
    """
    rows = session.execute(select(Service.id, Service.verified_on, Service.name_fr).where(*_due(today))).all()
    never = dt.date.min

    def stale(r: _QueueRow) -> tuple[bool, dt.date]:  # never verified, then the oldest verification
        return (r.verified_on is not None, r.verified_on or never)

    keys: dict[str, Callable[[_QueueRow], tuple[Any, ...]]] = {
        "priority": lambda r: (band(months_overdue(r.verified_on, today)), -appearances.get(r.id, 0), *stale(r)),
        "staleness": lambda r: (*stale(r), -appearances.get(r.id, 0)),
        "appearances": lambda r: (-appearances.get(r.id, 0), *stale(r)),
    }
    key = keys.get(sort, keys["priority"])
    ordered = sorted(rows, key=lambda r: (*key(r), r.name_fr, r.id))
    chosen = ordered[(page - 1) * per_page:page * per_page]
    services = {s.id: s for s in session.scalars(select(Service).where(Service.id.in_([r.id for r in chosen])))}
    entries = []
    for r in chosen:
        overdue = months_overdue(r.verified_on, today)
        entries.append(QueueEntry(services[r.id], overdue, appearances.get(r.id, 0), band(overdue)))
    return entries, len(rows)
