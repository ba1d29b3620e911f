"""The OpenAPI document the HSDS API serves, derived from the official `schema/openapi.json`.

The official file is a template: placeholder `info`, no `servers`, response `$ref`s to
raw.githubusercontent.com, a few known bugs. `document()` turns it into a description of exactly
what the portal implements, and nothing else:

* `info` filled in, one `servers` entry (the API's base URL, given by the caller);
* only the implemented paths (`IMPLEMENTED`); every other path of a later HSDS is dropped;
* the response schemas kept official but self-contained: each modular schema (`service.json`,
  `phone.json`…) and the compiled list schemas become `components/schemas/<name>` with their
  `$ref`s rewritten to `#/components/schemas/<name>`, so a client (schemathesis, the ORUK
  validator) resolves everything from this one document, offline. The modular schemas are what the
  compiled ones are compiled from; the compiled `service.json` alone is 2.3 MB because it repeats
  every nested object. The same files are also served as they are under `<api>/schema/…`;
* the parameters we add: `locale` (one language per response) and `profile` (the bilingual
  profile), an `Error` object for 400/404/429/503, `format=ndjson` responses, `minimum`s on
  `page`/`per_page` and a `maximum` on `per_page`, and two corrections of the official file:
  `GET /service_at_locations/{id}` answers a service_at_location (the file says service) and
  `modified_after` has `format: date-time` ("datetime" is no JSON Schema format). The 3.1.1–3.1.3
  patch-release fixes (Page.empty required, `$ref`s to 3.1, `allOf` at the root of pages, the
  `/taxonomy_terms` operationIds) come with the file (`fixes.py`);
* GET operations only: 3.1's `POST` variants of the list endpoints (same parameters, no body) are
  optional and not served (a POST is a 405).

Pure: no Flask, no database. `directory.hsds.schemas` holds the files.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from directory.hsds import schemas

API_VERSION = "1.0.0"
MAX_PER_PAGE = 100
LOCALES = ("fr", "en")
PROFILES = ("plain", "bilingual")

IMPLEMENTED = (
    "/", "/services", "/services/{id}", "/organizations", "/organizations/{id}",
    "/service_at_locations", "/service_at_locations/{id}", "/taxonomies", "/taxonomies/{id}",
    "/taxonomy_terms", "/taxonomy_terms/{id}",
)
LIST_PATHS = ("/services", "/organizations", "/service_at_locations", "/taxonomies",
              "/taxonomy_terms")

# The compiled list forms are small and have no $refs; the full compiled forms are replaced by
# the modular schema they are compiled from (see the module docstring).
COMPILED_LISTS = ("service_list", "service_at_location_list", "organization_list")
_REF = re.compile(r"^(?:https?://raw\.githubusercontent\.com/openreferral/specification/"
                  r"(?:refs/heads/)?3\.[01]/schema/)?(compiled/)?([a-z_]+)\.json$")

DESCRIPTION = """\
The Portail 211 directory of community services in Québec, as an \
[HSDS 3.1](https://docs.openreferral.org/en/latest/hsds/) API.

* **Languages.** The directory is bilingual (French is the reference language). Each response is in
  one language, in plain HSDS: `?locale=fr|en`, else the `Accept-Language` header, else French.
  A text without an English version is given in French.
* **Bilingual profile.** `?profile=bilingual` serves both languages at once with the directory's
  extension fields, following the Portail 211 profile (`profile` in `GET /`): HSDS fields in French,
  English under `translations.en`. These documents validate against the official schemas too, and
  against the profile's merged schemas (served under `profile/schema/`).
* **Search.** `search` (and `postcode`/`proximity`) is answered by the portal's search engine, with
  the same ranking as the portal's results page: text relevance, multiplied by a distance decay
  around the postcode. Search covers active services (the others are listed without `search`).
  `/services?search=` ranks each service by its best service_at_location; its `total_items` is
  exact when the result fits in the first few hundred matches and estimated beyond (like OpenSearch's
  field collapsing).
* **Understood search.** Like the portal, `search` is understood before it is matched: a place in
  its words ("banque alimentaire Sherbrooke", "food bank near H2X 1Y4") is used as if given as
  `postcode` (a region as a region filter) unless `postcode` is given, which wins; words that find
  (almost) nothing are searched again with their spelling corrected. A page says what was
  understood in its `search_understanding` member (`search` as sent, `text` the words matched,
  `places`, `corrected`), absent when the words were taken as they are.
* **Filters** combine with AND. `taxonomy_term_id` also matches the narrower terms of that term.
* **Parameters.** Each operation takes exactly the query parameters listed for it (and `lang`, an
  alias of `locale`). Any other parameter, or a value that is not valid, is a 400 whose `message`
  says in plain words which parameter and why; an unknown one is also listed in `accepted`.
* **Pages.** `per_page` is at most 100 (a larger value is a 400); `format=ndjson` streams every
  match, one object per line, without pagination. Bulk downloads of the whole directory (HSDS JSON,
  ndjson, CSV data package, CSV, GeoJSON) are on the open-data page.
* **Caching and limits.** Responses carry `ETag` and `Last-Modified` and answer conditional requests
  with 304. Requests are rate-limited per client (429 with `Retry-After`); addresses are kept in
  memory for that purpose only, never logged or stored.
* **Licence.** Directory data: CC BY 4.0 (attribution: "Portail 211"); categories: CC BY-SA 3.0
  (based on Open Eligibility).
"""


def _rewrite_refs(node: Any) -> Any:
    """Every `$ref` to an HSDS schema file → a `#/components/schemas/<name>` pointer."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                match = _REF.match(value)
                if match:
                    # A full compiled form becomes the modular schema it is compiled from.
                    value = f"#/components/schemas/{match.group(2)}"
            if key in ("$schema", "$id"):
                continue
            out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def _component_schemas() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in schemas.official_files():
        if name == "openapi.json":
            continue
        stem = name.removesuffix(".json")
        if stem.startswith("compiled/"):
            stem = stem.removeprefix("compiled/")
            if stem not in COMPILED_LISTS:
                continue
        out[stem] = _rewrite_refs(schemas.official(name))
    # GET /organizations/{id}: the organization with its services (compiled/organization.json).
    out["organization_with_services"] = {
        "allOf": [{"$ref": "#/components/schemas/organization"}],
        "properties": {"services": {"type": "array",
                                    "items": {"$ref": "#/components/schemas/service"}}},
    }
    out["Error"] = {
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "description": "A stable code: bad_parameter, not_found, "
                      "rate_limited, search_unavailable, not_acceptable…"},
            "message": {"type": "string", "description": "What went wrong, in plain English."},
            "parameter": {"type": "string", "description": "The query parameter at fault (400)."},
            "reason": {"type": "string", "description": "A finer code for some 400s: "
                       "unknown_parameter, unknown_place, outside_quebec, invalid_coordinates, "
                       "query_too_long, radius_without_place…"},
            "accepted": {"type": "array", "items": {"type": "string"}, "description":
                         "With unknown_parameter: the parameters this operation takes."},
        },
    }
    return out


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


