"""The demo directory is big, varied, Québec-wide, deterministic, and stores on both back-ends."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from directory.db import session_scope
from directory.demo import generator
from directory.models import (
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def full_demo() -> generator.DemoData:
    return generator.generate(services=15_000, seed=211, today=TODAY)


def test_default_demo_meets_the_directory_counts(full_demo):
    rows = full_demo.rows
    assert len(rows[Service]) >= 15_000
    assert len(rows[Organization]) >= 6_000
    assert len(rows[Location]) >= 9_000
    assert {loc["region_code"] for loc in rows[Location]} == {f"{n:02d}" for n in range(1, 18)}


def test_demo_has_english_for_at_least_40_percent_and_30_languages(full_demo):
    services = full_demo.rows[Service]
    english = sum(1 for s in services if s["name_en"]) / len(services)
    assert english >= 0.40
    assert len({lang["code"] for lang in full_demo.rows[Language]}) >= 30


def test_demo_names_are_believable_french_not_placeholders(full_demo):
    names = [s["name_fr"] for s in full_demo.rows[Service]] + [o["name_fr"] for o in full_demo.rows[Organization]]
    assert not [n for n in names if re.search(r"lorem|service \d+|\{|\}", n, re.I)]
    assert len({o["name_fr"] for o in full_demo.rows[Organization]}) == len(full_demo.rows[Organization])
    assert all(re.search(r"[éèàçô]", s["description_fr"] or "") or len(s["description_fr"]) > 40
               for s in full_demo.rows[Service][:500])


def test_demo_schedules_cover_evenings_weekends_24_7_seasons_and_lunch_breaks(full_demo):
    schedules = full_demo.rows[Schedule]
    slots = {(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules}
    assert any(opens >= "18:00" for _, opens, _ in slots)  # evenings
    assert any(day and set(day.split(",")) <= {"SA", "SU"} for day, _, _ in slots)  # weekends
    assert ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00") in slots  # 24/7
    assert any(s["valid_from"] and s["valid_from"].month == 11 for s in schedules)  # winter only
    assert any(s["closes_at"] == "12:00" and s["byday"] == "MO,TU,WE,TH,FR" for s in schedules)  # lunch


def test_verified_dates_span_three_years_with_part_overdue(full_demo):
    dates = [s["verified_on"] for s in full_demo.rows[Service]]
    assert TODAY - min(dates) > dt.timedelta(days=900)
    overdue = sum(1 for d in dates if TODAY - d > dt.timedelta(days=365)) / len(dates)
    assert 0.2 < overdue < 0.6


def test_demo_has_closed_inactive_and_running_crisis_services(full_demo):
    services = full_demo.rows[Service]
    statuses = Counter(s["status"] for s in services)
    assert statuses["inactive"] > 0 and statuses["temporarily closed"] > 0
    crisis = [s for s in services if s["is_crisis"]]
    assert crisis and all(s["is_temporary"] and s["valid_from"] <= TODAY <= s["valid_to"] for s in crisis)


def test_demo_eligibility_fees_and_ages_vary(full_demo):
    services = full_demo.rows[Service]
    assert {s["fees_description_fr"] for s in services} >= {"Gratuit", "Contribution selon le revenu", "Frais modiques"}
    assert any(s["minimum_age"] == 65 for s in services)
    assert any(s["maximum_age"] is not None for s in services)
    assert sum(1 for s in services if s["eligibility_description_fr"]) > len(services) * 0.5


def test_same_seed_gives_the_same_directory_and_another_seed_does_not():
    first = generator.generate(services=300, seed=5, today=TODAY)
    again = generator.generate(services=300, seed=5, today=TODAY)
    other = generator.generate(services=300, seed=6, today=TODAY)
    assert first.rows[Service] == again.rows[Service]
    assert first.rows[Service] != other.rows[Service]


def test_build_stores_the_demo_and_its_categories(database_url):
    stats = generator.build(database_url, services=400, seed=3, today=TODAY)
    with session_scope(database_url) as session:
        assert session.scalar(select(func.count()).select_from(Service)) == stats.counts["service"]
        assert session.scalar(select(func.count()).select_from(ServiceAtLocation)) >= stats.counts["service"]
        assert session.scalar(select(func.count()).select_from(TaxonomyTerm)) >= 120
    assert generator.has_services(database_url)


def test_build_twice_replaces_rather_than_duplicates(sqlite_url):
    generator.build(sqlite_url, services=200, seed=3, today=TODAY)
    stats = generator.build(sqlite_url, services=200, seed=3, today=TODAY)
    with session_scope(sqlite_url) as session:
        assert session.scalar(select(func.count()).select_from(Service)) == stats.counts["service"]


def test_demo_cli_builds_and_skips_when_loaded(sqlite_url):
    from portal import create_app

    runner = create_app({"DATABASE_URL": sqlite_url}).test_cli_runner()
    result = runner.invoke(args=["directory", "demo", "--services", "150", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "services" in result.output
    again = runner.invoke(args=["directory", "demo", "--if-empty"])
    assert "skipping" in again.output


def test_demo_emails_and_websites_are_valid_addresses(full_demo):
    # A label cut at 40 characters once ended in "-", which is not a valid host name.
    label = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
    email = re.compile(rf"^info@{label}\.example\.org$")
    website = re.compile(rf"^https://{label}\.example\.org$")
    for org in full_demo.rows[Organization]:
        assert email.match(org["email"]), org["email"]
        assert website.match(org["website"]), org["website"]
