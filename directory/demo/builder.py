"""Builds the demo directory's rows: organizations placed on real Québec geography (weighted by
population, real Montréal addresses), their locations, their services from the catalogue, and the
anchors and crisis services every region needs."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from directory import geo, taxonomy
from directory.demo import catalogue
from directory.demo.rows import DemoData, Ids, french, slugify, weighted
from directory.demo.service_details import ServiceDetails
from directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    Funding,
    Location,
    Metadata,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Url,
)

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

class Builder:
    def __init__(self, services: int, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.new_id = Ids(self.rng)
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
        self.details = ServiceDetails(self.rng, self.new_id, self.data, today)
        self.used_org_names: set[str] = set()
        self.used_phones: set[str] = set()

    # -- places and addresses ------------------------------------------------------------------

    def _pick_place(self) -> geo.Place:
        return weighted(self.rng, self.places, self.place_weights)

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
        kind = kind or weighted(self.rng, self.kinds, self.kind_weights)
        place = place or self._pick_place()
        region = place.region_code
        english = self.rng.random() < ENGLISH_SHARE.get(region, ENGLISH_SHARE_DEFAULT)
        first_address = self._address(place)
        lieu = first_address["sector"] if first_address["sector"] and self.rng.random() < 0.6 else place.name
        name_fr, name_en = self._org_name(kind, lieu, first_address["sector"])
        slug = slugify(name_fr)
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
        self.data.add(  # HSDS 3.1 additional website (ids derived: the seeded sequence is unchanged)
            Url,
            {"id": _derived_id(org_id, "facebook"), "label_fr": "Facebook",
             "label_en": "Facebook" if english else None,
             "url": f"https://www.facebook.com/{slug}", "organization_id": org_id, "service_id": None},
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
                "confidential": False,  # set by `service` for a confidential service's locations
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
        min_age, max_age = self.details.ages(template.age_groups)
        fee_kind = weighted(rng, list(template.fee_weights), list(template.fee_weights.values()))
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
                "url": f"{org['website']}/services/{slugify(template.names_fr[i])}",
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

        if a is not None:  # HSDS 3.1 additional URL
            self.data.add(
                Url,
                {"id": _derived_id(service_id, "registration"), "label_fr": "Formulaire d'inscription",
                 "label_en": "Registration form" if english else None,
                 "url": f"{service['url']}/inscription", "organization_id": None,
                 "service_id": service_id},
            )

        at = [locations[0]] + [loc for loc in locations[1:] if rng.random() < 0.5]
        if template.key in catalogue.CONFIDENTIAL_SERVICES:
            for loc in at:
                loc["confidential"] = True
        sal_ids = []
        for loc in at:
            sal_id = self.new_id()
            sal_ids.append(sal_id)
            self.data.add(
                ServiceAtLocation,
                {"id": sal_id, "service_id": service_id, "location_id": loc["id"],
                 "description_fr": None, "description_en": None},
            )
            if len(at) > 1:  # HSDS 3.1: each place of a multi-site service serves its own area
                self.data.add(
                    ServiceArea,
                    {"id": _derived_id(sal_id, "area"), "service_id": service_id,
                     "service_at_location_id": sal_id, "name_fr": loc["_place"].name,
                     "name_en": loc["_place"].name if english else None,
                     "description_fr": None, "description_en": None, "extent": None,
                     "extent_type": None, "uri": None},
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
        self.details.add_schedules(service_id, rng.choice(template.schedule_kinds), english, verified_on)
        self.details.add_languages(service_id, english, locations[0]["region_code"])
        self.details.add_cost(service_id, fee_kind, english)
        documents = len(template.documents_fr)
        for doc_index in rng.sample(range(documents), k=min(documents, rng.randint(0, 2))):
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
            {"id": self.new_id(), "service_id": service_id, "service_at_location_id": None,
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


def _derived_id(parent_id: str, what: str) -> str:
    """A stable id for a row added after the seeded id sequence was fixed (HSDS 3.1 rows): drawing
    it from the sequence would renumber every later row of the demo."""
    return str(uuid.uuid5(uuid.UUID(parent_id), what))
