"""Search documents built by hand, for engine tests that need exact, known data."""

from __future__ import annotations

import itertools
import uuid

_ids = itertools.count(1)


def make_document(**overrides) -> dict:
    """A valid search document (a food bank in Laval, French only) with `overrides` applied."""
    n = next(_ids)
    doc = {
        "id": str(uuid.UUID(int=n)),
        "service_id": str(uuid.UUID(int=10**6 + n)),
        "organization_id": str(uuid.UUID(int=2 * 10**6 + n)),
        "location_id": str(uuid.UUID(int=3 * 10**6 + n)),
        "name_fr": "Banque alimentaire",
        "name_en": None,
        "organization_fr": "Moisson Laval",
        "organization_en": None,
        "description_fr": "Distribution de denrées aux familles à faible revenu.",
        "description_en": None,
        "eligibility_fr": None,
        "eligibility_en": None,
        "keywords_fr": ["épicerie"],
        "keywords_en": [],
        "categories_fr": ["Alimentation", "Aide alimentaire d'urgence"],
        "categories_en": ["Food", "Emergency food"],
        "category_codes": ["food", "food.emergency"],
        "region_code": "13",
        "municipality": "Laval",
        "address": "1, boulevard Test",
        "postal_code": "H7N 1A1",
        "lat": 45.57,
        "lon": -73.70,
        "confidential": False,
        "languages": ["fr"],
        "accessibility": [],
        "age_groups": ["children", "youth", "adults", "seniors"],
        "free": True,
        "status": "active",
        "is_temporary": False,
        "is_crisis": False,
        "valid_from": None,
        "valid_to": None,
        "open_slots": [],
        "schedule": [],
        "holiday_rule": None,
        "phones": [],
        "alert_fr": None,
        "alert_en": None,
        "url": None,
        "verified_on": "2026-01-15",
        "last_modified": "2026-01-15T10:00:00+00:00",
        "name_sort_fr": "banque alimentaire",
        "name_sort_en": "banque alimentaire",
        "location_count": 1,
        "capacities": [],
        "available_until": None,
    }
    doc.update(overrides)
    return doc
