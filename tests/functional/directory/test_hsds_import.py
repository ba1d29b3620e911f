"""HSDS import: everything is validated before anything is written, problems are named precisely,
and a re-import updates rows in place with a change log of what changed."""

from __future__ import annotations

import csv
import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.db import engine_for
from directory.hsds import exporter, importer
from directory.models import ENTITY_MODELS, Metadata, Phone, Schedule, Service

sys.path.insert(0, str(Path(__file__).parent))
import hsds_factories  # noqa: E402
from hsds_factories import uid  # noqa: E402


def _counts(url: str) -> dict[str, int]:
    with engine_for(url).connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(model.__table__)).scalar()
                for name, model in ENTITY_MODELS.items()}


def _write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_with_one_invalid_record_changes_nothing_and_names_record_and_field(database_url, tmp_path):
    hsds_factories.build(database_url)
    services = list(exporter.iter_services(database_url))
    food_bank, family, meals = (next(s for s in services if s["id"] == uid(f"service:{k}"))
                                for k in ("food-bank", "family", "meals"))
    food_bank["name"] = "Nom changé qui ne doit pas être écrit"  # valid, but must not be written
    del family["organization"]["name"]  # breaks the HSDS schema
    meals["minimum_age"], meals["maximum_age"] = 65, 18  # breaks a directory rule
    meals["cost_options"][0].update(valid_from="2024-12-01", valid_to="2024-01-31")  # another
    path = _write_json(tmp_path / "services.json", services)
    before = _counts(database_url)

    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(database_url, path, updated_by="test")

    message = str(rejected.value)
    assert message.startswith("import rejected, nothing was changed: 3 problem(s)")
    assert (f"services.json: record {family['id']}(service) field organization.name: "
            "'name' is a required property (required)") in message
    assert (f"services.json: record {meals['id']}(service) field minimum_age: "
            "minimum_age 65 is above maximum_age 18 (age-range)") in message
    assert (f"services.json: record {meals['id']}(service) field cost_options[0].valid_from: "
            "valid_from 2024-12-01 is after valid_to 2024-01-31 (date-range)") in message
    assert _counts(database_url) == before
    with engine_for(database_url).connect() as connection:
        name = connection.execute(select(Service.name_fr).where(Service.id == food_bank["id"])).scalar()
    assert name == "Service food-bank — épicerie"


def test_import_collects_problems_across_records_up_to_a_limit(sqlite_url, tmp_path):
    bad = [{"id": f"not-a-uuid-{i}", "name": "x", "status": "active"} for i in range(80)]
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(sqlite_url, _write_json(tmp_path / "many.json", bad))
    assert len(rejected.value.problems) == importer.MAX_PROBLEMS
    assert "showing the first 50" in str(rejected.value)


def test_reimporting_same_file_updates_in_place(database_url, fresh_url, tmp_path):
    hsds_factories.build(database_url)
    exporter.export_path(database_url, tmp_path / "directory.json")
    first = importer.import_path(fresh_url, tmp_path / "directory.json", updated_by="first")
    assert first.created["service"] == 3 and first.created["location"] == 2
    counts = _counts(fresh_url)

    again = importer.import_path(fresh_url, tmp_path / "directory.json", updated_by="again")
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert sum(again.deleted.values()) == 0 and again.audit_rows == 0
    assert _counts(fresh_url) == counts

    organizations = json.loads((tmp_path / "directory.json").read_text())
    org = next(o for o in organizations if o["id"] == uid("organization:a"))
    service = next(s for s in org["services"] if s["id"] == uid("service:food-bank"))
    service["name"] = "Banque alimentaire du Plateau"
    del service["translations"]["en"]["name"]  # the English name was removed at the source
    removed_phone = service["phones"].pop()["id"]
    new_schedule = "5f0d7c1e-2c36-4c8e-8a57-6a2d7b1f0001"
    service["schedules"].append({"id": new_schedule, "freq": "WEEKLY", "byday": "SU",
                                 "opens_at": "09:00", "closes_at": "11:00"})
    edited = _write_json(tmp_path / "edited.json", organizations)

    result = importer.import_path(fresh_url, edited, updated_by="curator")
    assert result.updated == {"service": 1}
    assert result.deleted["phone"] == 1 and result.created["schedule"] == 1
    with engine_for(fresh_url).connect() as connection:
        row = connection.execute(select(Service).where(Service.id == service["id"])).one()
        assert (row.name_fr, row.name_en) == ("Banque alimentaire du Plateau", None)
        assert connection.execute(select(Phone).where(Phone.id == removed_phone)).first() is None
        schedule = connection.execute(select(Schedule).where(Schedule.id == new_schedule)).one()
        assert schedule.service_id == service["id"]
        audit = connection.execute(select(Metadata).where(Metadata.updated_by == "curator")).all()
    changes = {(a.resource_type, a.field_name, a.previous_value, a.replacement_value) for a in audit}
    assert ("service", "name_fr", "Service food-bank — épicerie", "Banque alimentaire du Plateau") in changes
    assert ("service", "name_en", "Service food-bank", "") in changes
    assert ("phone", "*", "", "deleted") in changes and ("schedule", "*", "", "created") in changes
    assert len(changes) == 4  # only what changed
    assert all(a.last_action_type == "import" for a in audit)
    assert _counts(fresh_url)["service"] == counts["service"]


