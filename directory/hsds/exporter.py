"""Export the directory as HSDS 3.1 (bilingual profile): JSON or a tabular data package.

* JSON: one array of organizations, each nested with its funding, contacts, phones, locations,
  programs, identifiers and services (each service as `/services/{id}` serves it, without the
  organization again). Written one organization per line, streaming, sorted by id.
* datapackage: one CSV per HSDS table (`tabular.py`) and the profile's `datapackage.json`; a path
  ending in `.zip` gets a zip file, anything else a directory.

`iter_services` and `iter_organizations` are the streaming generators the HSDS API (ndjson) and the
bulk downloads reuse: one batch of rows is loaded at a time with Core selects (`load.Loader`).

What the JSON form cannot carry: taxonomy terms no attribute uses, and locations that belong to no
organization and host no service. The data package carries every row.

Both forms are public by default: archived services and their rows are left out (`Loader`,
`directory.archive`); `public=False` exports everything (`flask directory export`).
"""

from __future__ import annotations

import csv
import gc
import json
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar, Unpack

from sqlalchemy import select

from directory.db import engine_for
from directory.hsds import tabular
from directory.hsds.load import Loader
from directory.hsds.serialize import Options, organization_to_hsds, service_to_hsds
from directory.hsds.spec import spec

ORGANIZATION_BATCH = 200
SERVICE_BATCH = 500


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


T = TypeVar("T")


def _progress(iterable: Iterable[T], total: int, enabled: bool, unit: str) -> Iterable[T]:
    if not enabled:
        return iterable
    from tqdm import tqdm

    bar: Iterable[T] = tqdm(iterable, total=total, unit=unit)
    return bar


