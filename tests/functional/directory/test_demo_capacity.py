"""The demo directory gives its shelters and food aid live counts, some fresh and some stale, dated
from the moment it is built, so the demo shows both sentences and the "places available now"
filter finds some services and not others."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from directory import taxonomy
from directory.db import session_scope
from directory.demo import generator
from directory.demo.capacity import COUNTED
from directory.models import Attribute, ServiceCapacity, Unit
from directory.vocabulary import capacity_freshness
from indexer.document import iter_documents


def test_demo_shelters_and_food_aid_have_fresh_and_stale_counts(sqlite_url):
    now = dt.datetime(2026, 12, 3, 18, 0, tzinfo=dt.UTC)
    generator.build(sqlite_url, services=600, seed=211, now=now)
    with session_scope(sqlite_url) as session:
        rows = list(session.execute(select(ServiceCapacity, Unit.identifier)
                                    .join(Unit, Unit.id == ServiceCapacity.unit_id)))
        categories: dict[str, set[str]] = {}
        for attribute in session.scalars(select(Attribute)):
            categories.setdefault(attribute.link_id, set()).add(attribute.taxonomy_term_id)
        assert len(rows) >= 20
        fresh = [c for c, key in rows if now - c.updated.replace(tzinfo=dt.UTC) < capacity_freshness(key)]
        assert 0 < len(fresh) < len(rows), "some fresh, some stale"
        assert any(c.available == 0 for c, _ in rows) and any(c.available > 0 for c in fresh)
        assert all(0 <= c.available <= c.maximum for c, _ in rows)
        counted_terms = {taxonomy.term_id(c.code) for c in taxonomy.categories()
                         if any(c.code == p or c.code.startswith(p + ".") for p in COUNTED)}
        assert all(categories[c.service_id] & counted_terms for c, _ in rows)
        assert {key for _, key in rows} >= {"beds", "food_hampers"}
    searchable = [d for d in iter_documents(sqlite_url) if d["available_until"] is not None]
    assert searchable and all(d["capacities"] for d in searchable)
