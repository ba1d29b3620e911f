"""Québec's holidays, computed for any year (never a list per year), and a service's holiday rule.

Statutory holidays (jours fériés) as the Loi sur les normes du travail (LNT, RLRQ c. N-1.1, art. 60)
and the Loi sur la fête nationale (RLRQ c. F-1.1) set them:

* 1 January; Good Friday and Easter Monday (the LNT lets an employer choose one of the two; public
  bodies close both, and so does a service's "closed on holidays" here); the Monday before 25 May
  (Journée nationale des patriotes: 18 to 24 May); 24 June, **25 June when the 24th is a Sunday**
  (Loi sur la fête nationale, art. 2); **1 July, or 2 July when the 1st is a Sunday** (LNT art. 60);
  the first Monday of September; the second Monday of October; 25 December. New Year's Day and
  Christmas do not move (the LNT gives no substitute day).
* Easter by the Gregorian computus (the anonymous algorithm, Meeus/Jones/Butcher).

Common closures, not statutory, noted so that a service can say it keeps them: 1 July, moving day
(le jour du déménagement, most leases end on 30 June), and 2 January.

A service's holiday rule (`service.holiday_rule`, a short string):

* empty (the default, `AUTO`): closed on every statutory holiday, **unless its regular hours cover
  all seven days of the week** — shelters, crisis lines, 24/7 services keep no weekly closing day,
  and a default that closed them on Christmas would hide them on the days they matter most;
* ``closed``: closed on every statutory holiday, even a seven-day service;
* ``open``: open on holidays, regular hours;
* ``closed:KEY,KEY…``: closed on the listed days only (statutory or common closures, `KEYS`).

A curator's exceptional closure or special hours (a schedule row with `exception`, see
indexer/schedule.py and portal/display/hours.py) wins over this rule on the days it covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

AUTO, CLOSED, OPEN, LISTED = "auto", "closed", "open", "listed"


@dataclass(frozen=True)
class Holiday:
    key: str
    date: dt.date
    name_fr: str
    name_en: str
    statutory: bool  # False: a common closure, not a jour férié
    moved: bool = False  # observed on another day than its own (Sunday rule)


# key -> (French name, English name, statutory); the order of the staff form's choices.
NAMES: dict[str, tuple[str, str, bool]] = {
    "new_year": ("Jour de l'An", "New Year's Day", True),
    "jan_2": ("Lendemain du jour de l'An", "Day after New Year's Day", False),
    "good_friday": ("Vendredi saint", "Good Friday", True),
    "easter_monday": ("Lundi de Pâques", "Easter Monday", True),
    "patriotes": ("Journée nationale des patriotes", "National Patriots' Day", True),
    "fete_nationale": ("Fête nationale du Québec", "Québec's National Holiday (Fête nationale)", True),
    "moving_day": ("Jour du déménagement", "Moving Day", False),
    "canada_day": ("Fête du Canada", "Canada Day", True),
    "labour_day": ("Fête du Travail", "Labour Day", True),
    "thanksgiving": ("Action de grâce", "Thanksgiving", True),
    "christmas": ("Noël", "Christmas Day", True),
}
KEYS = tuple(NAMES)
STATUTORY = tuple(k for k, (_, _, statutory) in NAMES.items() if statutory)


def easter(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _nth_monday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def _not_sunday(day: dt.date) -> tuple[dt.date, bool]:
    return (day + dt.timedelta(days=1), True) if day.weekday() == 6 else (day, False)


@lru_cache(maxsize=64)
def holidays(year: int) -> tuple[Holiday, ...]:
    """The year's statutory holidays and common closures, by date."""
    if not 1583 <= year <= 9998:
        raise ValueError(f"year out of range: {year}")
    sunday = easter(year)
    may_25 = dt.date(year, 5, 25)
    dates: dict[str, tuple[dt.date, bool]] = {
        "new_year": (dt.date(year, 1, 1), False),
        "jan_2": (dt.date(year, 1, 2), False),
        "good_friday": (sunday - dt.timedelta(days=2), False),
        "easter_monday": (sunday + dt.timedelta(days=1), False),
        # The Monday before 25 May: 18..24 May (25 May itself when a Monday is not "before").
        "patriotes": (may_25 - dt.timedelta(days=may_25.weekday() or 7), False),
        "fete_nationale": _not_sunday(dt.date(year, 6, 24)),
        "moving_day": (dt.date(year, 7, 1), False),
        "canada_day": _not_sunday(dt.date(year, 7, 1)),
        "labour_day": (_nth_monday(year, 9, 1), False),
        "thanksgiving": (_nth_monday(year, 10, 2), False),
        "christmas": (dt.date(year, 12, 25), False),
    }
    found = [Holiday(key, day, *NAMES[key], moved=moved) for key, (day, moved) in dates.items()]
    return tuple(sorted(found, key=lambda h: (h.date, not h.statutory)))


