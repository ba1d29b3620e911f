"""The batch of rows parsed from a file: one row per table and id, what the file is authoritative
for, and the children each imported parent replaces."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import InvalidOperation
from typing import Any

from sqlalchemy import ColumnDefault

from directory.hsds.importer.report import MAX_PROBLEMS, Origin, Problem, TooManyProblems
from directory.hsds.importer.values import from_json, same_value
from directory.hsds.spec import Field, spec

# Records that stand on their own: quarantine leaves one out without its parent (Origin.unit).
# A place (service_at_location) is one too, so a bad location costs its places, not the service.
UNITS = frozenset(("organization", "service", "service_at_location", "location", "program",
                   "taxonomy", "taxonomy_term"))


@dataclass
class Row:
    name: str
    id: str
    values: dict[str, Any]
    given: set[str]  # columns the file is authoritative for
    origin: Origin
    reference: bool = False  # nested taxonomy term/taxonomy: create when missing, never update
    also: list[Origin] = field(default_factory=list)  # the other places the same row is given

    def keys(self) -> set[tuple[str, str, int | None]]:
        return {self.origin.record_key, *(o.record_key for o in self.also)}


class Batch:
    def __init__(self, limit: int | None = MAX_PROBLEMS) -> None:
        self.rows: dict[str, dict[str, Row]] = defaultdict(dict)
        self.scopes: set[tuple[str, str, str]] = set()  # (child table, fk column, parent id)
        self.attribute_scopes: set[tuple[str, str]] = set()  # (link_entity, link_id)
        # HSDS 3.1 service.capacities (importer/capacities.py): the counts read, the services listing them.
        self.capacities: list[Any] = []
        self.capacity_scopes: set[str] = set()
        self.capacity_kept: set[str] = set()  # services with a refused count: their counts stay as they are
        self.problems: list[Problem] = []
        self.warnings: Counter[str] = Counter()
        self.limit = limit  # None: collect every problem (quarantine)
        self.dropped: dict[str, set[str]] = defaultdict(set)  # ids left out by quarantine

    def problem(self, origin: Origin, field_name: str, message: str, rule: str) -> None:
        self.problems.append(Problem(origin, field_name, message, rule))
        if self.limit is not None and len(self.problems) > self.limit:
            raise TooManyProblems

    def drop(self, keys: set[tuple[str, str, int | None]]) -> int:
        """Leave out every row given only by the records `keys` (quarantine); how many rows.

        A parent left out loses its scopes (nothing of its is deleted); a child row left out on its
        own (a CSV line) keeps its parent from replacing that kind of child, so the directory's
        copy is not deleted for the file's bad line.
        """
        gone: list[Row] = []
        for name, table in self.rows.items():
            for row_id in [i for i, row in table.items() if row.keys() <= keys]:
                gone.append(table.pop(row_id))
                self.dropped[name].add(row_id)
        ids = {row.id for row in gone}
        kept_from = {(row.name, fk, row.values.get(fk)) for row in gone for fk in row.values}
        self.scopes = {s for s in self.scopes if s[2] not in ids and s not in kept_from}
        self.attribute_scopes = {s for s in self.attribute_scopes if s[1] not in ids}
        # A service left out takes its live counts with it (importer/capacities.py).
        services = self.dropped.get("service", set())
        self.capacities = [c for c in self.capacities if c.values["service_id"] not in services]
        self.capacity_scopes -= services
        return len(gone)

    def add(self, row: Row) -> None:
        table = self.rows[row.name]
        existing = table.get(row.id)
        if existing is None:
            table[row.id] = row
            return
        existing.also.append(row.origin)
        if row.reference:
            return
        if existing.reference:
            table[row.id] = row
            return
        for column in row.given:
            new = row.values.get(column)
            if column in existing.given and not same_value(existing.values.get(column), new):
                self.problem(row.origin, column, (
                    f"the same {row.name} {row.id} appears twice with different values "
                    f"({existing.values.get(column)!r} at {existing.origin.path or 'top level'})"),
                    "duplicate")
                continue
            existing.values[column] = new
            existing.given.add(column)


@functools.cache
def _link_columns(name: str) -> frozenset[str]:
    """Columns that link a row to another: a file sets them only by giving them (or by nesting)."""
    table = spec(name).table
    return frozenset({fk.parent.name for fk in table.foreign_keys} | {"link_id", "link_entity"})


@functools.cache
def _required_defaults(name: str) -> dict[str, Any]:
    """Columns that may not be null but have a default (a flag such as `location.confidential`):
    a record that leaves one out, or sends null, gets the default rather than a database error
    (documents written before the profile had the field)."""
    return {column.name: column.default.arg for column in spec(name).table.columns
            if not column.nullable and isinstance(column.default, ColumnDefault) and column.default.is_scalar}


def columns_from_object(batch: Batch, name: str, obj: dict[str, Any], origin: Origin,
                         profile: bool, present: set[str] | None) -> tuple[dict[str, Any], set[str]]:
    """Column values of one HSDS object (JSON, or a CSV row turned into one).

    `present` (CSV): the headers in the file; a column whose header is missing is left alone.
    """
    links = _link_columns(name)
    translations = obj.get("translations") or {}
    english = translations.get("en") or {} if isinstance(translations, dict) else {}
    values: dict[str, Any] = {}
    given: set[str] = set()

    defaults = _required_defaults(name)

    def take(fld: Field, column: str, raw: Any, label: str) -> None:
        if raw is None and column in defaults:
            raw = defaults[column]
        if raw is None or (fld.kind == "str" and type(raw) is str):
            values[column] = raw  # the common case, without the general conversion
        else:
            try:
                values[column] = from_json(fld.kind, raw)
            except (ValueError, InvalidOperation) as error:
                batch.problem(origin, origin.field(label), f"{raw!r}: {error}", "type")
                return
        given.add(column)

    for fld in spec(name).fields:
        if fld.column == "id":
            continue
        if present is None:
            if fld.column in links:
                authoritative = fld.name in obj
            else:
                authoritative = profile or not fld.extension
        else:
            authoritative = fld.name in present
        if fld.kind == "extension":
            number, text = obj.get("extension"), obj.get("extension_text")
            if authoritative or (present is not None and "extension_text" in present):
                if text is not None:
                    take(Field(fld.name, fld.column, kind="str"), fld.column, text, "extension_text")
                else:
                    take(fld, fld.column, number, fld.name)
        elif authoritative:
            take(fld, fld.column, obj.get(fld.name), fld.name)
        if fld.en:
            english_given = (profile and present is None) or (
                present is not None and f"{fld.name}_en" in present)
            if english_given:
                label = f"{fld.name}_en" if present is not None else f"translations.en.{fld.name}"
                take(fld, fld.en, english.get(fld.name), label)
    return values, given
