"""Live capacity (HSDS 3.1 `service_capacity`): set a service's count of free units, validated and
audited, and say whether a count is still fresh. Every update goes through `set_capacity` (staff
form, `flask capacity set`, an organization's update link): no Flask here, the caller commits and
then refreshes the live index with `Change.service_ids` (decision 7), so search sees it within
seconds. docs/capacity.md.

Audit: the same HSDS `metadata` rows as every edit (directory/curation), `resource_type`
"service_capacity": creating a count writes the `*` "created" row, its `service_id` (the parent
key, so the count's rows appear in the service's history: `curation.CHILDREN`) and each value;
updating it writes one row per changed field, and always `updated` (confirming the same number
is news: it makes the count fresh again). A count is live data: its rows are history, never undone
(`curation.undo_refusal` says "not revertible" for a type curators do not edit).

Freshness: a count is true for its unit's limit (`vocabulary.capacity_freshness`, 24 h unless the
unit says otherwise) after `updated`; past it, pages say "availability to be confirmed" and the
"places available now" filter leaves the service out (`available_until`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.curation import Change, CurationError, audit_text, now_utc
from directory.models import Metadata, Service, ServiceCapacity, Unit
from directory.vocabulary import CAPACITY_UNITS, capacity_freshness, unit_rows

RESOURCE = "service_capacity"
# The largest count accepted: a typo ("1000000") is refused rather than shown.
MAX_COUNT = 100_000
FIELDS = ("available", "maximum", "description_fr", "description_en")


class CapacityError(CurationError):
    """A count refused: `code` is one of unknown_unit, not_integer, negative, too_large,
    above_maximum, unknown_service (the portal words each in both languages); `field` the value at
    fault (unit, available, maximum)."""

    def __init__(self, code: str, message: str, field: str = "available") -> None:
        super().__init__(code, message)
        self.field = field


class Keep:
    """`maximum=KEEP`: leave the stored maximum as it is."""


KEEP = Keep()


def count(value: Any, *, name: str = "available") -> int:
    """A whole number of units from a form, the command line or a program, or CapacityError."""
    if isinstance(value, bool):
        raise CapacityError("not_integer", f"{name} must be a whole number", name)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = str(value).strip() if isinstance(value, str) else ""
        body = text[1:] if text[:1] in "+-" else text
        if not body.isascii() or not body.isdigit() or len(body) > 9:
            raise CapacityError("not_integer", f"{name} must be a whole number, not {value!r:.40}", name)
        number = int(text)
    if number < 0:
        raise CapacityError("negative", f"{name} may not be negative", name)
    if number > MAX_COUNT:
        raise CapacityError("too_large", f"{name} may not exceed {MAX_COUNT}", name)
    return number


def ensure_units(session: Session) -> None:
    """Add the vocabulary's units a database lacks (a database migrated before a unit was added)."""
    known = set(session.scalars(select(Unit.id)))
    for row in unit_rows():
        if row["id"] not in known:
            session.add(Unit(**row))
    session.flush()


def find_unit(session: Session, key: str) -> Unit:
    """The unit of a vocabulary key (or of an imported unit's identifier), or CapacityError."""
    key = (key or "").strip()
    unit = session.scalar(select(Unit).where(Unit.identifier == key).order_by(Unit.id)) if key else None
    if unit is None and key in CAPACITY_UNITS:
        ensure_units(session)
        unit = session.scalar(select(Unit).where(Unit.identifier == key))
    if unit is None:
        raise CapacityError("unknown_unit", f"unknown unit {key!r:.40}; one of {sorted(CAPACITY_UNITS)}",
                             "unit")
    return unit


def _row(capacity_id: str, action: str, name: str, previous: Any, replacement: Any, by: str,
         when: dt.datetime) -> Metadata:
    return Metadata(resource_id=capacity_id, resource_type=RESOURCE, last_action_date=when, last_action_type=action,
                    field_name=name, previous_value=audit_text(previous), replacement_value=audit_text(replacement),
                    updated_by=by)


