"""HSDS 3.1 `service.capacities` on import: a service's live counts with their units (as the API and
the exports write them, directory/hsds/capacity.py), read beside the 3.0 rows, checked with the
directory's own rules (directory.capacity: whole numbers, not negative, not above the maximum) and
written after them in the same transaction. A service that lists `capacities` gets exactly those
(the others are deleted, like its phones); units are references, like taxonomy terms: created when
missing, never updated. Every change is logged in `metadata` as "import" rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from directory.capacity import CapacityError, count
from directory.hsds.importer.checks import chunks
from directory.hsds.importer.report import ImportResult, Origin
from directory.hsds.importer.values import from_json, valid_uuid
from directory.models import ServiceCapacity, Unit

KEY = "capacities"
COLUMNS = ("service_id", "unit_id", "available", "maximum", "description_fr", "description_en", "updated")
UNIT_COLUMNS = ("name_fr", "name_en", "scheme", "identifier", "uri")


@dataclass
class Incoming:
    values: dict[str, Any]  # service_capacity columns, id included
    unit: dict[str, Any]  # unit columns, id included
    origin: Origin


def _english(obj: dict[str, Any], name: str) -> Any:
    translations = obj.get("translations")
    english = translations.get("en") if isinstance(translations, dict) else None
    return english.get(name) if isinstance(english, dict) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def read(batch: Any, service_id: str, items: Any, parent: Origin, problem: Callable[..., None]) -> None:
    """Check the service's `capacities` and keep them on the batch (`batch.capacities`)."""
    if not isinstance(items, list):
        problem(parent, KEY, "expected an array", "type")
        return
    batch.capacity_scopes.add(service_id)

    def refuse(*args: Any) -> None:
        # The service keeps the counts it has: a refused count must not delete the current one.
        batch.capacity_kept.add(service_id)
        problem(*args)

    for position, item in enumerate(items):
        where = f"{KEY}[{position}]"
        # A count stands alone: quarantine leaves out the bad count, not its service (a count is
        # live data, refused by its own rules; the service's record is not at fault).
        item_id = item.get("id") if isinstance(item, dict) else None
        origin = replace(parent, unit=f"service_capacity:{item_id or where}")
        if not isinstance(item, dict) or not isinstance(item.get("unit"), dict):
            refuse(origin, where, "expected an object with its unit", "type")
            continue
        unit = item["unit"]
        if not valid_uuid(item.get("id")) or not valid_uuid(unit.get("id")):
            refuse(origin, where, "id and unit.id must be UUIDs", "uuid")
            continue
        if not _text(unit.get("name")):
            refuse(origin, f"{where}.unit.name", "a unit has a name", "required")
            continue
        try:
            available = count(item.get("available"))
            maximum = None if item.get("maximum") is None else count(item["maximum"], name="maximum")
            updated = from_json("datetime", item.get("updated"))
        except CapacityError as error:
            refuse(origin, f"{where}.{error.field}", str(error), error.code)
            continue
        except ValueError as error:
            refuse(origin, f"{where}.updated", str(error), "format")
            continue
        if maximum is not None and available > maximum:
            refuse(origin, f"{where}.available", f"available ({available}) is above the maximum ({maximum})",
                    "above_maximum")
            continue
        batch.capacities.append(Incoming(
            {"id": item["id"], "service_id": service_id, "unit_id": unit["id"], "available": available,
             "maximum": maximum, "description_fr": _text(item.get("description")),
             "description_en": _text(_english(item, "description")), "updated": updated},
            {"id": unit["id"], "name_fr": unit["name"], "name_en": _text(_english(unit, "name")),
             "scheme": _text(unit.get("scheme")), "identifier": _text(unit.get("identifier")),
             "uri": _text(unit.get("uri"))},
            origin))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return (a if a.tzinfo else a.replace(tzinfo=dt.UTC)) == (b if b.tzinfo else b.replace(tzinfo=dt.UTC))
    return bool(a == b)


