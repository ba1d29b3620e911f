"""The bulk files of the open-data page, generated ahead of time and switched atomically.

Layout of the open-data directory (instance/opendata by default, OPENDATA_PATH):

    CURRENT              name of the live version directory, replaced with os.replace
    <version>/           one complete set of files + manifest.json, never modified once renamed in
    .tmp-<version>-<hex> a build in progress (renamed to <version>/ when complete)
    .lock                flock'ed by whoever builds: one build at a time, across processes

`<version>` is `portal.api.version.version()`: the directory's last change + a hash of every
table's row count, so files are regenerated when the directory changes, never on a request for
an unchanged directory. `flask opendata build` builds at set-up (after the demo load); a request
that finds the files out of date starts one build in a background thread and keeps serving the
previous version meanwhile, or answers 503 "being prepared" when there is none yet.

Files (all bilingual: the HSDS ones follow the profile, the others have French and English columns):

    portail211-hsds.json                 organizations with their services (exporter "json")
    portail211-hsds-services.ndjson      one service per line, as /services/{id}?profile=bilingual
    portail211-hsds-datapackage.zip      HSDS tabular data package (exporter "datapackage")
    portail211-services.csv              one flat row per service, UTF-8 with BOM (opens in Excel)
    portail211-service-at-locations.geojson   one point per service at a located place
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from directory.hsds import exporter
from portal.api import version as directory_version

POINTER = "CURRENT"
MANIFEST = "manifest.json"
LOCK = ".lock"

LICENCES = {
    "directory": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/",
                  "attribution": "Portail 211"},
    "categories": {"name": "CC BY-SA 3.0", "url": "https://creativecommons.org/licenses/by-sa/3.0/",
                   "attribution": "Open Eligibility (Aunt Bertha), Québec wording by Portail 211"},
    "place_names": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/",
                    "attribution": "simplemaps.com, Canada cities database"},
    "montreal_addresses": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/",
                           "attribution": "Ville de Montréal, données ouvertes"},
    "hsds_schemas": {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/",
                     "attribution": "Open Referral, Human Services Data Specification 3.0"},
}


@dataclass(frozen=True)
class FileSpec:
    name: str
    media_type: str
    kind: str  # a short key the page translates (hsds_json, ndjson, datapackage, csv, geojson)


FILES = (
    FileSpec("portail211-hsds.json", "application/json", "hsds_json"),
    FileSpec("portail211-hsds-services.ndjson", "application/x-ndjson", "ndjson"),
    FileSpec("portail211-hsds-datapackage.zip", "application/zip", "datapackage"),
    FileSpec("portail211-services.csv", "text/csv; charset=utf-8", "csv"),
    FileSpec("portail211-service-at-locations.geojson", "application/geo+json", "geojson"),
)
FILE_SPECS = {f.name: f for f in FILES}

CSV_COLUMNS = (
    "id", "organization_id", "status", "name_fr", "name_en", "alternate_name_fr",
    "alternate_name_en", "organization_name_fr", "organization_name_en", "description_fr",
    "description_en", "eligibility_description_fr", "eligibility_description_en",
    "application_process_fr", "application_process_en", "fees_description_fr",
    "fees_description_en", "url", "email", "phones", "languages", "minimum_age", "maximum_age",
    "category_codes", "categories_fr", "categories_en", "keywords_fr", "keywords_en",
    "addresses", "cities", "postal_codes", "region_codes", "is_crisis", "is_temporary",
    "verified_on", "last_modified",
)
_CSV_TEXT = {  # CSV column → HSDS field whose French / English pair it carries
    "name": "name", "alternate_name": "alternate_name", "description": "description",
    "eligibility_description": "eligibility_description",
    "application_process": "application_process", "fees_description": "fees_description",
}
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Manifest:
    version: str
    path: Path
    data: dict

    @property
    def generated_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data["generated_at"])

    @property
    def changed_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data["directory_changed_at"])

    def file(self, name: str) -> dict | None:
        return next((f for f in self.data["files"] if f["name"] == name), None)


# -- reading ----------------------------------------------------------------------------------


def _read_manifest(directory: Path) -> Manifest | None:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Manifest(directory.name, directory, data)


def current(root: Path) -> Manifest | None:
    """The live version's manifest, or None when nothing was ever built."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return _read_manifest(root / name) if name else None


def _point_at(root: Path, name: str) -> None:
    tmp = root / f"{POINTER}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(name, encoding="utf-8")
    os.replace(tmp, root / POINTER)


