"""Fixes from the HSDS 3.1.1–3.1.3 patch releases, applied to the vendored 3.1 files as they load.

The files in `schema/` stay byte-identical to upstream (commit named in `schema/PROVENANCE.md`, checked
by tests/unit/directory/hsds/test_hsds_schemas.py); what the patch releases changed afterwards, and
what validation or the served OpenAPI depends on, is applied here so each fix is visible and
tested on its own. Each entry names the release that made it.

* 3.1.1 `Page.empty` is required (`openapi.json`).
* 3.1.2 `$ref`s in `openapi.json` that still point at the 3.0 branch point at 3.1.
* 3.1.3 `allOf` moved to the root of the paginated responses (`openapi.json`): the page fields and
  `contents` are two members of one `allOf`, so a validator applies both whatever it does with
  sibling keywords.
* 3.1.3 the swapped `operationId`s of `/taxonomy_terms` and `/taxonomy_terms/{id}`.

Not applied: 3.1.1's constraints on `unit`/`service_capacity` (only `service_capacity.updated`
as a date-time matters to validation, and the 3.1 file already says so).
"""

from __future__ import annotations

from typing import Any

OLD_BRANCH = "/openreferral/specification/3.0/schema/"
NEW_BRANCH = "/openreferral/specification/3.1/schema/"

APPLIED = (
    ("3.1.1", "openapi.json", "Page.empty is required"),
    ("3.1.2", "openapi.json", "$refs to the 3.0 branch point at 3.1"),
    ("3.1.3", "openapi.json", "allOf at the root of paginated responses"),
    ("3.1.3", "openapi.json", "operationIds of /taxonomy_terms and /taxonomy_terms/{id} unswapped"),
)


def _refs_to_31(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: (value.replace(OLD_BRANCH, NEW_BRANCH)
                      if key == "$ref" and isinstance(value, str) else _refs_to_31(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_refs_to_31(item) for item in node]
    return node


def _page_at_root(schema: dict[str, Any]) -> dict[str, Any]:
    """`{properties: {contents}, allOf: [Page]}` → `{allOf: [Page, {properties: {contents}}]}`."""
    if "allOf" not in schema or "properties" not in schema:
        return schema
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    return {"allOf": [*schema["allOf"], {"type": "object", **rest}]}


def _openapi(document: dict[str, Any]) -> dict[str, Any]:
    document = _refs_to_31(document)
    page = document["components"]["schemas"]["Page"]
    page["required"] = sorted({*page.get("required", ()), "empty"})
    for item in document["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                content = response.get("content", {}).get("application/json")
                if content and "schema" in content:
                    content["schema"] = _page_at_root(content["schema"])
    for method in ("get", "post"):
        if method in document["paths"].get("/taxonomy_terms", {}):
            document["paths"]["/taxonomy_terms"][method]["operationId"] = \
                "getPaginatedListOfTaxonomyTerms"
    document["paths"]["/taxonomy_terms/{id}"]["get"]["operationId"] = "getTaxonomyTermById"
    return document


def apply(name: str, document: dict[str, Any]) -> dict[str, Any]:
    """The vendored file `name` with the patch releases' fixes (a new object when changed)."""
    if name == "openapi.json":
        return _openapi(document)
    return document
