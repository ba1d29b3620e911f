"""HSDS 3.1 `service.capacities`: a service's live counts (`service_capacity`) with their `unit`
nested, as the 3.1 schemas shape them (schema/service_capacity.json, unit.json; `updated` a
date-time as 3.1.1 types it). Pure functions plus one loader for the exports' plain rows.

Languages as everywhere in the API (directory/hsds/serialize.py): `locale="fr"`/`"en"` gives the
text in that language (French where English is missing); `locale=None`, the bilingual profile,
gives French with the English under `translations.en` (`description`, the unit's `name`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from directory.hsds.spec import format_datetime
from directory.models import ServiceCapacity, Unit

KEY = "capacities"


def _get(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def _text(row: Any, name: str, locale: str | None, out: dict[str, Any], english: dict[str, Any]) -> None:
    french, other = _get(row, f"{name}_fr"), _get(row, f"{name}_en")
    value = other if locale == "en" and other else french
    if value:
        out[name] = value
    if locale is None and other:
        english[name] = other


def unit_to_hsds(unit: Any, locale: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": _get(unit, "id")}
    english: dict[str, Any] = {}
    _text(unit, "name", locale, out, english)
    for name in ("scheme", "identifier", "uri"):
        if _get(unit, name):
            out[name] = _get(unit, name)
    if english:
        out["translations"] = {"en": english}
    return out


def capacity_to_hsds(capacity: Any, locale: str | None = None) -> dict[str, Any]:
    """One `service_capacity` with its `unit` (a row with `unit`: ORM, or a dict as `attach` makes)."""
    out: dict[str, Any] = {"id": _get(capacity, "id"), "service_id": _get(capacity, "service_id"),
                           "unit": unit_to_hsds(_get(capacity, "unit"), locale),
                           "unit_id": _get(capacity, "unit_id"), "available": _get(capacity, "available")}
    if _get(capacity, "maximum") is not None:
        out["maximum"] = _get(capacity, "maximum")
    english: dict[str, Any] = {}
    _text(capacity, "description", locale, out, english)
    out["updated"] = format_datetime(_get(capacity, "updated"))
    if english:
        out["translations"] = {"en": english}
    return out


def capacities_to_hsds(service: Any, locale: str | None = None) -> list[dict[str, Any]] | None:
    """The service's `capacities`, sorted by id; None when the row does not carry them."""
    found = service.get(KEY) if isinstance(service, dict) else getattr(service, KEY, None)
    if found is None:
        return None
    return [capacity_to_hsds(c, locale) for c in sorted(found, key=lambda c: _get(c, "id"))]


def attach(connection: Connection, services: dict[str, dict[str, Any]], chunk: int = 500) -> None:
    """Give each plain service row (by id) its `capacities`, units nested (the exports' loader)."""
    ids = sorted(services)
    units: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        for found in connection.execute(select(ServiceCapacity.__table__).where(
                ServiceCapacity.service_id.in_(part))).mappings():
            groups[found["service_id"]].append(dict(found))
    wanted = sorted({c["unit_id"] for rows in groups.values() for c in rows})
    if wanted:
        units = {r["id"]: dict(r) for r in connection.execute(
            select(Unit.__table__).where(Unit.id.in_(wanted))).mappings()}
    for service_id, node in services.items():
        counts = groups.get(service_id, [])
        for count in counts:
            count["unit"] = units.get(count["unit_id"], {"id": count["unit_id"]})
        node[KEY] = counts