def _prune(root: Path, keep: str) -> None:
    """Keep the live version and the one before it (a download may still be reading it)."""
    versions = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=lambda p: p.stat().st_mtime)
    old = [p for p in versions if p.name != keep]
    for path in old[:-1]:
        shutil.rmtree(path, ignore_errors=True)
    for path in root.glob(".tmp-*"):
        if time.time() - path.stat().st_mtime > 3600:  # a build that died an hour ago
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _lock(root: Path, blocking: bool = True):
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- building ---------------------------------------------------------------------------------


def build(database_url: str, root: Path, *, force: bool = False,
          blocking: bool = True) -> Manifest | None:
    """Generate the files for the directory as it is now, unless they exist; switch to them.

    Returns the live manifest, or None when `blocking=False` and another build holds the lock.
    """
    root = Path(root)
    with _lock(root, blocking) as locked:
        if not locked:
            return None
        key, changed = directory_version.version(database_url)
        target = root / key
        existing = _read_manifest(target)
        if existing is not None and not force:
            _point_at(root, key)
            return existing
        tmp = root / f".tmp-{key}-{os.urandom(3).hex()}"
        tmp.mkdir(parents=True)
        try:
            data = _write_files(database_url, tmp, key, changed)
            (tmp / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
            if target.exists():  # --force: the old copy of this version goes
                shutil.rmtree(target)
            os.rename(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _point_at(root, key)
        _prune(root, keep=key)
        return _read_manifest(target)


def _write_files(database_url: str, directory: Path, key: str, changed: dt.datetime) -> dict:
    started = time.perf_counter()
    json_result = exporter.export_path(database_url, directory / "portail211-hsds.json", "json")
    exporter.export_path(database_url, directory / "portail211-hsds-datapackage.zip",
                         "datapackage")
    counts = _write_service_files(database_url, directory)
    files = []
    for spec in FILES:
        path = directory / spec.name
        files.append({"name": spec.name, "media_type": spec.media_type, "kind": spec.kind,
                      "bytes": path.stat().st_size, "sha256": _sha256(path)})
    return {
        "version": key,
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "directory_changed_at": changed.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "hsds_version": "3.0",
        "profile": exporter_profile(),
        "counts": {"organizations": json_result.counts["organization"],
                   "services": counts["services"],
                   "service_at_locations": counts["service_at_locations"],
                   "located_points": counts["points"]},
        "licences": LICENCES,
        "files": files,
    }


def exporter_profile() -> str:
    from directory.hsds.schemas import PROFILE_URI

    return PROFILE_URI


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _en(obj: dict, field: str) -> str:
    return ((obj.get("translations") or {}).get("en") or {}).get(field) or ""


def _pair(obj: dict | None, field: str) -> tuple[str, str]:
    if not obj:
        return "", ""
    value = obj.get(field)
    english = _en(obj, field)
    if isinstance(value, list):
        value = ", ".join(value)
    if isinstance(english, list):
        english = ", ".join(english)
    return value or "", english or ""


def _join(values) -> str:
    return LIST_SEPARATOR.join(dict.fromkeys(str(v) for v in values if v not in (None, "")))


def csv_row(service: dict) -> dict:
    """One flat row of `portail211-services.csv` for a bilingual (profile) service."""
    row = {"id": service["id"], "organization_id": service.get("organization_id", ""),
           "status": service.get("status", "")}
    for column, field in _CSV_TEXT.items():
        row[f"{column}_fr"], row[f"{column}_en"] = _pair(service, field)
    row["organization_name_fr"], row["organization_name_en"] = _pair(
        service.get("organization"), "name")
    row["keywords_fr"], row["keywords_en"] = _pair(service, "keywords")
    terms = [a.get("taxonomy_term") or {} for a in service.get("attributes", ())]
    row["category_codes"] = _join(t.get("code") for t in terms)
    row["categories_fr"] = _join(t.get("name") for t in terms)
    row["categories_en"] = _join(_en(t, "name") or t.get("name") for t in terms)
    row["phones"] = _join(p.get("number") for p in service.get("phones", ()))
    row["languages"] = _join(lang.get("code") for lang in service.get("languages", ()))
    locations = [sal.get("location") or {} for sal in service.get("service_at_locations", ())]
    addresses = [a for loc in locations for a in loc.get("addresses", ())
                 if a.get("address_type") != "postal"]
    row["addresses"] = _join(", ".join(x for x in (a.get("address_1"), a.get("address_2")) if x)
                             for a in addresses)
    row["cities"] = _join(a.get("city") for a in addresses)
    row["postal_codes"] = _join(a.get("postal_code") for a in addresses)
    row["region_codes"] = _join(loc.get("region_code") for loc in locations)
    for name in ("url", "email", "minimum_age", "maximum_age", "verified_on", "last_modified"):
        value = service.get(name)
        row[name] = "" if value is None else str(value)
    for name in ("is_crisis", "is_temporary"):
        row[name] = "true" if service.get(name) else "false"
    return row


def features(service: dict):
    """GeoJSON point features for each located service_at_location of a bilingual service."""
    organization = service.get("organization") or {}
    for sal in service.get("service_at_locations", ()):
        location = sal.get("location") or {}
        lat, lon = location.get("latitude"), location.get("longitude")
        if lat is None or lon is None:
            continue
        address = next((a for a in location.get("addresses", ())
                        if a.get("address_type") != "postal"), {})
        name_fr, name_en = _pair(service, "name")
        organization_fr, organization_en = _pair(organization, "name")
        location_fr, location_en = _pair(location, "name")
        yield {
            "type": "Feature",
            "id": sal["id"],
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {
                "service_at_location_id": sal["id"], "service_id": service["id"],
                "location_id": location.get("id"), "organization_id": service.get("organization_id"),
                "status": service.get("status"),
                "service_name_fr": name_fr, "service_name_en": name_en or None,
                "organization_name_fr": organization_fr, "organization_name_en": organization_en or None,
                "location_name_fr": location_fr or None, "location_name_en": location_en or None,
                "address": ", ".join(x for x in (address.get("address_1"), address.get("address_2"))
                                     if x) or None,
                "city": address.get("city"), "postal_code": address.get("postal_code"),
                "region_code": location.get("region_code"),
                "url": service.get("url"),
                "phones": _join(p.get("number") for p in service.get("phones", ())) or None,
                "category_codes": [t.get("code") for t in (a.get("taxonomy_term") or {}
                                                            for a in service.get("attributes", ()))
                                   if t.get("code")],
            },
        }


def _write_service_files(database_url: str, directory: Path) -> dict:
    """ndjson, CSV and GeoJSON in one pass over the services (streamed, a batch at a time)."""
    counts = {"services": 0, "service_at_locations": 0, "points": 0}
    with (directory / "portail211-hsds-services.ndjson").open("w", encoding="utf-8") as ndjson, \
         (directory / "portail211-services.csv").open("w", encoding="utf-8-sig", newline="") as table, \
         (directory / "portail211-service-at-locations.geojson").open("w", encoding="utf-8") as geo:
        writer = csv.DictWriter(table, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        geo.write('{"type":"FeatureCollection","features":[')
        first = True
        for service in exporter.iter_services(database_url, None):
            ndjson.write(json.dumps(service, ensure_ascii=False, separators=(",", ":")) + "\n")
            writer.writerow(csv_row(service))
            counts["services"] += 1
            counts["service_at_locations"] += len(service.get("service_at_locations", ()))
            for feature in features(service):
                geo.write("\n" if first else ",\n")
                geo.write(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
                first = False
                counts["points"] += 1
        geo.write("\n]}\n")
    return counts


# -- lazily, from a request -------------------------------------------------------------------

_running: dict[str, threading.Thread] = {}
_running_lock = threading.Lock()


def ensure(database_url: str, root: Path) -> tuple[Manifest | None, bool]:
    """(manifest to serve, whether it is the directory's current version).

    Out of date: point at an existing build of the current version, or start one in a background
    thread (one per process; the file lock makes it one across processes) and return the previous
    manifest, possibly None.
    """
    root = Path(root)
    key, _ = directory_version.version(database_url)
    live = current(root)
    if live is not None and live.version == key:
        return live, True
    ready = _read_manifest(root / key)
    if ready is not None:
        _point_at(root, key)
        return ready, True
    start_background_build(database_url, root)
    return live, False


def start_background_build(database_url: str, root: Path) -> threading.Thread:
    with _running_lock:
        thread = _running.get(str(root))
        if thread is not None and thread.is_alive():
            return thread

        def run() -> None:
            try:
                build(database_url, root, blocking=False)
            except Exception:  # noqa: BLE001 - logged; the next request tries again
                import logging

                logging.getLogger(__name__).exception("open data build failed")

        thread = threading.Thread(target=run, name="opendata-build", daemon=True)
        _running[str(root)] = thread
        thread.start()
        return thread
