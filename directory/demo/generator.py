"""A deterministic, believable Québec demo directory.

`generate()` builds plain row dicts for every HSDS table from the content catalogue
(directory/demo/catalogue.py) and real geography (directory/geo/: Québec places weighted by
population, real Montréal addresses); `build()` writes them with bulk Core inserts, which is what
makes 15,000 services fit well inside a minute. The same seed, size and reference date always give
the same rows, ids included. Dates (verification, crisis windows) are relative to `today` so a fresh
machine always has some records overdue for the annual review and some crisis services running.

Modules: builder (organizations, locations, services), service_details (ages, hours, languages,
cost), rows (the row container and its helpers), capacity (live counts of shelters and food aid,
relative to the moment `build()` runs).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select

from directory import taxonomy
from directory.capacity import ensure_units
from directory.db import session_scope
from directory.demo.builder import Builder
from directory.demo.capacity import capacity_rows
from directory.demo.rows import DemoData, french
from directory.models import (
    Accessibility,
    Address,
    Attribute,
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
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
    Url,
)

__all__ = ["TABLE_ORDER", "DemoData", "Stats", "build", "french", "generate", "has_services", "sample_phrases",
           "sample_phrases_by_language"]

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
    ServiceCapacity,
    Phone,
    Schedule,
    Language,
    CostOption,
    RequiredDocument,
    ServiceArea,
    Url,
    Contact,
    Attribute,
    Metadata,
)


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

def generate(
    services: int = 15_000,
    seed: int = 211,
    today: dt.date | None = None,
    progress: Callable[[int], object] | None = None,
) -> DemoData:
    """Every row of the demo directory, as dicts per model (no database involved)."""
    return Builder(services, seed, today or dt.date.today()).run(progress)


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
    now: dt.datetime | None = None,
) -> Stats:
    """Replace the directory's contents with a demo directory, in one transaction. `now` (the
    current time by default) dates the live capacity counts (directory/demo/capacity.py)."""
    started = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=services, unit=" services", desc="generating", leave=False)
    data = generate(services, seed, today, progress=bar.update if bar else None)
    if bar:
        bar.close()
    data.rows[ServiceCapacity] = capacity_rows(data, seed, now or dt.datetime.now(dt.UTC))
    total_rows = sum(len(v) for v in data.rows.values())
    with session_scope(database_url) as session:
        for model in reversed(TABLE_ORDER):
            session.execute(delete(model))
        session.execute(delete(TaxonomyTerm))
        session.execute(delete(Taxonomy))
        taxonomy.load(session)
        ensure_units(session)  # the live capacity counts' units (directory/demo/capacity.py)
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
