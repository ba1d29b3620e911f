"""Whole child records an organization proposes to add or remove through its link: phones (of the
organization, a service or a location), addresses (of a location) and opening hours (of a service).

One `OutreachProposal` row stands for the whole record (`field_name` "*", as the audit rows name a
creation or deletion):

* an addition: `resource_id` is the id the new record will have, `proposed_value` a JSON object
  of its values as audit text, its parent key included (`previous_value` empty);
* a removal: `resource_id` is the record's, `previous_value` the JSON of its values when proposed,
  `proposed_value` "deleted".

Accepting goes through the staff area's own path (`directory.curation.create` / `delete`, as
portal/staff/children.py): audit rows under the curator's name (`*` created / deleted and one per
value), so a removal, like a curator's deletion, is undone from the parent's history. Nothing is
destroyed for good.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy.orm import Session

from directory import curation
from directory.curation import Change, CurationError, Record
from directory.models import OutreachProposal

WHOLE = "*"
DELETED = "deleted"
# Child kind -> the kinds of parent it may have (the column `<parent>_id` names it).
PARENTS: dict[str, tuple[str, ...]] = {
    "phone": ("organization", "service", "location"),
    "address": ("location",),
    "schedule": ("service",),
}
PARENT_KINDS = ("organization", "service", "location")


def action(proposal: OutreachProposal) -> str | None:
    """'add' or 'remove' for a whole-record proposal; None for a field's."""
    if proposal.field_name != WHOLE:
        return None
    return "remove" if proposal.proposed_value == DELETED else "add"


def encode(kind: str, values: Mapping[str, Any]) -> str:
    """A record's values as audit text, in one JSON object (empty values left out)."""
    texts = {name: curation.audit_text(curation.clean(kind, name, value)) for name, value in values.items()}
    return json.dumps({k: v for k, v in sorted(texts.items()) if v != ""}, ensure_ascii=False, sort_keys=True)


def snapshot(session: Session, record: Record) -> str:
    """What a record holds now (its editable fields and parent key), for a removal's `previous_value`."""
    kind = record.__tablename__
    parents = tuple(f"{parent}_id" for parent in PARENTS[kind])
    return encode(kind, curation.read(session, record, curation.EDITABLE[kind] + parents))


def values_now(session: Session, record: Record) -> dict[str, str]:
    """A record's values as a removal would record them (audit text)."""
    found: dict[str, str] = json.loads(snapshot(session, record))
    return found


def values(proposal: OutreachProposal) -> dict[str, str]:
    """The record's values (audit text) an addition proposes, or a removal saw."""
    text = proposal.previous_value if action(proposal) == "remove" else proposal.proposed_value
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def parent_of(proposal: OutreachProposal) -> tuple[str, str] | None:
    """(parent kind, parent id) of an addition or a removal, from its values."""
    found = values(proposal)
    for kind in PARENTS.get(proposal.resource_type, ()):
        if found.get(f"{kind}_id"):
            return kind, found[f"{kind}_id"]
    return None


def accept(session: Session, proposal: OutreachProposal, *, by: str) -> Change:
    """Create the proposed record (its parent must still exist) or delete the one named, each
    exactly as a curator's add or delete would."""
    kind = proposal.resource_type
    if action(proposal) == "remove":
        record = cast("Record | None", session.get(curation.MODELS[kind], proposal.resource_id))
        if record is None:
            return Change()  # deleted already (by a curator, or another removal): nothing left to do
        return curation.delete(session, record, by=by)
    parent = parent_of(proposal)
    if parent is None or session.get(curation.MODELS[parent[0]], parent[1]) is None:
        raise CurationError("gone", f"the parent of {kind} {proposal.resource_id} no longer exists")
    if session.get(curation.MODELS[kind], proposal.resource_id) is not None:
        return Change()  # created already
    typed = {name: curation.from_text(kind, name, text) for name, text in values(proposal).items()}
    _record, change = curation.create(session, kind, typed, by=by, record_id=proposal.resource_id)
    return change
