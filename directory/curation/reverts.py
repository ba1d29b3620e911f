"""A record's history, its children's included, and going back in it: undo one change, or restore
the record to a point. Both write new "revert" rows; neither deletes a service, an organization or
a location (`undo_refusal`, `_restore`)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, cast

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from directory.curation.edits import Change, create, delete, now_utc, update
from directory.curation.fields import (
    AUDITED_ONLY,
    CHILDREN,
    EDITABLE,
    LIST_FIELDS,
    MODELS,
    PARENT_KEYS,
    SYSTEM_FIELDS,
    TOP_LEVEL,
    CurationError,
    Record,
)
from directory.curation.values import from_text
from directory.models import Metadata, ServiceCapacity


def children(session: Session, resource_type: str, resource_id: str) -> list[tuple[str, str]]:
    """(type, id) of the child records audited with a parent (`CHILDREN`), deleted ones included:
    their `*` rows name the parent in the parent key."""
    keys = []
    for child_type, parent_key in CHILDREN.get(resource_type, ()):
        model: type[Record] | type[ServiceCapacity] = MODELS.get(child_type) or AUDITED_ONLY[child_type]
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
