"""What the portal says about opening hours on holidays, exceptions, daylight-saving changes and
nights past midnight (portal/display/hours.py): "open now", "next opening", the week table, and the
results pages' memoized answer from a search document's compact rows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from portal.display import hours as h
from portal.display.hours import TZ

D = dt.date
UTC = dt.UTC


def row(byday: str | None = "MO,TU,WE,TH,FR", opens: str | None = "09:00", closes: str | None = "17:00",
        **extra) -> SimpleNamespace:
    values = {"freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes, "valid_from": None,
              "valid_to": None, "dtstart": None, "until": None, "count": None, "interval": 1, "bymonthday": None,
              "exception": None, "description_fr": None, "description_en": None, "notes_fr": None, "notes_en": None}
    return SimpleNamespace(**(values | extra))


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


OFFICE = [row()]


def test_christmas_in_the_week_table_open_now_and_next_opening():
    week = h.hours(OFFICE, at(2026, 12, 25, 10, 0))
    friday = week.week[4]
    assert friday.date == D(2026, 12, 25) and friday.slots == ()
    assert friday.holiday.key == "christmas" and friday.closed_for.key == "christmas"
    assert [d.date for d in week.week if d.slots] == [D(2026, 12, 21), D(2026, 12, 22), D(2026, 12, 23),
                                                        D(2026, 12, 24)]
    assert not week.open_now
    assert week.next_opening.start == at(2026, 12, 28, 9, 0)
    assert h.open_status(OFFICE, at(2026, 12, 24, 16, 0)).open_now
    # The rule "open" keeps the regular hours.
    assert h.open_status(OFFICE, at(2026, 12, 25, 10, 0), "open").open_now


def test_next_opening_skips_good_friday_and_easter_monday_as_easter_moves():
    for thursday, tuesday in ((D(2026, 4, 2), D(2026, 4, 7)), (D(2027, 3, 25), D(2027, 3, 30)),
                              (D(2028, 4, 13), D(2028, 4, 18))):
        status = h.open_status(OFFICE, dt.datetime.combine(thursday, dt.time(18), TZ))
        assert status.next_opening.start == dt.datetime.combine(tuesday, dt.time(9), TZ), thursday
    # 2027: the Friday after 2 April is ordinary.
    assert h.open_status(OFFICE, at(2027, 4, 1, 18, 0)).next_opening.start == at(2027, 4, 2, 9, 0)


def test_a_holiday_on_a_day_the_service_is_open_anyway_is_named_but_does_not_close_it():
    always = [row("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00")]
    week = h.hours(always, at(2026, 7, 1, 12, 0))
    wednesday = week.week[2]
    assert [x.key for x in (wednesday.holiday,)] == ["canada_day"] and wednesday.closed_for is None
    assert wednesday.slots and week.open_now


def test_an_exception_in_the_week_table_with_its_reason():
    closure = row(None, None, None, exception="closed", valid_from=D(2026, 12, 8), valid_to=D(2026, 12, 8),
                  description_fr="Formation du personnel", description_en="Staff training")
    week = h.hours([*OFFICE, closure], at(2026, 12, 8, 10, 0))
    tuesday = week.week[1]
    assert tuesday.slots == () and tuesday.exception is closure and tuesday.closed_for is None
    assert not week.open_now and week.next_opening.start == at(2026, 12, 9, 9, 0)
    assert week.exceptions == (closure,)
    assert closure not in week.notes
    # Over: no longer listed as upcoming.
    assert h.hours([*OFFICE, closure], at(2026, 12, 9, 10, 0)).exceptions == ()


def test_nights_past_midnight_across_daylight_saving_changes():
    nights = [row("MO,TU,WE,TH,FR,SA,SU", "19:00", "07:00")]
    # 8 March 2026: clocks go forward at 2 h. Saturday 19 h EST → Sunday 7 h EDT is 11 hours.
    spring = h.open_status(nights, dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC))  # 03:30 EDT
    # (Measured in UTC: Python subtracts two datetimes of one time zone by their wall clocks.)
    length = spring.closes_at.end.astimezone(UTC) - spring.closes_at.start.astimezone(UTC)
    assert spring.open_now and length == dt.timedelta(hours=11)
    assert spring.closes_at.end == dt.datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    assert not h.open_status(nights, dt.datetime(2026, 3, 8, 11, 30, tzinfo=UTC)).open_now
    # 1 November 2026: clocks go back at 2 h. Saturday 19 h EDT → Sunday 7 h EST is 13 hours.
    autumn = h.open_status(nights, dt.datetime(2026, 11, 1, 11, 30, tzinfo=UTC))  # 06:30 EST
    assert autumn.open_now and autumn.closes_at.end == dt.datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    assert autumn.closes_at.end.astimezone(UTC) - autumn.closes_at.start.astimezone(UTC) == dt.timedelta(hours=13)
    assert not h.open_status(nights, dt.datetime(2026, 11, 1, 12, 30, tzinfo=UTC)).open_now


def test_a_holiday_closes_the_evening_opening_not_the_night_that_began_the_day_before():
    nights = [row("MO,TU,WE,TH,FR", "19:00", "07:00")]
    assert h.open_status(nights, at(2026, 12, 25, 5, 0), "closed").open_now  # from the 24th, 19 h
    christmas_evening = h.open_status(nights, at(2026, 12, 25, 20, 0), "closed")
    assert not christmas_evening.open_now and christmas_evening.next_opening.start == at(2026, 12, 28, 19, 0)


def test_the_results_pages_compact_answer_agrees_with_the_records():
    from indexer.schedule import compact

    rows = [{"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"},
            {"exception": "closed", "valid_from": D(2026, 12, 29), "valid_to": D(2026, 12, 31),
             "description_fr": "Vacances", "description_en": "Holidays"}]
    documented = compact(rows)
    shaped = h.document_schedules(documented)
    for now in (at(2026, 12, 24, 10, 0), at(2026, 12, 25, 10, 0), at(2026, 12, 28, 10, 0), at(2026, 12, 30, 10, 0),
                at(2027, 1, 1, 10, 0), at(2027, 1, 4, 10, 0)):
        for rule in (None, "open", "closed:christmas"):
            memo = h.compact_open_status(h.compact_key(documented, rule), now)
            direct = h.open_status(shaped, now, rule)
            assert (memo.open_now, memo.next_opening) == (direct.open_now, direct.next_opening), (now, rule)
    assert h.open_status(shaped, at(2027, 1, 1, 10, 0)).next_opening.start == at(2027, 1, 4, 9, 0)
    assert h.open_status(shaped, at(2027, 1, 1, 10, 0), "open").open_now
    assert h.hours(shaped, at(2026, 12, 30, 10, 0)).week[2].exception.description_fr == "Vacances"


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "Vendredi : (Noël) Fermé (jour férié)"), ("en", "Friday: (Christmas Day) Closed (holiday)")])
def test_printed_hours_name_the_holiday_in_the_page_language(app, lang, expected):
    from flask import render_template_string

    week = h.hours(OFFICE, at(2026, 12, 23, 10, 0))
    with app.test_request_context(f"/{lang}/"):
        app.preprocess_request()  # the page's language is chosen before the view
        text = render_template_string('{% from "components/service.html" import week_hours %}{{ week_hours(w) }}',
                                      w=week)
    assert expected in " ".join(text.split())
