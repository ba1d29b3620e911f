"""Opening hours from HSDS schedules (RRULE parts): the week's table, open now, next opening.

Occurrences come from python-dateutil's `rrule`; a slot is the occurrence's day plus opens_at →
closes_at read in America/Montreal. Closing at or before opening means the slot runs past
midnight (winter shelters, 19 h → 7 h); 00:00 → 24:00 is open all day.

Québec holidays and curators' exceptions, as the index applies them (indexer/schedule.py,
docs/holidays.md): on a day an exception row covers (`exception` closed or hours, valid_from ..
valid_to), its hours replace the regular ones; else, on a holiday the service keeps (its
`holiday_rule`, directory/holidays.py) the day has no opening. The week table names the holiday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import rrule

from directory import holidays

TZ = ZoneInfo("America/Montreal")
WEEKDAYS = {"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH, "FR": rrule.FR,
            "SA": rrule.SA, "SU": rrule.SU}
FREQS = {"WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY, "DAILY": rrule.DAILY, "YEARLY": rrule.YEARLY}
FAR_PAST = dt.date(2000, 1, 3)  # a Monday


@dataclass(frozen=True)
class Slot:
    start: dt.datetime  # aware, America/Montreal
    end: dt.datetime
    opens: dt.time
    closes: dt.time
    all_day: bool

    def contains(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Day:
    date: dt.date
    slots: tuple[Slot, ...]
    is_today: bool
    holiday: holidays.Holiday | None = None  # the day's holiday or common closure, kept or not
    closed_for: holidays.Holiday | None = None  # the holiday that closes the service this day
    exception: object | None = None  # the curator's exception row covering the day (closure or hours)


@dataclass(frozen=True)
class Hours:
    week: tuple[Day, ...]  # Monday to Sunday of the current week
    open_now: bool
    closes_at: Slot | None  # the slot open now
    next_opening: Slot | None
    notes: tuple  # schedule records with notes or descriptions, for the template
    valid_until: dt.datetime | None = None  # when open now / next opening next changes (page caches)
    exceptions: tuple = ()  # the curators' exceptional closures and special hours not yet over

    @property
    def known(self) -> bool:
        return any(day.slots for day in self.week) or self.next_opening is not None or self.open_now


def _clock(text: str | None) -> dt.time | None:
    if not text:
        return None
    hours, _, minutes = text.partition(":")
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24:
        return dt.time(0, 0)
    return dt.time(hour, minute)


parse_clock = _clock


def _rule(schedule, window_start: dt.date) -> rrule.rrule | None:
    freq = FREQS.get((schedule.freq or "WEEKLY").upper())
    if freq is None:
        return None
    byday = [WEEKDAYS[d.strip()[-2:]] for d in (schedule.byday or "").split(",") if d.strip()[-2:] in WEEKDAYS]
    bymonthday = [int(d) for d in (schedule.bymonthday or "").split(",") if d.strip().lstrip("-").isdigit()]
    interval = schedule.interval or 1
    start = schedule.dtstart or FAR_PAST
    # Without COUNT or INTERVAL > 1 the phase does not matter, so skip the years before the window.
    if not schedule.count and interval == 1 and start < window_start - dt.timedelta(days=7):
        start = window_start - dt.timedelta(days=7)
    kwargs = {"dtstart": dt.datetime.combine(start, dt.time()), "interval": interval}
    if byday:
        kwargs["byweekday"] = byday
    if bymonthday:
        kwargs["bymonthday"] = bymonthday
    if schedule.until:
        kwargs["until"] = dt.datetime.combine(schedule.until, dt.time(23, 59))
    elif schedule.count:
        kwargs["count"] = schedule.count
    return rrule.rrule(freq, **kwargs)


EXCEPTION_KINDS = ("closed", "hours")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def is_exception(schedule) -> bool:
    return getattr(schedule, "exception", None) in EXCEPTION_KINDS


@lru_cache(maxsize=1024)
def _weekdays(byday: str | None) -> frozenset[int]:
    return frozenset(DAY_CODES.index(d.strip()[-2:]) for d in (byday or "").upper().split(",")
                     if d.strip()[-2:] in DAY_CODES)


def covers(exception, day: dt.date) -> bool:
    """Whether an exception row applies on `day`: within its dates, on its days when it lists some."""
    if exception.valid_from and day < exception.valid_from:
        return False
    if exception.valid_to and day > exception.valid_to:
        return False
    days = _weekdays(exception.byday)
    return not days or day.weekday() in days


def opens_every_day(schedules) -> bool:
    """The regular weekly hours cover all seven weekdays (see directory.holidays, the default rule)."""
    days: set[int] = set()
    for s in schedules:
        if is_exception(s) or not s.opens_at:
            continue
        freq = (s.freq or "WEEKLY").upper()
        if freq == "DAILY" or (freq == "WEEKLY" and not _weekdays(s.byday)):
            return True
        if freq == "WEEKLY":
            days |= _weekdays(s.byday)
    return len(days) == 7


@dataclass(frozen=True)
class DayRule:
    """What decides a day's hours: a covering exception, a holiday that closes it, or neither."""

    exceptions: tuple  # the exception rows covering the day (their hours replace the regular ones)
    closed_for: holidays.Holiday | None