def write(connection: Connection, batch: Any, log: Callable[[str, str, str, Any, Any], None],
          result: ImportResult) -> None:
    """Units first (missing ones), then each listed service's counts replaced by the file's."""
    incoming: list[Incoming] = batch.capacities
    units = {i.unit["id"]: i.unit for i in incoming}
    known = set()
    for chunk in chunks(sorted(units)):
        known |= set(connection.execute(select(Unit.id).where(Unit.id.in_(chunk))).scalars())
    new_units = [units[u] for u in sorted(set(units) - known)]
    if new_units:
        connection.execute(insert(Unit.__table__), new_units)
        for unit in new_units:
            log("unit", unit["id"], "*", "", "created")
        result.created["unit"] += len(new_units)
    wanted = {i.values["id"]: i.values for i in incoming}
    current: dict[str, dict[str, Any]] = {}
    table = ServiceCapacity.__table__
    for chunk in chunks(sorted(batch.capacity_scopes)):
        for row in connection.execute(select(table).where(table.c.service_id.in_(chunk))).mappings():
            current[row["id"]] = dict(row)
    doomed = sorted(i for i in set(current) - set(wanted) if current[i]["service_id"] not in batch.capacity_kept)
    for chunk in chunks(doomed):
        connection.execute(delete(table).where(table.c.id.in_(chunk)))
    for row_id in doomed:
        log("service_capacity", row_id, "*", "", "deleted")
    result.deleted["service_capacity"] += len(doomed)
    for row_id in sorted(wanted):
        values, before = wanted[row_id], current.get(row_id)
        if before is None:
            connection.execute(insert(table), [values])
            log("service_capacity", row_id, "*", "", "created")
            result.created["service_capacity"] += 1
            continue
        changed = [c for c in COLUMNS if not _same(before.get(c), values[c])]
        if not changed:
            result.unchanged["service_capacity"] += 1
            continue
        connection.execute(update(table).where(table.c.id == row_id).values({c: values[c] for c in changed}))
        for column in changed:
            log("service_capacity", row_id, column, before.get(column), values[column])
        result.updated["service_capacity"] += 1


def read_csv(batch: Any, units_csv: bytes | None, counts_csv: bytes, labels: tuple[str, str],
             services: set[str]) -> int:
    """The tabular form (`units.csv`, `service_capacity.csv`, directory/hsds/tabular.py): each count
    line joined to its unit and checked by `read` like a JSON service's `capacities`. A count of a
    service that is not in the package, or naming a unit `units.csv` does not hold, is a problem
    of its line. Every service of the package gets exactly the counts listed (the file is there)."""
    import csv
    import io

    def rows(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        for row in reader:
            if any((value or "").strip() for value in row.values()):
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}

    def english(name: str, value: str) -> dict[str, Any]:
        return {"translations": {"en": {name: value}}} if value else {}

    units = {row.get("id", ""): {"id": row.get("id"), "name": row.get("name") or None,
                                 "scheme": row.get("scheme"), "identifier": row.get("identifier"),
                                 "uri": row.get("uri"), **english("name", row.get("name_en", ""))}
             for _, row in (rows(units_csv) if units_csv else ())}
    batch.capacity_scopes |= services
    read_lines = 0
    for line, row in rows(counts_csv):
        read_lines += 1
        origin = Origin(labels[1], "service_capacity", row.get("id") or f"#{read_lines}", line=line)
        if row.get("service_id") not in services:
            batch.problem(origin, "service_id", f"{row.get('service_id')!r} is not a service of this package",
                          "reference")
            continue
        unit = units.get(row.get("unit_id", ""))
        if unit is None:
            batch.capacity_kept.add(row["service_id"])
            batch.problem(origin, "unit_id", f"{row.get('unit_id')!r} is not a unit of {labels[0]}", "reference")
            continue
        item: dict[str, Any] = {"id": row.get("id"), "unit": unit, "updated": row.get("updated") or None,
                                "description": row.get("description") or None,
                                **english("description", row.get("description_en", ""))}
        for name in ("available", "maximum"):
            text = row.get(name, "")
            item[name] = None if text == "" else (int(text) if text.lstrip("-").isdigit() else text)
        read(batch, row["service_id"], [item], origin, batch.problem)
    return read_lines
