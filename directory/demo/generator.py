"""A deterministic, believable Québec demo directory.

`generate()` builds plain row dicts for every HSDS table from the content catalogue
(directory/demo/catalogue.py) and real geography (directory/geo.py: Québec places weighted by
population, real Montréal addresses); `build()` writes them with bulk Core inserts, which is what
makes 15,000 services fit well inside a minute. The same seed, size and reference date always give
the same rows, ids included. Dates (verification, crisis windows) are relative to `today` so a fresh
machine always has some records overdue for the annual review and some crisis services running.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, select

from directory import geo, taxonomy
from directory.db import session_scope
from directory.demo import catalogue
from directory.models import (
    Accessibility,
    Address,
    Attribute,
    Base,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Metadata,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

# Insertion order respects foreign keys; deletion goes the other way.
TABLE_ORDER = (
    Organization,
    Program,
    OrganizationIdentifier,
    Funding,
    Location,
    Address,
    Accessibility,
    Service,
    ServiceAtLocation,
    Phone,
    Schedule,
    Language,
    CostOption,
    RequiredDocument,
    ServiceArea,
    Contact,
    Attribute,
    Metadata,
)

# Share of organizations that publish in English, by region: higher where anglophone communities
# are (Montréal, Outaouais, Estrie, Laval), so ~45 % of services carry English overall.
ENGLISH_SHARE = {"06": 0.72, "07": 0.62, "05": 0.52, "13": 0.60, "16": 0.48, "15": 0.42}
ENGLISH_SHARE_DEFAULT = 0.30

AREA_CODES = {
    "06": ("514", "438"),
    "13": ("450", "579"),
    "14": ("450", "579"),
    "15": ("450", "579"),
    "16": ("450", "579"),
    "07": ("819", "873"),
    "04": ("819", "873"),
    "05": ("819", "873"),
    "08": ("819", "873"),
    "17": ("819", "873"),
}
AREA_CODES_DEFAULT = ("418", "581")

WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

FUNDERS = (
    "Centraide",
    "Ministère de la Santé et des Services sociaux (PSOC)",
    "Ministère de l'Emploi et de la Solidarité sociale",
    "Ministère de l'Immigration, de la Francisation et de l'Intégration",
    "Fondation Lucie et André Chagnon",
    "Emploi et Développement social Canada",
    "Société d'habitation du Québec",
    "Dons du public",
)

CONTACT_TITLES = (
    ("Coordination", "Coordination"),
    ("Direction générale", "Executive Director"),
    ("Intervention", "Outreach"),
    ("Accueil", "Reception"),
)

# Bodies every administrative region has (one per region, in its main city) ...
REGIONAL_KINDS = (
    "moisson", "aide_juridique", "prevention_suicide", "centre_crise", "cavac", "calacs",
    "transport_adapte", "reduction_mefaits", "accueil_immigrants",
)
# ... and services every sizeable town has.
LOCAL_KINDS = (
    "centre_entraide", "clsc", "refuge_itinerance", "maison_hebergement_femmes", "comite_logement",
    "carrefour_jeunesse_emploi", "office_habitation", "centre_action_benevole",
)

MONTREAL_SECTORS = ("Nord", "Sud", "Est", "Ouest", "Centre")


@dataclass
class DemoData:
    """Rows (column -> value) per model, in insertion order."""

    rows: dict[type[Base], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
        self.rows[model].append(row)
        return row

    def count(self, model: type[Base]) -> int:
        return len(self.rows[model])


@dataclass
class Stats:
    counts: dict[str, int]
    regions: int
    english_share: float
    languages: int
    seconds: float

    def summary(self) -> str:
        main = ", ".join(f"{self.counts[k]:,} {k}" for k in ("service", "organization", "location"))
        return (
            f"demo directory: {main}; {self.regions} regions; "
            f"{self.english_share:.0%} of services in English; {self.languages} service languages; "
            f"{sum(self.counts.values()):,} rows in {self.seconds:.1f} s"
        )


class _Ids:
    """UUIDs drawn from the seeded generator, so ids are reproducible."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    # Cut before stripping: a domain label may not end with a hyphen.
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())[:40].strip("-")


