"""HSDS 3.1 `service.capacities` through export and import: the counts, their units and their
English come back as they left (the JSON round trip is byte-identical), a file's counts replace a
service's, a unit the directory lacks is created, and a wrong count is refused with its place in
the file and nothing written."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory import capacity
from directory.db import session_scope
from directory.hsds import exporter, importer
from directory.models import Metadata, Service, ServiceCapacity, Unit

sys.path.insert(0, str(Path(__file__).parent))
import hsds_factories  # noqa: E402

WHEN = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)


def _with_counts(url: str) -> str:
    hsds_factories.build(url)
    service_id = hsds_factories.uid("service:food-bank")
    with session_scope(url) as session:
        service = session.get(Service, service_id)
        capacity.set_capacity(session, service, "food_hampers", 30, 40, by="test", when=WHEN,
                              description_fr="Paniers du jeudi", description_en="Thursday hampers")
        capacity.set_capacity(session, service, "meals", 0, by="test", when=WHEN)
    return service_id


def _counts(url: str) -> list[tuple]:
    with session_scope(url) as session:
        return sorted((c.id, c.service_id, c.unit_id, c.available, c.maximum, c.description_fr, c.description_en,
                       c.updated.replace(tzinfo=None)) for c in session.scalars(select(ServiceCapacity)))


def test_counts_survive_export_and_import(sqlite_url, tmp_path, _sqlite_template):
    import shutil

    _with_counts(sqlite_url)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    exporter.export_path(sqlite_url, first)
    fresh = tmp_path / "fresh.sqlite"
    shutil.copy(_sqlite_template, fresh)
    fresh_url = f"sqlite:///{fresh}"
    result = importer.import_path(fresh_url, first)
    assert result.created["service_capacity"] == 2
    exporter.export_path(fresh_url, second)
    assert first.read_bytes() == second.read_bytes()
    assert _counts(fresh_url) == _counts(sqlite_url)
    with session_scope(fresh_url) as session:
        assert session.scalar(select(func.count()).select_from(Metadata).where(
            Metadata.resource_type == "service_capacity", Metadata.last_action_type == "import")) == 2


def test_a_files_counts_replace_the_services_and_new_units_are_created(sqlite_url, tmp_path):
    service_id = _with_counts(sqlite_url)
    path = tmp_path / "d.json"
    exporter.export_path(sqlite_url, path)
    objects = json.loads(path.read_text())
    service = next(s for o in objects for s in o.get("services", []) if s["id"] == service_id)
    hampers = next(c for c in service["capacities"] if c["unit"]["identifier"] == "food_hampers")
    hampers["available"] = 12
    kayaks = {"id": "5b0e8a3e-6f4b-4e0a-9a55-2d3f7d1c0a11", "service_id": service_id, "available": 2,
              "updated": "2026-12-03T15:00:00Z",
              "unit": {"id": "0f7c3f1e-1b7a-4d55-8f0e-3c1d2b4a5e66", "name": "Kayaks", "scheme": "SI"}}
    service["capacities"] = [hampers, kayaks]  # meals left out: deleted
    path.write_text(json.dumps(objects))
    importer.import_path(sqlite_url, path)
    with session_scope(sqlite_url) as session:
        found = {(c.unit.name_fr, c.available) for c in session.scalars(select(ServiceCapacity))}
        assert found == {("Paniers de nourriture", 12), ("Kayaks", 2)}
        assert session.get(Unit, kayaks["unit"]["id"]).scheme == "SI"


@pytest.mark.parametrize(("change", "field", "rule"), [
    ({"available": 50}, "capacities[0].available", "above_maximum"),
    ({"available": -1}, "capacities[0].available", "negative"),
    ({"available": 2.5}, "capacities[0].available", "not_integer"),
    ({"updated": "yesterday"}, "capacities[0].updated", "format"),
])
def test_a_wrong_count_is_refused_with_its_place_and_nothing_is_written(sqlite_url, tmp_path, change, field, rule):
    service_id = _with_counts(sqlite_url)
    path = tmp_path / "d.json"
    exporter.export_path(sqlite_url, path)
    objects = json.loads(path.read_text())
    service = next(s for o in objects for s in o.get("services", []) if s["id"] == service_id)
    service["capacities"].sort(key=lambda c: c["unit"]["identifier"])  # food_hampers first
    service["capacities"][0].update(change)
    service["name"] = "Nom changé"
    path.write_text(json.dumps(objects))
    before = _counts(sqlite_url)
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(sqlite_url, path)
    assert [(p.field, p.rule) for p in rejected.value.problems] == [(field, rule)]
    assert _counts(sqlite_url) == before
    with session_scope(sqlite_url) as session:
        assert session.get(Service, service_id).name_fr != "Nom changé"


def _package_csv(path, name: str) -> list[dict]:
    import csv
    import io
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def test_counts_travel_in_the_data_package_and_come_back(sqlite_url, tmp_path, _sqlite_template):
    """units.csv and service_capacity.csv (HSDS 3.1 tabular): written with the English columns, read
    back joined to their units; a package re-exported from the import is the same."""
    import shutil

    _with_counts(sqlite_url)
    first = tmp_path / "first.zip"
    exporter.export_path(sqlite_url, first, fmt="datapackage")
    counts = _package_csv(first, "service_capacity.csv")
    assert sorted((c["available"], c["maximum"], c["description_en"]) for c in counts) == [
        ("0", "", ""), ("30", "40", "Thursday hampers")]
    assert {u["name_en"].lower() for u in _package_csv(first, "units.csv")} == {"food hampers", "meals"}
    fresh = tmp_path / "fresh.sqlite"
    shutil.copy(_sqlite_template, fresh)
    fresh_url = f"sqlite:///{fresh}"
    result = importer.import_path(fresh_url, first)
    assert result.created["service_capacity"] == 2
    assert _counts(fresh_url) == _counts(sqlite_url)
    second = tmp_path / "second.zip"
    exporter.export_path(fresh_url, second, fmt="datapackage")
    assert _package_csv(second, "service_capacity.csv") == counts
    # Only the units the counts use are published (the directory also holds the others).
    assert {u["id"] for u in _package_csv(first, "units.csv")} == {c["unit_id"] for c in counts}
    assert _package_csv(second, "units.csv") == _package_csv(first, "units.csv")


def test_a_wrong_count_in_the_package_is_refused_with_its_line(sqlite_url, tmp_path, _sqlite_template):
    """All or nothing by default, the line and column named; in quarantine the bad count alone is
    left out and the service keeps the count it had."""
    import shutil
    import zipfile

    service_id = _with_counts(sqlite_url)
    package = tmp_path / "package.zip"
    exporter.export_path(sqlite_url, package, fmt="datapackage")
    with zipfile.ZipFile(package) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    lines = files["service_capacity.csv"].decode("utf-8").splitlines()
    header = lines[0].split(",")
    row = next(i for i, line in enumerate(lines) if ",30,40," in line)
    cells = lines[row].split(",")
    cells[header.index("available")] = "50"  # above its maximum of 40
    lines[row] = ",".join(cells)
    files["service_capacity.csv"] = ("\n".join(lines) + "\n").encode()
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)

    fresh = tmp_path / "fresh.sqlite"
    shutil.copy(_sqlite_template, fresh)
    fresh_url = f"sqlite:///{fresh}"
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(fresh_url, broken)
    assert f"service_capacity.csv: line {row + 1}" in str(rejected.value)
    assert "available (50) is above the maximum (40)" in str(rejected.value)
    assert _counts(fresh_url) == []

    before = _counts(sqlite_url)
    result = importer.import_path(sqlite_url, broken, quarantine=True)
    assert [p.origin.unit.split(":")[0] for p in result.rejected] == ["service_capacity"]
    assert _counts(sqlite_url) == before  # the service kept both of its counts
    with session_scope(sqlite_url) as session:
        assert session.get(Service, service_id) is not None