EXTRA_PARAMETERS = {
    "locale": _param(
        "locale", "Language of the response: `fr` (default) or `en`. Without it, the "
        "`Accept-Language` header decides. Ignored with `profile=bilingual`.",
        {"type": "string", "enum": list(LOCALES)}),
    "profile": _param(
        "profile", "`bilingual`: both languages and the extension fields (Portail 211 profile, see "
        "`GET /`); `plain` (default): plain HSDS in one language.",
        {"type": "string", "enum": list(PROFILES)}),
}

_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, **copy.deepcopy(_ERROR)}


@functools.cache
def _base() -> dict[str, Any]:
    """Everything but `servers`, which depends on where the API is served."""
    official = schemas.official("openapi.json")
    doc: dict[str, Any] = _rewrite_refs(copy.deepcopy(official))
    doc["info"] = {
        "title": "Portail 211 — HSDS 3.1 API",
        "version": API_VERSION,
        "summary": "Québec's 211 directory of community services, as Open Referral HSDS 3.1.",
        "description": DESCRIPTION,
        "contact": {"name": "Portail 211", "url": "https://github.com/portail211/portail211"},
        "license": {"name": "CC BY 4.0 (directory data)",
                    "url": "https://creativecommons.org/licenses/by/4.0/"},
    }
    doc["paths"] = {path: {"get": item["get"]} for path, item in doc["paths"].items()
                    if path in IMPLEMENTED}
    components = doc["components"]
    parameters = components["parameters"]
    parameters.update(copy.deepcopy(EXTRA_PARAMETERS))
    parameters["modified_after"]["schema"] = {"type": "string", "format": "date-time"}
    parameters["modified_after"]["description"] = (
        "Results modified on or after this time (RFC 3339 date-time, or a date).")
    parameters["page"]["schema"] = {"type": "integer", "minimum": 1}
    parameters["per_page"]["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}
    parameters["per_page"]["description"] = (
        f"Number of results in a page (default 20, at most {MAX_PER_PAGE}: a larger value is a "
        f"400; `format=ndjson` gives every match at once).")
    parameters["format"]["schema"] = {"type": "string", "enum": ["json", "ndjson"]}
    parameters["proximity"]["schema"] = {"type": "number", "exclusiveMinimum": 0}
    parameters["proximity"]["description"] = (
        "Only results within this many metres of the postcode's centroid (needs `postcode`; "
        "clamped to 1–500 km, like the portal's radius).")
    parameters["postcode"]["description"] = (
        "A Québec postal code (or its first three characters): results are ranked by text "
        "relevance times a distance decay around it, as on the portal.")
    for name in ("minimal", "full", "full_service"):
        parameters[name]["schema"] = {"type": "boolean"}
    components["schemas"]["Page"]["required"] = [
        "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"]
    components["schemas"].update(_component_schemas())

    paths = doc["paths"]
    # The official file answers a service here (module docstring).
    sal = paths["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]
    sal["application/json"]["schema"] = {"$ref": "#/components/schemas/service_at_location"}
    organization = paths["/organizations/{id}"]["get"]["responses"]["200"]["content"]
    organization["application/json"]["schema"] = {
        "$ref": "#/components/schemas/organization_with_services"}
    for parameter in paths["/taxonomy_terms"]["get"]["parameters"]:
        if parameter.get("name") == "top_only":
            parameter["description"] = "Only top-level terms (terms without a parent)."
        if parameter.get("name") == "parent_id":
            parameter["description"] = "Only the terms whose parent has this id."

    for path, item in paths.items():
        operation = item["get"]
        responses = operation["responses"]
        if path != "/":
            operation.setdefault("parameters", [])
            operation["parameters"] += [{"$ref": "#/components/parameters/locale"},
                                        {"$ref": "#/components/parameters/profile"}]
        responses["400"] = _error("A query parameter is unknown or not valid; `parameter` names it.")
        if "{id}" in path:
            responses["404"] = _error("No record has this id.")
        if path in LIST_PATHS:
            ok = responses["200"]["content"]
            ok["application/x-ndjson"] = {"schema": {"type": "string"}}
            page_schema = ok["application/json"]["schema"]["allOf"][-1]  # fixes.py, 3.1.3
            page_schema["properties"]["contents"].setdefault("description", "The page's records.")
        if path in ("/services", "/service_at_locations"):
            responses["503"] = _error("The search engine is unavailable (searches only).")
        responses["304"] = {"description": "Not modified (conditional request)."}
        responses["429"] = _error("Too many requests; retry after `Retry-After` seconds.")
    return doc


def document(server_url: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document for an API served at `server_url` (e.g. https://…/api/hsds)."""
    doc = copy.deepcopy(_base())
    doc["servers"] = [{"url": server_url.rstrip("/"),
                       "description": "Portail 211 HSDS 3.1 API"}]
    # Keep the document's key order readable: openapi, info, servers, then the rest.
    ordered = {key: doc[key] for key in ("openapi", "info", "servers")}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    return ordered