_CONTRACTIONS = (
    (re.compile(r"\b([dD])e (?=[AEIOUYÀÂÉÈÊÎÔaeiouyàâéèêîô])"), r"\1'"),
    (re.compile(r"\b([dD])e Le\b"), lambda m: "du" if m.group(1) == "d" else "Du"),
    (re.compile(r"\b([dD])e Les\b"), lambda m: "des" if m.group(1) == "d" else "Des"),
    (re.compile(r"\b([àÀ]) Le\b"), lambda m: "au" if m.group(1) == "à" else "Au"),
    (re.compile(r"\b([àÀ]) Les\b"), lambda m: "aux" if m.group(1) == "à" else "Aux"),
)


def french(text: str) -> str:
    """Contracts "de Alma" → "d'Alma", "de Le Bic" → "du Bic", "à Les Escoumins" → "aux Escoumins"."""
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


T = TypeVar("T")


def _weighted(rng: random.Random, items: list[T], weights: list[float]) -> T:
    return rng.choices(items, weights=weights, k=1)[0]


class _Builder:
    def __init__(self, services: int, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.new_id = _Ids(self.rng)
        self.today = today
        self.target_services = services
        self.data = DemoData()
        self.places = [p for p in geo.places() if p.region_code]
        # Population to the power 0.75 spreads services beyond the big cities, as real
        # directories do (every MRC has its food bank and CLSC), while keeping Montréal first.
        self.place_weights = [max(p.population, 500) ** 0.75 for p in self.places]
        self.montreal_sites = geo.montreal_sites()
        self.templates = catalogue.SERVICE_TEMPLATES
        self.kinds = list(catalogue.ORGANIZATION_KINDS)
        self.kind_weights = [k.weight for k in self.kinds]
        self.languages = [lang for lang in catalogue.LANGUAGES if lang[0] not in ("fr", "en")]
        self.language_weights = [lang[3] for lang in self.languages]
        self.language_names = {lang[0]: (lang[1], lang[2]) for lang in catalogue.LANGUAGES}
        self.used_org_names: set[str] = set()
        self.used_phones: set[str] = set()

    # -- places and addresses ------------------------------------------------------------------

    def _pick_place(self) -> geo.Place:
        return _weighted(self.rng, self.places, self.place_weights)

    def _postal_code(self, place: geo.Place) -> str:
        fsa = self.rng.choice(place.fsas) if place.fsas else "G0A"
        ldu = f"{self.rng.randint(1, 9)}{self.rng.choice('ABCEGHJKLMNPRSTVXY')}{self.rng.randint(0, 9)}"
        return f"{fsa} {ldu}"

    def _address(self, place: geo.Place) -> dict[str, Any]:
        if place.region_code == "06" and place.name.startswith("Montr") and self.montreal_sites:
            site = self.rng.choice(self.montreal_sites)
            return {
                "address_1": site.address_1,
                "city": "Montréal",
                "postal_code": site.postal_code or self._postal_code(place),
                "lat": site.lat,
                "lon": site.lon,
                "sector": site.borough,
            }
        # Scatter around the place centre: a few hundred metres in a village, a few km in a city.
        spread = min(0.002 + place.population / 4_000_000, 0.06)
        return {
            "address_1": f"{self.rng.randint(2, 2999)}, {self.rng.choice(catalogue.STREET_NAMES)}",
            "city": place.name,
            "postal_code": self._postal_code(place),
            "lat": round(place.lat + self.rng.gauss(0, spread), 6),
            "lon": round(place.lon + self.rng.gauss(0, spread * 1.4), 6),
            "sector": None,
        }

    def _phone_number(self, region: str) -> str:
        # 555 exchange: never a real subscriber, so the demo cannot send a caller to a stranger.
        # That leaves 20,000 numbers per pair of area codes: unique while they last (a 150,000-
        # service directory runs out in Montréal), then shared like a switchboard would be.
        for _ in range(20):
            code = self.rng.choice(AREA_CODES.get(region, AREA_CODES_DEFAULT))
            number = f"{code} 555-{self.rng.randint(0, 9999):04d}"
            if number not in self.used_phones:
                break
        self.used_phones.add(number)
        return number

    # -- organizations ------------------------------------------------------------------------

    def _org_name(self, kind: catalogue.OrganizationKind, lieu: str, sector: str | None) -> tuple[str, str]:
        index = self.rng.randrange(len(kind.names_fr))
        name_fr = french(kind.names_fr[index].format(lieu=lieu))
        name_en = kind.names_en[index].format(lieu=lieu)
        if name_fr in self.used_org_names:
            suffix = sector or self.rng.choice(MONTREAL_SECTORS)
            name_fr, name_en = f"{name_fr} — secteur {suffix}", f"{name_en} — {suffix} sector"
        n = 2
        base_fr, base_en = name_fr, name_en
        while name_fr in self.used_org_names:
            name_fr, name_en = f"{base_fr} ({n})", f"{base_en} ({n})"
            n += 1
        self.used_org_names.add(name_fr)
        return name_fr, name_en

    def _verified_on(self) -> dt.date:
        # Most records were confirmed within the year; a third is overdue, a few long overdue.
        bucket = self.rng.random()
        if bucket < 0.62:
            days = self.rng.randint(0, 364)
        elif bucket < 0.90:
            days = self.rng.randint(365, 729)
        else:
            days = self.rng.randint(730, 1095)
        return self.today - dt.timedelta(days=days)

    def _modified(self, verified_on: dt.date, hour: int) -> dt.datetime:
        """Last change at `hour` UTC of the verification day, but never after the start of `today`
        (UTC): a record verified today at 14:00 would otherwise be "modified" in the future until
        then, and a real edit made this morning would not count as the latest change (the open-data
        version, the API's Last-Modified)."""
        return min(dt.datetime.combine(verified_on, dt.time(hour), dt.UTC),
                   dt.datetime.combine(self.today, dt.time(0), dt.UTC))

    def organization(
        self,
        kind: catalogue.OrganizationKind | None = None,
        place: geo.Place | None = None,
        *,
        every_service: bool = False,
    ) -> None:
        kind = kind or _weighted(self.rng, self.kinds, self.kind_weights)
        place = place or self._pick_place()
        region = place.region_code
        english = self.rng.random() < ENGLISH_SHARE.get(region, ENGLISH_SHARE_DEFAULT)
        first_address = self._address(place)
        lieu = first_address["sector"] if first_address["sector"] and self.rng.random() < 0.6 else place.name
        name_fr, name_en = self._org_name(kind, lieu, first_address["sector"])
        slug = _slug(name_fr)
        org_id = self.new_id()
        d = self.rng.randrange(len(kind.descriptions_fr))
        verified_on = self._verified_on()
        org = self.data.add(
            Organization,
            {
                "id": org_id,
                "name_fr": name_fr,
                "name_en": name_en if english else None,
                "alternate_name_fr": None,
                "alternate_name_en": None,
                "description_fr": french(kind.descriptions_fr[d].format(lieu=lieu)),
                "description_en": kind.descriptions_en[d].format(lieu=lieu) if english else None,
                "email": f"info@{slug}.example.org",
                "website": f"https://{slug}.example.org",
                "legal_status": kind.legal_status,
                "logo": None,
                "uri": None,
                "year_incorporated": self.rng.randint(1965, 2022),
                "parent_organization_id": None,
                "verified_on": verified_on,
                "last_modified": self._modified(verified_on, 10),
            },
        )
        main_phone = self._phone_number(region)
        self.data.add(
            Phone,
            {"id": self.new_id(), "organization_id": org_id, "number": main_phone, "type": "voice",
             "description_fr": "Accueil", "description_en": "Reception" if english else None},
        )
        if kind.legal_status == "OBNL":
            self.data.add(
                OrganizationIdentifier,
                {"id": self.new_id(), "organization_id": org_id, "identifier_scheme": "CA-QC-NEQ",
                 "identifier_type": "NEQ", "identifier": f"11{self.rng.randint(10_000_000, 99_999_999)}"},
            )
        self.data.add(
            Funding,
            {"id": self.new_id(), "organization_id": org_id, "source": self.rng.choice(FUNDERS)},
        )

        locations = [self.location(org, place, first_address, english)]
        for _ in range(self.rng.choices((0, 1, 2), weights=(55, 35, 10))[0]):
            other = place if self.rng.random() < 0.7 else self._pick_place()
            locations.append(self.location(org, other, self._address(other), english))

        offered = list(dict.fromkeys(k for k in kind.service_keys if k in self.templates))
        self.rng.shuffle(offered)
        how_many = min(len(offered), self.rng.choices((1, 2, 3, 4), weights=(18, 38, 30, 14))[0])
        if every_service:
            how_many = len(offered)
        program_id = None
        if how_many >= 3 and self.rng.random() < 0.3:
            program_id = self.new_id()
            self.data.add(
                Program,
                {"id": program_id, "organization_id": org_id,
                 "name_fr": f"Programme de soutien communautaire — {lieu}",
                 "name_en": f"Community support program — {lieu}" if english else None,
                 "alternate_name_fr": None, "alternate_name_en": None,
                 "description_fr": "Ensemble des services offerts aux personnes et aux familles du territoire.",
                 "description_en": "All the services offered to people and families in the area." if english else None},
            )
        for key in offered[:how_many]:
            self.service(org, self.templates[key], locations, english, lieu, program_id, main_phone)

    def location(self, org: dict[str, Any], place: geo.Place, address: dict[str, Any],
                 english: bool) -> dict[str, Any]:
        location_id = self.new_id()
        region = place.region_code
        sector = address["sector"] or place.name
        location = self.data.add(
            Location,
            {
                "id": location_id,
                "organization_id": org["id"],
                "location_type": "physical",
                "url": None,
                "name_fr": f"{org['name_fr']} — point de service {sector}",
                "name_en": f"{org['name_en']} — {sector} site" if english and org["name_en"] else None,
                "alternate_name_fr": None,
                "alternate_name_en": None,
                "description_fr": None,
                "description_en": None,
                "transportation_fr": self._transport_fr(place),
                "transportation_en": None,
                "latitude": address["lat"],
                "longitude": address["lon"],
                "external_identifier": None,
                "external_identifier_type": None,
                "region_code": region,
                "last_modified": org["last_modified"],
            },
        )
        if english and location["transportation_fr"]:
            location["transportation_en"] = (
                location["transportation_fr"].replace("Autobus", "Bus").replace("Métro", "Metro")
                .replace("Stationnement gratuit sur place", "Free parking on site")
            )
        self.data.add(
            Address,
            {"id": self.new_id(), "location_id": location_id, "attention": None,
             "address_1": address["address_1"], "address_2": None, "city": address["city"],
             "region": geo.regions()[region].name_fr if region in geo.regions() else None,
             "state_province": "QC", "postal_code": address["postal_code"], "country": "CA",
             "address_type": "physical"},
        )
        for key, desc_fr, desc_en, _notes in self.rng.sample(
            catalogue.ACCESSIBILITY, k=self.rng.choices((0, 1, 2, 3, 4), weights=(20, 25, 25, 20, 10))[0]
        ):
            self.data.add(
                Accessibility,
                {"id": self.new_id(), "location_id": location_id, "feature": key, "description_fr": desc_fr,
                 "description_en": desc_en if english else None, "details_fr": None,
                 "details_en": None, "url": None},
            )
        location["_place"] = place
        return location

    def _transport_fr(self, place: geo.Place) -> str | None:
        if place.population > 100_000:
            return f"Autobus ligne {self.rng.randint(2, 199)}"
        if place.population > 20_000:
            return "Stationnement gratuit sur place"
        return None

    # -- services -----------------------------------------------------------------------------

    def service(
        self,
        org: dict[str, Any],
        template: catalogue.ServiceTemplate,
        locations: list[dict[str, Any]],
        english: bool,
        lieu: str,
        program_id: str | None,
        main_phone: str,
        *,
        crisis: bool = False,
    ) -> dict[str, Any]:
        rng = self.rng
        service_id = self.new_id()
        i = rng.randrange(len(template.names_fr))
        d = rng.randrange(len(template.descriptions_fr))
        fmt = {"org": org["name_fr"], "lieu": lieu}
        fmt_en = {"org": org["name_en"] or org["name_fr"], "lieu": lieu}
        e = rng.randrange(len(template.eligibility_fr)) if template.eligibility_fr else None
        a = rng.randrange(len(template.application_fr)) if template.application_fr else None
        status = "active"
        alert_fr = alert_en = None
        if not crisis:
            roll = rng.random()
            if roll < 0.03:
                status = "inactive"
            elif roll < 0.07:
                status = "temporarily closed"
                alert_fr = "Service temporairement fermé. Téléphoner pour connaître la date de réouverture."
                alert_en = "Service temporarily closed. Call to find out when it reopens."
        verified_on = self._verified_on()
        min_age, max_age = self._ages(template.age_groups)
        fee_kind = _weighted(rng, list(template.fee_weights), list(template.fee_weights.values()))
        fees_fr, fees_en = {
            "free": ("Gratuit", "Free"),
            "sliding": ("Contribution selon le revenu", "Sliding scale based on income"),
            "fixed": ("Frais modiques", "Small fee"),
        }[fee_kind]
        service = self.data.add(
            Service,
            {
                "id": service_id,
                "organization_id": org["id"],
                "program_id": program_id,
                "name_fr": template.names_fr[i],
                "name_en": template.names_en[i] if english else None,
                "alternate_name_fr": None,
                "alternate_name_en": None,
                "description_fr": french(template.descriptions_fr[d].format(**fmt)),
                "description_en": template.descriptions_en[d].format(**fmt_en) if english else None,
                "url": f"{org['website']}/services/{_slug(template.names_fr[i])}",
                "email": org["email"],
                "status": status,
                "interpretation_services_fr": None,
                "interpretation_services_en": None,
                "application_process_fr": template.application_fr[a] if a is not None else None,
                "application_process_en": template.application_en[a] if a is not None and english else None,
                "fees_description_fr": fees_fr,
                "fees_description_en": fees_en if english else None,
                "eligibility_description_fr": (
                    french(template.eligibility_fr[e].format(**fmt)) if e is not None else None
                ),
                "eligibility_description_en": (
                    template.eligibility_en[e].format(**fmt_en) if e is not None and english else None
                ),
                "alert_fr": alert_fr,
                "alert_en": alert_en if english else None,
                "minimum_age": min_age,
                "maximum_age": max_age,
                "accreditations": None,
                "assured_date": verified_on,
                "assurer_email": None,
                "keywords_fr": ", ".join(template.keywords_fr) or None,
                "keywords_en": (", ".join(template.keywords_en) or None) if english else None,
                "verified_on": verified_on,
                "is_temporary": crisis,
                "is_crisis": crisis,
                "valid_from": None,
                "valid_to": None,
                "last_modified": self._modified(verified_on, 14),
            },
        )
        if crisis:
            start = self.today - dt.timedelta(days=rng.randint(1, 20))
            service["valid_from"] = start
            service["valid_to"] = start + dt.timedelta(days=rng.randint(25, 60))

        at = [locations[0]] + [loc for loc in locations[1:] if rng.random() < 0.5]
        sal_ids = []
        for loc in at:
            sal_id = self.new_id()
            sal_ids.append(sal_id)
            self.data.add(
                ServiceAtLocation,
                {"id": sal_id, "service_id": service_id, "location_id": loc["id"],
                 "description_fr": None, "description_en": None},
            )
        if rng.random() < 0.55:
            self.data.add(
                Phone,
                {"id": self.new_id(), "service_id": service_id,
                 "number": main_phone if rng.random() < 0.5 else self._phone_number(locations[0]["region_code"]),
                 "extension": str(rng.randint(200, 299)) if rng.random() < 0.4 else None,
                 "type": "voice", "description_fr": template.names_fr[i],
                 "description_en": template.names_en[i] if english else None},
            )
        self._schedules(service_id, rng.choice(template.schedule_kinds), english, verified_on)
        self._languages(service_id, english, locations[0]["region_code"])
        self._cost(service_id, fee_kind, english)
        n_documents = min(len(template.documents_fr), rng.randint(0, 2))
        for doc_index in rng.sample(range(len(template.documents_fr)), k=n_documents):
            self.data.add(
                RequiredDocument,
                {"id": self.new_id(), "service_id": service_id,
                 "document_fr": template.documents_fr[doc_index],
                 "document_en": template.documents_en[doc_index] if english else None, "uri": None},
            )
        place = locations[0]["_place"]
        region = geo.regions().get(locations[0]["region_code"])
        local = rng.random() < 0.6 or region is None
        # (`local` already covers a missing region; the type checker needs it spelled out.)
        area_fr, area_en = ((place.name, place.name) if local or region is None
                            else (region.name_fr, region.name_en))
        self.data.add(
            ServiceArea,
            {"id": self.new_id(), "service_id": service_id,
             "name_fr": area_fr,
             "name_en": area_en if english else None,
             "description_fr": None, "description_en": None, "extent": None, "extent_type": None,
             "uri": None},
        )
        if rng.random() < 0.15:
            title_fr, title_en = rng.choice(CONTACT_TITLES)
            self.data.add(
                Contact,
                {"id": self.new_id(), "service_id": service_id, "name": None, "title": title_fr,
                 "department": title_en if english else None, "email": org["email"]},
            )
        for code in template.term_codes:
            self.data.add(
                Attribute,
                {"id": self.new_id(), "link_id": service_id, "taxonomy_term_id": taxonomy.term_id(code),
                 "link_type": "service_category", "link_entity": "service", "value": None, "label": None},
            )
        self.data.add(
            Metadata,
            {"id": self.new_id(), "resource_id": service_id, "resource_type": "service",
             "last_action_date": service["last_modified"], "last_action_type": "create",
             "field_name": "*", "previous_value": "", "replacement_value": "", "updated_by": "demo"},
        )
        return service

    def _ages(self, groups: tuple[str, ...]) -> tuple[int | None, int | None]:
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

    def _schedules(self, service_id: str, kind: str, english: bool, since: dt.date) -> None:
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

    def _languages(self, service_id: str, english: bool, region: str) -> None:
        codes = ["fr"]
        if english or self.rng.random() < 0.35:
            codes.append("en")
        extra = self.rng.choices((0, 1, 2, 3), weights=(55, 25, 13, 7))[0] if region in ("06", "13") else (
            self.rng.choices((0, 1), weights=(85, 15))[0]
        )
        for _ in range(extra):
            code = _weighted(self.rng, self.languages, self.language_weights)[0]
            if code not in codes:
                codes.append(code)
        for code in codes:
            name_fr, _name_en = self.language_names[code]
            self.data.add(
                Language,
                {"id": self.new_id(), "service_id": service_id, "location_id": None, "phone_id": None,
                 "name": name_fr, "code": code, "note": None},
            )

    def _cost(self, service_id: str, kind: str, english: bool) -> None:
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

    def crisis_services(self, organizations: list[dict[str, Any]]) -> None:
        """A few temporary emergency services run by existing organizations (crisis mode demo)."""
        locations_by_org: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for loc in self.data.rows[Location]:
            locations_by_org[loc["organization_id"]].append(loc)
        for template in catalogue.CRISIS_TEMPLATES:
            org = self.rng.choice(organizations)
            locs = locations_by_org[org["id"]]
            self.service(org, template, locs, org["name_en"] is not None, locs[0]["_place"].name, None,
                         self._phone_number(locs[0]["region_code"]), crisis=True)

    def anchors(self) -> list[tuple[catalogue.OrganizationKind, geo.Place]]:
        """The services every real region has: without them a search in Gaspé for a food bank
        would depend on the dice. Regional bodies sit in each region's main city; local ones in
        every city of 40,000 people or more."""
        kinds = {k.key: k for k in self.kinds}
        pairs: list[tuple[catalogue.OrganizationKind, geo.Place]] = []
        main_cities = [geo.place_by_name(r.main_city) for r in geo.regions().values()]
        cities = [p for p in self.places if p.population >= 40_000]
        for place in filter(None, main_cities):
            pairs += [(kinds[k], place) for k in REGIONAL_KINDS if k in kinds]
        for place in {p.name: p for p in cities + [p for p in main_cities if p]}.values():
            pairs += [(kinds[k], place) for k in LOCAL_KINDS if k in kinds]
        return pairs

    def run(self, progress: Callable[[int], object] | None = None) -> DemoData:
        for kind, place in self.anchors():
            before = self.data.count(Service)
            self.organization(kind, place, every_service=True)
            if progress:
                progress(self.data.count(Service) - before)
        while self.data.count(Service) < self.target_services - len(catalogue.CRISIS_TEMPLATES):
            before = self.data.count(Service)
            self.organization()
            if progress:
                progress(self.data.count(Service) - before)
        self.crisis_services(self.data.rows[Organization])
        if progress:
            progress(len(catalogue.CRISIS_TEMPLATES))
        for loc in self.data.rows[Location]:
            loc.pop("_place", None)
        return self.data


def generate(
    services: int = 15_000,
    seed: int = 211,
    today: dt.date | None = None,
    progress: Callable[[int], object] | None = None,
) -> DemoData:
    """Every row of the demo directory, as dicts per model (no database involved)."""
    return _Builder(services, seed, today or dt.date.today()).run(progress)


def sample_phrases_by_language(limit: int = 1000, seed: int = 7) -> dict[str, list[str]]:
    """Distinct human-readable strings of a small demo directory, per language (parity tests)."""
    data = generate(services=max(200, limit // 3), seed=seed, today=dt.date(2026, 11, 1))
    phrases: dict[str, list[str]] = {"fr": [], "en": []}
    for model in (Service, Organization, Location):
        for row in data.rows[model]:
            for name in ("name", "description", "eligibility_description", "application_process"):
                for lang in ("fr", "en"):
                    value = row.get(f"{name}_{lang}")
                    if value:
                        phrases[lang].append(value)
    return {lang: list(dict.fromkeys(values))[:limit] for lang, values in phrases.items()}


def sample_phrases(limit: int = 1000, seed: int = 7) -> list[str]:
    by_language = sample_phrases_by_language(limit, seed)
    return (by_language["fr"] + by_language["en"])[:limit]


def has_services(database_url: str) -> bool:
    with session_scope(database_url) as session:
        return bool(session.scalar(select(func.count()).select_from(Service)))


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def build(
    database_url: str,
    services: int = 15_000,
    seed: int = 211,
    today: dt.date | None = None,
    progress: bool = False,
) -> Stats:
    """Replace the directory's contents with a demo directory, in one transaction."""
    started = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=services, unit=" services", desc="generating", leave=False)
    data = generate(services, seed, today, progress=bar.update if bar else None)
    if bar:
        bar.close()
    total_rows = sum(len(v) for v in data.rows.values())
    with session_scope(database_url) as session:
        for model in reversed(TABLE_ORDER):
            session.execute(delete(model))
        session.execute(delete(TaxonomyTerm))
        session.execute(delete(Taxonomy))
        taxonomy.load(session)
        writer = None
        if progress:
            from tqdm import tqdm

            writer = tqdm(total=total_rows, unit=" rows", desc="storing", leave=False)
        for model in TABLE_ORDER:
            for chunk in _chunks(data.rows[model], 5000):
                session.execute(insert(model), chunk)
                if writer:
                    writer.update(len(chunk))
        if writer:
            writer.close()
    service_rows = data.rows[Service]
    return Stats(
        counts={m.__tablename__: len(data.rows[m]) for m in TABLE_ORDER},
        regions=len({loc["region_code"] for loc in data.rows[Location]}),
        english_share=sum(1 for s in service_rows if s["name_en"]) / max(1, len(service_rows)),
        languages=len({lang["code"] for lang in data.rows[Language]}),
        seconds=time.perf_counter() - started,
    )