def set_capacity(session: Session, service: Service | None, unit_key: str, available: Any,
                 maximum: Any = KEEP, *, by: str, description_fr: str | None | Keep = KEEP,
                 description_en: str | None | Keep = KEEP, when: dt.datetime | None = None) -> Change:
    """Set how many `unit_key` units `service` has free now (and, unless KEEP, out of how many).

    Refused (CapacityError) before anything is written: an unknown service or unit, a count that
    is not a whole number, negative, or above the maximum (the new one, else the stored one)."""
    if service is None:
        raise CapacityError("unknown_service", "no such service", "service")
    unit = find_unit(session, unit_key)
    free = count(available)
    current = session.scalar(select(ServiceCapacity).where(ServiceCapacity.service_id == service.id,
                                                          ServiceCapacity.unit_id == unit.id))
    if isinstance(maximum, Keep):
        top = current.maximum if current is not None else None
    else:
        top = None if maximum in (None, "") else count(maximum, name="maximum")
    if top is not None and free > top:
        raise CapacityError("above_maximum", f"available ({free}) is above the maximum ({top})")
    values: dict[str, Any] = {"available": free, "maximum": top}
    for name, given in (("description_fr", description_fr), ("description_en", description_en)):
        if not isinstance(given, Keep):
            values[name] = (given or "").strip() or None
    when = when or now_utc()
    change = Change(service_ids={service.id})
    if current is None:
        current = ServiceCapacity(service_id=service.id, unit_id=unit.id, updated=when,
                                  **{k: v for k, v in values.items()})
        session.add(current)
        session.flush()
        change.rows.append(_row(current.id, "create", "*", "", "created", by, when))
        for name, value in (("service_id", service.id), ("unit_id", unit.id), *values.items(), ("updated", when)):
            if value not in (None, ""):
                change.rows.append(_row(current.id, "create", name, "", value, by, when))
    else:
        for name, value in values.items():
            old = getattr(current, name)
            if audit_text(old) != audit_text(value):
                change.rows.append(_row(current.id, "update", name, old, value, by, when))
                setattr(current, name, value)
        change.rows.append(_row(current.id, "update", "updated", current.updated, when, by, when))
        current.updated = when
    session.add_all(change.rows)
    session.flush()
    return change


def capacities(session: Session, service_ids: Iterable[str]) -> dict[str, list[ServiceCapacity]]:
    """The counts of these services with their units, by service, in the vocabulary's unit order."""
    ids = list(dict.fromkeys(service_ids))
    found: dict[str, list[ServiceCapacity]] = {i: [] for i in ids}
    if not ids:
        return found
    for capacity, _unit in session.execute(select(ServiceCapacity, Unit).join(Unit, Unit.id == ServiceCapacity.unit_id)
                                           .where(ServiceCapacity.service_id.in_(ids))):
        found[capacity.service_id].append(capacity)
    order = list(CAPACITY_UNITS)
    for items in found.values():
        items.sort(key=lambda c: (order.index(c.unit.identifier) if c.unit.identifier in order else len(order),
                                  c.unit.name_fr))
    return found


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def fresh_until(updated: dt.datetime, unit_key: str | None) -> dt.datetime:
    return aware(updated) + capacity_freshness(unit_key)


def is_fresh(updated: dt.datetime, unit_key: str | None, now: dt.datetime) -> bool:
    return now < fresh_until(updated, unit_key)


def available_until(items: Iterable[tuple[str | None, int, dt.datetime]]) -> int | None:
    """Until when (epoch seconds) a service has places: the latest moment one of its counts
    (unit key, available, updated) above 0 stays fresh; None when none is above 0. The
    "places available now" filter keeps a service while this is later than the search's now."""
    ends = [fresh_until(updated, key) for key, available, updated in items if available > 0]
    return int(max(ends).timestamp()) if ends else None
