"""One service at one location (`service_at_location`) -> one search document, both languages.

The document is plain JSON (str, int, float, bool, None, lists of those, lists of small dicts):
both engines index exactly these dicts (`EmbeddedEngine` analyses the text fields with the Python
mirror, `OpenSearchEngine` sends them to the custom analyzers of `analyzers.definitions`).

Fields (the contract with the OpenSearch mapping; see `FIELD_TYPES`):

* ids: `id` (service_at_location id), `service_id`, `organization_id`, `location_id`
* text, per language (`_fr`/`_en`; English may be empty): `name`, `organization`, `description`
  (service description + the service-at-location's own description), `eligibility`, `keywords`
  (list), `categories` (labels of every attached taxonomy term AND its ancestors, list)
* filters and facets (keywords): `category_codes` (codes incl. ancestors, so a filter on a top
  category matches its children), `region_code`, `municipality`, `languages` (codes),
  `accessibility` (feature keys), `age_groups` (children | youth | adults | seniors), `free`,
  `status`, `is_temporary`, `is_crisis`, `valid_from`, `valid_to` (ISO dates)
* place: `address`, `postal_code`, `lat`, `lon` (None for a location without coordinates);
  `confidential`: for a confidential location (`directory.public_location`) the document holds no
  street (`address` None), only the FSA as `postal_code`, and as `lat`/`lon` the approximate point
  distances are measured from, never its coordinates: what the index holds cannot leak
* hours: `open_slots` (ints 0..671, see `indexer.schedule`), `schedule` (compact rows for display,
  exceptions included), `holiday_rule` (`directory.holidays`)
* display: `phones`, `alert_fr`/`alert_en`, `url`, `verified_on`, `last_modified`
* live capacity (HSDS 3.1, directory/capacity.py): `capacities` (per unit: `unit`, its names,
  `available`, `maximum`, `updated` as ISO date-time; pages decide freshness when they render) and
  `available_until` (epoch seconds until which a count above 0 stays fresh, None when none: the
  "places available now" filter is `available_until > now`, so a count goes stale without a
  reindex)
* sorting: `name_sort_fr`/`name_sort_en` (lowercased, accent-folded; English falls back to French)
* grouping: `location_count`, how many documents (locations) its service has, so a result card
  grouped by service can say "and N other locations" without another read (a staff save reindexes
  the whole service, `replace_service`, so every document of a service carries the same count)

Inactive and defunct services are not indexed. Temporarily closed ones are (the engines leave them
out unless `include_closed`); temporary services past `valid_to` or before `valid_from` are filtered
at query time, so the index need not be rebuilt the day a crisis service starts or ends.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, select
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import KeyedColumnElement

from analyzers.chain import fold
from directory.capacity import available_until
from directory.db import engine_for
from directory.models import (
    Accessibility,
    Address,
    Attribute,
    Base,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    TaxonomyTerm,
    Unit,
)
from directory.public_location import approximate_point, public_postal_code
from directory.vocabulary import age_groups
from indexer import schedule as schedules
from indexer.engine import SearchDocument

INDEXED_STATUSES = ("active", "temporarily closed")
# A table row as SQLAlchemy reads it: column name -> value.
Row = dict[str, Any]
AnySelect = Select[*tuple[Any, ...]]

_STR, _INT, _FLOAT, _BOOL, _LIST_STR, _LIST_INT, _LIST_DICT = (
    "str", "int", "float", "bool", "list[str]", "list[int]", "list[dict]",
)

# Every field, its type and whether it may be None. `validate_document` checks these before a
# document reaches tantivy, whose writer panics (and dies) on a type mismatch.
FIELD_TYPES: dict[str, tuple[str, bool]] = {
    "id": (_STR, False),
    "service_id": (_STR, False),
    "organization_id": (_STR, False),
    "location_id": (_STR, False),
    "name_fr": (_STR, False),
    "name_en": (_STR, True),
    "organization_fr": (_STR, False),
    "organization_en": (_STR, True),
    "description_fr": (_STR, True),
    "description_en": (_STR, True),
    "eligibility_fr": (_STR, True),
    "eligibility_en": (_STR, True),
    "keywords_fr": (_LIST_STR, False),
    "keywords_en": (_LIST_STR, False),
    "categories_fr": (_LIST_STR, False),
    "categories_en": (_LIST_STR, False),
    "category_codes": (_LIST_STR, False),
    "region_code": (_STR, True),
    "municipality": (_STR, True),
    "address": (_STR, True),
    "postal_code": (_STR, True),
    "lat": (_FLOAT, True),
    "lon": (_FLOAT, True),
    "confidential": (_BOOL, False),
    "languages": (_LIST_STR, False),
    "accessibility": (_LIST_STR, False),
    "age_groups": (_LIST_STR, False),
    "free": (_BOOL, False),
    "status": (_STR, False),
    "is_temporary": (_BOOL, False),
    "is_crisis": (_BOOL, False),
    "valid_from": (_STR, True),
    "valid_to": (_STR, True),
    "open_slots": (_LIST_INT, False),
    "schedule": (_LIST_DICT, False),
    "holiday_rule": (_STR, True),
    "phones": (_LIST_DICT, False),
    "alert_fr": (_STR, True),
    "alert_en": (_STR, True),
    "url": (_STR, True),
    "verified_on": (_STR, True),
    "last_modified": (_STR, True),
    "name_sort_fr": (_STR, False),
    "name_sort_en": (_STR, False),
    "location_count": (_INT, False),
    "capacities": (_LIST_DICT, False),
    "available_until": (_INT, True),
}


class InvalidDocument(ValueError):
    """A document that would break the index (wrong type, missing field, value out of range)."""


def validate_document(doc: Mapping[str, Any]) -> None:
    """Raise InvalidDocument unless every field has its declared type (see FIELD_TYPES)."""
    if not isinstance(doc, Mapping):
        raise InvalidDocument(f"a document is a mapping, not {type(doc).__name__}")
    ident = doc.get("id", "?")
    unknown = set(doc) - set(FIELD_TYPES)
    if unknown:
        raise InvalidDocument(f"{ident}: unknown fields {sorted(unknown)}")
    for name, (kind, nullable) in FIELD_TYPES.items():
        if name not in doc:
            raise InvalidDocument(f"{ident}: missing field {name!r}")
        value = doc[name]
        if value is None:
            if not nullable:
                raise InvalidDocument(f"{ident}: {name} may not be null")
            continue
        if not _has_type(value, kind):
            raise InvalidDocument(f"{ident}: {name} should be {kind}, got {value!r:.80}")
    if not doc["id"] or not doc["name_fr"]:
        raise InvalidDocument(f"{ident}: id and name_fr must not be empty")
    if (doc["lat"] is None) != (doc["lon"] is None):
        raise InvalidDocument(f"{ident}: lat and lon go together")
    if doc["lat"] is not None and not (-90 <= doc["lat"] <= 90 and -180 <= doc["lon"] <= 180):
        raise InvalidDocument(f"{ident}: coordinates out of range")
    if any(not 0 <= s < schedules.SLOTS_PER_WEEK for s in doc["open_slots"]):
        raise InvalidDocument(f"{ident}: open_slots must be within 0..{schedules.SLOTS_PER_WEEK - 1}")
    for name in ("valid_from", "valid_to", "verified_on"):
        if doc[name] is not None:
            try:
                dt.date.fromisoformat(doc[name])
            except ValueError:
                raise InvalidDocument(f"{ident}: {name} is not an ISO date") from None


def _has_type(value: Any, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _FLOAT:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
    if kind == _LIST_STR:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == _LIST_INT:
        return isinstance(value, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value)
    if kind == _LIST_DICT:
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    return False


# ------------------------------------------------------------------------------- building


def is_free(cost_options: Sequence[Mapping[str, Any]], fees_description_fr: str | None) -> bool:
    """Free when a cost option costs 0 or is labelled free ("Gratuit"), or the fees say so."""
    for option in cost_options:
        amount = option.get("amount")
        if amount is not None and Decimal(amount) == 0:
            return True
        if fold(option.get("option_fr") or "").strip().startswith("gratuit"):
            return True
    return fold(fees_description_fr or "").strip().startswith("gratuit")


def _keywords(text: str | None) -> list[str]:
    return [k.strip() for k in (text or "").split(",") if k.strip()]


def _join(*parts: str | None) -> str | None:
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    return text or None


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _phone(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"number": row["number"], "extension": row["extension"], "type": row["type"],
            "description_fr": row["description_fr"], "description_en": row["description_en"]}


class DocumentTables:
    """Rows of every table a document needs, grouped by foreign key (one SELECT per table), for
    all the indexed services (`service_ids` None) or for a few."""

    def __init__(self, conn: Connection, service_ids: list[str] | None) -> None:
        def rows(stmt: AnySelect) -> list[Row]:
            return [dict(r) for r in conn.execute(stmt).mappings()]

        def by(items: list[Row], key: str) -> dict[Any, list[Row]]:
            grouped: dict[Any, list[Row]] = defaultdict(list)
            for item in items:
                if item.get(key) is not None:
                    grouped[item[key]].append(item)
                    continue
            return grouped

        svc_stmt = select(*_cols(Service)).where(Service.status.in_(INDEXED_STATUSES))
        if service_ids is not None:
            svc_stmt = svc_stmt.where(Service.id.in_(service_ids))
        self.services = {r["id"]: r for r in rows(svc_stmt)}
        ids = list(self.services)

        def restrict(stmt: AnySelect, column: QueryableAttribute[Any]) -> AnySelect:
            # A whole rebuild reads every row (one scan beats a huge IN list); an incremental update
            # reads only what the few services need.
            return stmt if service_ids is None else stmt.where(column.in_(ids))

        self.sals = rows(restrict(select(*_cols(ServiceAtLocation)), ServiceAtLocation.service_id))
        location_ids = {s["location_id"] for s in self.sals}
        org_ids = {s["organization_id"] for s in self.services.values()}
        sal_ids = [s["id"] for s in self.sals]

        def restrict_to(stmt: AnySelect, column: QueryableAttribute[Any],
                        values: Iterable[Any]) -> AnySelect:
            return stmt if service_ids is None else stmt.where(column.in_(list(values)))

        self.organizations = {r["id"]: r for r in rows(restrict_to(
            select(Organization.id, Organization.name_fr, Organization.name_en), Organization.id, org_ids))}
        self.locations = {r["id"]: r for r in rows(restrict_to(
            select(*_cols(Location)), Location.id, location_ids))}
        self.addresses = by(rows(restrict_to(select(*_cols(Address)), Address.location_id, location_ids)),
                            "location_id")
        self.accessibility = by(rows(restrict_to(
            select(Accessibility.location_id, Accessibility.feature), Accessibility.location_id, location_ids)),
            "location_id")
        phones = rows(restrict_to(select(*_cols(Phone)), Phone.service_id, ids)) if service_ids is not None \
            else rows(select(*_cols(Phone)))
        if service_ids is not None:
            phones += rows(select(*_cols(Phone)).where(Phone.location_id.in_(list(location_ids))))
            phones += rows(select(*_cols(Phone)).where(Phone.service_at_location_id.in_(sal_ids)))
            phones += rows(select(*_cols(Phone)).where(Phone.organization_id.in_(list(org_ids))))
            phones = list({p["id"]: p for p in phones}.values())
        self.phones_by = {key: by(phones, key) for key in
                          ("service_at_location_id", "service_id", "location_id", "organization_id")}
        scheds = rows(select(*_cols(Schedule))) if service_ids is None else list({r["id"]: r for r in (
            rows(select(*_cols(Schedule)).where(Schedule.service_id.in_(ids)))
            + rows(select(*_cols(Schedule)).where(Schedule.location_id.in_(list(location_ids))))
            + rows(select(*_cols(Schedule)).where(Schedule.service_at_location_id.in_(sal_ids)))
        )}.values())
        self.schedules_by = {key: by(scheds, key) for key in
                             ("service_at_location_id", "service_id", "location_id")}
        langs = rows(select(Language.service_id, Language.location_id, Language.code)) if service_ids is None \
            else rows(select(Language.service_id, Language.location_id, Language.code).where(
                Language.service_id.in_(ids) | Language.location_id.in_(list(location_ids))))
        self.languages_by = {key: by(langs, key) for key in ("service_id", "location_id")}
        self.costs = by(rows(restrict(select(*_cols(CostOption)), CostOption.service_id)), "service_id")
        self.capacities = by(rows(restrict(
            select(ServiceCapacity.service_id, ServiceCapacity.available, ServiceCapacity.maximum,
                   ServiceCapacity.updated, Unit.identifier, Unit.name_fr, Unit.name_en)
            .join(Unit, Unit.id == ServiceCapacity.unit_id).order_by(Unit.identifier),
            ServiceCapacity.service_id)), "service_id")
        attr_stmt = select(Attribute.link_id, Attribute.taxonomy_term_id).where(
            Attribute.link_entity == "service")
        self.attributes = by(rows(restrict(attr_stmt, Attribute.link_id)), "link_id")
        self.terms = {r["id"]: r for r in rows(select(
            TaxonomyTerm.id, TaxonomyTerm.code, TaxonomyTerm.parent_id, TaxonomyTerm.name_fr,
            TaxonomyTerm.name_en))}
        self._lineage: dict[str, list[Row]] = {}
        # Documents per service: its service_at_locations whose location exists (build_document).
        self.location_counts: dict[str, int] = defaultdict(int)
        for sal in self.sals:
            if sal["location_id"] in self.locations and sal["service_id"] in self.services:
                self.location_counts[sal["service_id"]] += 1

    def lineage(self, term_id: str) -> list[Row]:
        """The term and its ancestors, root first."""
        if term_id not in self._lineage:
            chain: list[Row] = []
            current, seen = self.terms.get(term_id), set()
            while current is not None and current["id"] not in seen:
                seen.add(current["id"])
                chain.append(current)
                current = self.terms.get(current["parent_id"]) if current["parent_id"] else None
            self._lineage[term_id] = chain[::-1]
        return self._lineage[term_id]


def _cols(model: type[Base]) -> list[KeyedColumnElement[Any]]:
    return list(model.__table__.columns)


def build_document(t: DocumentTables, sal: Mapping[str, Any],
                   today: dt.date) -> SearchDocument | None:
    """The search document of one service at location (`sal`, a row of `t.sals`), or None when its
    service or location is not in `t`."""
    service = t.services.get(sal["service_id"])
    location = t.locations.get(sal["location_id"])
    if service is None or location is None:
        return None
    org = t.organizations.get(service["organization_id"]) or {"name_fr": "", "name_en": None}
    addresses = t.addresses.get(location["id"], [])
    address = next((a for a in addresses if a["address_type"] == "physical"), addresses[0] if addresses else None)

    codes: list[str] = []
    labels_fr: list[str] = []
    labels_en: list[str] = []
    for attribute in t.attributes.get(service["id"], []):
        for term in t.lineage(attribute["taxonomy_term_id"]):
            code = term["code"] or term["id"]
            if code in codes:
                continue
            codes.append(code)
            labels_fr.append(term["name_fr"])
            if term["name_en"]:
                labels_en.append(term["name_en"])

    rows = schedules.applicable_rows(t.schedules_by["service_at_location_id"].get(sal["id"], []),
                                     t.schedules_by["service_id"].get(service["id"], []),
                                     t.schedules_by["location_id"].get(location["id"], []))
    languages = (t.languages_by["service_id"].get(service["id"])
                 or t.languages_by["location_id"].get(location["id"]) or [])
    phones = [
        _phone(p)
        for key, value in (("service_at_location_id", sal["id"]), ("service_id", service["id"]),
                           ("location_id", location["id"]),
                           ("organization_id", service["organization_id"]))
        for p in t.phones_by[key].get(value, [])
    ]
    phones = list({(p["number"], p["extension"]): p for p in phones}.values())

    lat, lon = location["latitude"], location["longitude"]
    if lat is None or lon is None:
        lat = lon = None
    name_en = service["name_en"] or None
    street = ", ".join(x for x in (address["address_1"], address["address_2"]) if x) if address else None
    postal_code = address["postal_code"] if address else None
    confidential = bool(location.get("confidential"))
    if confidential:
        # docs/confidential-locations.md: the index never holds what could place it.
        street = None
        postal_code = public_postal_code(postal_code)
        point = approximate_point(address["postal_code"], address["city"]) if address else None
        lat, lon = point if point is not None else (None, None)
    return {
        "id": sal["id"],
        "service_id": service["id"],
        "organization_id": service["organization_id"],
        "location_id": location["id"],
        "name_fr": service["name_fr"],
        "name_en": name_en,
        "organization_fr": org["name_fr"] or "",
        "organization_en": org["name_en"] or None,
        "description_fr": _join(service["description_fr"], sal["description_fr"]),
        "description_en": _join(service["description_en"], sal["description_en"]),
        "eligibility_fr": service["eligibility_description_fr"] or None,
        "eligibility_en": service["eligibility_description_en"] or None,
        "keywords_fr": _keywords(service["keywords_fr"]),
        "keywords_en": _keywords(service["keywords_en"]),
        "categories_fr": labels_fr,
        "categories_en": labels_en,
        "category_codes": codes,
        "region_code": location["region_code"] or None,
        "municipality": address["city"] if address and address["city"] else None,
        "address": street,
        "postal_code": postal_code,
        "lat": float(lat) if lat is not None else None,
        "lon": float(lon) if lon is not None else None,
        "confidential": confidential,
        "languages": sorted({lang["code"] for lang in languages if lang["code"]}),
        "accessibility": sorted({a["feature"] for a in t.accessibility.get(location["id"], []) if a["feature"]}),
        "age_groups": age_groups(service["minimum_age"], service["maximum_age"]),
        "free": is_free(t.costs.get(service["id"], []), service["fees_description_fr"]),
        "status": service["status"],
        "is_temporary": bool(service["is_temporary"]),
        "is_crisis": bool(service["is_crisis"]),
        "valid_from": _iso(service["valid_from"]),
        "valid_to": _iso(service["valid_to"]),
        "open_slots": schedules.open_slots(rows, today, service["holiday_rule"]),
        "schedule": schedules.compact(rows),
        "holiday_rule": service["holiday_rule"] or None,
        "phones": phones,
        "alert_fr": service["alert_fr"] or None,
        "alert_en": service["alert_en"] or None,
        "url": service["url"] or None,
        "verified_on": _iso(service["verified_on"]),
        "last_modified": _iso(service["last_modified"]),
        "name_sort_fr": fold(service["name_fr"]).strip(),
        "name_sort_en": fold(name_en or service["name_fr"]).strip(),
        "location_count": t.location_counts[service["id"]],
        **_capacity(t.capacities.get(service["id"], [])),
    }


def _capacity(rows: list[Row]) -> dict[str, Any]:
    counts = [{"unit": r["identifier"], "name_fr": r["name_fr"], "name_en": r["name_en"],
               "available": r["available"], "maximum": r["maximum"], "updated": _iso(r["updated"])}
              for r in rows]
    until = available_until((r["identifier"], r["available"], r["updated"]) for r in rows)
    return {"capacities": counts, "available_until": until}


def _today(today: dt.date | None) -> dt.date:
    return today or dt.datetime.now(schedules.MONTREAL).date()


def iter_documents(database_url: str, *, today: dt.date | None = None) -> Iterator[SearchDocument]:
    """Every indexable service at location of the directory, as documents.

    One SELECT per table into dictionaries keyed by foreign key (no ORM objects, no lazy loads):
    15,000 services take a few seconds. `today` fixes the week of `open_slots` (tests, benchmarks).
    """
    day = _today(today)
    with engine_for(database_url).connect() as conn:
        tables = DocumentTables(conn, None)
    for sal in tables.sals:
        doc = build_document(tables, sal, day)
        if doc is not None:
            yield doc


def documents_for_service(database_url: str, service_id: str, *,
                          today: dt.date | None = None) -> list[SearchDocument]:
    """The current documents of one service (none when it is inactive, defunct or deleted).

    For incremental updates: delete the service's documents by `service_id`, then add these.
    """
    day = _today(today)
    with engine_for(database_url).connect() as conn:
        tables = DocumentTables(conn, [service_id])
    return [d for d in (build_document(tables, sal, day) for sal in tables.sals) if d is not None]


def iter_documents_for_services(database_url: str, service_ids: Iterable[str], *, batch: int = 500,
                                today: dt.date | None = None) -> Iterator[SearchDocument]:
    """The current documents of each service, in the order of `service_ids` (none for an unknown,
    inactive or defunct id), reading every table once per `batch` services: lists, exports and
    PDFs read the directory this way, with the indexer's own function, so they agree with search.
    """
    day = _today(today)
    wanted = list(service_ids)
    with engine_for(database_url).connect() as conn:
        for start in range(0, len(wanted), batch):
            chunk = wanted[start:start + batch]
            tables = DocumentTables(conn, chunk)
            by_service: dict[str, list[SearchDocument]] = {}
            for sal in tables.sals:
                doc = build_document(tables, sal, day)
                if doc is not None:
                    by_service.setdefault(doc["service_id"], []).append(doc)
            for service_id in chunk:
                yield from by_service.get(service_id, ())
