"""Import HSDS 3.0 (plain or bilingual profile) into the directory: validate everything, then write
everything in one transaction, or nothing.

Accepted input: a JSON array of nested organizations (what `exporter` writes), a JSON array of
nested services (what `/services/{id}` serves), a single object of either kind, newline-delimited
JSON, or a tabular data package (directory or `.zip`; `datapackage.json` optional).

Order of work:
1. Parse every record into flat rows per table (`_Batch`), remembering where each row came from
   (file, record, JSON path or CSV line/column) so every problem can be named precisely.
2. Validate each record against the HSDS schema merged with the profile (the official schema plus
   the extension fields; patches only add properties) and the directory's own rules (French name,
   UUIDs, coordinates, region codes, age and date ranges, e-mails, lengths, references).
3. If anything is wrong: raise ImportRejected listing up to MAX_PROBLEMS problems; nothing written.
4. Otherwise, in one transaction: upsert rows by id, replace the children of every imported parent
   that lists them (phones, schedules, addresses…; services, locations and programs are upserted,
   never deleted by omission), and write the change log into `metadata`.

Plain HSDS (no `translations` anywhere; CSV without `_en` columns) is French: it sets the French
columns and leaves English text and extension fields as they were. A file that uses the profile is
authoritative for them too, so a translation removed at the source is removed here.
Taxonomy terms nested in attributes are references: created when missing, never updated (the
category tree is curated here; load it with a data package's taxonomy_terms.csv instead). Incoming
`metadata` arrays are ignored: the change log records what this import did.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gc
import io
import json
import re
import time
import uuid
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeGuard

from sqlalchemy import ColumnDefault, String, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from directory.db import engine_for
from directory.hsds import schemas, tabular
from directory.hsds.spec import (
    ATTRIBUTES,
    HSDS_OBJECTS,
    SELF_REFERENCES,
    WRITE_ORDER,
    Field,
    join_keywords,
    spec,
)
from directory.models import Metadata, new_id

MAX_PROBLEMS = 50
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
DATE_RANGES = {"service": ("valid_from", "valid_to"), "schedule": ("valid_from", "valid_to"),
               "cost_option": ("valid_from", "valid_to")}


# --- problems ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a row came from: enough to point a person at the exact spot in their file."""

    file: str
    record_type: str
    record_id: str  # the record's id, or "#n" when it has none
    path: str = ""  # JSON path of the row inside the record ("service_at_locations[0].location")
    line: int | None = None  # CSV: line of the row (the header is line 1)

    def field(self, name: str) -> str:
        if self.line is not None:
            return name
        return f"{self.path}.{name}" if self.path else name


@dataclass(frozen=True)
class Problem:
    origin: Origin
    field: str
    message: str
    rule: str

    def __str__(self) -> str:
        o = self.origin
        if o.line is not None:
            return (f"{o.file}: line {o.line} (record {o.record_id}, {o.record_type}) "
                    f"column {self.field}: {self.message} ({self.rule})")
        return (f"{o.file}: record {o.record_id}({o.record_type}) field {self.field}: "
                f"{self.message} ({self.rule})")


class ImportRejected(Exception):
    """The file was not imported; every problem found (up to MAX_PROBLEMS) is listed."""

    def __init__(self, problems: list[Problem], truncated: bool = False):
        self.problems = problems
        self.truncated = truncated
        super().__init__(str(self))

    def __str__(self) -> str:
        more = f" (showing the first {len(self.problems)})" if self.truncated else ""
        head = f"import rejected, nothing was changed: {len(self.problems)} problem(s){more}"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class _TooMany(Exception):
    pass


