"""Rows → HSDS objects: bilingual profile, single-language plain HSDS, deterministic output."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from directory import models
from directory.hsds import schemas
from directory.hsds.serialize import organization_to_hsds, service_to_hsds, to_hsds

ORG = "8b0f4ad6-0c7e-4ef0-9d8e-000000000001"
SERVICE = "8b0f4ad6-0c7e-4ef0-9d8e-000000000002"


def _service(**overrides) -> dict:
    row = {
        "id": SERVICE, "organization_id": ORG, "name_fr": "Banque alimentaire",
        "name_en": "Food bank", "description_fr": "Dépannage", "description_en": None,
        "status": "active", "keywords_fr": "épicerie,  dépannage", "keywords_en": "groceries",
        "verified_on": dt.date(2024, 4, 2), "is_temporary": False, "is_crisis": True,
        "minimum_age": 18, "last_modified": dt.datetime(2024, 4, 2, 10, 0),
        "phones": [
            {"id": "8b0f4ad6-0c7e-4ef0-9d8e-0000000000f2", "number": "514 555-0100",
             "extension": "0123", "languages": []},
            {"id": "8b0f4ad6-0c7e-4ef0-9d8e-0000000000f1", "number": "514 555-0101",
             "extension": "12", "description_fr": "Accueil", "description_en": "Reception",
             "languages": []},
        ],
        "cost_options": [{"id": "8b0f4ad6-0c7e-4ef0-9d8e-0000000000c1", "amount": Decimal("5.50"),
                          "currency": "CAD", "option_fr": "Panier"}],
        "organization": {"id": ORG, "name_fr": "Centre", "name_en": None, "description_fr": "Aide"},
    }
    row.update(overrides)
    return row


def test_bilingual_service_carries_french_fields_english_translations_and_extensions():
    out = service_to_hsds(_service())
    assert out["name"] == "Banque alimentaire"
    assert out["translations"] == {"en": {"name": "Food bank", "keywords": ["groceries"]}}
    assert out["keywords"] == ["épicerie", "dépannage"]
    assert (out["verified_on"], out["is_crisis"], out["is_temporary"]) == ("2024-04-02", True, False)
    assert out["last_modified"] == "2024-04-02T10:00:00Z"
    assert "translations" not in out["organization"]
    assert schemas.validate(out, "compiled/service") == []
    assert schemas.validate(out, "service", profile=True) == []


def test_single_locale_falls_back_to_french_and_leaves_out_translations_and_extensions():
    out = service_to_hsds(_service(), "en")
    assert (out["name"], out["description"]) == ("Food bank", "Dépannage")
    assert "translations" not in out and "verified_on" not in out and "keywords" not in out
    assert out["phones"][0]["description"] == "Reception"
    assert service_to_hsds(_service(), "fr")["name"] == "Banque alimentaire"
    assert schemas.validate(out, "compiled/service") == []


def test_phone_extension_that_is_not_a_plain_number_goes_to_extension_text():
    phones = {p["id"][-2:]: p for p in service_to_hsds(_service())["phones"]}
    assert phones["f1"]["extension"] == 12 and "extension_text" not in phones["f1"]
    assert "extension" not in phones["f2"] and phones["f2"]["extension_text"] == "0123"
    plain = {p["id"][-2:]: p for p in service_to_hsds(_service(), "fr")["phones"]}
    assert "extension_text" not in plain["f2"]


def test_lists_are_sorted_by_id_and_output_is_deterministic():
    out = service_to_hsds(_service())
    assert [p["id"] for p in out["phones"]] == sorted(p["id"] for p in out["phones"])
    reversed_row = _service(phones=list(reversed(_service()["phones"])))
    assert json.dumps(service_to_hsds(reversed_row)) == json.dumps(out)
    assert list(out)[:4] == ["id", "organization_id", "name", "description"]
    assert out["cost_options"][0]["amount"] == 5.5


def test_organization_nests_services_without_repeating_the_organization():
    org = {"id": ORG, "name_fr": "Centre", "description_fr": "Aide", "services": [_service()],
           "locations": [], "phones": []}
    out = organization_to_hsds(org)
    assert "organization" not in out["services"][0]
    assert "services" not in organization_to_hsds(org, services=False)
    assert schemas.validate(out, "compiled/organization") == []


def test_orm_instances_serialize_like_rows_with_attributes_passed_in():
    term = models.TaxonomyTerm(id="8b0f4ad6-0c7e-4ef0-9d8e-0000000000a1", name_fr="Alimentation",
                               description_fr="Aide alimentaire")
    attribute = models.Attribute(id="8b0f4ad6-0c7e-4ef0-9d8e-0000000000a2", link_id=SERVICE,
                                 link_entity="service", taxonomy_term_id=term.id)
    attribute.taxonomy_term = term
    service = models.Service(id=SERVICE, organization_id=ORG, name_fr="Banque", status="active")
    out = to_hsds("service", service, "fr", attributes={("service", SERVICE): [attribute]})
    assert out["attributes"][0]["taxonomy_term"]["name"] == "Alimentation"
    assert schemas.validate(out, "compiled/service") == []
