"""A small but complete directory for HSDS tests: every HSDS table, bilingual and French-only text,
extension fields, a location shared by two organizations' services, attributes on several kinds of
record, and the awkward values (a phone extension that is not a number, a 24:00 closing time).

Ids are derived from names (uuid5), so the same call builds the same directory everywhere.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy.orm import Session

from directory import models as m
from directory.db import session_scope

NAMESPACE = uuid.UUID("0d6f4c2a-5a7e-4b4e-9d2f-211000000000")


def uid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def _taxonomy(session: Session) -> None:
    session.add(m.Taxonomy(id=uid("taxonomy"), name_fr="Catégories 211", name_en="211 categories",
                           description_fr="Arbre des catégories", description_en="Category tree",
                           uri="https://example.org/taxonomie", version="1.0"))
    session.flush()
    session.add(m.TaxonomyTerm(id=uid("term:food"), code="food", name_fr="Alimentation",
                               name_en="Food", description_fr="Aide alimentaire",
                               description_en="Food help", taxonomy_id=uid("taxonomy"),
                               language="fr"))
    session.flush()
    session.add(m.TaxonomyTerm(id=uid("term:food-bank"), code="food.bank",
                               name_fr="Banque alimentaire", description_fr="Dépannage alimentaire",
                               parent_id=uid("term:food"), taxonomy_id=uid("taxonomy")))
    session.add(m.TaxonomyTerm(id=uid("term:unused"), code="unused", name_fr="Inutilisé",
                               description_fr="Terme sans attribut", taxonomy_id=uid("taxonomy")))


def _location(session: Session, key: str, organization_id: str | None, city: str, lat: float,
              lon: float, region: str) -> str:
    location_id = uid(f"location:{key}")
    session.add(m.Location(id=location_id, organization_id=organization_id,
                           location_type="physical", name_fr=f"Point de service {city}",
                           name_en=f"{city} service point" if key != "b" else None,
                           description_fr="Entrée par la ruelle", transportation_fr="Métro",
                           latitude=lat, longitude=lon, region_code=region,
                           last_modified=dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC)))
    session.flush()
    session.add(m.Address(id=uid(f"address:{key}"), location_id=location_id,
                          address_1=f"{len(key) * 100} rue Principale", city=city,
                          state_province="QC", postal_code="H2X 1Y4", country="CA",
                          address_type="physical"))
    session.add(m.Accessibility(id=uid(f"accessibility:{key}"), location_id=location_id,
                                description_fr="Rampe d'accès", description_en="Ramp",
                                details_fr="Porte automatique", url="https://example.org/acces"))
    session.add(m.Schedule(id=uid(f"schedule:location:{key}"), location_id=location_id,
                           freq="WEEKLY", byday="MO,TU,WE,TH,FR", opens_at="09:00",
                           closes_at="24:00", timezone=-5.0, wkst="MO", interval=1,
                           description_fr="Du lundi au vendredi", notes_en="Weekdays"))
    session.add(m.Language(id=uid(f"language:location:{key}"), location_id=location_id,
                           name="français", code="fr"))
    return location_id


def build(database_url: str) -> dict[str, int]:
    """Fill an empty, migrated database; returns how many rows each kind of record has."""
    with session_scope(database_url) as session:
        _taxonomy(session)
        org_a, org_b = uid("organization:a"), uid("organization:b")
        session.add(m.Organization(
            id=org_a, name_fr="Centre d'entraide du Plateau", name_en="Plateau Mutual Aid Centre",
            alternate_name_fr="CEP", description_fr="Organisme communautaire",
            description_en="Community organization", email="info@cep.example.org",
            website="https://cep.example.org", legal_status="OBNL", year_incorporated=1987,
            verified_on=dt.date(2024, 2, 1),
            last_modified=dt.datetime(2024, 2, 1, 9, 0, tzinfo=dt.UTC)))
        session.add(m.Organization(
            id=org_b, name_fr="Maison de la famille de Rimouski",
            description_fr="Soutien aux familles", parent_organization_id=None,
            last_modified=dt.datetime(2023, 11, 5, 15, 45, 10, tzinfo=dt.UTC)))
        session.flush()
        session.add(m.Program(id=uid("program:a"), organization_id=org_a, name_fr="Sécurité alimentaire",
                              name_en="Food security", description_fr="Programme alimentaire"))
        session.add(m.OrganizationIdentifier(id=uid("identifier:a"), organization_id=org_a,
                                             identifier_scheme="CA-NEQ", identifier_type="NEQ",
                                             identifier="1140000001"))
        session.add(m.Funding(id=uid("funding:a"), organization_id=org_a, source="Centraide"))
        session.add(m.Phone(id=uid("phone:org:a"), organization_id=org_a, number="514 555-0100",
                            type="voice", description_fr="Accueil", description_en="Reception"))
        session.add(m.Contact(id=uid("contact:org:a"), organization_id=org_a, name="Marie Tremblay",
                              title="Coordonnatrice", email="marie@cep.example.org"))
        loc_a = _location(session, "a", org_a, "Montréal", 45.5236, -73.5800, "06")
        loc_b = _location(session, "b", org_b, "Rimouski", 48.4489, -68.5230, "01")
        session.flush()
        session.add(m.Phone(id=uid("phone:contact:a"), contact_id=uid("contact:org:a"),
                            number="514 555-0101", extension="0123"))

        services = {
            "food-bank": (org_a, True, "active", [loc_a, loc_b]),
            "meals": (org_a, False, "temporarily closed", [loc_a]),
            "family": (org_b, True, "active", [loc_b]),
        }
        for key, (org, english, status, locations) in services.items():
            service_id = uid(f"service:{key}")
            session.add(m.Service(
                id=service_id, organization_id=org,
                program_id=uid("program:a") if org == org_a else None,
                name_fr=f"Service {key} — épicerie", name_en=f"Service {key}" if english else None,
                description_fr="Aide alimentaire d'urgence", description_en="Emergency food" if english else None,
                url=f"https://example.org/{key}", email=f"{key}@example.org", status=status,
                eligibility_description_fr="Résidents du quartier", fees_description_fr="Gratuit",
                application_process_fr="Sur rendez-vous", alert_fr="Fermé le 24 juin" if key == "meals" else None,
                minimum_age=18 if key == "food-bank" else None, maximum_age=99 if key == "food-bank" else None,
                assured_date=dt.date(2024, 1, 15), keywords_fr="dépannage, épicerie",
                keywords_en="food bank, groceries" if english else None,
                verified_on=dt.date(2024, 4, 2), is_temporary=key == "meals", is_crisis=key == "family",
                valid_from=dt.date(2024, 6, 1) if key == "meals" else None,
                valid_to=dt.date(2024, 9, 1) if key == "meals" else None,
                last_modified=dt.datetime(2024, 4, 2, 10, 0, 0, tzinfo=dt.UTC)))
            session.flush()
            for index, location_id in enumerate(locations):
                sal_id = uid(f"sal:{key}:{index}")
                session.add(m.ServiceAtLocation(id=sal_id, service_id=service_id,
                                                location_id=location_id,
                                                description_fr="Sur place"))
                session.flush()
                session.add(m.Schedule(id=uid(f"schedule:sal:{key}:{index}"),
                                       service_at_location_id=sal_id, freq="WEEKLY", byday="SA",
                                       opens_at="10:00", closes_at="12:00",
                                       valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2024, 12, 31)))
            session.add(m.Phone(id=uid(f"phone:service:{key}"), service_id=service_id,
                                number="1 800 555-0199", extension="12", type="voice",
                                description_fr="Ligne principale"))
            session.flush()
            session.add(m.Language(id=uid(f"language:phone:{key}"), phone_id=uid(f"phone:service:{key}"),
                                   name="English", code="en"))
            session.add(m.Language(id=uid(f"language:service:{key}"), service_id=service_id,
                                   name="français", code="fr", note="Services en français"))
            session.add(m.CostOption(id=uid(f"cost:{key}"), service_id=service_id, option_fr="Panier",
                                     option_en="Basket", currency="CAD", amount=Decimal("5.50"),
                                     amount_description_fr="Contribution volontaire",
                                     valid_from=dt.date(2024, 1, 1)))
            session.add(m.RequiredDocument(id=uid(f"document:{key}"), service_id=service_id,
                                           document_fr="Preuve d'adresse", document_en="Proof of address"))
            session.add(m.ServiceArea(id=uid(f"area:{key}"), service_id=service_id,
                                      name_fr="Plateau-Mont-Royal", extent_type="geojson",
                                      extent='{"type":"Point","coordinates":[-73.58,45.52]}'))
            session.add(m.Contact(id=uid(f"contact:service:{key}"), service_id=service_id,
                                  name="Jean Roy", department="Accueil"))
            session.add(m.Funding(id=uid(f"funding:service:{key}"), service_id=service_id,
                                  source="Ville de Montréal"))
            session.add(m.Schedule(id=uid(f"schedule:service:{key}"), service_id=service_id,
                                   freq="MONTHLY", bymonthday="1,15", opens_at="13:00",
                                   closes_at="16:30", description_fr="Deux fois par mois",
                                   description_en="Twice a month"))
            session.add(m.Attribute(id=uid(f"attribute:service:{key}"), link_id=service_id,
                                    link_entity="service", taxonomy_term_id=uid("term:food-bank"),
                                    link_type="category", value="principal", label="Banque"))
        session.add(m.Attribute(id=uid("attribute:organization:a"), link_id=org_a,
                                link_entity="organization", taxonomy_term_id=uid("term:food")))
        session.add(m.Attribute(id=uid("attribute:location:a"), link_id=loc_a,
                                link_entity="location", taxonomy_term_id=uid("term:food")))
        session.add(m.MetaTableDescription(id=uid("meta"), name="services", language="fr",
                                           character_set="UTF-8"))
    return {"organization": 2, "service": 3, "location": 2}


def build_large(database_url: str, services: int = 15_000, seed: int = 1) -> dict[str, int]:
    """A directory of `services` services with every kind of child row, inserted with Core
    executemany (seconds, not minutes); for measuring export and import at production size."""
    import random

    from sqlalchemy import insert

    from directory.db import engine_for

    rng = random.Random(seed)
    rows: dict[type, list[dict]] = {model: [] for model in m.ENTITY_MODELS.values()}
    counter = iter(range(10**9))

    def new() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def add(model, **values) -> str:
        values.setdefault("id", new())
        next(counter)
        rows[model].append(values)
        return values["id"]

    stamp = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)
    taxonomy_id = add(m.Taxonomy, name_fr="Catégories", name_en="Categories",
                      description_fr="Arbre", description_en="Tree")
    terms = [add(m.TaxonomyTerm, code=f"t{i}", name_fr=f"Catégorie {i}", name_en=f"Category {i}",
                 description_fr="Description", taxonomy_id=taxonomy_id) for i in range(200)]
    organizations = []
    for index in range(max(1, services // 3)):
        english = rng.random() < 0.4
        org = add(m.Organization, name_fr=f"Organisme communautaire numéro {index}",
                  name_en=f"Community organization {index}" if english else None,
                  description_fr="Organisme qui offre de l'aide alimentaire et du soutien " * 3,
                  description_en="An organization offering food help and support " * 3 if english else None,
                  email=f"info{index}@example.org", website=f"https://org{index}.example.org",
                  verified_on=dt.date(2024, 1, 1 + index % 28), last_modified=stamp)
        add(m.Phone, organization_id=org, number="514 555-0100", type="voice")
        add(m.Contact, organization_id=org, name="Direction", email=f"dg{index}@example.org")
        add(m.OrganizationIdentifier, organization_id=org, identifier_type="NEQ",
            identifier=str(1140000000 + index))
        add(m.Funding, organization_id=org, source="Centraide")
        locations = []
        for _ in range(rng.choice((1, 1, 2))):
            location = add(m.Location, organization_id=org, location_type="physical",
                           name_fr="Point de service", name_en="Service point" if english else None,
                           latitude=45 + rng.random(), longitude=-74 + rng.random(),
                           region_code=f"{rng.randint(1, 17):02d}", last_modified=stamp)
            add(m.Address, location_id=location, address_1=f"{rng.randint(1, 9999)} rue Principale",
                city="Montréal", state_province="QC", postal_code="H2X 1Y4", country="CA",
                address_type="physical")
            add(m.Accessibility, location_id=location, description_fr="Rampe d'accès")
            add(m.Schedule, location_id=location, freq="WEEKLY", byday="MO,TU,WE,TH,FR",
                opens_at="09:00", closes_at="17:00")
            add(m.Language, location_id=location, name="français", code="fr")
            add(m.Attribute, link_id=location, link_entity="location",
                taxonomy_term_id=rng.choice(terms))
            locations.append(location)
        organizations.append((org, locations, english))
    for index in range(services):
        org, locations, english = organizations[index % len(organizations)]
        service = add(m.Service, organization_id=org, name_fr=f"Service d'aide numéro {index}",
                      name_en=f"Help service {index}" if english else None,
                      description_fr="Distribution de denrées, repas communautaires et écoute " * 4,
                      description_en="Food distribution, community meals and listening " * 4 if english else None,
                      status="active", eligibility_description_fr="Toute personne dans le besoin",
                      application_process_fr="Présentez-vous sur place", keywords_fr="aide, soutien",
                      minimum_age=rng.choice((None, 0, 18)), verified_on=dt.date(2024, 3, 1),
                      is_temporary=False, is_crisis=index % 50 == 0, last_modified=stamp)
        for location in locations:
            sal = add(m.ServiceAtLocation, service_id=service, location_id=location)
            add(m.Schedule, service_at_location_id=sal, freq="WEEKLY", byday="SA", opens_at="10:00",
                closes_at="12:00")
        phone = add(m.Phone, service_id=service, number="1 800 555-0199", extension="12",
                    description_fr="Ligne principale")
        add(m.Language, phone_id=phone, name="English", code="en")
        add(m.Schedule, service_id=service, freq="WEEKLY", byday="MO,WE", opens_at="13:00",
            closes_at="16:00", description_fr="Après-midi")
        add(m.Language, service_id=service, name="français", code="fr")
        add(m.CostOption, service_id=service, option_fr="Gratuit", currency="CAD", amount=Decimal("0"))
        add(m.RequiredDocument, service_id=service, document_fr="Preuve d'adresse")
        add(m.ServiceArea, service_id=service, name_fr="Québec")
        add(m.Contact, service_id=service, name="Accueil")
        for term in rng.sample(terms, 2):
            add(m.Attribute, link_id=service, link_entity="service", taxonomy_term_id=term)
    order = [m.Taxonomy, m.TaxonomyTerm, m.Organization, m.Location, m.Service,
             m.ServiceAtLocation, m.Contact, m.Phone, m.Schedule, m.Language, m.Accessibility,
             m.Address, m.CostOption, m.RequiredDocument, m.ServiceArea, m.Funding,
             m.OrganizationIdentifier, m.Attribute]
    with engine_for(database_url).begin() as connection:
        for model in order:
            table_rows = rows[model]
            for start in range(0, len(table_rows), 5000):
                chunk = table_rows[start : start + 5000]
                keys = set().union(*chunk)
                connection.execute(insert(model.__table__), [{k: r.get(k) for k in keys} for r in chunk])
    return {model.__tablename__: len(r) for model, r in rows.items() if r}
