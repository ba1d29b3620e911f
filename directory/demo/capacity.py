"""Live capacity in the demo directory: shelters count beds, women's shelters rooms, transitional
housing places, food banks hampers and soup kitchens meals (directory/vocabulary.CAPACITY_UNITS).
About three services in four of those categories have a count; some were updated within their
unit's limit (the pages show the number, "places available now" finds them), the others longer ago
("availability to be confirmed"), and some are full (0).

The counts depend on the seed and on `now`, the moment the demo is built: a count "updated 2 hours
ago" must be 2 hours before the build, whatever day it runs. Everything else in the demo depends on
the seed and the reference date only (directory/demo/generator.py).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from directory import taxonomy
from directory.demo.rows import DemoData, Ids
from directory.models import Attribute, Service
from directory.vocabulary import capacity_freshness, unit_id

# Category (and its sub-categories) -> unit counted, and the maximum's range.
COUNTED: dict[str, tuple[str, int, int]] = {
    "violence.domestic.shelter": ("rooms", 4, 16),
    "housing.shelter": ("beds", 10, 60),
    "housing.transitional": ("places", 6, 30),
    "food.emergency-food.food-bank": ("food_hampers", 40, 200),
    "food.meals.soup-kitchen": ("meals", 50, 300),
}
SHARE_COUNTED = 0.75
SHARE_FRESH = 0.6
SHARE_FULL = 0.15


def _unit_of_term() -> dict[str, tuple[str, int, int]]:
    """Taxonomy term id -> what its services count (sub-categories included)."""
    found: dict[str, tuple[str, int, int]] = {}
    for category in taxonomy.categories():
        for prefix, counted in COUNTED.items():
            if category.code == prefix or category.code.startswith(prefix + "."):
                found.setdefault(taxonomy.term_id(category.code), counted)
    return found


def capacity_rows(data: DemoData, seed: int, now: dt.datetime) -> list[dict[str, Any]]:
    """`service_capacity` rows for the demo's shelters and food aid, updated relative to `now`."""
    units = _unit_of_term()
    counted: dict[str, tuple[str, int, int]] = {}
    for attribute in data.rows[Attribute]:
        if attribute["link_entity"] == "service" and attribute["taxonomy_term_id"] in units:
            counted.setdefault(attribute["link_id"], units[attribute["taxonomy_term_id"]])
    rng = random.Random(f"capacity:{seed}")
    ids = Ids(rng)
    rows = []
    for service in sorted(data.rows[Service], key=lambda s: s["id"]):
        found = counted.get(service["id"])
        if found is None or service["status"] != "active" or rng.random() >= SHARE_COUNTED:
            continue
        key, low, high = found
        maximum = rng.randint(low, high)
        available = 0 if rng.random() < SHARE_FULL else rng.randint(1, maximum)
        limit = capacity_freshness(key).total_seconds()
        if rng.random() < SHARE_FRESH:
            age = rng.uniform(0.02, 0.7) * limit
        else:
            age = rng.uniform(1.1 * limit, 1.1 * limit + 6 * 86400)
        rows.append({"id": ids(), "service_id": service["id"], "unit_id": unit_id(key), "available": available,
                     "maximum": maximum, "description_fr": None, "description_en": None,
                     "updated": (now - dt.timedelta(seconds=int(age))).replace(microsecond=0)})
    return rows
