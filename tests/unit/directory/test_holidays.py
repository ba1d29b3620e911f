"""Québec holidays computed for any year: Easter by the computus, the Monday before 25 May, the
Sunday rules of 24 June and 1 July, and a service's holiday rule."""

from __future__ import annotations

import datetime as dt

import pytest

from directory import holidays

D = dt.date


@pytest.mark.parametrize(("year", "sunday"), [
    (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)), (2028, D(2028, 4, 16)),
    # Published dates: the earliest (22 March) and latest (25 April) possible Easters, and others.
    (1818, D(1818, 3, 22)), (2285, D(2285, 3, 22)), (1943, D(1943, 4, 25)), (2038, D(2038, 4, 25)),
    (2000, D(2000, 4, 23)), (2019, D(2019, 4, 21)), (2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)),
])
def test_easter_by_the_computus(year, sunday):
    assert holidays.easter(year) == sunday
    assert sunday.weekday() == 6


def _table(year: int) -> list[tuple[str, str]]:
    return [(h.date.isoformat(), h.key) for h in holidays.holidays(year)]


def test_the_2026_table():
    assert _table(2026) == [
        ("2026-01-01", "new_year"), ("2026-01-02", "jan_2"), ("2026-04-03", "good_friday"),
        ("2026-04-06", "easter_monday"), ("2026-05-18", "patriotes"), ("2026-06-24", "fete_nationale"),
        ("2026-07-01", "canada_day"), ("2026-07-01", "moving_day"), ("2026-09-07", "labour_day"),
        ("2026-10-12", "thanksgiving"), ("2026-12-25", "christmas"),
    ]


def test_the_2027_table():
    assert _table(2027) == [
        ("2027-01-01", "new_year"), ("2027-01-02", "jan_2"), ("2027-03-26", "good_friday"),
        ("2027-03-29", "easter_monday"), ("2027-05-24", "patriotes"), ("2027-06-24", "fete_nationale"),
        ("2027-07-01", "canada_day"), ("2027-07-01", "moving_day"), ("2027-09-06", "labour_day"),
        ("2027-10-11", "thanksgiving"), ("2027-12-25", "christmas"),
    ]


def test_easter_holidays_move_with_easter():
    for year, friday, monday in ((2026, D(2026, 4, 3), D(2026, 4, 6)), (2027, D(2027, 3, 26), D(2027, 3, 29)),
                                 (2028, D(2028, 4, 14), D(2028, 4, 17))):
        keys = {h.key: h.date for h in holidays.holidays(year)}
        assert (keys["good_friday"], keys["easter_monday"]) == (friday, monday)
    # 2 April 2027 is an ordinary Friday; 3 April 2026 was Good Friday.
    assert holidays.on(D(2027, 4, 2)) == ()
    assert [h.key for h in holidays.on(D(2026, 4, 3))] == ["good_friday"]


def test_patriotes_is_the_monday_before_25_may_every_year():
    for year in range(1990, 2101):
        day = {h.key: h.date for h in holidays.holidays(year)}["patriotes"]
        assert day.weekday() == 0 and D(year, 5, 18) <= day <= D(year, 5, 24), year
    assert {h.key: h.date for h in holidays.holidays(2026)}["patriotes"] == D(2026, 5, 18)  # 25 May is a Monday


def test_sunday_rules_of_the_fete_nationale_and_canada_day():
    # 2029: 24 June and 1 July are Sundays (LNT art. 60; Loi sur la fête nationale, art. 2).
    table = {h.key: h for h in holidays.holidays(2029)}
    assert table["fete_nationale"].date == D(2029, 6, 25) and table["fete_nationale"].moved
    assert table["canada_day"].date == D(2029, 7, 2) and table["canada_day"].moved
    assert table["moving_day"].date == D(2029, 7, 1) and not table["moving_day"].statutory
    # 2018 too; Christmas and New Year's Day never move (2022: both on a Sunday).
    assert {h.key: h.date for h in holidays.holidays(2018)}["canada_day"] == D(2018, 7, 2)
    table_2022 = {h.key: h.date for h in holidays.holidays(2022)}
    assert table_2022["christmas"] == D(2022, 12, 25) and table_2022["new_year"] == D(2022, 1, 1)


def test_every_holiday_has_both_names_and_statutory_ones_are_those_of_the_law():
    assert set(holidays.STATUTORY) == {"new_year", "good_friday", "easter_monday", "patriotes", "fete_nationale",
                                       "canada_day", "labour_day", "thanksgiving", "christmas"}
    for h in holidays.holidays(2026):
        assert h.name_fr and h.name_en and h.name_fr != h.name_en or h.key == "fete_nationale"


def test_out_of_range_years_are_refused():
    with pytest.raises(ValueError):
        holidays.holidays(12)


def test_the_default_rule_closes_office_hours_services_but_not_seven_day_ones():
    auto = holidays.parse_rule(None)
    christmas, jan_2 = D(2026, 12, 25), D(2026, 1, 2)
    assert holidays.closed_for(auto, christmas, every_day=False).key == "christmas"
    assert holidays.closed_for(auto, christmas, every_day=True) is None
    assert holidays.closed_for(auto, jan_2, every_day=False) is None, "a common closure is not a holiday"
    assert holidays.closed_for(auto, D(2026, 12, 24), every_day=False) is None


def test_explicit_rules():
    christmas, moving = D(2026, 12, 25), D(2029, 7, 1)
    assert holidays.closed_for(holidays.parse_rule("closed"), christmas, every_day=True).key == "christmas"
    assert holidays.closed_for(holidays.parse_rule("open"), christmas, every_day=False) is None
    listed = holidays.parse_rule("closed:moving_day,christmas")
    assert listed.text() == "closed:moving_day,christmas"
    assert holidays.closed_for(listed, christmas, every_day=True).key == "christmas"
    assert holidays.closed_for(listed, moving, every_day=False).key == "moving_day"
    assert holidays.closed_for(listed, D(2026, 9, 7), every_day=False) is None  # Labour Day not listed


def test_bad_rules_are_refused_when_strict_and_read_as_the_default_otherwise():
    for text in ("closed:boxing_day", "closed:", "sometimes", "open:christmas"):
        with pytest.raises(holidays.InvalidRule):
            holidays.parse_rule(text, strict=True)
        assert holidays.parse_rule(text).mode in (holidays.AUTO, holidays.LISTED)
    assert holidays.parse_rule(" Closed ").mode == holidays.CLOSED
