"""The portal's bilingual category tree (Open Eligibility structure, Québec wording).

The tree ships as data (directory/data/taxonomy/categories.csv, CC BY-SA 3.0 like its source) and is
loaded into HSDS `taxonomy` / `taxonomy_term` rows with ids derived from the codes, so the same term
has the same UUID in every database and every export.
"""

from __future__ import annotations

import csv
import functools
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Taxonomy, TaxonomyTerm

DATA = Path(__file__).resolve().parent / "data" / "taxonomy"
NAMESPACE = uuid.UUID("6f0c2b1e-2110-4c8a-9d21-211211211211")
TAXONOMY_URI = "https://github.com/portail211/portail211/tree/main/directory/data/taxonomy"
TAXONOMY_VERSION = "1.0"


@dataclass(frozen=True)
class Category:
    code: str
    parent_code: str | None
    name_fr: str
    name_en: str
    description_fr: str
    description_en: str
    open_eligibility_id: str | None

    @property
    def id(self) -> str:
        return term_id(self.code)

    @property
    def depth(self) -> int:
        return self.code.count(".")


def term_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"term:{code}"))


def taxonomy_id() -> str:
    return str(uuid.uuid5(NAMESPACE, "taxonomy:portail211"))


@functools.cache
def categories() -> tuple[Category, ...]:
    with open(DATA / "categories.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            Category(
                code=row["code"].strip(),
                parent_code=row["parent_code"].strip() or None,
                name_fr=row["name_fr"].strip(),
                name_en=row["name_en"].strip(),
                description_fr=row["description_fr"].strip(),
                description_en=row["description_en"].strip(),
                open_eligibility_id=(row.get("open_eligibility_id") or "").strip() or None,
            )
            for row in csv.DictReader(handle)
        )


@functools.cache
def by_code() -> dict[str, Category]:
    return {c.code: c for c in categories()}


def ancestors(code: str) -> list[str]:
    """The code and every ancestor's code, root first ("food", "food.emergency", …)."""
    chain: list[str] = []
    current = by_code().get(code)
    while current is not None:
        chain.append(current.code)
        current = by_code().get(current.parent_code) if current.parent_code else None
    return chain[::-1]


def taxonomy_rows() -> tuple[dict[str, str], list[dict[str, str | None]]]:
    """The taxonomy's row and its terms' rows (column -> value)."""
    taxonomy = {
        "id": taxonomy_id(),
        "name_fr": "Catégories du Portail 211",
        "name_en": "Portail 211 categories",
        "description_fr": "Arbre de catégories bilingue fondé sur Open Eligibility (CC BY-SA 3.0), adapté au Québec.",
        "description_en": "Bilingual category tree based on Open Eligibility (CC BY-SA 3.0), adapted to Québec.",
        "uri": TAXONOMY_URI,
        "version": TAXONOMY_VERSION,
    }
    terms = [
        {
            "id": c.id,
            "code": c.code,
            "name_fr": c.name_fr,
            "name_en": c.name_en,
            "description_fr": c.description_fr,
            "description_en": c.description_en,
            "parent_id": term_id(c.parent_code) if c.parent_code else None,
            "taxonomy_id": taxonomy["id"],
            "language": None,
            "term_uri": f"{TAXONOMY_URI}#{c.code}",
        }
        # Parents before children so foreign keys hold while inserting.
        for c in sorted(categories(), key=lambda c: (c.depth, c.code))
    ]
    return taxonomy, terms


def load(session: Session) -> int:
    """Insert or update the tree; returns the number of terms."""
    taxonomy, terms = taxonomy_rows()
    session.merge(Taxonomy(**taxonomy))
    existing = set(session.scalars(select(TaxonomyTerm.id)))
    for row in terms:
        if row["id"] in existing:
            session.merge(TaxonomyTerm(**row))
        else:
            session.add(TaxonomyTerm(**row))
        session.flush()
    return len(terms)
