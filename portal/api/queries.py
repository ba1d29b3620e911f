"""Which records a list request selects, in the database (Core selects, both back-ends).

Filters combine with AND (HSDS api_reference: "MUST"). Lists without `search` are sorted by id,
which is stable across pages and back-ends; with `search` the engine ranks (portal/api/search.py)
and these queries only say which ids are allowed.

`taxonomy_term_id` matches the term and every narrower term (a service filed under "food bank"
is a "food" service), as the portal's category filter does; `taxonomy_id` matches any term of
that taxonomy. A service_at_location is "modified after" t when its service or its location is.
Archived services (`directory.archive`) are never selected, as the loader never shows them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from analyzers.chain import fold
from directory.archive import ARCHIVED
from directory.models import (
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


@dataclass(frozen=True)
class Filters:
    organization_id: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    modified_after: dt.datetime | None = None

    @property
    def any(self) -> bool:
        return any((self.organization_id, self.taxonomy_term_id, self.taxonomy_id,
                    self.modified_after))


def _db_time(connection: Connection, value: dt.datetime) -> dt.datetime:
    # SQLite keeps naive UTC times; PostgreSQL compares aware ones.
    return value.replace(tzinfo=None) if connection.dialect.name == "sqlite" else value


def _terms(connection: Connection, filters: Filters) -> set[str] | None:
    """Term ids the taxonomy filters allow (None: no taxonomy filter)."""
    if not (filters.taxonomy_term_id or filters.taxonomy_id):
        return None
    rows = connection.execute(
        select(TaxonomyTerm.id, TaxonomyTerm.parent_id, TaxonomyTerm.taxonomy_id)).all()
    allowed: set[str] | None = None
    if filters.taxonomy_term_id:
        children = defaultdict(list)
        for term_id, parent_id, _ in rows:
            children[parent_id].append(term_id)
        found, todo = set(), [filters.taxonomy_term_id] if any(
            r[0] == filters.taxonomy_term_id for r in rows) else []
        while todo:
            term = todo.pop()
            if term not in found:
                found.add(term)
                todo.extend(children.get(term, ()))
        allowed = found
    if filters.taxonomy_id:
        in_taxonomy = {term_id for term_id, _, taxonomy_id in rows
                       if taxonomy_id == filters.taxonomy_id}
        allowed = in_taxonomy if allowed is None else allowed & in_taxonomy
    return allowed


def service_conditions(connection: Connection, filters: Filters) -> list:
    conditions = [Service.status != ARCHIVED]
    if filters.organization_id:
        conditions.append(Service.organization_id == filters.organization_id)
    terms = _terms(connection, filters)
    if terms is not None:
        conditions.append(Service.id.in_(
            select(Attribute.link_id).where(Attribute.link_entity == "service",
                                            Attribute.taxonomy_term_id.in_(sorted(terms)))))
    if filters.modified_after:
        conditions.append(Service.last_modified >= _db_time(connection, filters.modified_after))
    return conditions


def _service_at_location_select(connection: Connection, filters: Filters, column):
    query = select(column).join(Service, Service.id == ServiceAtLocation.service_id)
    conditions = [c for c in service_conditions(connection, Filters(
        filters.organization_id, filters.taxonomy_term_id, filters.taxonomy_id))]
    if filters.modified_after:
        when = _db_time(connection, filters.modified_after)
        query = query.join(Location, Location.id == ServiceAtLocation.location_id)
        conditions.append(or_(Service.last_modified >= when, Location.last_modified >= when))
    return query.where(and_(*conditions)) if conditions else query


def page_of(connection: Connection, query, order_by, offset: int, limit: int) -> tuple[int, list]:
    """(total, ids of one page) for a select of one id column."""
    total = connection.execute(select(func.count()).select_from(query.subquery())).scalar() or 0
    if offset >= total:
        return total, []
    ids = connection.execute(query.order_by(order_by).offset(offset).limit(limit)).scalars().all()
    return total, list(ids)


def services(connection: Connection, filters: Filters):
    query = select(Service.id)
    conditions = service_conditions(connection, filters)
    return query.where(and_(*conditions)) if conditions else query


def service_at_locations(connection: Connection, filters: Filters):
    return _service_at_location_select(connection, filters, ServiceAtLocation.id)


def _matches(words: list[str], *texts: str | None) -> bool:
    folded = " ".join(fold(t) for t in texts if t)
    return all(word in folded for word in words)


def _words(search: str) -> list[str]:
    return fold(search).split()


def organizations(connection: Connection, search: str | None) -> list[str]:
    """Organization ids sorted by id, whose name (either language) contains every search word."""
    if not search:
        return list(connection.execute(select(Organization.id).order_by(Organization.id)).scalars())
    words = _words(search)
    rows = connection.execute(select(
        Organization.id, Organization.name_fr, Organization.name_en, Organization.alternate_name_fr,
        Organization.alternate_name_en).order_by(Organization.id)).all()
    return [row[0] for row in rows if _matches(words, *row[1:])]


def taxonomies(connection: Connection, search: str | None) -> list[str]:
    rows = connection.execute(select(
        Taxonomy.id, Taxonomy.name_fr, Taxonomy.name_en, Taxonomy.description_fr,
        Taxonomy.description_en).order_by(Taxonomy.id)).all()
    words = _words(search) if search else []
    return [row[0] for row in rows if _matches(words, *row[1:])]


def taxonomy_terms(connection: Connection, search: str | None, *, taxonomy_id: str | None,
                   parent_id: str | None, top_only: bool) -> list[str]:
    query = select(TaxonomyTerm.id, TaxonomyTerm.name_fr, TaxonomyTerm.name_en, TaxonomyTerm.code,
                   TaxonomyTerm.description_fr, TaxonomyTerm.description_en)
    if taxonomy_id:
        query = query.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
    if parent_id:
        query = query.where(TaxonomyTerm.parent_id == parent_id)
    if top_only:
        query = query.where(TaxonomyTerm.parent_id.is_(None))
    rows = connection.execute(query.order_by(TaxonomyTerm.id)).all()
    words = _words(search) if search else []
    return [row[0] for row in rows if _matches(words, *row[1:])]
