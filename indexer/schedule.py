"""Opening hours as the 672 quarter-hour slots of a week, for the "open now" filter.

A search document carries `open_slots`: the integers 0..671 of the 15-minute slots during which the
service is open, Monday 00:00 America/Montreal = 0, Sunday 23:45 = 671. "Open now" is then one term
query on the current slot (`current_slot(now)`), identical in both engines.

Slots are computed from HSDS's RRULE-shaped schedule rows for the seven days starting at the
indexing date (`today`): each weekday maps to its next occurrence from `today`, so a schedule's
`valid_from`/`valid_to` (seasonal hours: winter shelters, summer day camps) and the rule's own
`dtstart`/`until`/`interval`/monthly parts are honoured date by date. The nightly rebuild
(`flask index rebuild`) keeps those windows current; between rebuilds the slots stay right for a
week.

Québec holidays and curators' exceptions (docs/holidays.md): a row whose `exception` is `closed` or
`hours` replaces the regular rows on the days of its `valid_from`..`valid_to` window (and its BYDAY,
when it has one): no slot for a closure, its own hours for special hours. Otherwise a holiday the
service keeps (`directory.holidays.closed_for`, the service's `holiday_rule`) leaves the day without
slots. A slot that opened the evening before (a shelter's 19 h → 7 h) still runs into the holiday's
morning: what closes is the day's opening. A curator's exception is saved through the live indexer
(indexer/live.py), so it reaches the index within seconds, not at the nightly rebuild.

A slot counts as open when the service is open at any moment of it (opening hours are nearly always
on quarter hours; for the odd 08:20 opening we prefer "open" five minutes early to missing a
service a person could still reach).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypedDict
from zoneinfo import ZoneInfo

from directory import holidays

MONTREAL = ZoneInfo("America/Montreal")
SLOT_MINUTES = 15
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES  # 96
SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY  # 672
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# dateutil.rrule's frequencies (YEARLY .. SECONDLY).
Frequency = Literal[0, 1, 2, 3, 4, 5, 6]

# A schedule row of the directory (HSDS `schedule`), column name -> value.
ScheduleRow = Mapping[str, Any]


class DisplayedSchedule(TypedDict):
    """A schedule row as a search document carries it for display (`compact`)."""

    freq: str
    byday: str
    opens_at: str
    closes_at: str
    valid_from: str | None  # ISO dates
    valid_to: str | None
    exception: str | None  # None (regular hours), "closed" or "hours"
    description_fr: str | None
    description_en: str | None
    notes_fr: str | None
    notes_en: str | None


def current_slot(now: dt.datetime | None = None) -> int:
    """The slot containing `now` (aware datetimes are converted; naive ones are Montréal time)."""
    if now is None:
        now = dt.datetime.now(MONTREAL)
    elif now.tzinfo is not None:
        now = now.astimezone(MONTREAL)
    return now.weekday() * SLOTS_PER_DAY + (now.hour * 60 + now.minute) // SLOT_MINUTES


def _minutes(value: str | None) -> int | None:
    if not value:
        return None
    try:
        hours, _, minutes = value.strip().partition(":")
        total = int(hours) * 60 + int(minutes[:2] or 0)
    except ValueError:
        return None
    return total if 0 <= total <= 24 * 60 else None


def _days(byday: str | None) -> list[tuple[int | None, int]]:
    """RRULE BYDAY as (ordinal or None, weekday index); "1MO" -> (1, 0), "-1FR" -> (-1, 4)."""
    out = []
    for part in (byday or "").upper().replace(" ", "").split(","):
        if len(part) < 2 or part[-2:] not in DAY_CODES:
            continue
        ordinal = part[:-2]
        try:
            out.append((int(ordinal) if ordinal else None, DAY_CODES.index(part[-2:])))
        except ValueError:
            continue
    return out


def _occurs(row: ScheduleRow, day: dt.date) -> bool:
    """Whether the schedule row applies on `day` (validity window and recurrence rule)."""
    if row.get("valid_from") and day < row["valid_from"]:
        return False
    if row.get("valid_to") and day > row["valid_to"]:
        return False
    if row.get("until") and day > row["until"]:
        return False
    if row.get("dtstart") and day < row["dtstart"]:
        return False
    freq = (row.get("freq") or "WEEKLY").upper()
    days = _days(row.get("byday"))
    interval = row.get("interval") or 1
    simple = freq == "WEEKLY" and not row.get("count") and not row.get("bymonthday") and interval == 1
    if simple:
        # The fast path: nearly every row is "weekly on these days"; no BYDAY means every day.
        return not days or any(weekday == day.weekday() for _, weekday in days)
    return _rrule_occurs(row, day)


def _rrule_occurs(row: ScheduleRow, day: dt.date) -> bool:
    from dateutil import rrule

    frequencies: dict[str, Frequency] = {"WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY,
                                         "DAILY": rrule.DAILY, "YEARLY": rrule.YEARLY}
    freq = frequencies.get((row.get("freq") or "WEEKLY").upper(), rrule.WEEKLY)
    weekdays = [rrule.weekdays[w](n) if n else rrule.weekdays[w] for n, w in _days(row.get("byday"))]
    kwargs: dict[str, Any] = {"interval": max(1, row.get("interval") or 1)}
    if weekdays:
        kwargs["byweekday"] = weekdays
    if row.get("bymonthday"):
        try:
            kwargs["bymonthday"] = [int(x) for x in str(row["bymonthday"]).split(",") if x.strip()]
        except ValueError:
            return False
    if row.get("count"):
        kwargs["count"] = row["count"]
    if row.get("until"):
        kwargs["until"] = dt.datetime.combine(row["until"], dt.time.max)
    start = row.get("dtstart") or (day - dt.timedelta(days=366))
    try:
        rule = rrule.rrule(freq, dtstart=dt.datetime.combine(start, dt.time()), **kwargs)
        first = dt.datetime.combine(day, dt.time())
        hit = rule.after(first, inc=True)
    except (ValueError, TypeError, OverflowError):
        return False
    return hit is not None and hit.date() == day


EXCEPTION_KINDS = ("closed", "hours")


def is_exception(row: ScheduleRow) -> bool:
    return row.get("exception") in EXCEPTION_KINDS


def opens_every_day(rows: Iterable[ScheduleRow]) -> bool:
    """Whether the regular weekly rows cover all seven weekdays (the default holiday rule keeps
    such a service open on holidays: directory.holidays)."""
    days: set[int] = set()
    for row in rows:
        if is_exception(row) or not row.get("opens_at"):
            continue
        freq = (row.get("freq") or "WEEKLY").upper()
        if freq == "DAILY":
            return True
        if freq == "WEEKLY":
            found = _days(row.get("byday"))
            if not found:
                return True
            days.update(weekday for _, weekday in found)
    return len(days) == 7


def rows_for_day(rows: Sequence[ScheduleRow], day: dt.date, rule: holidays.HolidayRule,
                 every_day: bool) -> tuple[list[ScheduleRow], holidays.Holiday | None]:
    """The rows whose hours apply on `day`, and the holiday that closes it (if any): an exception
    covering the day replaces everything; else a kept holiday closes the day; else the regular rows."""
    covering = [r for r in rows if is_exception(r) and _occurs(r, day)]
    if covering:
        return [r for r in covering if r["exception"] == "hours"], None
    closing = holidays.closed_for(rule, day, every_day)
    if closing is not None:
        return [], closing
    return [r for r in rows if not is_exception(r)], None


def applicable_rows(at_place: Sequence[ScheduleRow], of_service: Sequence[ScheduleRow],
                    of_location: Sequence[ScheduleRow]) -> list[ScheduleRow]:
    """HSDS: the most specific regular schedule wins (service at location, then service, then
    location); a curator's exceptions count at every level (a closure set on the service closes
    each of its places)."""
    regular = ([r for r in at_place if not is_exception(r)] or [r for r in of_service if not is_exception(r)]
               or [r for r in of_location if not is_exception(r)])
    return regular + [r for r in (*at_place, *of_service, *of_location) if is_exception(r)]


def open_slots(rows: Iterable[ScheduleRow], today: dt.date, holiday_rule: str | None = None) -> list[int]:
    """The sorted open slots of the seven days from `today` (see the module docstring).

    `closes_at` before `opens_at` runs past midnight (19:00–07:00); 00:00–24:00, or equal opening
    and closing times, means the whole day.
    """
    slots: set[int] = set()
    rows = list(rows)
    rule = holidays.parse_rule(holiday_rule)
    every_day = opens_every_day(rows)
    for offset in range(7):
        day = today + dt.timedelta(days=offset)
        base = day.weekday() * SLOTS_PER_DAY
        for row in rows_for_day(rows, day, rule, every_day)[0]:
            opens, closes = _minutes(row.get("opens_at")), _minutes(row.get("closes_at"))
            if opens is None or closes is None or not _occurs(row, day):
                continue
            if closes <= opens:
                closes += 24 * 60  # overnight, or all day when equal
            first = opens // SLOT_MINUTES
            last = -(-closes // SLOT_MINUTES)  # exclusive; a partial slot counts as open
            for slot in range(first, last):
                slots.add((base + slot) % SLOTS_PER_WEEK)
    return sorted(slots)


def compact(rows: Iterable[ScheduleRow]) -> list[DisplayedSchedule]:
    """Schedule rows for display: days, hours, validity and notes, in both languages."""
    out: list[DisplayedSchedule] = []
    for row in rows:
        out.append({
            "freq": row.get("freq") or "WEEKLY",
            "byday": row.get("byday") or "",
            "opens_at": row.get("opens_at") or "",
            "closes_at": row.get("closes_at") or "",
            "valid_from": row["valid_from"].isoformat() if row.get("valid_from") else None,
            "valid_to": row["valid_to"].isoformat() if row.get("valid_to") else None,
            "exception": row.get("exception") or None,
            "description_fr": row.get("description_fr"),
            "description_en": row.get("description_en"),
            "notes_fr": row.get("notes_fr"),
            "notes_en": row.get("notes_en"),
        })
    out.sort(key=lambda r: (_first_day(r["byday"]), r["opens_at"]))
    return out


def _first_day(byday: str) -> int:
    days = _days(byday)
    return min((w for _, w in days), default=7)
