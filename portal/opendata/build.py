"""The bulk files of the open-data page: each set built whole in its own folder, then switched to.

Layout of the open-data directory (instance/opendata by default, OPENDATA_PATH):

    CURRENT              the live set's folder name; replaced with os.replace, so every process
                         (each gunicorn worker) reads either the old name or the new, never half
    <set>/               one complete set of files + manifest.json, never modified once renamed in
    .tmp-<set>/          a build in progress, renamed to <set>/ when every file is written and synced
    BUILDING             the build in progress (when it started, how long the last one took)
    .lock                flock'ed by whoever builds: one build at a time, across processes

`<set>` is `<start of the build, UTC>-<random hex>`: a forced rebuild of an unchanged directory
gets a new folder too, so a published folder is never removed while it is live. The page links to
the files of the set it describes (`/opendata/<file>?set=<set>`); the set before the live one is
kept, so a page loaded just before a switch still downloads what it lists. Older sets go after
each switch; a build that crashed leaves a `.tmp-` folder that the next build removes (it holds
the lock, so no other build can be writing it).

The manifest's `version` is `portal.api.version.version()`: the directory's last change + a hash of
every table's row count, so files are regenerated when the directory changes, never on a request
for an unchanged directory. Builds start from `flask opendata build` (at set-up, after the demo
load) and from any request to the page or a file that finds the live set older than the directory:
it starts one build in a background thread and keeps serving the previous set meanwhile (503
"being prepared" when there is none yet). Nothing else (no timer) starts one.

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
import re
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
STATE = "BUILDING"
TMP_PREFIX = ".tmp-"
# A set's folder name; also the old layout's `<version>` folders, so an upgrade prunes them.
SET_NAME = re.compile(r"\d{8}T\d{6}-[0-9a-f]{6,16}")

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
    path: Path
    data: dict

    @property
    def set_id(self) -> str:
        """The set's folder name: what the page's links pin (`?set=`)."""
        return self.path.name

    @property
    def version(self) -> str:
        """The directory version the set was built from (`portal.api.version.version`)."""
        return self.data.get("version") or self.path.name

    @property
    def generated_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data["generated_at"])

    @property
    def changed_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data["directory_changed_at"])

    @property
    def seconds(self) -> float:
        return float(self.data.get("seconds") or 0)

    def file(self, name: str) -> dict | None:
        return next((f for f in self.data["files"] if f["name"] == name), None)


@dataclass(frozen=True)
class Building:
    """A build in progress, as its BUILDING file states it."""

    set_id: str
    started_at: dt.datetime
    expected_seconds: float | None  # how long the previous build took; None for the first

    @property
    def ready_at(self) -> dt.datetime | None:
        if self.expected_seconds is None:
            return None
        return self.started_at + dt.timedelta(seconds=self.expected_seconds)


# -- reading ----------------------------------------------------------------------------------


def _read_manifest(directory: Path) -> Manifest | None:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Manifest(directory, data)


def _live_name(root: Path) -> str | None:
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name or None


def current(root: Path) -> Manifest | None:
    """The live set's manifest, or None when nothing was ever built."""
    name = _live_name(root)
    return _read_manifest(root / name) if name else None


def published(root: Path, set_id: str) -> Manifest | None:
    """A complete set by its name (the live one or one kept beside it), or None."""
    if not SET_NAME.fullmatch(set_id):
        return None
    return _read_manifest(Path(root) / set_id)


def _sets(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.is_dir() and SET_NAME.fullmatch(p.name)]


def _find(root: Path, version: str) -> Manifest | None:
    """A complete set already built from this directory version (the newest), or None."""
    found = [m for m in map(_read_manifest, _sets(root)) if m is not None and m.version == version]
    return max(found, key=lambda m: m.data["generated_at"], default=None)


