"""A service's holiday rule and its exceptions go through HSDS import and export (bilingual
profile): exceptions are HSDS `schedule` rows with valid_from/valid_to; bad values are refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from directory.db import session_scope
from directory.hsds import exporter, importer
from directory.models import Schedule, Service

sys.path.insert(0, str(Path(__file__).parent))
import hsds_factories  # noqa: E402
from hsds_factories import uid  # noqa: E402

CLOSURE = {"id": "6c1f3c1e-8a55-4d43-9a51-2f2d7c0b4a11", "valid_from": "2026-12-24", "valid_to": "2027-01-03",
           "exception": "closed", "description": "Fermeture des Fêtes",
           "translations": {"en": {"description": "Holiday closure"}}}


def _food_bank(url: str) -> tuple[list[dict], dict]:
    services = list(exporter.iter_services(url))
    return services, next(s for s in services if s["id"] == uid("service:food-bank"))


def _import(url: str, tmp_path: Path, services: list[dict]) -> None:
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    importer.import_path(url, path, updated_by="test")


def test_rule_and_exception_round_trip(sqlite_url, tmp_path):
    hsds_factories.build(sqlite_url)
    services, food_bank = _food_bank(sqlite_url)
    food_bank["holiday_rule"] = "closed:christmas,jan_2"
    food_bank["schedules"] = [*food_bank.get("schedules", []), CLOSURE]
    _import(sqlite_url, tmp_path, services)
    with session_scope(sqlite_url) as session:
        assert session.get(Service, food_bank["id"]).holiday_rule == "closed:christmas,jan_2"
        row = session.get(Schedule, CLOSURE["id"])
        assert (row.exception, str(row.valid_from), str(row.valid_to), row.description_en) == (
            "closed", "2026-12-24", "2027-01-03", "Holiday closure")
    _, again = _food_bank(sqlite_url)
    exported = next(s for s in again["schedules"] if s["id"] == CLOSURE["id"])
    assert (exported["exception"], exported["valid_from"], exported["valid_to"]) == ("closed", "2026-12-24",
                                                                                    "2027-01-03")
    assert again["holiday_rule"] == "closed:christmas,jan_2"


@pytest.mark.parametrize(("field", "value"), [("holiday_rule", "closed:boxing_day"), ("holiday_rule", "sometimes"),
                                              ("exception", "maybe")])
def test_bad_values_are_refused_with_the_field_named(sqlite_url, tmp_path, field, value):
    hsds_factories.build(sqlite_url)
    services, food_bank = _food_bank(sqlite_url)
    if field == "holiday_rule":
        food_bank["holiday_rule"] = value
    else:
        food_bank["schedules"] = [*food_bank.get("schedules", []), CLOSURE | {"exception": value}]
    with pytest.raises(importer.ImportRejected) as rejected:
        _import(sqlite_url, tmp_path, services)
    assert field in str(rejected.value)
    with session_scope(sqlite_url) as session:
        assert session.get(Service, food_bank["id"]).holiday_rule is None
        assert session.scalar(select(Schedule.id).where(Schedule.exception.is_not(None))) is None