def test_csv_error_names_file_line_and_column(sqlite_url, tmp_path):
    hsds_factories.build(sqlite_url)
    package = tmp_path / "package"
    exporter.export_path(sqlite_url, package, fmt="datapackage")
    services = package / "services.csv"
    with services.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1]["status"] = "open on tuesdays"
    rows[2]["minimum_age"] = "dix-huit"
    with services.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    before = _counts(sqlite_url)

    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(sqlite_url, package)

    message = str(rejected.value)
    assert f"services.csv: line 3 (record {rows[1]['id']}, service) column status: " in message
    assert "'open on tuesdays' is not one of" in message and "(enum)" in message
    assert (f"services.csv: line 4 (record {rows[2]['id']}, service) column minimum_age: "
            "'dix-huit': expected a number (type)") in message
    assert _counts(sqlite_url) == before


def test_plain_hsds_imports_as_french_and_leaves_english_alone(sqlite_url, tmp_path, request):
    hsds_factories.build(sqlite_url)
    plain = list(exporter.iter_services(sqlite_url, "fr"))
    target = tmp_path / "target.sqlite"
    shutil.copy(request.getfixturevalue("_sqlite_template"), target)
    target_url = f"sqlite:///{target}"
    importer.import_path(target_url, _write_json(tmp_path / "plain.json", plain))
    with engine_for(target_url).connect() as connection:
        row = connection.execute(select(Service).where(Service.id == uid("service:family"))).one()
    assert (row.name_fr, row.name_en, row.verified_on) == ("Service family — épicerie", None, None)

    # Into the directory that has English: French updated, English and extensions untouched.
    plain[0]["name"] = "Nom français corrigé"
    importer.import_path(sqlite_url, _write_json(tmp_path / "plain2.json", plain))
    with engine_for(sqlite_url).connect() as connection:
        row = connection.execute(select(Service).where(Service.id == plain[0]["id"])).one()
    assert row.name_fr == "Nom français corrigé"
    assert row.name_en is not None and row.verified_on is not None


@pytest.mark.parametrize("shape", ["services array", "ndjson", "single object", "zip package"])
def test_import_accepts_every_documented_shape(sqlite_url, tmp_path, request, shape):
    hsds_factories.build(sqlite_url)
    services = list(exporter.iter_services(sqlite_url))
    if shape == "services array":
        path = _write_json(tmp_path / "services.json", services)
    elif shape == "ndjson":
        path = tmp_path / "services.ndjson"
        path.write_text("".join(exporter.dumps_ndjson(services)), encoding="utf-8")
    elif shape == "single object":
        path = _write_json(tmp_path / "service.json", services[0])
    else:
        path = tmp_path / "package.zip"
        exporter.export_path(sqlite_url, path, fmt="datapackage")
        assert zipfile.ZipFile(path).namelist()[0] == "accessibility.csv"
    target = tmp_path / "target.sqlite"
    shutil.copy(request.getfixturevalue("_sqlite_template"), target)
    result = importer.import_path(f"sqlite:///{target}", path)
    assert result.created["service"] == (1 if shape == "single object" else 3)


def test_attribute_with_unknown_taxonomy_term_is_rejected(sqlite_url, tmp_path):
    hsds_factories.build(sqlite_url)
    service = next(exporter.iter_services(sqlite_url, ids=[uid("service:meals")]))
    attribute = service["attributes"][0]
    del attribute["taxonomy_term"]
    attribute["taxonomy_term_id"] = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_path(sqlite_url, _write_json(tmp_path / "s.json", [service]))
    assert ("field attributes[0].taxonomy_term_id: taxonomy_term 00000000-0000-4000-8000-000000000000 "
            "is neither in the file nor in the directory (reference)") in str(rejected.value)


def test_cli_import_rejects_bad_file_with_exit_code_1_and_imports_good_one(sqlite_url, tmp_path):
    from portal import create_app

    hsds_factories.build(sqlite_url)
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True})
    runner = app.test_cli_runner()
    good = tmp_path / "directory.json"
    export = runner.invoke(args=["directory", "export", str(good)])
    assert export.exit_code == 0, export.output
    assert "exported 2 organizations, 3 services" in export.output

    organizations = json.loads(good.read_text())
    organizations[0]["services"][0]["status"] = "closed"
    bad = _write_json(tmp_path / "bad.json", organizations)
    result = runner.invoke(args=["directory", "import", str(bad)])
    assert result.exit_code == 1
    service_id = organizations[0]["services"][0]["id"]
    assert f"bad.json: record {service_id}(service) field status: 'closed' is not one of" in result.output

    result = runner.invoke(args=["directory", "import", str(good), "--by", "cli-test"])
    assert result.exit_code == 0, result.output
    assert "imported directory.json" in result.output and "unchanged" in result.output
