"""How each HSDS object maps to the directory's tables: one description read by the serializer,
the bulk loader, the importer and the tabular (CSV) form, so they cannot drift apart.

Fields are derived from the official schema and the model: HSDS properties in the schema's order
(a bilingual field `name` is stored as `name_fr` + `name_en`), then the model's extra columns, which
are the profile's extension fields (`verified_on`, `region_code`, `keywords`…). Nested objects are
listed by hand, because they are the part of HSDS that is a design decision: which collections an
import replaces (`owned`) and which nested objects are only references.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, Numeric, Table

from directory import models
from directory.hsds import schemas


@dataclass(frozen=True)
class Child:
    """A nested HSDS object or list of objects.

    many: `key` is a list of `type` rows whose column `fk` holds the parent's id.
    one: `key` is one `type` row whose id is in the parent's column `fk`.
    owned: on import, a parent that lists `key` gets exactly those children (others are deleted).
    flat: nested without its own nested objects (the organization inside a service).
    reference: on import, created when missing but never updated (taxonomy terms are curated
        centrally; a partner's copy of a term must not overwrite ours).
    unless: a column that must be empty for a row to nest here (a service's own service areas are
        those without a service_at_location_id; the others nest under that service_at_location).
    """

    key: str
    type: str
    kind: str  # "many" | "one"
    fk: str
    owned: bool = True
    flat: bool = False
    reference: bool = False
    unless: str | None = None


ATTRIBUTES = "attributes"


@dataclass(frozen=True)
class Field:
    """One HSDS property of an object and the column(s) that hold it."""

    name: str  # HSDS property name (or extension name)
    column: str  # the column; for bilingual fields the French one
    en: str | None = None  # the English column of a bilingual field
    kind: str = "str"  # str, int, float, decimal, bool, date, datetime, keywords, extension
    extension: bool = False  # not an HSDS 3.1 property: a profile extension


@dataclass(frozen=True)
class ObjectSpec:
    name: str
    model: type[models.Base]
    fields: tuple[Field, ...]
    children: tuple[Child, ...]
    has_attributes: bool
    required_tabular: tuple[str, ...] = field(default=())

    @property
    def table(self) -> Table:
        return self.model.__table__

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns)

    @property
    def bilingual(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.en)


_CHILDREN: dict[str, tuple[Child, ...]] = {
    "organization": (
        Child("funding", "funding", "many", "organization_id"),
        Child("contacts", "contact", "many", "organization_id"),
        Child("phones", "phone", "many", "organization_id"),
        Child("locations", "location", "many", "organization_id", owned=False),
        Child("programs", "program", "many", "organization_id", owned=False),
        Child("organization_identifiers", "organization_identifier", "many", "organization_id"),
        Child("additional_websites", "url", "many", "organization_id"),
        Child("services", "service", "many", "organization_id", owned=False),
    ),
    "service": (
        Child("phones", "phone", "many", "service_id"),
        Child("schedules", "schedule", "many", "service_id"),
        Child("service_areas", "service_area", "many", "service_id",
              unless="service_at_location_id"),
        Child("service_at_locations", "service_at_location", "many", "service_id"),
        Child("languages", "language", "many", "service_id"),
        Child("organization", "organization", "one", "organization_id", flat=True),
        Child("funding", "funding", "many", "service_id"),
        Child("cost_options", "cost_option", "many", "service_id"),
        Child("program", "program", "one", "program_id", flat=True),
        Child("required_documents", "required_document", "many", "service_id"),
        Child("contacts", "contact", "many", "service_id"),
        Child("additional_urls", "url", "many", "service_id"),
    ),
    "service_at_location": (
        Child("contacts", "contact", "many", "service_at_location_id"),
        Child("phones", "phone", "many", "service_at_location_id"),
        Child("schedules", "schedule", "many", "service_at_location_id"),
        Child("service_areas", "service_area", "many", "service_at_location_id"),
        Child("location", "location", "one", "location_id"),
    ),
    "location": (
        Child("languages", "language", "many", "location_id"),
        Child("addresses", "address", "many", "location_id"),
        Child("contacts", "contact", "many", "location_id"),
        Child("accessibility", "accessibility", "many", "location_id"),
        Child("phones", "phone", "many", "location_id"),
        Child("schedules", "schedule", "many", "location_id"),
    ),
    "contact": (Child("phones", "phone", "many", "contact_id"),),
    "phone": (Child("languages", "language", "many", "phone_id"),),
    "attribute": (Child("taxonomy_term", "taxonomy_term", "one", "taxonomy_term_id", reference=True),),
    "taxonomy_term": (Child("taxonomy_detail", "taxonomy", "one", "taxonomy_id", reference=True),),
}

# Objects exported and imported; `metadata` is the local change log and `meta_table_description`
# only travels in the tabular form.
HSDS_OBJECTS = (
    "organization", "program", "service", "location", "service_at_location", "address", "contact",
    "phone", "schedule", "language", "accessibility", "cost_option", "required_document",
    "service_area", "funding", "organization_identifier", "taxonomy", "taxonomy_term", "attribute",
    "meta_table_description", "url",
)

# Order in which rows can be inserted without breaking a foreign key (parents first).
WRITE_ORDER = (
    "taxonomy", "taxonomy_term", "organization", "program", "service", "location",
    "service_at_location", "contact", "phone", "schedule", "language", "accessibility", "address",
    "cost_option", "required_document", "service_area", "funding", "organization_identifier",
    "url", "attribute", "meta_table_description",
)

# Foreign keys from a table to itself: rows are inserted parents first.
SELF_REFERENCES = {"organization": "parent_organization_id", "taxonomy_term": "parent_id"}


def _kind(column: Column[Any]) -> str:
    if isinstance(column.type, Boolean):
        return "bool"
    if isinstance(column.type, DateTime):
        return "datetime"
    if isinstance(column.type, Date):
        return "date"
    if isinstance(column.type, Integer):
        return "int"
    if isinstance(column.type, Numeric) and not isinstance(column.type, Float):
        return "decimal"
    if isinstance(column.type, Float):
        return "float"
    return "str"


def _fields(name: str, model: type[models.Base]) -> tuple[Field, ...]:
    table = model.__table__
    columns = {c.name: c for c in table.columns}
    bilingual = set(model.__bilingual__)
    properties = schemas.official(f"{name}.json")["properties"]
    out: list[Field] = []
    covered: set[str] = set()
    for prop, definition in properties.items():
        if definition.get("type") == "array" or "$ref" in definition:
            continue
        if prop in columns:
            kind = _kind(columns[prop])
            if name == "phone" and prop == "extension":
                kind = "extension"
            out.append(Field(prop, prop, kind=kind))
            covered.add(prop)
        elif prop in bilingual:
            out.append(Field(prop, f"{prop}_fr", f"{prop}_en", kind=_kind(columns[f"{prop}_fr"])))
            covered |= {f"{prop}_fr", f"{prop}_en"}
    for column in table.columns:
        if column.name in covered:
            continue
        base = column.name[:-3] if column.name.endswith(("_fr", "_en")) else None
        if base and base in bilingual:
            if column.name.endswith("_fr"):
                kind = "keywords" if base == "keywords" else _kind(column)
                out.append(Field(base, column.name, f"{base}_en", kind=kind, extension=True))
            continue
        out.append(Field(column.name, column.name, kind=_kind(column), extension=True))
    return tuple(out)


# HSDS 3.1 live capacity: its own tables in the tabular form only; in JSON a service's
# `capacities` nest with their unit through directory/hsds/capacity.py and importer/capacities.py,
# checked by directory.capacity's rules.
CAPACITY_OBJECTS = ("unit", "service_capacity")
_CAPACITY_MODELS: dict[str, type[models.Base]] = {"unit": models.Unit, "service_capacity": models.ServiceCapacity}


@functools.cache
def spec(name: str) -> ObjectSpec:
    model = models.ENTITY_MODELS.get(name) or _CAPACITY_MODELS[name]
    schema = schemas.official(f"{name}.json")
    return ObjectSpec(
        name=name,
        model=model,
        fields=_fields(name, model),
        children=_CHILDREN.get(name, ()),
        has_attributes="attributes" in schema["properties"],
        required_tabular=tuple(schema.get("required", ())) + tuple(schema.get("tabular_required", ())),
    )


def all_specs() -> list[ObjectSpec]:
    return [spec(name) for name in HSDS_OBJECTS]


@functools.cache
def scope_filter(child_type: str, fk: str) -> str | None:
    """The `unless` column of the nesting of `child_type` by `fk`: a parent that lists its children
    owns only the rows where that column is empty (see Child)."""
    for children in _CHILDREN.values():
        for child in children:
            if child.type == child_type and child.fk == fk and child.unless:
                return child.unless
    return None


# --- value conversion (DB value <-> JSON value), shared by JSON and CSV ---------------------------


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 in UTC with `Z`; SQLite hands back naive datetimes, which were stored as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def split_keywords(value: str | None) -> list[str]:
    if not value:
        return []
    return [word.strip() for word in value.split(",") if word.strip()]


def join_keywords(words: Iterable[object]) -> str | None:
    cleaned = [str(w).strip() for w in words if str(w).strip()]
    return ", ".join(cleaned) if cleaned else None


def to_json_value(kind: str, value: Any) -> Any:
    """A column value as it appears in HSDS JSON (None: leave the property out)."""
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "datetime":
        return format_datetime(value)
    if kind == "decimal":
        return float(value)
    if kind == "float":
        return float(value)
    if kind == "keywords":
        return split_keywords(value) or None
    return value
