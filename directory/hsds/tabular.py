"""The profile's tabular form: one CSV per HSDS table, HSDS columns first (French text), then
`<field>_en` for each bilingual field and the extension columns, described by a `datapackage.json`
derived from the official one.

Changes to the official descriptor:
* resources limited to what the directory exports (`metadata.csv`, the change log, is published
  without who made each change: `updated_by` is always PUBLISHER);
* the profile's columns appended to each resource's schema (and nothing else: the package also
  validates against the official descriptor with just those columns added,
  tests/functional/directory/test_hsds_frictionless.py);
* `units.csv` and `service_capacity.csv` (HSDS 3.1 live capacity): the 3.1 descriptor lists only
  `service_id`/`unit_id` of the one and no column of the other, so their other columns (id,
  available, maximum, updated…) are declared here like the profile's own;
* `program.organization_id` is not unique (the official descriptor says it is, which would allow
  one program per organization; the JSON schema has no such rule).

The change log: `last_action_date` is written as the date (the official type is `date`), and an
empty `previous_value`/`replacement_value` (a record created or deleted) as EMPTY_VALUE, since the
official descriptor requires both.

Times: the official `time` columns (`schedule.opens_at`/`closes_at`) are written `HH:MM:SS`, and
the `24:00` that closes a 24-hour day (the directory's own notation, which `time` rejects) as
`23:59:59`; an import reads both back to the directory's `HH:MM` and `24:00` (`from_tabular_time`).
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from typing import Any

from directory.hsds import schemas
from directory.hsds.spec import CAPACITY_OBJECTS, HSDS_OBJECTS, Field, spec, to_json_value

PUBLISHER = "Portail 211"  # metadata.csv's updated_by: never a staff member's identity
END_OF_DAY = "23:59:59"  # how `24:00` is written in a `time` column
EMPTY_VALUE = "-"  # metadata.csv's previous/replacement value when there was none

_FRICTIONLESS_TYPES = {
    "str": "string", "int": "integer", "float": "number", "decimal": "number", "bool": "boolean",
    "date": "date", "datetime": "datetime", "keywords": "string", "extension": "number",
}


@dataclass(frozen=True)
class Column:
    """A CSV column: its header, the field it carries, and whether it is the English value."""

    header: str
    field: Field | None  # None: an official column the directory does not keep (always empty)
    english: bool = False
    extension_text: bool = False  # phone.extension_text
    time: bool = False  # an official `time` column: HH:MM:SS (module doc)
    date_only: bool = False  # an official `date` column the directory keeps as a date-time

    @property
    def kind(self) -> str:
        if self.extension_text:
            return "str"
        return self.field.kind if self.field else "str"


@functools.cache
def official_descriptor() -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads(
        (schemas.SCHEMA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def official_resource(name: str) -> dict[str, Any]:
    resource: dict[str, Any]
    for resource in official_descriptor()["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(name)


TABULAR_OBJECTS = (*HSDS_OBJECTS, *CAPACITY_OBJECTS)  # units before the counts that name them
PUBLISHED_OBJECTS = (*TABULAR_OBJECTS, "metadata")  # what the data package holds


@functools.cache
def columns(name: str) -> tuple[Column, ...]:
    object_spec = spec(name)
    by_name = {f.name: f for f in object_spec.fields}
    out: list[Column] = []
    for official_field in official_resource(name)["schema"]["fields"]:
        field = by_name.get(official_field["name"])
        out.append(Column(official_field["name"], field,
                          time=official_field.get("type") == "time",
                          date_only=official_field.get("type") == "date" and field is not None
                          and field.kind == "datetime"))
    official_names = {c.header for c in out}
    for field in object_spec.fields:
        if field.name not in official_names:
            out.append(Column(field.name, field))
        if field.en:
            out.append(Column(f"{field.name}_en", field, english=True))
        if field.kind == "extension":
            out.append(Column("extension_text", field, extension_text=True))
    return tuple(out)


def csv_path(name: str) -> str:
    return str(official_resource(name)["path"])


def to_tabular_time(value: str) -> str:
    """A stored time (`HH:MM`, `24:00`) as the official `time` type writes it (`HH:MM:SS`)."""
    if value in ("24:00", "24:00:00"):
        return END_OF_DAY
    if len(value) == 5 and value[2] == ":":
        return value + ":00"
    return value


def from_tabular_time(text: str, closing: bool) -> str:
    """A `time` cell back as the directory stores it: `HH:MM`, `24:00` for the end of the day."""
    if closing and text == END_OF_DAY:
        return "24:00"
    if len(text) == 8 and text.endswith(":00") and text[2] == ":":
        return text[:5]
    return text


def cell(column: Column, row: dict[str, Any]) -> str:
    """The CSV text for one column of a database row ('' for empty)."""
    field = column.field
    if field is None:
        return ""
    value = row.get(field.en if column.english and field.en else field.column)
    if column.time and isinstance(value, str) and value:
        return to_tabular_time(value)
    if column.date_only and value is not None:
        return str(to_json_value("datetime", value))[:10]
    if field.kind == "extension":
        text = "" if value is None else str(value)
        numeric = text.isdigit() and str(int(text)) == text
        if column.extension_text:
            return "" if numeric else text
        return text if numeric else ""
    value = to_json_value(field.kind, value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _frictionless_field(column: Column) -> dict[str, Any]:
    field = column.field
    assert field is not None
    if column.extension_text:
        return {"name": column.header, "type": "string",
                "description": "Profile extension: a phone extension that is not a plain number."}
    if column.english:
        description = f"Profile: English `{field.name}` (the `{field.name}` column is French)."
    else:
        description = f"Profile extension field `{field.name}` (see {schemas.PROFILE_URI})."
    descriptor: dict[str, Any] = {"name": column.header, "type": _FRICTIONLESS_TYPES[field.kind],
                  "description": description}
    if field.name == "region_code":
        descriptor["constraints"] = {"pattern": "0[1-9]|1[0-7]"}
    return descriptor


@functools.cache
def descriptor() -> dict[str, Any]:
    """The profile's `datapackage.json`: the official descriptor plus the profile's columns."""
    official = official_descriptor()
    package = {k: copy.deepcopy(v) for k, v in official.items() if k != "resources"}
    package.update({
        "name": "portail211_hsds",
        "title": "Portail 211 directory (HSDS 3.1, bilingual profile)",
        "version": "3.1.0",
        "description": ("HSDS 3.1 tabular data package with the Portail 211 bilingual profile: "
                        "HSDS text columns are French, `<field>_en` columns English. "
                        f"Profile: {schemas.PROFILE_URI}"),
        "hsds_profile": schemas.PROFILE_URI,
    })
    resources = []
    for name in PUBLISHED_OBJECTS:
        resource = copy.deepcopy(official_resource(name))
        fields = resource["schema"]["fields"]
        official_names = {f["name"] for f in fields}
        for column in columns(name):
            if column.header not in official_names:
                fields.append(_frictionless_field(column))
        for f in fields:
            if name == "program" and f["name"] == "organization_id":
                f.setdefault("constraints", {})["unique"] = False
        resources.append(resource)
    package["resources"] = resources
    return package
