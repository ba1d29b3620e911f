"""The tabular data package passes frictionless validation against the OFFICIAL HSDS 3.1
datapackage.json, with only the extra columns the project's own datapackage.json declares for the
bilingual profile: times written HH:MM:SS (24:00 as 23:59:59, read back as 24:00), and metadata.csv,
the change log, published without who made each change."""

from __future__ import annotations

import copy
import csv
import json
import sys
from pathlib import Path

from frictionless import validate
from sqlalchemy import select, update

from directory.db import engine_for
from directory.demo import generator
from directory.hsds import exporter, importer, tabular
from directory.models import Metadata, Schedule, Service

sys.path.insert(0, str(Path(__file__).parent))


def official_with_profile_columns(package: Path) -> Path:
    """The official descriptor, each resource with exactly the extra columns our package's own
    datapackage.json declares (and that are not official), written next to the CSVs."""
    ours = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    official = tabular.official_descriptor()
    resources = []
    for resource in ours["resources"]:
        check = copy.deepcopy(tabular.official_resource(resource["name"]))
        assert check["path"] == resource["path"]
        names = {f["name"] for f in check["schema"]["fields"]}
        extras = [f for f in resource["schema"]["fields"] if f["name"] not in names]
        for extra in extras:  # each one is the profile's, and says so
            assert extra["description"].startswith("Profile"), (resource["name"], extra)
        check["schema"]["fields"] += extras
        resources.append(check)
    descriptor = {k: v for k, v in official.items() if k != "resources"}
    descriptor["resources"] = resources
    path = package / "official-check.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_demo_package_passes_frictionless_against_the_official_descriptor(sqlite_url, tmp_path,
                                                                          fresh_url):
    generator.build(sqlite_url, services=300, seed=5)
    with engine_for(sqlite_url).begin() as connection:  # a curator's edit, named in the log
        service_id = connection.execute(select(Service.id).limit(1)).scalar()
        connection.execute(Metadata.__table__.insert().values(
            id="6f0d1c2e-0000-4000-8000-000000000001", resource_id=service_id,
            resource_type="service", last_action_type="update", field_name="name_fr",
            previous_value="Ancien nom", replacement_value="Nouveau nom",
            updated_by="curator@example.org"))
    package = tmp_path / "package"
    exporter.export_path(sqlite_url, package, fmt="datapackage")

    report = validate(str(official_with_profile_columns(package)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    rows = {task.name: task.stats.get("rows") or 0 for task in report.tasks}
    assert len(rows) == len(tabular.PUBLISHED_OBJECTS) and rows["schedule"] > 300
    assert rows["service_capacity"] > 0 and rows["unit"] > 0  # HSDS 3.1 live capacity (demo counts)
    print(f"\nfrictionless (official descriptor + profile columns): {len(rows)} resources, "
          f"{sum(rows.values()):,} rows, 0 errors")
    # The project's own descriptor (the one published) accepts it too.
    assert validate(str(package / "datapackage.json")).valid

    schedules = _rows(package / "schedules.csv")
    times = {r["opens_at"] for r in schedules} | {r["closes_at"] for r in schedules}
    assert "08:30:00" in times and "23:59:59" in times and "24:00" not in times
    assert all(len(t) == 8 for t in times if t)

    log = _rows(package / "metadata.csv")
    assert {r["updated_by"] for r in log} == {tabular.PUBLISHER}
    assert not any("@" in value for r in log for value in r.values())
    edit = next(r for r in log if r["id"] == "6f0d1c2e-0000-4000-8000-000000000001")
    assert (edit["previous_value"], edit["replacement_value"]) == ("Ancien nom", "Nouveau nom")
    published = {r["id"] for r in _rows(package / "services.csv")}
    assert {r["resource_id"] for r in log if r["resource_type"] == "service"} <= published

    # The package imports back with the directory's own times.
    result = importer.import_path(fresh_url, package)
    assert any("metadata.csv" in w for w in result.warnings)
    with engine_for(fresh_url).connect() as connection:
        closing = set(connection.execute(select(Schedule.closes_at)).scalars())
        opening = set(connection.execute(select(Schedule.opens_at)).scalars())
    assert "24:00" in closing and "08:30" in opening and "23:59:59" not in closing


def test_a_time_column_round_trips_through_the_tabular_form():
    assert tabular.to_tabular_time("08:30") == "08:30:00"
    assert tabular.to_tabular_time("24:00") == "23:59:59"
    assert tabular.from_tabular_time("08:30:00", closing=False) == "08:30"
    assert tabular.from_tabular_time("23:59:59", closing=True) == "24:00"
    assert tabular.from_tabular_time("23:59:59", closing=False) == "23:59:59"
    assert tabular.from_tabular_time("09:00-05:00", closing=False) == "09:00-05:00"


def test_archived_services_change_log_is_not_published(sqlite_url, tmp_path):
    generator.build(sqlite_url, services=300, seed=5)
    with engine_for(sqlite_url).begin() as connection:
        archived = connection.execute(select(Service.id).limit(1)).scalar()
        connection.execute(update(Service).where(Service.id == archived).values(status="defunct"))
    exporter.export_path(sqlite_url, tmp_path / "p", fmt="datapackage")
    log = _rows(tmp_path / "p" / "metadata.csv")
    assert log and archived not in {r["resource_id"] for r in log}
