"""Rows → the HSDS shapes each endpoint answers, a batch of ids at a time (`load.Loader`).

* list forms (compiled `*_list.json`): one-to-one fields, with the service's organization and
  program (flat), or the service_at_location's location and service (flat);
* full forms: `/services/{id}` (compiled service), `/organizations/{id}` (organization with its
  services: list form, or full with `full_service`), `/service_at_locations/{id}` (the
  service_at_location nested, with its service in list form);
* `minimal`: id, name, status and last_modified of a service (HSDS says id and modified date; name
  and status are kept so each item is still a valid `service_list` entry).

`locale=None` gives the bilingual profile (translations and extension fields) everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy.engine import Connection

from directory.hsds.load import Loader
from directory.hsds.serialize import organization_to_hsds, service_to_hsds, to_hsds
from directory.hsds.spec import spec

BATCH = 500  # ids per batch in `stream`: one SELECT per relation per batch
SERVICE_MANY = tuple(c.key for c in spec("service").children if c.kind == "many")


def _ordered(nodes: dict, ids: Iterable[str]) -> list:
    return [nodes[i] for i in ids if i in nodes]


def service_list(loader: Loader, ids: list[str], locale: str | None) -> list[dict]:
    # Plain selects, not `loader.load`: the list form has no attributes or nested lists.
    rows = {r["id"]: r for r in loader.rows_where_in("service", "id", ids)}
    organizations = {r["id"]: r for r in loader.rows_where_in(
        "organization", "id", (r["organization_id"] for r in rows.values()))}
    programs = {r["id"]: r for r in loader.rows_where_in(
        "program", "id", (r["program_id"] for r in rows.values()))}
    out = []
    for row in _ordered(rows, ids):
        row["organization"] = organizations.get(row["organization_id"])
        row["program"] = programs.get(row["program_id"])
        out.append(to_hsds("service", row, locale, skip=SERVICE_MANY))
    return out


def service_minimal(loader: Loader, ids: list[str], locale: str | None) -> list[dict]:
    rows = {r["id"]: r for r in loader.rows_where_in("service", "id", ids)}
    out = []
    for row in _ordered(rows, ids):
        full = to_hsds("service", row, locale, flat=True)
        out.append({k: full[k] for k in ("id", "name", "status", "last_modified") if k in full})
    return out


def service_full(loader: Loader, ids: list[str], locale: str | None) -> list[dict]:
    nodes = loader.load("service", ids)
    return [service_to_hsds(node, locale) for node in _ordered(nodes, ids)]


def service_at_location_list(loader: Loader, ids: list[str], locale: str | None,
                             full: bool = False) -> list[dict]:
    if full:
        nodes = loader.load("service_at_location", ids)
    else:
        nodes = {r["id"]: r for r in loader.rows_where_in("service_at_location", "id", ids)}
        locations = {r["id"]: r for r in loader.rows_where_in(
            "location", "id", (n["location_id"] for n in nodes.values()))}
    services = {s["id"]: s for s in service_list(
        loader, sorted({n["service_id"] for n in nodes.values()}), locale)}
    out = []
    for node in _ordered(nodes, ids):
        if full:
            item = to_hsds("service_at_location", node, locale)
        else:
            item = to_hsds("service_at_location", node, locale, flat=True)
            location = locations.get(node["location_id"])
            if location is not None:
                item["location"] = to_hsds("location", location, locale, flat=True)
        service = services.get(node["service_id"])
        if service is not None:
            item["service"] = service
        out.append(item)
    return out


def organization_list(loader: Loader, ids: list[str], locale: str | None) -> list[dict]:
    rows = {r["id"]: r for r in loader.rows_where_in("organization", "id", ids)}
    return [to_hsds("organization", row, locale, flat=True) for row in _ordered(rows, ids)]


def organization_full(loader: Loader, ids: list[str], locale: str | None,
                      full_service: bool = False) -> list[dict]:
    if full_service:
        nodes = loader.load("organization", ids)
        return [organization_to_hsds(node, locale) for node in _ordered(nodes, ids)]
    nodes = loader.load("organization", ids, skip=("services",))
    by_organization: dict[str, list] = {}
    for row in loader.rows_where_in("service", "organization_id", ids):
        by_organization.setdefault(row["organization_id"], []).append(row)
    out = []
    for node in _ordered(nodes, ids):
        item = organization_to_hsds(node, locale, services=False)
        item["services"] = [to_hsds("service", row, locale, flat=True)
                            for row in sorted(by_organization.get(node["id"], ()),
                                              key=lambda r: r["id"])]
        out.append(item)
    return out


def taxonomy_terms(loader: Loader, ids: list[str], locale: str | None) -> list[dict]:
    terms = loader.terms()
    return [to_hsds("taxonomy_term", terms[i], locale) for i in ids if i in terms]


def taxonomies(loader: Loader, ids: list[str], locale: str | None) -> list[dict]:
    rows = {r["id"]: r for r in loader.rows_where_in("taxonomy", "id", ids)}
    return [to_hsds("taxonomy", row, locale) for row in _ordered(rows, ids)]


def stream(connection: Connection, shape, ids: list[str], locale: str | None,
           **options) -> Iterator[dict]:
    """Every id through `shape`, BATCH at a time: memory stays flat however many there are."""
    loader = Loader(connection)
    for start in range(0, len(ids), BATCH):
        yield from shape(loader, ids[start:start + BATCH], locale, **options)
