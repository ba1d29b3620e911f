"""Directory rows for portal tests: one call builds a complete, realistic service."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from directory import models as m
from directory import taxonomy
from directory.db import session_scope

_counter = itertools.count(1)


def load_taxonomy(url: str) -> None:
    with session_scope(url) as session:
        taxonomy.load(session)


def organization(url: str, *, name_fr: str = "Centre d'entraide du Plateau",
                 name_en: str | None = "Plateau Mutual Aid Centre",
                 description_en: str | None = "A community centre.") -> str:
    with session_scope(url) as session:
        org = m.Organization(name_fr=name_fr, name_en=name_en, description_fr="Un centre communautaire.",
                             description_en=description_en, email="info@entraide.example.org",
                             website="https://entraide.example.org", verified_on=dt.date(2026, 3, 5))
        session.add(org)
        session.flush()
        session.add(m.Phone(organization_id=org.id, number="514 555-0100", type="voice",
                            description_fr="Accueil", description_en="Reception"))
        return org.id


def service(url: str, organization_id: str | None = None, *, name_fr: str = "Banque alimentaire",
            name_en: str | None = "Food bank", description_en: str | None = "Groceries every week.",
            status: str = "active", categories: tuple[str, ...] = ("food.emergency-food.food-bank",),
            schedule: tuple[str, str, str] = ("MO,TU,WE,TH,FR", "09:00", "17:00"),
            languages: tuple[str, ...] = ("fr", "en", "ar"), free: bool = True) -> str:
    n = next(_counter)
    organization_id = organization_id or organization(url, name_fr=f"Organisme {n}", name_en=f"Organization {n}")
    with session_scope(url) as session:
        svc = m.Service(
            organization_id=organization_id, name_fr=name_fr, name_en=name_en,
            description_fr="Des denrées chaque semaine.", description_en=description_en,
            eligibility_description_fr="Personnes à faible revenu du quartier.",
            eligibility_description_en="Low-income residents of the area." if name_en else None,
            application_process_fr="Se présenter avec une preuve d'adresse.",
            application_process_en="Come with proof of address." if name_en else None,
            fees_description_fr="Gratuit", fees_description_en="Free" if name_en else None,
            url="https://entraide.example.org/banque", email="banque@entraide.example.org",
            status=status, minimum_age=18, verified_on=dt.date(2026, 3, 5),
        )
        session.add(svc)
        session.flush()
        loc = m.Location(organization_id=organization_id, name_fr="Point de service Plateau",
                         name_en="Plateau site" if name_en else None, latitude=45.5231, longitude=-73.5817,
                         region_code="06", transportation_fr="Métro Mont-Royal")
        session.add(loc)
        session.flush()
        session.add(m.Address(location_id=loc.id, address_1="4300, rue Saint-Denis", city="Montréal",
                              postal_code="H2J 2K8", state_province="QC", country="CA"))
        session.add(m.Accessibility(location_id=loc.id, feature="wheelchair",
                                    description_fr="Entrée accessible en fauteuil roulant",
                                    description_en="Wheelchair-accessible entrance" if name_en else None))
        session.add(m.ServiceAtLocation(service_id=svc.id, location_id=loc.id))
        session.add(m.Phone(service_id=svc.id, number="5145550123", extension="204", type="voice",
                            description_fr="Inscriptions", description_en="Registration" if name_en else None))
        byday, opens, closes = schedule
        session.add(m.Schedule(service_id=svc.id, freq="WEEKLY", interval=1, byday=byday, opens_at=opens,
                               closes_at=closes, dtstart=dt.date(2026, 1, 1),
                               notes_fr="Fermé les jours fériés", notes_en="Closed on holidays" if name_en else None))
        for code in languages:
            session.add(m.Language(service_id=svc.id, code=code, name=code))
        session.add(m.CostOption(service_id=svc.id, currency="CAD",
                                 option_fr="Gratuit" if free else "Tarif fixe",
                                 option_en=("Free" if free else "Fixed fee") if name_en else None,
                                 amount=Decimal("0.00") if free else Decimal("5.00")))
        session.add(m.RequiredDocument(service_id=svc.id, document_fr="Preuve d'adresse",
                                       document_en="Proof of address" if name_en else None))
        session.add(m.ServiceArea(service_id=svc.id, name_fr="Le Plateau-Mont-Royal",
                                  name_en="Le Plateau-Mont-Royal" if name_en else None))
        for code in categories:
            session.add(m.Attribute(link_id=svc.id, link_entity="service", link_type="service_category",
                                    taxonomy_term_id=taxonomy.term_id(code)))
        return svc.id