@lru_cache(maxsize=4096)
def on(day: dt.date) -> tuple[Holiday, ...]:
    """The holidays and common closures falling on `day` (statutory first)."""
    return tuple(h for h in holidays(day.year) if h.date == day)


@lru_cache(maxsize=256)
def between(start: dt.date, end: dt.date) -> tuple[Holiday, ...]:
    """The holidays and common closures from `start` to `end` (both included), by date."""
    return tuple(h for year in range(start.year, end.year + 1) for h in holidays(year) if start <= h.date <= end)


@dataclass(frozen=True)
class HolidayRule:
    mode: str  # AUTO, CLOSED, OPEN or LISTED
    keys: frozenset[str] = frozenset()

    def text(self) -> str | None:
        """The stored form (None for the default)."""
        if self.mode == LISTED:
            return "closed:" + ",".join(k for k in KEYS if k in self.keys)
        return None if self.mode == AUTO else self.mode


class InvalidRule(ValueError):
    pass


@lru_cache(maxsize=256)
def parse_rule(text: str | None, *, strict: bool = False) -> HolidayRule:
    """A stored rule; unknown keys are dropped (or refused when `strict`, for imports and forms)."""
    value = (text or "").strip().lower()
    if value in ("", AUTO):
        return HolidayRule(AUTO)
    if value in (CLOSED, OPEN):
        return HolidayRule(value)
    head, _, listed = value.partition(":")
    keys = [k.strip() for k in listed.split(",") if k.strip()]
    unknown = [k for k in keys if k not in NAMES]
    if head != CLOSED or (strict and (unknown or not keys)):
        if strict:
            raise InvalidRule(f"holiday rule {text!r}: use closed, open, or closed:KEY,… with keys among "
                              + ", ".join(KEYS))
        return HolidayRule(AUTO)
    return HolidayRule(LISTED, frozenset(k for k in keys if k in NAMES))


def closed_for(rule: HolidayRule, day: dt.date, every_day: bool) -> Holiday | None:
    """The holiday for which a service with `rule` is closed on `day`, if any. `every_day`: its
    regular hours cover all seven days of the week (the default rule keeps such a service open)."""
    if rule.mode == OPEN:
        return None
    for holiday in on(day):
        if rule.mode == LISTED:
            if holiday.key in rule.keys:
                return holiday
        elif holiday.statutory and (rule.mode == CLOSED or not every_day):
            return holiday
    return None


@lru_cache(maxsize=1024)
def closing_days(rule: HolidayRule, start: dt.date, end: dt.date, every_day: bool) -> dict[dt.date, Holiday]:
    """`closed_for` over [start, end]: the days a service with `rule` is closed, and why. Cached:
    a results page asks it for each hit with the same window (do not mutate the answer)."""
    found: dict[dt.date, Holiday] = {}
    for holiday in between(start, end):
        if holiday.date not in found:
            closing = closed_for(rule, holiday.date, every_day)
            if closing is not None:
                found[holiday.date] = closing
    return found