def building(root: Path) -> Building | None:
    """The build in progress in any process, or None (a BUILDING file left by a build that was
    killed does not count: nobody holds the lock)."""
    root = Path(root)
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(state["started_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _lock_is_held(root):
        return None
    expected = state.get("expected_seconds")
    return Building(str(state.get("set", "")), started,
                    float(expected) if expected is not None else None)


def _lock_is_held(root: Path) -> bool:
    """Whether a build holds the lock. A shared lock taken and dropped at once: a builder waiting
    for the exclusive lock (blocking) gets it a moment later."""
    try:
        handle = open(root / LOCK, "rb")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


# -- writing the layout -----------------------------------------------------------------------


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _point_at(root: Path, name: str) -> None:
    if _live_name(root) != name:
        _write_atomically(root / POINTER, name)
        _fsync_directory(root)


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(root: Path, keep: set[str]) -> None:
    """Remove every set but the live one and the one before it (a page loaded before the switch
    links to it, and a download may still be reading it)."""
    for path in _sets(root):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _clean_crashed(root: Path) -> None:
    """What builds that died (killed, machine restarted) left: their folder, their BUILDING file.
    Only called under the lock, so no build is writing them."""
    for path in root.glob(f"{TMP_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in root.glob("*.tmp"):  # CURRENT and BUILDING are only written under the lock too
        path.unlink(missing_ok=True)
    (root / STATE).unlink(missing_ok=True)


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


def _new_set_id() -> str:
    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{os.urandom(4).hex()}"


def build(database_url: str, root: Path, *, force: bool = False,
          blocking: bool = True) -> Manifest | None:
    """Generate the files for the directory as it is now, unless a set of it exists; switch to it.

    Returns the live manifest, or None when `blocking=False` and another build holds the lock.
    Whatever happens inside, the live set stays the previous complete one until the switch.
    """
    root = Path(root)
    with _lock(root, blocking) as locked:
        if not locked:
            return None
        _clean_crashed(root)
        key, changed = directory_version.version(database_url)
        existing = None if force else _find(root, key)
        if existing is not None:
            _point_at(root, existing.set_id)
            return existing
        previous = current(root)
        set_id = _new_set_id()
        tmp = root / f"{TMP_PREFIX}{set_id}"
        tmp.mkdir()
        _write_atomically(root / STATE, json.dumps({
            "set": set_id, "version": key,
            "started_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "expected_seconds": previous.seconds if previous is not None else None,
        }))
        try:
            data = _write_files(database_url, tmp, key, changed)
            data["set"] = set_id
            manifest = tmp / MANIFEST
            manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
            _sync_files(tmp)
            os.rename(tmp, root / set_id)
            _fsync_directory(root)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        finally:
            (root / STATE).unlink(missing_ok=True)
        _point_at(root, set_id)
        _prune(root, keep={set_id} | ({previous.set_id} if previous is not None else set()))
        return _read_manifest(root / set_id)


def _sync_files(directory: Path) -> None:
    """On disk before the rename: after a power cut, a published set is whole, not zero-length."""
    for path in directory.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_directory(directory)


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

    Out of date: start a build in a background thread (one per process; the file lock makes it one
    at a time across processes) and return the live manifest meanwhile, possibly None. Only a
    build, under the lock, moves CURRENT.
    """
    root = Path(root)
    key, _ = directory_version.version(database_url)
    live = current(root)
    if live is not None and live.version == key:
        return live, True
    start_background_build(database_url, root)
    return live, False


def start_background_build(database_url: str, root: Path) -> threading.Thread:
    with _running_lock:
        thread = _running.get(str(root))
        if thread is not None and thread.is_alive():
            return thread

        def run() -> None:
            try:
                # Blocking: when another process is building, wait for it, then build whatever
                # changed meanwhile (usually nothing: its set is found and pointed at).
                build(database_url, root)
            except Exception:  # noqa: BLE001 - logged; the next request tries again
                import logging

                logging.getLogger(__name__).exception("open data build failed")

        thread = threading.Thread(target=run, name="opendata-build", daemon=True)
        _running[str(root)] = thread
        thread.start()
        return thread


def next_update(root: Path, live: Manifest | None, fresh: bool,
                now: dt.datetime | None = None) -> Building | None:
    """The build the page should announce: the one in progress, or the one a request just started
    (an out-of-date live set), with the time the previous build took. None when up to date."""
    state = building(root)
    if state is not None:
        return state
    if fresh:
        return None
    now = now or dt.datetime.now(dt.UTC)
    return Building("", now.replace(microsecond=0), live.seconds if live is not None else None)
