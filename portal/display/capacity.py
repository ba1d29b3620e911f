"""Live capacity as pages say it: "12 lits disponibles · mis à jour il y a 2 h" / "12 beds
available · updated 2 hrs ago" while the count is fresh, "disponibilité à confirmer" / "availability
to be confirmed" once it is older than its unit's limit (directory/capacity.py, docs/capacity.md).

Read from the search document's `capacities` (results, lists, the crisis page) or from the
directory's rows (the service page): the same dicts either way (`from_rows`). Freshness is decided
when the page renders, and `valid_until` tells the page caches when the sentence changes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_timedelta
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from directory.capacity import aware, fresh_until
from directory.vocabulary import CAPACITY_UNITS
from portal.i18n import current_lang
from portal.locales import UI_LOCALES, content_lang


@dataclass(frozen=True)
class CapacityView:
    unit: str
    available: int
    maximum: int | None
    updated: dt.datetime
    fresh: bool
    text: str  # the whole sentence
    valid_until: dt.datetime  # when `text` changes next (fresh -> to be confirmed, or the "ago")


def _words(item: Mapping[str, Any], count: int, lang: str) -> str:
    unit = CAPACITY_UNITS.get(item.get("unit") or "")
    if unit is None:  # an imported unit: its own name
        return str(item.get(f"name_{lang}") or item.get("name_fr") or item.get("unit") or "")
    if lang == "en":
        return unit.one_en if count == 1 else unit.many_en
    return unit.one_fr if count <= 1 else unit.many_fr  # French: 0 and 1 take the singular


def _parse(value: Any) -> dt.datetime:
    return aware(value) if isinstance(value, dt.datetime) else _parse_text(str(value))


@functools.lru_cache(maxsize=20_000)
def _parse_text(value: str) -> dt.datetime:
    return aware(dt.datetime.fromisoformat(value))


# Babel's units for "updated … ago" (`format_timedelta`, threshold 1): the largest unit the age
# reaches, rounded as Babel rounds; the sentence is memoized on that, not on the exact age.
_AGE_UNITS = (("year", 31_536_000), ("month", 2_592_000), ("week", 604_800), ("day", 86_400),
              ("hour", 3_600), ("minute", 60), ("second", 1))


def _age_key(age: dt.timedelta) -> tuple[str, int, int]:
    seconds = abs(age.total_seconds())
    if seconds < 60:
        return "now", 0, 0  # "updated just now", not "0 s ago"
    for unit, size in _AGE_UNITS:
        if seconds / size >= 1.0:
            return unit, size, max(1, int(round(seconds / size)))
    return "second", 1, 0


@functools.lru_cache(maxsize=4096)
def _sentence(locale: str, page: str, unit: str, name: str, available: int, fresh: bool,
              age: tuple[str, int, int]) -> str:
    """The sentence for one count: gettext and Babel once per distinct (language, unit, number,
    freshness, displayed age), not once per card (a results page repeats them)."""
    if age[0] == "now":
        ago = _("updated just now")
    else:
        ago = _("updated %(ago)s ago", ago=format_timedelta(dt.timedelta(seconds=age[1] * age[2]), format="short",
                                                             threshold=1.0, locale=UI_LOCALES[page].babel))
    if fresh:
        counted = ngettext("%(num)s %(unit)s available", "%(num)s %(unit)s available", available,
                           unit=_words({"unit": unit, "name_fr": name, "name_en": name}, available,
                                       content_lang(page)))
        return f"{counted} · {ago}"
    unconfirmed = _("Availability to be confirmed")
    return f"{unconfirmed} · {ago}"


def view(item: Mapping[str, Any], now: dt.datetime, lang: str | None = None) -> CapacityView:
    """One count (a document's `capacities` item) as the page in `lang` says it at `now`."""
    page = lang or current_lang()
    lang = content_lang(page)
    updated = _parse(item["updated"])
    ends = fresh_until(updated, item.get("unit"))
    age = max(dt.timedelta(0), now - updated)
    available = int(item["available"])
    name = "" if item.get("unit") in CAPACITY_UNITS else str(item.get(f"name_{lang}") or item.get("name_fr")
                                                            or item.get("unit") or "")
    text = _sentence(str(get_locale()), page, item.get("unit") or "", name, available, now < ends, _age_key(age))
    # The "ago" changes by the minute under an hour, by the hour under a day, then by the day.
    step = dt.timedelta(minutes=1) if age < dt.timedelta(hours=1) else \
        dt.timedelta(hours=1) if age < dt.timedelta(days=1) else dt.timedelta(days=1)
    changes = now + step - dt.timedelta(seconds=age.total_seconds() % step.total_seconds())
    if now < ends:
        changes = min(changes, ends)
    return CapacityView(item.get("unit") or "", available, item.get("maximum"), updated, now < ends, text, changes)


def views(items: Iterable[Mapping[str, Any]] | None, now: dt.datetime | None = None,
          lang: str | None = None) -> list[CapacityView]:
    moment = now or dt.datetime.now(dt.UTC)
    return [view(item, moment, lang) for item in items or ()]


def from_rows(capacities) -> list[dict[str, Any]]:
    """The directory's `ServiceCapacity` rows (with their unit) as a document's `capacities`."""
    return [{"unit": c.unit.identifier, "name_fr": c.unit.name_fr, "name_en": c.unit.name_en,
             "available": c.available, "maximum": c.maximum, "updated": aware(c.updated).isoformat()}
            for c in capacities]


def has_fresh_places(items: Iterable[Mapping[str, Any]] | None, now: dt.datetime) -> bool:
    """A count above 0 still fresh at `now` (the crisis page lists these services first)."""
    return any(int(i["available"]) > 0 and now < fresh_until(_parse(i["updated"]), i.get("unit"))
               for i in items or ())
