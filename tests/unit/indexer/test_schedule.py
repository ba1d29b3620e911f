import datetime as dt

from indexer.schedule import MONTREAL, SLOTS_PER_DAY, compact, current_slot, open_slots

WEDNESDAY = dt.date(2026, 11, 18)


def row(**kw):
    base = {"freq": "WEEKLY", "interval": 1, "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00",
            "closes_at": "17:00", "valid_from": None, "valid_to": None, "dtstart": None,
            "until": None, "count": None, "bymonthday": None}
    base.update(kw)
    return base


def slot(day: int, hhmm: str) -> int:
    h, m = map(int, hhmm.split(":"))
    return day * SLOTS_PER_DAY + (h * 60 + m) // 15


def test_weekday_office_hours_cover_their_quarter_hours_only():
    slots = set(open_slots([row()], WEDNESDAY))
    assert slot(0, "09:00") in slots and slot(4, "16:45") in slots
    assert slot(0, "08:45") not in slots and slot(0, "17:00") not in slots
    assert slot(5, "10:00") not in slots
    assert len(slots) == 5 * 8 * 4


def test_overnight_hours_run_past_midnight_and_wrap_the_week():
    slots = set(open_slots([row(byday="SU", opens_at="19:00", closes_at="07:00")], WEDNESDAY))
    assert slot(6, "23:45") in slots
    assert slot(0, "06:45") in slots  # Monday morning, slot 0 onwards
    assert slot(0, "07:00") not in slots


def test_midnight_to_midnight_means_all_day():
    slots = open_slots([row(byday="MO,TU,WE,TH,FR,SA,SU", opens_at="00:00", closes_at="24:00")], WEDNESDAY)
    assert slots == list(range(7 * SLOTS_PER_DAY))


def test_seasonal_schedule_counts_only_on_days_inside_its_window():
    winter = row(byday="MO,TU,WE,TH,FR,SA,SU", valid_from=dt.date(2026, 11, 20), valid_to=dt.date(2027, 4, 15))
    slots = set(open_slots([winter], WEDNESDAY))
    assert slot(2, "10:00") not in slots  # Wednesday the 18th: not yet
    assert slot(4, "10:00") in slots  # Friday the 20th
    assert open_slots([row(valid_to=dt.date(2026, 1, 1))], WEDNESDAY) == []


def test_monthly_rule_counts_only_the_matching_day_of_the_coming_week():
    # First Thursday of December 2026 is the 3rd: outside the week from Nov 18; third Thursday (19th) inside.
    assert open_slots([row(freq="MONTHLY", byday="1TH")], WEDNESDAY) == []
    assert slot(3, "10:00") in open_slots([row(freq="MONTHLY", byday="3TH")], WEDNESDAY)


def test_current_slot_uses_montreal_time():
    monday_9 = dt.datetime(2026, 11, 16, 9, 7, tzinfo=MONTREAL)
    assert current_slot(monday_9) == slot(0, "09:00")
    assert current_slot(monday_9.astimezone(dt.UTC)) == slot(0, "09:00")


def test_compact_schedule_keeps_display_fields_in_day_order():
    rows = compact([row(byday="SA", opens_at="10:00"), row(byday="MO", notes_fr="Sur rendez-vous")])
    assert [r["byday"] for r in rows] == ["MO", "SA"]
    assert rows[0]["notes_fr"] == "Sur rendez-vous"
