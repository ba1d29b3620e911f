"""The directory's own rules, checked over the whole batch and the rows already in the database:
French names, lengths, e-mails, coordinates, regions, ages, date ranges, references, unique codes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import String, select
from sqlalchemy.engine import Connection

from directory.hsds.importer.batch import UNITS, Batch, Row
from directory.hsds.importer.report import Origin
from directory.hsds.spec import HSDS_OBJECTS, spec

CHUNK = 900
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
EMAIL_COLUMNS = {"email", "assurer_email"}
# Fields whose French value the directory cannot do without (HSDS requires them as well).
FRENCH_REQUIRED = {
    "organization": ("name", "description"),
    "service": ("name",),
    "program": ("name", "description"),
    "taxonomy": ("name", "description"),
    "taxonomy_term": ("name", "description"),
}
# Links a record can lose when their target is neither in the file nor in the directory.
OPTIONAL_LINKS = {
    ("taxonomy_term", "parent_id"): "taxonomy terms whose parent is neither in the file nor in "
                                    "the directory were imported without a parent",
    ("organization", "parent_organization_id"): "organizations whose parent organization is "
                                                "neither in the file nor in the directory were "
                                                "imported without it",
}
DATE_RANGES = {"service": ("valid_from", "valid_to"), "schedule": ("valid_from", "valid_to"),
               "cost_option": ("valid_from", "valid_to")}


def chunks(values: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_rows(connection: Connection, name: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    table = spec(name).table
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(sorted(ids)):
        for row in connection.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = dict(row)
    return out


def _field_label(name: str, column: str) -> str:
    for fld in spec(name).fields:
        if fld.column == column:
            return fld.name
        if fld.en == column:
            return f"translations.en.{fld.name}"
    return column


def _secondary_link(row: Row, column: str) -> bool:
    """Whether `column` is an optional link of a child row that has another parent (a phone's
    location_id beside its service_id), which quarantine may clear instead of leaving it out."""
    table = spec(row.name).table
    if row.name in UNITS or not table.c[column].nullable:
        return False
    return any(row.values.get(fk.parent.name) for fk in table.foreign_keys
               if fk.parent.name != column)


def check_rows(batch: Batch, existing: dict[str, dict[str, dict[str, Any]]],
                connection: Connection, check_references: bool = True) -> None:
    """The directory's own rules, over final row values (file values over database values)."""
    in_file = {name: set(rows) for name, rows in batch.rows.items()}
    missing_refs: dict[str, set[str]] = defaultdict(set)
    references: list[tuple[Row, str, str, str]] = []
    codes: dict[str, Row] = {}
    for name, rows in batch.rows.items():
        table = spec(name).table
        required = FRENCH_REQUIRED.get(name, ())
        for row in rows.values():
            if row.reference and row.id in existing.get(name, {}):
                continue
            final = {**existing.get(name, {}).get(row.id, {}), **row.values}
            origin = row.origin

            def label(column: str, row: Row = row, origin: Origin = origin) -> str:
                text = _field_label(row.name, column)
                if origin.line is not None:
                    return text.replace("translations.en.", "") + ("_en" if "translations.en." in text else "")
                return origin.field(text)

            for base in required:
                if not (final.get(f"{base}_fr") or "").strip():
                    batch.problem(origin, label(f"{base}_fr"), f"a French {base} is required",
                                  "required-fr")
            for column in table.columns:
                value = final.get(column.name)
                if value is None:
                    if (not column.nullable and column.default is None and not column.primary_key
                            and column.server_default is None):
                        batch.problem(origin, label(column.name),
                                      f"{column.name} is required", "required")
                    continue
                if isinstance(column.type, String) and column.type.length \
                        and isinstance(value, str) and len(value) > column.type.length:
                    batch.problem(origin, label(column.name),
                                  f"longer than {column.type.length} characters", "maxLength")
                if column.name in EMAIL_COLUMNS and not EMAIL.match(value):
                    batch.problem(origin, label(column.name), f"{value!r} is not an e-mail address",
                                  "email")
            for fk in table.foreign_keys:
                value = final.get(fk.parent.name)
                if value is not None and fk.parent.name in row.given:
                    references.append((row, fk.parent.name, fk.column.table.name, value))
            if name == "location":
                lat, lon = final.get("latitude"), final.get("longitude")
                if lat is not None and not -90 <= lat <= 90:
                    batch.problem(origin, label("latitude"), f"{lat} is not between -90 and 90", "range")
                if lon is not None and not -180 <= lon <= 180:
                    batch.problem(origin, label("longitude"), f"{lon} is not between -180 and 180",
                                  "range")
                region = final.get("region_code")
                if region is not None and region not in {f"{n:02d}" for n in range(1, 18)}:
                    batch.problem(origin, label("region_code"),
                                  f"{region!r} is not a Québec region code 01–17", "region_code")
            if name == "service":
                if final.get("status") not in ("active", "inactive", "defunct", "temporarily closed"):
                    batch.problem(origin, label("status"), f"{final.get('status')!r} is not a "
                                  "service status", "enum")
                low, high = final.get("minimum_age"), final.get("maximum_age")
                for age_column, age in (("minimum_age", low), ("maximum_age", high)):
                    if age is not None and not 0 <= age <= 130:
                        batch.problem(origin, label(age_column), f"{age} is not an age", "range")
                if low is not None and high is not None and low > high:
                    batch.problem(origin, label("minimum_age"),
                                  f"minimum_age {low} is above maximum_age {high}", "age-range")
            if name in DATE_RANGES:
                start, end = (final.get(c) for c in DATE_RANGES[name])
                if start is not None and end is not None and start > end:
                    batch.problem(origin, label(DATE_RANGES[name][0]),
                                  f"valid_from {start} is after valid_to {end}", "date-range")
            if name == "url" and not (final.get("organization_id") or final.get("service_id")):
                batch.problem(origin, label("organization_id"), "a url belongs to an organization "
                              "or a service: organization_id or service_id is required", "required")
            if name == "attribute":
                entity = final.get("link_entity")
                if entity not in HSDS_OBJECTS:
                    batch.problem(origin, label("link_entity"), f"{entity!r} is not an HSDS object",
                                  "enum")
                elif final.get("link_id"):
                    references.append((row, "link_id", entity, final["link_id"]))
            if name == "taxonomy_term" and final.get("code"):
                other = codes.get(final["code"])
                if other is not None and other.id != row.id:
                    batch.problem(origin, label("code"), f"code {final['code']!r} is also used by "
                                  f"term {other.id}", "unique")
                codes[final["code"]] = row

    if not check_references:
        return
    for _row, _column, target, value in references:
        if value not in in_file.get(target, set()) and value not in existing.get(target, {}):
            missing_refs[target].add(value)
    found: dict[str, set[str]] = {}
    for target, ids in missing_refs.items():
        table = spec(target).table
        found[target] = set()
        for chunk in chunks(sorted(ids)):
            found[target] |= set(connection.execute(select(table.c.id).where(table.c.id.in_(chunk)))
                                 .scalars())
    for row, link_column, target, value in references:
        if value in missing_refs.get(target, ()) and value not in found.get(target, ()):
            if (row.name, link_column) in OPTIONAL_LINKS and value not in batch.dropped[target]:
                # Nested terms travel without their ancestors, and a feed's organization without
                # its parent: keep the record, drop the link.
                row.values[link_column] = None
                batch.warnings[OPTIONAL_LINKS[(row.name, link_column)]] += 1
                continue
            text = _field_label(row.name, link_column)
            if value in batch.dropped[target] and _secondary_link(row, link_column):
                # A phone or contact that also points at a place left out keeps its own parent.
                row.values[link_column] = None
                batch.warnings["links to records left out were removed from the records that "
                               "kept them"] += 1
                continue
            if value in batch.dropped[target]:
                batch.problem(row.origin, row.origin.field(text),
                              f"{target} {value} was left out for its own problems",
                              "rejected-reference")
                continue
            batch.problem(row.origin, row.origin.field(text),
                          f"{target} {value} is neither in the file nor in the directory",
                          "reference")

    if codes:
        table = spec("taxonomy_term").table
        for chunk in chunks(sorted(codes)):
            query = select(table.c.id, table.c.code).where(table.c.code.in_(chunk))
            for term_id, code in connection.execute(query):
                row = codes[code]
                if term_id != row.id and term_id not in in_file.get("taxonomy_term", set()):
                    batch.problem(row.origin, row.origin.field("code"),
                                  f"code {code!r} belongs to term {term_id} in the directory",
                                  "unique")
