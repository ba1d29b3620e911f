"""Live capacity's rules without a database: what a count may be, how long it stays true per
unit, and until when a service counts as having places (the search filter's bound)."""

from __future__ import annotations

import datetime as dt

import pytest

from directory import capacity
from directory.vocabulary import CAPACITY_UNITS, DEFAULT_FRESHNESS_HOURS, capacity_freshness, unit_id, unit_rows

T = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("value", "expected"), [(0, 0), ("12", 12), (" 7 ", 7), ("+3", 3), (5.0, 5),
                                                 ("100000", 100_000)])
def test_whole_numbers_are_counts(value, expected):
    assert capacity.count(value) == expected


@pytest.mark.parametrize(("value", "code"), [
    ("-1", "negative"), (-4, "negative"), ("douze", "not_integer"), ("2.5", "not_integer"), (2.5, "not_integer"),
    ("", "not_integer"), (None, "not_integer"), (True, "not_integer"), ("1e3", "not_integer"), ("١٢", "not_integer"),
    ("12 lits", "not_integer"), ("100001", "too_large"), ("9" * 40, "not_integer"),
])
def test_anything_else_is_refused_with_its_reason(value, code):
    with pytest.raises(capacity.CapacityError) as refused:
        capacity.count(value)
    assert refused.value.code == code


def test_the_field_at_fault_is_named():
    with pytest.raises(capacity.CapacityError) as refused:
        capacity.count("-2", name="maximum")
    assert refused.value.field == "maximum"


def test_each_unit_has_both_languages_and_a_limit():
    assert {"beds", "rooms", "appointments", "places", "food_hampers", "meals"} <= set(CAPACITY_UNITS)
    for key, unit in CAPACITY_UNITS.items():
        assert all((unit.name_fr, unit.name_en, unit.one_fr, unit.many_fr, unit.one_en, unit.many_en)), key
        assert capacity_freshness(key) == dt.timedelta(hours=unit.freshness_hours)
    assert CAPACITY_UNITS["beds"][2:6] == ("lit", "lits", "bed", "beds")
    assert capacity_freshness("beds") == dt.timedelta(hours=DEFAULT_FRESHNESS_HOURS) == dt.timedelta(hours=24)
    assert capacity_freshness("meals") < capacity_freshness("beds") < capacity_freshness("food_hampers")
    assert capacity_freshness("unknown-imported-unit") == dt.timedelta(hours=24)


def test_unit_ids_are_the_same_in_every_database():
    assert unit_id("beds") == "8ff9bf6b-8808-5b1d-86ee-d263963aba94"  # uuid5 of the key
    assert len({row["id"] for row in unit_rows()}) == len(CAPACITY_UNITS)


def test_fresh_until_the_units_limit_naive_times_being_utc():
    assert capacity.is_fresh(T, "beds", T + dt.timedelta(hours=23, minutes=59))
    assert not capacity.is_fresh(T, "beds", T + dt.timedelta(hours=24))
    assert not capacity.is_fresh(T.replace(tzinfo=None), "meals", T + dt.timedelta(hours=12))
    assert capacity.is_fresh(T.replace(tzinfo=None), "food_hampers", T + dt.timedelta(hours=71))


def test_available_until_is_the_latest_fresh_count_above_zero():
    assert capacity.available_until([]) is None
    assert capacity.available_until([("beds", 0, T)]) is None, "full: no places"
    beds, meals = ("beds", 3, T), ("meals", 5, T + dt.timedelta(hours=6))
    assert capacity.available_until([beds, meals]) == int((T + dt.timedelta(hours=24)).timestamp())
    assert capacity.available_until([("beds", 0, T), meals]) == int((T + dt.timedelta(hours=18)).timestamp())
