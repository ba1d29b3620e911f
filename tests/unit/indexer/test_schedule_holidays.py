"""The index's opening slots on Québec holidays and on curators' exceptions (indexer/schedule.py)."""

from __future__ import annotations

import datetime as dt

from indexer.schedule import SLOTS_PER_DAY, current_slot, open_slots

D = dt.date
OFFICE = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}
ALWAYS = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "24:00"}
NIGHTS = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "19:00", "closes_at": "07:00"}


def _at(day: dt.date, hour: int, minute: int = 0) -> int:
    return day.weekday() * SLOTS_PER_DAY + (hour * 60 + minute) // 15


def test_an_office_hours_service_is_closed_on_labour_day_by_default():
    slots = set(open_slots([OFFICE], D(2026, 9, 7)))  # Monday, Labour Day
    assert _at(D(2026, 9, 7), 10) not in slots
    assert _at(D(2026, 9, 8), 10) in slots
    assert _at(D(2026, 9, 7), 10) in set(open_slots([OFFICE], D(2026, 9, 7), "open"))


def test_easter_moves_and_the_index_follows():
    for friday, monday in ((D(2026, 4, 3), D(2026, 4, 6)), (D(2027, 3, 26), D(2027, 3, 29)),
                           (D(2028, 4, 14), D(2028, 4, 17))):
        slots = set(open_slots([OFFICE], friday))
        assert _at(friday, 10) not in slots and _at(monday, 10) not in slots, friday
        assert _at(friday + dt.timedelta(days=4), 10) in slots  # the Tuesday after Easter
    # 2 April 2027 is an ordinary Friday.
    assert _at(D(2027, 4, 2), 10) in set(open_slots([OFFICE], D(2027, 4, 2)))


def test_a_seven_day_service_stays_open_on_christmas_unless_its_rule_says_closed():
    christmas = D(2026, 12, 25)
    assert _at(christmas, 3) in set(open_slots([ALWAYS], christmas))
    assert _at(christmas, 3) not in set(open_slots([ALWAYS], christmas, "closed"))
    assert _at(christmas, 3) not in set(open_slots([ALWAYS], christmas, "closed:christmas,new_year"))


def test_a_night_that_starts_before_a_holiday_runs_into_its_morning():
    # Thursday 24 December 2026 19 h → Friday 25 December 7 h: open; Christmas night itself: closed.
    slots = set(open_slots([NIGHTS], D(2026, 12, 21), "closed"))
    assert _at(D(2026, 12, 24), 22) in slots
    assert _at(D(2026, 12, 25), 6, 45) in slots
    assert _at(D(2026, 12, 25), 19) not in slots
    assert _at(D(2026, 12, 23), 22) in slots


def test_moving_day_and_2_january_close_only_services_that_list_them():
    # 1 July 2029 is a Sunday: Canada Day moves to Monday 2 July; moving day stays on the 1st.
    sunday = {"freq": "WEEKLY", "byday": "SU,MO", "opens_at": "10:00", "closes_at": "16:00"}
    week = D(2029, 7, 1)
    assert _at(week, 11) in set(open_slots([sunday], week))
    assert _at(D(2029, 7, 2), 11) not in set(open_slots([sunday], week))
    assert _at(week, 11) not in set(open_slots([sunday], week, "closed:moving_day"))
    assert _at(D(2029, 7, 2), 11) in set(open_slots([sunday], week, "closed:moving_day"))


def test_an_exceptional_closure_replaces_the_hours_on_its_days_only():
    closure = {"exception": "closed", "valid_from": D(2026, 12, 8), "valid_to": D(2026, 12, 9)}
    slots = set(open_slots([OFFICE, closure], D(2026, 12, 7)))
    assert _at(D(2026, 12, 7), 10) in slots
    assert _at(D(2026, 12, 8), 10) not in slots and _at(D(2026, 12, 9), 10) not in slots
    assert _at(D(2026, 12, 10), 10) in slots


def test_special_hours_replace_the_regular_ones_and_win_over_a_holiday():
    special = {"exception": "hours", "valid_from": D(2026, 12, 24), "valid_to": D(2026, 12, 25),
               "opens_at": "10:00", "closes_at": "14:00"}
    slots = set(open_slots([OFFICE, special], D(2026, 12, 21)))
    assert _at(D(2026, 12, 24), 9) not in slots and _at(D(2026, 12, 24), 10) in slots
    assert _at(D(2026, 12, 24), 14) not in slots
    assert _at(D(2026, 12, 25), 11) in slots, "a curator's hours on Christmas win over the holiday rule"
    assert _at(D(2026, 12, 23), 9) in slots


def test_special_hours_on_some_weekdays_of_their_window():
    saturdays = {"exception": "hours", "byday": "SA", "valid_from": D(2026, 12, 1), "valid_to": D(2026, 12, 31),
                 "opens_at": "09:00", "closes_at": "12:00"}
    slots = set(open_slots([OFFICE, saturdays], D(2026, 12, 7)))
    assert _at(D(2026, 12, 12), 10) in slots  # Saturday: special hours
    assert _at(D(2026, 12, 8), 10) in slots  # Tuesday: regular hours (the exception does not cover it)


def test_the_current_slot_across_daylight_saving_changes():
    tz = dt.UTC
    # 8 March 2026, 02:00 EST → 03:00 EDT: 07:30 UTC is 03:30 in Montréal.
    assert current_slot(dt.datetime(2026, 3, 8, 7, 30, tzinfo=tz)) == _at(D(2026, 3, 8), 3, 30)
    # 1 November 2026, 02:00 EDT → 01:00 EST: both 01:30 fall in the same quarter hour.
    first, second = dt.datetime(2026, 11, 1, 5, 30, tzinfo=tz), dt.datetime(2026, 11, 1, 6, 30, tzinfo=tz)
    assert current_slot(first) == current_slot(second) == _at(D(2026, 11, 1), 1, 30)
