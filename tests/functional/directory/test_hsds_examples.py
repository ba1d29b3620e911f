"""Every official HSDS example file (3.0 and 3.1, JSON and CSV, tests/data/hsds-*/examples) imports
with --quarantine into an empty directory and gives exactly the expected report: the example's
latitude of 100 leaves its location out (and the places at it), its parent organization outside
the file is dropped with a warning, API pages and per-record files are read as such. Without
quarantine the same files are still rejected whole, naming the record and field at fault."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.db import engine_for
from directory.hsds import importer
from directory.models import Location, Organization, Service, ServiceAtLocation, Url
from portal import create_app

DATA = Path(__file__).resolve().parents[2] / "data"
LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"
LATITUDE = "100.0 is not between -90 and 90"
PARENT_WARNING = ("organizations whose parent organization is neither in the file nor in the "
                  "directory were imported without it")

# The official nested examples all carry the same location, at latitude 100.
_PLACE = [("location", "latitude", "range"), ("service_at_location", "location_id",
                                             "rejected-reference")]
_TABLES = [
    ("accessibility.csv", "2", "accessibility", "location_id", "rejected-reference"),
    ("addresses.csv", "2", "address", "location_id", "rejected-reference"),
    ("attributes.csv", "2", "attribute", "link_entity", "enum"),
    ("contacts.csv", "2", "contact", "organization_id", "reference"),
    ("contacts.csv", "2", "contact", "service_at_location_id", "reference"),
    ("locations.csv", "2", "location", "latitude", "range"),
    ("locations.csv", "2", "location", "organization_id", "reference"),
    ("service_at_location.csv", "2", "service_at_location", "location_id", "rejected-reference"),
    ("taxonomy_terms.csv", "2", "taxonomy_term", "taxonomy_id", "reference"),
]


def _nested(name: str, latitude: str, location_id: str, capacity: bool = False):
    # 3.1's service counts 12 beds available out of a maximum of 10: the count is refused by the
    # directory's own rule (directory.capacity) and left out alone; its service imports.
    return [(name, "", "location", latitude, "range"),
            (name, "", "service_at_location", location_id, "rejected-reference"),
            *([(name, "", "service_capacity", "capacities[0].available", "above_maximum")] if capacity else [])]


# (version, example) → (organizations created, services created, rows created, report rows:
# (file, CSV line, what was left out, field, rule)).
EXPECTED = {}
for _v in ("3.0", "3.1"):
    _url_row = 1 if _v == "3.1" else 0  # 3.1's organization carries an additional website
    EXPECTED.update({
        (_v, "base.json"): (0, 0, 0, [("base.json", "", "file", "", "document")]),
        (_v, "location.json"): (0, 0, 0, [("location.json", "", "location", "latitude", "range")]),
        (_v, "organization_full.json"): (1, 1, 15 + _url_row, _nested(
            "organization_full.json", "locations[0].latitude", "service_at_locations[0].location_id",
            capacity=_v == "3.1")),
        (_v, "organization_list.json"): (1, 0, 1, []),
        (_v, "service_at_location_full.json"): (1, 1, 14 + _url_row, _nested(
            "service_at_location_full.json", "location.latitude", "location_id", capacity=_v == "3.1")),
        (_v, "service_at_location_list.json"): (1, 1, 3, _nested(
            "service_at_location_list.json", "location.latitude", "location_id")),
        (_v, "service_full.json"): (1, 1, 14 + _url_row, _nested(
            "service_full.json", "service_at_locations[0].location.latitude",
            "service_at_locations[0].location_id", capacity=_v == "3.1")),
        (_v, "service_list.json"): (1, 1, 3, []),
        (_v, "tabular.json"): (1, 1, 13, _TABLES),
        (_v, "taxonomy.json"): (0, 0, 1, []),
        (_v, "taxonomy_list.json"): (0, 0, 1, []),
        (_v, "taxonomy_term.json"): (0, 0, 2, []),
        (_v, "taxonomy_term_list.json"): (0, 0, 2, []),
    })
EXPECTED[("3.0", "csv")] = (1, 1, 13, _TABLES)
# 3.1's package adds a url without an owner, an area of a place that is not in it, and a count of
# a service that is not in it either (its unit's id is not in units.csv either).
EXPECTED[("3.1", "csv")] = (1, 1, 12, sorted([
    *_TABLES,
    ("service_capacity.csv", "2", "service_capacity", "service_id", "reference"),
    ("service_areas.csv", "2", "service_area", "service_at_location_id", "reference"),
    ("url.csv", "2", "url", "organization_id", "required"),
]))


def _examples():
    for version in ("3.0", "3.1"):
        base = DATA / f"hsds-{version}" / "examples"
        for path in [*sorted(base.glob("*.json")), base / "csv"]:
            yield pytest.param(version, path, id=f"{version}-{path.name}")


def _count(url: str, model) -> int:
    with engine_for(url).connect() as connection:
        return connection.execute(select(func.count()).select_from(model.__table__)).scalar()


def test_every_example_file_is_expected():
    found = {(v, p.name) for v, p in (param.values for param in _examples())}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("version, path", list(_examples()))
def test_each_official_example_gives_the_expected_quarantine_report(sqlite_url, version, path):
    result = importer.import_path(sqlite_url, path, quarantine=True)
    organizations, services, rows, report = EXPECTED[(version, path.name)]
    got = sorted({(r["file"], r["line"], r["left_out"].split(":")[0], r["field"], r["rule"])
                  for r in importer.report_rows(result.rejected)})
    assert got == sorted(report)
    assert result.created["organization"] == organizations
    assert result.created["service"] == services
    assert sum(result.created.values()) == rows
    assert _count(sqlite_url, Organization) == organizations
    for problem in result.rejected:
        if problem.rule == "range":
            assert problem.message == LATITUDE and problem.origin.unit == f"location:{LOCATION}"
        if problem.rule == "rejected-reference":
            assert "was left out for its own problems" in problem.message
    if organizations and path.name != "organization_list.json" or path.name == "csv":
        assert PARENT_WARNING in result.warnings


def test_a_service_loses_only_the_place_at_the_bad_location(sqlite_url):
    result = importer.import_path(sqlite_url, DATA / "hsds-3.1/examples/service_full.json",
                                  quarantine=True)
    assert {p.origin.unit for p in result.rejected} == {
        f"location:{LOCATION}", "service_at_location:e94c9f38-1e8f-4564-91d4-d53501ab1765",
        "service_capacity:8896b788-7b3e-11ef-8db9-7f3d040352b3"}  # 12 available of 10: the count alone
    assert _count(sqlite_url, Service) == 1 and _count(sqlite_url, ServiceAtLocation) == 0
    assert _count(sqlite_url, Location) == 0 and _count(sqlite_url, Url) == 1  # additional_urls
    assert "links to records left out were removed from the records that kept them (8)" in \
        result.warnings


def test_without_quarantine_the_example_is_rejected_whole_with_record_and_field(sqlite_url):
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(sqlite_url, DATA / "hsds-3.1/examples/organization_full.json")
    assert str(rejected.value) == (
        "import rejected, nothing was changed: 2 problem(s)\n"
        f"  organization_full.json: record {SERVICE}(service) field capacities[0].available: "
        "available (12) is above the maximum (10) (above_maximum)\n"
        f"  organization_full.json: record {ORGANIZATION}(organization) field "
        f"locations[0].latitude: {LATITUDE} (range)")
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(sqlite_url, DATA / "hsds-3.0/examples/csv")
    assert (f"locations.csv: line 2 (record {LOCATION}, location) column latitude: {LATITUDE} "
            "(range)") in str(rejected.value)
    assert _count(sqlite_url, Organization) == 0


def test_a_folder_of_per_record_files_and_pages_imports_as_one(sqlite_url, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    for name in ("service_list.json", "organization_list.json", "taxonomy_term.json"):
        shutil.copy(DATA / "hsds-3.1/examples" / name, folder / name)
    result = importer.import_path(sqlite_url, folder, quarantine=True)
    assert result.rejected == []
    assert (result.created["organization"], result.created["service"]) == (1, 1)
    assert (result.created["taxonomy_term"], result.created["taxonomy"]) == (1, 1)


def test_a_file_name_suggests_a_type_that_the_records_own_fields_overrule(sqlite_url, tmp_path):
    renamed = tmp_path / "services.json"  # holds organizations
    shutil.copy(DATA / "hsds-3.1/examples/organization_list.json", renamed)
    result = importer.import_path(sqlite_url, renamed)
    assert (result.created["organization"], result.created["service"]) == (1, 0)
    bare = tmp_path / "taxonomies.json"  # a taxonomy's fields are an organization's too
    bare.write_text('{"id": "5c4d79d7-cc55-470e-9f1f-8cad074e4892", "name": "Catégories", '
                    '"description": "Arbre des catégories"}', encoding="utf-8")
    assert importer.import_path(sqlite_url, bare).created["organization"] == 1  # no hint
    bare.rename(tmp_path / "taxonomy.json")
    assert importer.import_path(sqlite_url, tmp_path / "taxonomy.json").created["taxonomy"] == 1


def test_cli_quarantine_writes_the_csv_report(sqlite_url, tmp_path):
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True,
                      "INDEX_PATH": str(tmp_path / "index")})
    report = tmp_path / "report.csv"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["directory", "import", str(DATA / "hsds-3.1/examples/csv"),
                                 "--quarantine", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "quarantined 10 record(s) for 12 problem(s); report: " in result.output
    with report.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(importer.REPORT_COLUMNS)
    latitude = next(r for r in rows if r["rule"] == "range")
    assert latitude == {"file": "locations.csv", "line": "2", "record_type": "location",
                        "record_id": LOCATION, "left_out": f"location:{LOCATION}",
                        "field": "latitude", "rule": "range", "message": LATITUDE}
    plain = runner.invoke(args=["directory", "import", str(DATA / "hsds-3.1/examples/csv")])
    assert plain.exit_code == 1 and "import rejected, nothing was changed" in plain.output