def iter_organizations(database_url: str, locale: str | None = None, *,
                       ids: Iterable[str] | None = None, services: bool = True,
                       batch_size: int = ORGANIZATION_BATCH, progress: bool = False, public: bool = True,
                       **options: Unpack[Options]) -> Iterator[dict[str, Any]]:
    """Every organization (or those in `ids`) as nested HSDS, sorted by id, a batch at a time."""
    with engine_for(database_url).connect() as connection:
        loader = Loader(connection, public=public)
        wanted = sorted(set(ids)) if ids is not None else loader.all_ids("organization")
        skip = () if services else ("services",)
        batches = _batches(wanted, batch_size)
        bar = _progress(batches, -(-len(wanted) // batch_size), progress, "batch")
        for batch in bar:
            nodes = loader.load("organization", batch, skip=skip)
            for organization_id in batch:
                if organization_id in nodes:
                    yield organization_to_hsds(nodes[organization_id], locale,
                                               services=services, **options)


def iter_services(database_url: str, locale: str | None = None, *,
                  ids: Iterable[str] | None = None, include_organization: bool = True,
                  batch_size: int = SERVICE_BATCH, public: bool = True,
                  **options: Unpack[Options]) -> Iterator[dict[str, Any]]:
    """Every service (or those in `ids`) as `/services/{id}` serves it, sorted by id."""
    with engine_for(database_url).connect() as connection:
        loader = Loader(connection, public=public)
        wanted = sorted(set(ids)) if ids is not None else loader.all_ids("service")
        skip = () if include_organization else ("organization",)
        for batch in _batches(wanted, batch_size):
            nodes = loader.load("service", batch, skip=skip)
            for service_id in batch:
                if service_id in nodes:
                    yield service_to_hsds(nodes[service_id], locale,
                                          include_organization=include_organization, **options)


@dataclass
class ExportResult:
    path: Path
    fmt: str
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    bytes: int = 0

    def summary(self) -> str:
        main = ", ".join(
            f"{self.counts[name]:,} {label}"
            for name, label in (("organization", "organizations"), ("service", "services"),
                                ("location", "locations"))
        )
        others = sum(n for name, n in self.counts.items()
                     if name not in ("organization", "service", "location"))
        return (f"exported {main} and {others:,} other records as HSDS 3.1 {self.fmt} "
                f"to {self.path} ({self.bytes / 1e6:.1f} MB) in {self.seconds:.1f} s")


def _count(obj: dict[str, Any], name: str, counts: Counter[str],
           seen: set[tuple[str, Any]]) -> None:
    """Count distinct records in a nested object (locations appear under org and under services)."""
    key = (name, obj.get("id"))
    if key not in seen:
        seen.add(key)
        counts[name] += 1
    for child in spec(name).children:
        value = obj.get(child.key)
        if isinstance(value, list):
            for item in value:
                _count(item, child.type, counts, seen)
        elif isinstance(value, dict):
            _count(value, child.type, counts, seen)
    for attribute in obj.get("attributes", ()):
        _count(attribute, "attribute", counts, seen)


def write_json(database_url: str, handle: TextIO, *, progress: bool = False, public: bool = True) -> Counter[str]:
    counts: Counter[str] = Counter()
    seen: set[tuple[str, Any]] = set()
    handle.write("[")
    first = True
    for organization in iter_organizations(database_url, None, progress=progress, public=public):
        handle.write("\n" if first else ",\n")
        first = False
        handle.write(json.dumps(organization, ensure_ascii=False, separators=(",", ":")))
        _count(organization, "organization", counts, seen)
    handle.write("\n]\n")
    return counts


def _public_change_log(rows: list[dict[str, Any]], published: dict[str, set[str]],
                       secret: dict[str, set[str]]) -> list[dict[str, Any]]:
    """The change log of the records this package publishes, without who made each change (a
    curator's or partner's e-mail is no one else's business): updated_by is tabular.PUBLISHER.
    Nothing of a confidential location or its addresses (`secret`): their previous and
    replacement values are the street and coordinates the package redacts
    (docs/confidential-locations.md)."""
    return [{**row, "updated_by": tabular.PUBLISHER,
             "previous_value": row["previous_value"] or tabular.EMPTY_VALUE,
             "replacement_value": row["replacement_value"] or tabular.EMPTY_VALUE}
            for row in rows if row["resource_id"] in published.get(row["resource_type"], ())
            and row["resource_id"] not in secret.get(row["resource_type"], ())]


def write_tables(database_url: str, directory: Path, *, progress: bool = False,
                 public: bool = True) -> Counter[str]:
    """One CSV per table (all rows but archived services', sorted by id) and the profile's
    datapackage.json."""
    counts: Counter[str] = Counter()
    directory.mkdir(parents=True, exist_ok=True)
    names = tabular.PUBLISHED_OBJECTS
    published: dict[str, set[str]] = {}
    with engine_for(database_url).connect() as connection:
        loader = Loader(connection, public=public)
        confidential = set(loader.confidential())
        secret: dict[str, set[str]] = {"location": confidential, "address": set()}
        for name in _progress(names, len(names), progress, "table"):
            table = spec(name).table
            rows = sorted(loader.visible(name, [dict(r) for r in connection.execute(select(table)).mappings()]),
                          key=lambda r: r["id"])
            if name == "address":
                secret["address"] = {r["id"] for r in rows if r.get("location_id") in confidential}
            if name == "metadata":
                rows = _public_change_log(rows, published, secret)
            if name == "unit":  # the units the published counts use, as in JSON (nested in each count)
                counts_table = spec("service_capacity").table
                used = {r["unit_id"] for r in loader.visible("service_capacity", [
                    dict(r) for r in connection.execute(select(counts_table)).mappings()])}
                rows = [r for r in rows if r["id"] in used]
            published[name] = {r["id"] for r in rows}
            cols = tabular.columns(name)
            with (directory / tabular.csv_path(name)).open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow([c.header for c in cols])
                for row in rows:
                    writer.writerow([tabular.cell(c, row) for c in cols])
            counts[name] = len(rows)
    (directory / "datapackage.json").write_text(
        json.dumps(tabular.descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return counts


def export_path(database_url: str, path: str | Path, fmt: str = "json",
                progress: bool = False, public: bool = True) -> ExportResult:
    """Write the directory to `path` as HSDS 3.1 JSON or data package (see module doc); without
    archived services unless `public=False`."""
    path = Path(path)
    started = time.perf_counter()
    result = ExportResult(path=path, fmt=fmt)
    collecting = gc.isenabled()
    gc.disable()  # batches of short-lived dicts; the cyclic collector only slows this down
    try:
        _export(database_url, path, fmt, progress, result, public)
    finally:
        if collecting:
            gc.enable()
    result.seconds = time.perf_counter() - started
    return result


def _export(database_url: str, path: Path, fmt: str, progress: bool, result: ExportResult,
            public: bool) -> None:
    if fmt == "json":
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            result.counts = write_json(database_url, handle, progress=progress, public=public)
        result.bytes = path.stat().st_size
    elif fmt == "datapackage":
        if path.suffix == ".zip":
            with tempfile.TemporaryDirectory() as tmp:
                result.counts = write_tables(database_url, Path(tmp), progress=progress, public=public)
                path.parent.mkdir(parents=True, exist_ok=True)
                with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                    for member in sorted(Path(tmp).iterdir()):
                        # A fixed timestamp keeps two exports of the same data byte-identical.
                        info = zipfile.ZipInfo(member.name, date_time=(1980, 1, 1, 0, 0, 0))
                        info.compress_type = zipfile.ZIP_DEFLATED
                        archive.writestr(info, member.read_bytes())
            result.bytes = path.stat().st_size
        else:
            if path.exists() and any(path.iterdir()):
                shutil.rmtree(path)
            result.counts = write_tables(database_url, path, progress=progress, public=public)
            result.bytes = sum(p.stat().st_size for p in path.iterdir())
    else:
        raise ValueError(f"unknown export format {fmt!r} (json or datapackage)")


def dumps_ndjson(objects: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Newline-delimited JSON lines for `format=ndjson` responses and bulk downloads."""
    encode = _NDJSON_ENCODER.encode
    for obj in objects:
        yield encode(obj) + "\n"


# json.dumps(obj, ensure_ascii=False, separators=(",", ":")) without building an encoder per call.
_NDJSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