# --- result --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    path: Path
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    audit_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        def fmt(counter: Counter[str]) -> str:
            main = ", ".join(f"{counter[n]:,} {n}" for n in ("organization", "service", "location")
                             if counter[n])
            rest = sum(v for k, v in counter.items() if k not in ("organization", "service",
                                                                  "location"))
            return ", ".join(x for x in (main, f"{rest:,} other" if rest else "") if x) or "0"

        lines = [
            f"imported {self.path.name} in {self.seconds:.1f} s: created {fmt(self.created)}; "
            f"updated {fmt(self.updated)}; deleted {fmt(self.deleted)}; "
            f"unchanged {sum(self.unchanged.values()):,}; {self.audit_rows:,} change-log rows"
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# --- value conversion ----------------------------------------------------------------------------


def _parse_datetime(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date-time string")
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _parse_date(value: Any) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def from_json(kind: str, value: Any) -> Any:
    """A JSON value → the column value (ValueError with a readable message when impossible)."""
    if value is None:
        return None
    if kind == "str":
        if not isinstance(value, str):
            raise ValueError("expected a string")
        return value
    if kind in ("int", "extension"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise ValueError("expected a whole number")
        return int(value) if kind == "int" else str(int(value))
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("expected a number")
        return float(value)
    if kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("expected a number")
        return Decimal(str(value))
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if kind == "date":
        return _parse_date(value)
    if kind == "datetime":
        return _parse_datetime(value)
    if kind == "keywords":
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            raise ValueError("expected a list of keywords")
        return join_keywords(value)
    raise AssertionError(kind)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        if a.tzinfo is None:
            a = a.replace(tzinfo=dt.UTC)
        if b.tzinfo is None:
            b = b.replace(tzinfo=dt.UTC)
    if isinstance(a, (Decimal, float, int)) and isinstance(b, (Decimal, float, int)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return Decimal(str(a)) == Decimal(str(b))
    return bool(a == b)


def _audit_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- the batch of rows parsed from a file --------------------------------------------------------


@dataclass
class _Row:
    name: str
    id: str
    values: dict[str, Any]
    given: set[str]  # columns the file is authoritative for
    origin: Origin
    reference: bool = False  # nested taxonomy term/taxonomy: create when missing, never update


class _Batch:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, _Row]] = defaultdict(dict)
        self.scopes: set[tuple[str, str, str]] = set()  # (child table, fk column, parent id)
        self.attribute_scopes: set[tuple[str, str]] = set()  # (link_entity, link_id)
        self.problems: list[Problem] = []
        self.warnings: Counter[str] = Counter()

    def problem(self, origin: Origin, field_name: str, message: str, rule: str) -> None:
        self.problems.append(Problem(origin, field_name, message, rule))
        if len(self.problems) > MAX_PROBLEMS:
            raise _TooMany

    def add(self, row: _Row) -> None:
        table = self.rows[row.name]
        existing = table.get(row.id)
        if existing is None:
            table[row.id] = row
            return
        if row.reference:
            return
        if existing.reference:
            table[row.id] = row
            return
        for column in row.given:
            new = row.values.get(column)
            if column in existing.given and not _same(existing.values.get(column), new):
                self.problem(row.origin, column, (
                    f"the same {row.name} {row.id} appears twice with different values "
                    f"({existing.values.get(column)!r} at {existing.origin.path or 'top level'})"),
                    "duplicate")
                continue
            existing.values[column] = new
            existing.given.add(column)


# --- JSON ----------------------------------------------------------------------------------------


def _object_type(obj: dict[str, Any]) -> str:
    if any(key in obj for key in ("status", "organization_id", "organization", "service_at_locations")):
        return "service"
    return "organization"


def _valid_uuid(value: Any) -> TypeGuard[str]:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36


class _JsonReader:
    def __init__(self, batch: _Batch, file: str, profile: bool) -> None:
        self.batch = batch
        self.file = file
        self.profile = profile

    def record(self, obj: Any, index: int) -> None:
        if not isinstance(obj, dict):
            origin = Origin(self.file, "record", f"#{index + 1}")
            self.batch.problem(origin, "", "expected an object", "type")
            return
        name = _object_type(obj)
        services = obj.get("services") if name == "organization" else None
        body = {k: v for k, v in obj.items() if k != "services"} if services is not None else obj
        if self._valid(name, body, index):
            self.walk(name, body, Origin(self.file, name, body["id"]), {})
        if isinstance(services, list):  # upserted, never deleted by omission (Child.owned=False)
            for position, service in enumerate(services):
                if not isinstance(service, dict):
                    continue
                if self._valid("service", service, position):
                    link = {"organization_id": obj.get("id")}
                    self.walk("service", service, Origin(self.file, "service", service["id"]), link)

    def _valid(self, name: str, obj: dict[str, Any], index: int) -> bool:
        given_id = obj.get("id")
        record_id = given_id if isinstance(given_id, str) else f"#{index + 1}"
        origin = Origin(self.file, name, record_id)
        errors = schemas.validate(obj, name, profile=True)
        for error in errors:
            self.batch.problem(origin, error.path, error.message, error.rule)
        if not errors and not _valid_uuid(obj.get("id")):
            self.batch.problem(origin, "id", f"{obj.get('id')!r} is not a UUID", "uuid")
            return False
        return not errors

    def walk(self, name: str, obj: dict[str, Any], origin: Origin, link: dict[str, Any],
             reference: bool = False, flat: bool = False) -> None:
        object_spec = spec(name)
        row_id = obj.get("id")
        if not _valid_uuid(row_id):
            self.batch.problem(origin, origin.field("id"), f"{row_id!r} is not a UUID", "uuid")
            return
        values, given = _columns_from_object(self.batch, name, obj, origin, self.profile, None)
        for column, value in link.items():
            if value is not None:
                values[column] = value
                given.add(column)
        row = _Row(name, row_id, values, given, origin, reference)
        if not flat:
            for child in object_spec.children:
                if child.key not in obj or child.key == "services":
                    continue
                value = obj[child.key]
                path = origin.field(child.key)
                if child.kind == "many":
                    if child.owned:
                        self.batch.scopes.add((child.type, child.fk, row_id))
                    for position, item in enumerate(value or ()):
                        child_origin = _at(origin, f"{path}[{position}]")
                        self.walk(child.type, item, child_origin, {child.fk: row_id})
                elif isinstance(value, dict):
                    self.walk(child.type, value, _at(origin, path), {},
                              reference=child.reference, flat=child.flat)
                    if _valid_uuid(value.get("id")):
                        if child.fk in given and values.get(child.fk) not in (None, value["id"]):
                            self.batch.problem(origin, origin.field(child.fk),
                                               f"{child.fk} does not match {child.key}.id",
                                               "consistency")
                        values[child.fk] = value["id"]
                        given.add(child.fk)
            if object_spec.has_attributes and ATTRIBUTES in obj:
                self.batch.attribute_scopes.add((name, row_id))
                for position, item in enumerate(obj[ATTRIBUTES] or ()):
                    self.walk("attribute", item, _at(origin, origin.field(f"attributes[{position}]")),
                              {"link_id": row_id, "link_entity": name})
        self.batch.add(row)


def _at(origin: Origin, path: str) -> Origin:
    return Origin(origin.file, origin.record_type, origin.record_id, path, origin.line)


@functools.cache
def _link_columns(name: str) -> frozenset[str]:
    """Columns that link a row to another: a file sets them only by giving them (or by nesting)."""
    table = spec(name).table
    return frozenset({fk.parent.name for fk in table.foreign_keys} | {"link_id", "link_entity"})


def _columns_from_object(batch: _Batch, name: str, obj: dict[str, Any], origin: Origin,
                         profile: bool, present: set[str] | None) -> tuple[dict[str, Any], set[str]]:
    """Column values of one HSDS object (JSON, or a CSV row turned into one).

    `present` (CSV): the headers in the file; a column whose header is missing is left alone.
    """
    links = _link_columns(name)
    translations = obj.get("translations") or {}
    english = translations.get("en") or {} if isinstance(translations, dict) else {}
    values: dict[str, Any] = {}
    given: set[str] = set()

    def take(fld: Field, column: str, raw: Any, label: str) -> None:
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


def _read_json(batch: _Batch, path: Path, text: str, label: str, progress: bool = False) -> int:
    profile = '"translations"' in text
    reader = _JsonReader(batch, label, profile)
    stripped = text.lstrip()
    try:
        document = json.loads(text)
        records = document if isinstance(document, list) else [document]
    except json.JSONDecodeError as error:
        if stripped.startswith("{") and "\n" in stripped.strip():
            records = []
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as line_error:
                    batch.problem(Origin(label, "record", f"line {number}"), "",
                                  f"not JSON: {line_error}", "json")
        else:
            batch.problem(Origin(label, "file", "-"), "", f"not JSON: {error}", "json")
            return 0
    iterable: Iterable[tuple[int, Any]] = enumerate(records)
    if progress:
        from tqdm import tqdm

        iterable = tqdm(iterable, total=len(records), unit=" records", desc="checking", leave=False)
    for index, obj in iterable:
        reader.record(obj, index)
    return len(records)


# --- tabular data package ------------------------------------------------------------------------

_TRUE = {"true", "1", "yes", "y", "oui", "vrai"}
_FALSE = {"false", "0", "no", "n", "non", "faux"}


def _cell_to_json(kind: str, text: str) -> Any:
    if text == "":
        return None
    if kind in ("int", "float", "decimal", "extension"):
        try:
            number = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise ValueError("expected a number") from None
        return number
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError("expected true or false")
    if kind == "keywords":
        return [w.strip() for w in text.split(",") if w.strip()]
    return text


def _authority(column: tabular.Column) -> str:
    """What a CSV header makes the file authoritative for: its HSDS field's name for the field's
    own column, else the header itself (an `_en` column, `extension_text`, an unkept column)."""
    if column.field and not column.english and not column.extension_text:
        return column.field.name
    return column.header


def _read_tables(batch: _Batch, files: dict[str, bytes], label: str) -> int:
    """Rows of every known CSV in a data package (`files`: path inside the package → bytes)."""
    paths = {name: tabular.csv_path(name) for name in tabular.TABULAR_OBJECTS}
    if "datapackage.json" in files:
        try:
            descriptor = json.loads(files["datapackage.json"])
            for resource in descriptor.get("resources", ()):
                if resource.get("name") in paths and isinstance(resource.get("path"), str):
                    paths[resource["name"]] = resource["path"]
        except (json.JSONDecodeError, AttributeError):
            batch.problem(Origin(f"{label}/datapackage.json", "file", "-"), "",
                          "not a valid datapackage.json", "json")
    parents_in_package: dict[str, set[str]] = defaultdict(set)
    present_tables: set[str] = set()
    count = 0
    for name in WRITE_ORDER:
        if name not in paths or paths[name] not in files:
            continue
        present_tables.add(name)
        file_label = paths[name]
        text = files[paths[name]].decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            continue
        columns = {c.header: c for c in tabular.columns(name)}
        unknown = [h for h in header if h not in columns]
        if unknown:
            batch.warnings[f"{file_label}: ignored unknown columns {', '.join(unknown)}"] += 1
        line = reader.line_num
        present_fields = {_authority(columns[h]) for h in header if h in columns}
        profile = any(h.endswith("_en") for h in header)
        for cells in reader:
            start = line + 1
            line = reader.line_num
            if not any(cells):
                continue
            count += 1
            raw = dict(zip(header, cells, strict=False))
            record_id = raw.get("id") or f"#{count}"
            origin = Origin(file_label, name, record_id, line=start)
            obj: dict[str, Any] = {}
            english: dict[str, Any] = {}
            bad = False
            for header_name, text_value in raw.items():
                column = columns.get(header_name)
                if column is None:
                    continue
                if column.field is None:
                    if text_value:
                        batch.warnings[f"{file_label}: column {header_name} is not kept"] += 1
                    continue
                try:
                    value = _cell_to_json(column.kind, text_value)
                except ValueError as error:
                    batch.problem(origin, header_name, f"{text_value!r}: {error}", "type")
                    bad = True
                    continue
                if value is None:
                    continue
                if column.english:
                    english[column.field.name] = value
                else:
                    obj[header_name] = value
            if english:
                obj["translations"] = {"en": english}
            if bad:
                continue
            errors = schemas.validate(obj, name, profile=True)
            required = set(spec(name).required_tabular)
            for missing in sorted(required - set(obj)):
                if not any(e.path == missing for e in errors):
                    batch.problem(origin, missing, f"'{missing}' is a required column value",
                                  "required")
                    bad = True
            for violation in errors:
                field_path = violation.path.replace("translations.en.", "").split(".")[0]
                column_name = re.sub(r"\[\d+\]$", "", field_path)
                if violation.path.startswith("translations.en."):
                    column_name += "_en"
                batch.problem(origin, column_name or "(row)", violation.message, violation.rule)
            if errors or bad:
                continue
            if not _valid_uuid(obj.get("id")):
                batch.problem(origin, "id", f"{obj.get('id')!r} is not a UUID", "uuid")
                continue
            values, given = _columns_from_object(batch, name, obj, origin, profile, present_fields)
            batch.add(_Row(name, obj["id"], values, given, origin))
            parents_in_package[name].add(obj["id"])
    # A parent in the package gets exactly the children the package lists, for the child tables
    # the package contains (a package without phones.csv leaves phones alone).
    for parent in HSDS_OBJECTS:
        for child in spec(parent).children:
            if child.kind == "many" and child.owned and child.type in present_tables:
                for parent_id in parents_in_package.get(parent, ()):
                    batch.scopes.add((child.type, child.fk, parent_id))
        if spec(parent).has_attributes and "attribute" in present_tables:
            for parent_id in parents_in_package.get(parent, ()):
                batch.attribute_scopes.add((parent, parent_id))
    return count


def _package_files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*")
                if p.is_file()}
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        # A zip of a folder: strip the common top-level folder.
        prefix = ""
        if names and all("/" in n for n in names):
            first = names[0].split("/")[0] + "/"
            if all(n.startswith(first) for n in names):
                prefix = first
        return {n[len(prefix):]: archive.read(n) for n in names}


# --- checks that need the whole batch and the database -------------------------------------------


def _chunks(values: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(connection: Connection, name: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    table = spec(name).table
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(ids)):
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


def _check_rows(batch: _Batch, existing: dict[str, dict[str, dict[str, Any]]],
                connection: Connection, check_references: bool = True) -> None:
    """The directory's own rules, over final row values (file values over database values)."""
    in_file = {name: set(rows) for name, rows in batch.rows.items()}
    missing_refs: dict[str, set[str]] = defaultdict(set)
    references: list[tuple[_Row, str, str, str]] = []
    codes: dict[str, _Row] = {}
    for name, rows in batch.rows.items():
        table = spec(name).table
        required = FRENCH_REQUIRED.get(name, ())
        for row in rows.values():
            if row.reference and row.id in existing.get(name, {}):
                continue
            final = {**existing.get(name, {}).get(row.id, {}), **row.values}
            origin = row.origin

            def label(column: str, row: _Row = row, origin: Origin = origin) -> str:
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
        for chunk in _chunks(sorted(ids)):
            found[target] |= set(connection.execute(select(table.c.id).where(table.c.id.in_(chunk)))
                                 .scalars())
    for row, link_column, target, value in references:
        if value in missing_refs.get(target, ()) and value not in found.get(target, ()):
            if row.name == "taxonomy_term" and link_column == "parent_id":
                # Nested terms travel without their ancestors; keep the term, drop the link.
                row.values["parent_id"] = None
                batch.warnings["taxonomy terms whose parent is neither in the file nor in the "
                               "directory were imported without a parent"] += 1
                continue
            text = _field_label(row.name, link_column)
            batch.problem(row.origin, row.origin.field(text),
                          f"{target} {value} is neither in the file nor in the directory",
                          "reference")

    if codes:
        table = spec("taxonomy_term").table
        for chunk in _chunks(sorted(codes)):
            query = select(table.c.id, table.c.code).where(table.c.code.in_(chunk))
            for term_id, code in connection.execute(query):
                row = codes[code]
                if term_id != row.id and term_id not in in_file.get("taxonomy_term", set()):
                    batch.problem(row.origin, row.origin.field("code"),
                                  f"code {code!r} belongs to term {term_id} in the directory",
                                  "unique")


# --- writing -------------------------------------------------------------------------------------


def _defaults(name: str, now: dt.datetime) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in spec(name).table.columns:
        if isinstance(column.default, ColumnDefault) and column.default.is_scalar:
            out[column.name] = column.default.arg
        elif column.name == "last_modified":
            out[column.name] = now
        else:
            out[column.name] = None
    return out


def _write(connection: Connection, batch: _Batch, existing: dict[str, dict[str, dict[str, Any]]],
           updated_by: str, result: ImportResult) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    audit: list[dict[str, Any]] = []

    def log(name: str, row_id: str, field_name: str, previous: Any, replacement: Any) -> None:
        audit.append({"id": new_id(), "resource_id": row_id, "resource_type": name,
                      "last_action_date": now, "last_action_type": "import",
                      "field_name": field_name, "previous_value": _audit_text(previous),
                      "replacement_value": _audit_text(replacement), "updated_by": updated_by})

    # 1. Children of imported parents that the file no longer lists.
    doomed: dict[str, set[str]] = defaultdict(set)
    scopes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for child, fk, parent_id in batch.scopes:
        scopes[(child, fk)].add(parent_id)
    for (child, fk), parents in scopes.items():
        table = spec(child).table
        keep = batch.rows.get(child, {})
        for chunk in _chunks(sorted(parents)):
            for row_id in connection.execute(select(table.c.id).where(table.c[fk].in_(chunk))).scalars():
                if row_id not in keep:
                    doomed[child].add(row_id)
    attribute_table = spec("attribute").table
    by_entity: dict[str, set[str]] = defaultdict(set)
    for entity, link_id in batch.attribute_scopes:
        by_entity[entity].add(link_id)
    keep_attributes = batch.rows.get("attribute", {})
    for entity, link_ids in by_entity.items():
        for chunk in _chunks(sorted(link_ids)):
            query = select(attribute_table.c.id).where(attribute_table.c.link_entity == entity,
                                                       attribute_table.c.link_id.in_(chunk))
            for row_id in connection.execute(query).scalars():
                if row_id not in keep_attributes:
                    doomed["attribute"].add(row_id)
    for name in reversed(WRITE_ORDER):
        ids = sorted(doomed.get(name, ()))
        table = spec(name).table
        for chunk in _chunks(ids):
            connection.execute(delete(table).where(table.c.id.in_(chunk)))
        for row_id in ids:
            log(name, row_id, "*", "", "deleted")
        result.deleted[name] += len(ids)

    # 2. Inserts and updates, parents first.
    for name in WRITE_ORDER:
        rows = batch.rows.get(name)
        if not rows:
            continue
        table = spec(name).table
        current = existing.get(name, {})
        defaults = _defaults(name, now)
        self_ref = SELF_REFERENCES.get(name)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row_id in sorted(rows):
            row = rows[row_id]
            before = current.get(row_id)
            if before is None:
                values = {**defaults, **row.values, "id": row_id}
                inserts.append(values)
                log(name, row_id, "*", "", "created")
                continue
            if row.reference:
                result.unchanged[name] += 1
                continue
            after = {**before, **{c: row.values.get(c) for c in row.given}}
            changed = [c for c in after if c != "last_modified" and not _same(before.get(c), after[c])]
            if "last_modified" in after:
                if "last_modified" in row.given and after["last_modified"] is not None:
                    if not _same(before.get("last_modified"), after["last_modified"]):
                        changed.append("last_modified")
                elif changed:
                    after["last_modified"] = now
                    changed.append("last_modified")
                else:
                    after["last_modified"] = before.get("last_modified")
            if not changed:
                result.unchanged[name] += 1
                continue
            for column in changed:
                log(name, row_id, column, before.get(column), after[column])
            after["_id"] = row_id
            updates.append(after)
        if inserts:
            if self_ref:
                links = [{"_id": r["id"], self_ref: r[self_ref]} for r in inserts if r[self_ref]]
                connection.execute(insert(table), [{**r, self_ref: None} for r in inserts])
                if links:
                    connection.execute(
                        update(table).where(table.c.id == bindparam("_id"))
                        .values({self_ref: bindparam(self_ref)}), links)
            else:
                connection.execute(insert(table), inserts)
            result.created[name] += len(inserts)
        if updates:
            columns = [c.name for c in table.columns if c.name != "id"]
            statement = update(table).where(table.c.id == bindparam("_id")).values(
                {c: bindparam(c) for c in columns})
            connection.execute(statement, [{c: u.get(c) for c in [*columns, "_id"]} for u in updates])
            result.updated[name] += len(updates)
    if audit:
        connection.execute(insert(Metadata.__table__), audit)
    result.audit_rows = len(audit)


# --- entry point ---------------------------------------------------------------------------------


def _read(batch: _Batch, path: Path, progress: bool = False) -> int:
    if path.is_dir() or path.suffix.lower() == ".zip":
        return _read_tables(batch, _package_files(path), path.name)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        name = next((n for n in tabular.TABULAR_OBJECTS
                     if tabular.csv_path(n) == path.name), None)
        if name is None:
            batch.problem(Origin(path.name, "file", "-"), "",
                          "a lone CSV must be named after an HSDS table (services.csv…)", "file")
            return 0
        return _read_tables(batch, {path.name: text.encode()}, path.name)
    return _read_json(batch, path, text, path.name, progress)


def import_path(database_url: str, path: str | Path, updated_by: str = "cli",
                progress: bool = False) -> ImportResult:
    """Validate the HSDS file or package at `path`, then write it all in one transaction.

    Raises ImportRejected (nothing written) when any record breaks a rule; see the module doc.
    """
    path = Path(path)
    started = time.perf_counter()
    result = ImportResult(path=path)
    batch = _Batch()
    # Hundreds of thousands of small dicts that all live until the end: the cyclic collector's
    # repeated full scans cost more than the import itself (measured: 2x on 15,000 services).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _read(batch, path, progress)
        with engine_for(database_url).begin() as connection:
            existing = {name: _existing(connection, name, set(rows))
                        for name, rows in batch.rows.items()}
            # Rows of records that broke the schema were left out, so references to them would
            # only add noise; the other rules still run, to report every problem in one go.
            _check_rows(batch, existing, connection, check_references=not batch.problems)
            if batch.problems:
                raise ImportRejected(batch.problems)
            try:
                _write(connection, batch, existing, updated_by, result)
            except DBAPIError as error:  # a rule the checks above missed; the transaction rolls back
                origin = Origin(path.name, "database", "-")
                raise ImportRejected([Problem(origin, "", str(error.orig).strip(), "database")]) \
                    from error
    except _TooMany:
        raise ImportRejected(batch.problems[:MAX_PROBLEMS], truncated=True) from None
    finally:
        if collecting:
            gc.enable()
    result.warnings = [f"{text} ({count})" if count > 1 else text
                       for text, count in sorted(batch.warnings.items())]
    result.seconds = time.perf_counter() - started
    return result