def _slot(day: dt.date, opens: dt.time, closes: dt.time, all_day: bool) -> Slot:
    finish_day = day + dt.timedelta(days=1) if closes <= opens else day
    return Slot(dt.datetime.combine(day, opens, TZ), dt.datetime.combine(finish_day, closes, TZ), opens, closes,
                all_day)


def special_days(schedules, start: dt.date, end: dt.date, holiday_rule: str | None) -> dict[dt.date, DayRule]:
    """The days of [start, end] whose hours are not the regular ones: covered by an exception, or
    closed by a holiday the service keeps. Most services have neither in a 3-week window: the
    holidays of the window are looked up once (cached), not day by day."""
    found: dict[dt.date, DayRule] = {}
    exceptions = [s for s in schedules if is_exception(s)]
    if exceptions:
        for offset in range((end - start).days + 1):
            day = start + dt.timedelta(days=offset)
            covering = tuple(e for e in exceptions if covers(e, day))
            if covering:
                found[day] = DayRule(covering, None)
    if holidays.between(start, end):
        rule = holidays.parse_rule(holiday_rule)
        if rule.mode != holidays.OPEN:
            every_day = rule.mode == holidays.AUTO and opens_every_day(schedules)
            for day, closing in holidays.closing_days(rule, start, end, every_day).items():
                if day not in found:
                    found[day] = DayRule((), closing)
    return found


def slots(schedules, start: dt.date, end: dt.date, holiday_rule: str | None = None) -> list[Slot]:
    """Every opening slot that starts on a day in [start, end], sorted, holidays and exceptions
    applied (`holiday_rule`: the service's, directory.holidays)."""
    schedules = list(schedules)
    special = special_days(schedules, start, end, holiday_rule)
    found: list[Slot] = []
    for schedule in schedules:
        opens, closes = _clock(schedule.opens_at), _clock(schedule.closes_at)
        if opens is None or closes is None:
            continue
        all_day = opens == dt.time(0) and (schedule.closes_at or "").startswith("24")
        if is_exception(schedule):
            if schedule.exception == "hours":
                found.extend(_slot(day, opens, closes, all_day) for day, decided in special.items()
                             if schedule in decided.exceptions)
            continue
        rule_ = _rule(schedule, start)
        if rule_ is None:
            continue
        for occurrence in rule_.between(dt.datetime.combine(start, dt.time()),
                                        dt.datetime.combine(end, dt.time(23, 59)), inc=True):
            day = occurrence.date()
            if schedule.valid_from and day < schedule.valid_from:
                continue
            if schedule.valid_to and day > schedule.valid_to:
                continue
            if day in special:
                continue
            found.append(_slot(day, opens, closes, all_day))
    return sorted(found, key=lambda s: s.start)


