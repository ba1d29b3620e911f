"""The parts of a demo service left to chance once its template is chosen: the ages it serves, its
opening hours, the languages it is offered in and its cost."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from directory.demo import catalogue
from directory.demo.rows import DemoData, weighted
from directory.models import CostOption, Language, Schedule

WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


class ServiceDetails:
    """Draws from the builder's random generator, in the builder's order: same seed, same rows."""

    def __init__(self, rng: random.Random, new_id: Callable[[], str], data: DemoData, today: dt.date) -> None:
        self.rng = rng
        self.new_id = new_id
        self.data = data
        self.today = today
        self.languages = [lang for lang in catalogue.LANGUAGES if lang[0] not in ("fr", "en")]
        self.language_weights = [lang[3] for lang in self.languages]
        self.language_names = {lang[0]: (lang[1], lang[2]) for lang in catalogue.LANGUAGES}

    def ages(self, groups: tuple[str, ...]) -> tuple[int | None, int | None]:
        """Ages a counsellor would record for a service aimed at these groups."""
        wanted = set(groups)
        if not wanted or "all" in wanted:
            return None, None
        if wanted == {"children"}:
            return 0, 12
        if wanted == {"children", "youth"}:
            return 0, 17
        if wanted == {"youth"}:
            return self.rng.choice(((12, 17), (16, 24), (16, 35)))
        if wanted == {"youth", "adults"}:
            return 16, 35
        if wanted == {"seniors"}:
            return self.rng.choice((65, 65, 60, 50)), None
        if wanted <= {"adults", "seniors"}:
            return 18, None
        return None, None

    def _schedule(self, service_id: str, byday: str, opens: str, closes: str, **extra: Any) -> None:
        row = {
            "id": self.new_id(), "service_id": service_id, "location_id": None,
            "service_at_location_id": None, "valid_from": None, "valid_to": None,
            "dtstart": None, "timezone": -5.0, "until": None, "count": None, "wkst": "MO",
            "freq": "WEEKLY", "interval": 1, "byday": byday, "byweekno": None, "bymonthday": None,
            "byyearday": None, "opens_at": opens, "closes_at": closes, "schedule_link": None,
            "attending_type": "in_person", "description_fr": None, "description_en": None,
            "notes_fr": None, "notes_en": None,
        }
        row.update(extra)
        self.data.add(Schedule, row)

    def add_schedules(self, service_id: str, kind: str, english: bool, since: dt.date) -> None:
        rng = self.rng
        start = since.replace(month=1, day=1)
        if kind in ("office", "appointment"):
            opens = rng.choice(("08:30", "09:00"))
            closes = rng.choice(("16:00", "16:30", "17:00"))
            notes = ("Sur rendez-vous seulement", "By appointment only") if kind == "appointment" else (None, None)
            self._schedule(service_id, WEEKDAYS, opens, closes, dtstart=start, notes_fr=notes[0],
                           notes_en=notes[1] if english else None)
        elif kind == "office_lunch":
            for opens, closes in (("08:30", "12:00"), ("13:00", "16:30")):
                self._schedule(service_id, WEEKDAYS, opens, closes, dtstart=start,
                               notes_fr="Fermé le midi", notes_en="Closed at lunchtime" if english else None)
        elif kind == "evenings":
            self._schedule(service_id, "MO,TU,WE,TH", "18:00", "21:00", dtstart=start)
        elif kind == "weekend":
            self._schedule(service_id, "SA,SU", "10:00", "16:00", dtstart=start)
            if rng.random() < 0.5:
                self._schedule(service_id, "WE,TH,FR", "12:00", "20:00", dtstart=start)
        elif kind == "always":
            self._schedule(service_id, EVERY_DAY, "00:00", "24:00", dtstart=start,
                           description_fr="24 heures sur 24, 7 jours sur 7",
                           description_en="24 hours a day, 7 days a week" if english else None)
        elif kind == "seasonal_winter":
            year = self.today.year if self.today.month >= 11 else self.today.year - 1
            self._schedule(service_id, EVERY_DAY, "19:00", "07:00", dtstart=start,
                           valid_from=dt.date(year, 11, 15), valid_to=dt.date(year + 1, 4, 15),
                           notes_fr="Ouvert l'hiver seulement, de la mi-novembre à la mi-avril",
                           notes_en="Winter only, mid-November to mid-April" if english else None)
        elif kind == "seasonal_summer":
            year = self.today.year
            self._schedule(service_id, WEEKDAYS, "09:00", "15:00", dtstart=start,
                           valid_from=dt.date(year, 6, 20), valid_to=dt.date(year, 8, 20),
                           notes_fr="Été seulement", notes_en="Summer only" if english else None)
        else:  # weekly_day: one half-day a week, as many food distributions run
            day = rng.choice(("MO", "TU", "WE", "TH", "FR"))
            opens = rng.choice(("09:00", "13:00", "13:30"))
            closes = {"09:00": "12:00", "13:00": "16:00", "13:30": "15:30"}[opens]
            self._schedule(service_id, day, opens, closes, dtstart=start)

    def add_languages(self, service_id: str, english: bool, region: str) -> None:
        codes = ["fr"]
        if english or self.rng.random() < 0.35:
            codes.append("en")
        extra = self.rng.choices((0, 1, 2, 3), weights=(55, 25, 13, 7))[0] if region in ("06", "13") else (
            self.rng.choices((0, 1), weights=(85, 15))[0]
        )
        for _ in range(extra):
            code = weighted(self.rng, self.languages, self.language_weights)[0]
            if code not in codes:
                codes.append(code)
        for code in codes:
            name_fr, _name_en = self.language_names[code]
            self.data.add(
                Language,
                {"id": self.new_id(), "service_id": service_id, "location_id": None, "phone_id": None,
                 "name": name_fr, "code": code, "note": None},
            )

    def add_cost(self, service_id: str, kind: str, english: bool) -> None:
        if kind == "free":
            row = {"option_fr": "Gratuit", "option_en": "Free", "amount": Decimal("0.00"),
                   "amount_description_fr": None, "amount_description_en": None}
        elif kind == "sliding":
            row = {"option_fr": "Tarif selon le revenu", "option_en": "Income-based rate",
                   "amount": None,
                   "amount_description_fr": "Contribution volontaire ou établie selon le revenu du ménage",
                   "amount_description_en": "Voluntary or income-based contribution"}
        else:
            amount = self.rng.choice((2, 3, 5, 10, 15, 25))
            row = {"option_fr": "Tarif fixe", "option_en": "Fixed fee", "amount": Decimal(f"{amount}.00"),
                   "amount_description_fr": f"{amount} $ par visite ou par inscription",
                   "amount_description_en": f"${amount} per visit or registration"}
        if not english:
            row["option_en"] = row["amount_description_en"] = None
        self.data.add(
            CostOption,
            {"id": self.new_id(), "service_id": service_id, "valid_from": None, "valid_to": None,
             "currency": "CAD", **row},
        )
