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

A slot counts as open when the service is open at any moment of it (opening hours are nearly always
on quarter hours; for the odd 08:20 opening we prefer "open" five minutes early to missing a
service a person could still reach).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypedDict
from zoneinfo import ZoneInfo

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


def open_slots(rows: Iterable[ScheduleRow], today: dt.date) -> list[int]:
    """The sorted open slots of the seven days from `today` (see the module docstring).

    `closes_at` before `opens_at` runs past midnight (19:00–07:00); 00:00–24:00, or equal opening
    and closing times, means the whole day.
    """
    slots: set[int] = set()
    for offset in range(7):
        day = today + dt.timedelta(days=offset)
        base = day.weekday() * SLOTS_PER_DAY
        for row in rows:
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