@dataclass(frozen=True)
class OpenStatus:
    """What a results page shows: open now (until when) or the next opening; `Hours` without the week."""

    open_now: bool
    closes_at: Slot | None
    next_opening: Slot | None
    valid_from: dt.datetime  # the answer holds for every moment in [valid_from, valid_until)
    valid_until: dt.datetime


def open_status(schedules, now: dt.datetime | None = None, holiday_rule: str | None = None) -> OpenStatus:
    now = (now or dt.datetime.now(TZ)).astimezone(TZ)
    today = now.date()
    nearby = slots(schedules, today - dt.timedelta(days=1), today + dt.timedelta(days=21), holiday_rule)
    current = next((s for s in nearby if s.contains(now)), None)
    upcoming = next((s for s in nearby if s.start > now), None)
    # The answer changes when the open slot ends, the next one starts, or the 3-week window moves.
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), TZ)
    changes = [midnight] + [t for t in (current and current.end, upcoming and upcoming.start) if t]
    # ... and it has held since the last of those events (for a `now` earlier than a cached answer's).
    day_start = dt.datetime.combine(today, dt.time(), TZ)
    since = max([day_start] + [s.start for s in nearby if s.start <= now] + [s.end for s in nearby if s.end <= now])
    return OpenStatus(current is not None, current, upcoming, since, min(changes))


def service_schedules(service) -> list:
    """A directory service's schedule records, as its page reads them. HSDS: the most specific
    schedule wins (service at location, then service, then location), as in the search document
    (indexer/document.py), so the service page, the emergency page and "open now" agree."""
    at_places = [s for sal in service.service_at_locations for s in sal.schedules]
    of_locations = [s for sal in service.service_at_locations for s in sal.location.schedules]
    regular = ([s for s in at_places if not is_exception(s)]
               or [s for s in service.schedules if not is_exception(s)]
               or [s for s in of_locations if not is_exception(s)])
    # A curator's exceptions count at every level (indexer.schedule.applicable_rows).
    return regular + [s for s in (*at_places, *service.schedules, *of_locations) if is_exception(s)]


def hours(schedules, now: dt.datetime | None = None, holiday_rule: str | None = None) -> Hours:
    now = (now or dt.datetime.now(TZ)).astimezone(TZ)
    today = now.date()
    monday = today - dt.timedelta(days=today.weekday())
    schedules = list(schedules)
    week_slots = slots(schedules, monday, monday + dt.timedelta(days=6), holiday_rule)
    exceptions = [s for s in schedules if is_exception(s)]
    special = special_days(schedules, monday, monday + dt.timedelta(days=6), holiday_rule)
    week = []
    for day in (monday + dt.timedelta(days=i) for i in range(7)):
        decided = special.get(day, DayRule((), None))
        week.append(Day(day, tuple(s for s in week_slots if s.start.date() == day), day == today,
                        next(iter(holidays.on(day)), None), decided.closed_for,
                        decided.exceptions[0] if decided.exceptions else None))
    status = open_status(schedules, now, holiday_rule)
    note_fields = ("notes_fr", "notes_en", "description_fr", "description_en")
    notes = tuple(s for s in schedules if not is_exception(s) and any(getattr(s, f, None) for f in note_fields))
    upcoming = tuple(s for s in exceptions if not s.valid_to or s.valid_to >= today)
    return Hours(tuple(week), status.open_now, status.closes_at, status.next_opening, notes, status.valid_until,
                 upcoming)


# -- results pages: the same answer for the search documents' compact schedule rows, memoized -----
#
# Twenty results per page, each with its schedule expanded by rrule over three weeks, cost ~5 ms a
# page. Many services share a schedule (Monday to Friday, 9 to 17), and a schedule's answer holds
# until its next opening or closing, so it is kept per compact schedule until then: exact, not
# rounded to a time slot. Bounded; cleared when full (a day's distinct schedules fit easily).

