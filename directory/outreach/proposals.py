"""What an organization does through its link, and what curators decide about it.

* `confirm`: "everything is still accurate" for some or all of its services (and the organization):
  `curation.verify` on each, so verified_on, the "verify" metadata row and the verification note
  are written as for a curator, `updated_by` saying who and how (`by_link`).
* `propose`: changed fields become `OutreachProposal` rows, public only once a curator accepts
  them. The values were validated by the staff forms already (portal/outreach); here they are
  compared with the stored ones as audit text, so an unchanged field proposes nothing.
* `propose_end`: ending a service is a proposal too (field `status`, value "defunct"): ending
  takes it out of search at once, so a forwarded or leaked link must not be able to do it alone.
  A curator who accepts it ends the service through `directory.archive.archive`, the same path
  as the staff "End this service".
* `propose_add` / `propose_remove`: a whole phone, address or opening-hours row to add or remove,
  one proposal each (`directory.outreach.children`); accepting creates or deletes it as a curator
  would (audited, undone from the history).
* `accept` / `reject`: one field (or one whole record added or removed) at a time, with a note for
  the organization. Accepting writes the change through `curation.update` (or `archive.archive`,
  `curation.create` / `delete`): metadata rows as any staff edit, and a `Change` whose services
  the caller reindexes after the commit.

Any confirmation or proposal answers the organization's outstanding reminders (`answer`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from directory import archive, curation
from directory.curation import Change, CurationError, Record
from directory.models import Organization, OutreachOutcome, OutreachProposal, OutreachReminder, Service
from directory.outreach import children
from directory.outreach.records import ENDED, scope

# A flood from one link stops here whatever the rate limit lets through (fields waiting at once).
MAX_PENDING_PER_LINK = 300
CONFIRM_NOTE = ("Confirmé par l'organisme par son lien de mise à jour / "
                "Confirmed by the organization through its update link")


def by_link(link_id: str) -> str:
    """The audit trail's "who": the organization, and how (the link's nonce, never the token)."""
    return f"organization via signed link {link_id}"


def answer(session: Session, organization_id: str, when: dt.datetime) -> None:
    session.execute(update(OutreachReminder).where(OutreachReminder.organization_id == organization_id,
                                                   OutreachReminder.answered_at.is_(None),
                                                   OutreachReminder.status == "sent")
                    .values(answered_at=when))


def confirm(session: Session, organization: Organization, link_id: str, service_ids: Iterable[str] | None, *,
            today: dt.date, when: dt.datetime | None = None) -> Change:
    """Mark the organization's services (all when `service_ids` is None; others' ids are ignored)
    and, for all, the organization itself verified today."""
    when = when or curation.now_utc()
    sc = scope(session, organization.id)
    wanted = sc.service_ids if service_ids is None else sc.service_ids & set(service_ids)
    change = Change()
    by = by_link(link_id)
    for service in session.scalars(select(Service).where(Service.id.in_(sorted(wanted))).order_by(Service.id)):
        change += curation.verify(session, service, CONFIRM_NOTE, by=by, today=today)
    if service_ids is None:
        change += curation.verify(session, organization, CONFIRM_NOTE, by=by, today=today)
    if change.rows:
        answer(session, organization.id, when)
    return change


def pending_count(session: Session, link_id: str) -> int:
    return session.scalar(select(func.count()).select_from(OutreachProposal).where(
        OutreachProposal.link_id == link_id, OutreachProposal.status == "pending")) or 0


def propose(session: Session, organization_id: str, link_id: str, record: Record, values: Mapping[str, Any], *,
            when: dt.datetime | None = None) -> list[OutreachProposal]:
    """One pending proposal per field whose value differs from the stored one. A field already
    waiting is replaced by the newer value (one row per field and record)."""
    when = when or curation.now_utc()
    kind = record.__tablename__
    current = curation.read(session, record, values)
    changed = {name: curation.clean(kind, name, value) for name, value in values.items()}
    changed = {name: value for name, value in changed.items()
               if curation.audit_text(value) != curation.audit_text(current[name])}
    if not changed:
        return []
    waiting = {p.field_name: p for p in session.scalars(select(OutreachProposal).where(
        OutreachProposal.resource_type == kind, OutreachProposal.resource_id == record.id,
        OutreachProposal.status == "pending"))}
    _check_room(session, link_id, sum(1 for name in changed if name not in waiting))
    submission = _new_id()
    rows = []
    for name, value in changed.items():
        row = waiting.get(name)
        if row is None:
            row = OutreachProposal(resource_type=kind, resource_id=record.id, field_name=name,
                                   organization_id=organization_id)
            session.add(row)
        row.submission_id, row.link_id, row.created_at = submission, link_id, when
        row.previous_value = curation.audit_text(current[name])
        row.proposed_value = curation.audit_text(value)
        rows.append(row)
    answer(session, organization_id, when)
    session.flush()
    return rows


def propose_end(session: Session, organization_id: str, link_id: str, service: Service, *,
                when: dt.datetime | None = None) -> list[OutreachProposal]:
    if archive.is_archived(service):
        return []
    return propose(session, organization_id, link_id, service, {"status": ENDED}, when=when)


def _check_room(session: Session, link_id: str, new_rows: int) -> None:
    if pending_count(session, link_id) + new_rows > MAX_PENDING_PER_LINK:
        raise CurationError("too_many_proposals", f"link {link_id} has too many proposals waiting")


def propose_add(session: Session, organization_id: str, link_id: str, kind: str, parent: Record,
                values: Mapping[str, Any], *, when: dt.datetime | None = None) -> OutreachProposal | None:
    """A new `kind` record (its form's values, validated by the caller) under `parent`, proposed;
    None when the same record is waiting already under the same parent."""
    parent_kind = parent.__tablename__
    if parent_kind not in children.PARENTS.get(kind, ()):
        raise CurationError("not_editable", f"a {kind} does not belong to a {parent_kind}")
    when = when or curation.now_utc()
    text = children.encode(kind, {**values, f"{parent_kind}_id": parent.id})
    same = session.scalar(select(OutreachProposal.id).where(
        OutreachProposal.resource_type == kind, OutreachProposal.field_name == children.WHOLE,
        OutreachProposal.status == "pending", OutreachProposal.proposed_value == text).limit(1))
    if same is not None:
        return None
    _check_room(session, link_id, 1)
    row = OutreachProposal(submission_id=_new_id(), link_id=link_id, organization_id=organization_id,
                           resource_type=kind, resource_id=_new_id(), field_name=children.WHOLE,
                           previous_value="", proposed_value=text, created_at=when)
    session.add(row)
    answer(session, organization_id, when)
    session.flush()
    return row


def propose_remove(session: Session, organization_id: str, link_id: str, record: Record, *,
                   when: dt.datetime | None = None) -> OutreachProposal | None:
    """Removing a phone, an address or opening hours, proposed; None when already waiting."""
    kind = record.__tablename__
    if kind not in children.PARENTS:
        raise CurationError("not_deletable", f"{kind} records are not removed through a link")
    when = when or curation.now_utc()
    same = session.scalar(select(OutreachProposal.id).where(
        OutreachProposal.resource_type == kind, OutreachProposal.resource_id == record.id,
        OutreachProposal.field_name == children.WHOLE, OutreachProposal.status == "pending").limit(1))
    if same is not None:
        return None
    _check_room(session, link_id, 1)
    row = OutreachProposal(submission_id=_new_id(), link_id=link_id, organization_id=organization_id,
                           resource_type=kind, resource_id=record.id, field_name=children.WHOLE,
                           previous_value=children.snapshot(session, record), proposed_value=children.DELETED,
                           created_at=when)
    session.add(row)
    answer(session, organization_id, when)
    session.flush()
    return row


def _new_id() -> str:
    from directory.models import new_id

    return new_id()


def _record(session: Session, proposal: OutreachProposal) -> Record:
    record = cast("Record | None", session.get(curation.MODELS[proposal.resource_type], proposal.resource_id))
    if record is None:
        raise CurationError("gone", f"{proposal.resource_type} {proposal.resource_id} no longer exists")
    return record


def _decide(proposal: OutreachProposal, status: str, *, by: str, note: str, when: dt.datetime) -> None:
    if proposal.status != "pending":
        raise CurationError("already_decided", f"proposal {proposal.id} is {proposal.status}")
    proposal.status, proposal.decided_by, proposal.decided_at = status, by, when
    proposal.note = (note or "").strip() or None


def accept(session: Session, proposal: OutreachProposal, *, by: str, note: str = "",
           when: dt.datetime | None = None) -> Change:
    """Write the proposed value as any staff edit (audited under the curator's name)."""
    when = when or curation.now_utc()
    _decide(proposal, "accepted", by=by, note=note, when=when)
    if children.action(proposal) is not None:
        return children.accept(session, proposal, by=by)
    record = _record(session, proposal)
    if proposal.resource_type == "service" and proposal.field_name == "status" and proposal.proposed_value == ENDED:
        assert isinstance(record, Service)
        if archive.is_archived(record):
            return Change()
        return archive.archive(session, record, by=by)
    value = curation.from_text(proposal.resource_type, proposal.field_name, proposal.proposed_value)
    return curation.update(session, record, {proposal.field_name: value}, by=by, when=when)


def reject(session: Session, proposal: OutreachProposal, *, by: str, note: str = "",
           when: dt.datetime | None = None) -> None:
    _decide(proposal, "rejected", by=by, note=note, when=when or curation.now_utc())
    session.flush()


def submission_settled(session: Session, submission_id: str) -> list[OutreachProposal] | None:
    """Every field of a submission once none is pending and its outcome message was not settled
    yet (`outcomes.settle`); None otherwise (the outcome message waits for the last decision)."""
    rows = list(session.scalars(select(OutreachProposal).where(OutreachProposal.submission_id == submission_id)
                                .order_by(OutreachProposal.resource_type, OutreachProposal.field_name)))
    if not rows or any(r.status == "pending" or r.notified_at is not None for r in rows):
        return None
    if session.scalar(select(OutreachOutcome.id).where(OutreachOutcome.submission_id == submission_id)):
        return None
    return rows


def pending(session: Session, *, limit: int = 200) -> list[OutreachProposal]:
    """Pending proposals, oldest first (the curators' review queue)."""
    return list(session.scalars(select(OutreachProposal).where(OutreachProposal.status == "pending")
                                .order_by(OutreachProposal.created_at, OutreachProposal.submission_id,
                                          OutreachProposal.resource_type, OutreachProposal.resource_id,
                                          OutreachProposal.field_name).limit(limit)))


def current_text(session: Session, proposal: OutreachProposal) -> str | None:
    """The field's stored value now (audit text); None when the record is gone. For a whole
    record: its values now as JSON (an addition: "" until it exists)."""
    if children.action(proposal) is not None:
        found = cast("Record | None", session.get(curation.MODELS[proposal.resource_type], proposal.resource_id))
        if found is None:
            return "" if children.action(proposal) == "add" else None
        return children.snapshot(session, found)
    record = cast("Record | None", session.get(curation.MODELS[proposal.resource_type], proposal.resource_id))
    if record is None:
        return None
    return curation.audit_text(curation.get_field(session, record, proposal.field_name))