CompactKey = tuple[tuple[str | None, ...], ...]
_STATUS_CACHE: dict[CompactKey, OpenStatus] = {}
STATUS_CACHE_SIZE = 20_000
_COMPACT_FIELDS = ("freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "exception")


@dataclass(frozen=True)
class _CompactRow:
    """A document's compact schedule row shaped like a Schedule record for `slots`."""

    freq: str | None
    byday: str | None
    opens_at: str | None
    closes_at: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    exception: str | None = None
    description_fr: str | None = None
    description_en: str | None = None
    dtstart: None = None
    until: None = None
    count: None = None
    interval: int = 1
    bymonthday: None = None


def compact_key(rows: list[dict], holiday_rule: str | None = None) -> CompactKey:
    """The memo key of a document's `schedule` rows and its `holiday_rule` (the rule last)."""
    return (*(tuple(row.get(f) for f in _COMPACT_FIELDS) for row in rows), (holiday_rule,))


def compact_rows(key: CompactKey) -> list[_CompactRow]:
    return [_CompactRow(freq, byday, opens, closes, dt.date.fromisoformat(start) if start else None,
                        dt.date.fromisoformat(end) if end else None, exception)
            for freq, byday, opens, closes, start, end, exception in key[:-1]]


def document_schedules(rows: list[dict]) -> list[_CompactRow]:
    """A search document's `schedule` rows shaped like Schedule records, for `hours` and `slots`
    (an exception keeps its description: the week table says why a day is closed)."""
    shaped = compact_rows(compact_key(rows))
    return [replace(s, description_fr=row.get("description_fr"), description_en=row.get("description_en"))
            if s.exception else s for s, row in zip(shaped, rows, strict=True)]


def clear_status_cache() -> None:
    """Forget the memoized answers (benchmarks measure the cold case)."""
    _STATUS_CACHE.clear()


@lru_cache(maxsize=4096)
def _rows_every_day(rows: CompactKey) -> bool:
    return opens_every_day(compact_rows((*rows, (None,))))


def _window_key(key: CompactKey, today: dt.date) -> CompactKey:
    """The memo key: what can change `open_status` today, so that more services share one answer.
    The holiday rule becomes the days it closes in the 3-week window (none most of the year: then
    "closed on holidays", "open" and the default all agree); exceptions that end before the
    window or start after it are left out."""
    first, last = today - dt.timedelta(days=1), today + dt.timedelta(days=21)
    rows, rule_text = key[:-1], key[-1][0]
    if any(row[6] for row in rows):
        since, until = first.isoformat(), last.isoformat()
        rows = tuple(row for row in rows if not row[6] or not ((row[5] and row[5] < since)
                                                              or (row[4] and row[4] > until)))
    closed: tuple = ()
    if holidays.between(first, last):
        rule = holidays.parse_rule(rule_text)
        if rule.mode != holidays.OPEN:
            every_day = rule.mode == holidays.AUTO and _rows_every_day(rows)
            closed = tuple(holidays.closing_days(rule, first, last, every_day))
    return (*rows, closed)


def compact_open_status(key: CompactKey, now: dt.datetime) -> OpenStatus:
    """`open_status` of a search document's `schedule` rows and holiday rule (see `compact_key`),
    memoized."""
    memo = _window_key(key, now.astimezone(TZ).date())
    found = _STATUS_CACHE.get(memo)
    if found is not None and found.valid_from <= now < found.valid_until:
        return found
    found = open_status(compact_rows(key), now, key[-1][0])
    if len(_STATUS_CACHE) >= STATUS_CACHE_SIZE:
        _STATUS_CACHE.clear()
    _STATUS_CACHE[memo] = found
    return found
