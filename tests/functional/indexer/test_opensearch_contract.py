"""Every request body the OpenSearch engine can send, validated against the OpenSearch REST API
specification (opensearch-project/opensearch-api-specification, multi-file OpenAPI 3.1), offline.

The specification is vendored in tests/data/opensearch-api-spec (Apache-2.0, PROVENANCE.md there):
only the files the operations below reach through their `$ref`s, unmodified, so these tests run in a
clone of the repository alone. `test_the_vendored_specification_is_exactly_what_the_tests_reach`
keeps that set closed and minimal; PROVENANCE.md says how to refresh it.

All YAML files go into one `referencing.Registry` under their `file://` URIs, so the spec's relative
`$ref`s ("../schemas/_common.query_dsl.yaml#/...") resolve; a body is then validated with
Draft202012Validator against `#/components/requestBodies/<operation>/content/application~1json/schema`.

Known limits of the specification (guide search-engines.md §6): analysis schemas do not forbid
unknown keys (a misspelt filter option passes), and `FieldSuggester` rejects a per-suggester
`text` (we send the global `suggest.text`, which the tests below pin).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from indexer import opensearch_mapping as mapping
from indexer import opensearch_query as dsl
from indexer import relevance
from indexer.engine import Origin, SearchRequest

ROOT = Path(__file__).resolve().parents[3]
SPEC = ROOT / "tests" / "data" / "opensearch-api-spec" / "spec"
# Every schema the tests validate against (file under SPEC, JSON pointer): the vendored files are
# exactly those these pointers reach, following $refs transitively.
ENTRY_POINTS = (
    *(("namespaces/_core.yaml", f"/components/requestBodies/{op}/content/{content}/schema")
      for op, content in (("search", "application~1json"), ("bulk", "application~1x-ndjson"))),
    *(("namespaces/indices.yaml", f"/components/requestBodies/{op}/content/application~1json/schema")
      for op in ("indices.create", "indices.put_settings", "indices.update_aliases")),
    ("schemas/_core.bulk.yaml", "/components/schemas/OperationContainer"),
)
TODAY = dt.date(2025, 3, 10)
MONTREAL = Origin(45.5017, -73.5673, "Montréal")


class Spec:
    """The specification's request-body schemas as validators (one registry, built once)."""

    def __init__(self, root: Path) -> None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        resources = []
        for path in sorted(root.rglob("*.yaml")):
            contents = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
            resources.append((path.as_uri(), Resource.from_contents(contents, default_specification=DRAFT202012)))
        self.root = root
        self.registry = Registry().with_resources(resources)
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, namespace: str, pointer: str) -> Draft202012Validator:
        uri = f"{(self.root / 'namespaces' / f'{namespace}.yaml').as_uri()}#{pointer}"
        assert (f"namespaces/{namespace}.yaml", pointer) in ENTRY_POINTS, f"add {pointer} to ENTRY_POINTS"
        if uri not in self._validators:
            self._validators[uri] = Draft202012Validator({"$ref": uri}, registry=self.registry)
        return self._validators[uri]

    def request_body(self, namespace: str, operation: str, content: str = "application~1json"):
        return self.validator(namespace, f"/components/requestBodies/{operation}/content/{content}/schema")

    def errors(self, namespace: str, operation: str, body) -> list[str]:
        return _messages(self.request_body(namespace, operation).iter_errors(body))

    def schema_errors(self, file: str, name: str, value) -> list[str]:
        assert (f"schemas/{file}", f"/components/schemas/{name}") in ENTRY_POINTS, f"add {name} to ENTRY_POINTS"
        uri = f"{(self.root / 'schemas' / file).as_uri()}#/components/schemas/{name}"
        return _messages(Draft202012Validator({"$ref": uri}, registry=self.registry).iter_errors(value))


def _messages(errors) -> list[str]:
    """Each error, then the errors of the oneOf/anyOf branches under it (where the real cause of
    "is not valid under any of the given schemas" is), deepest last."""
    out = []
    for error in errors:
        out.append(f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
        for sub in sorted(error.context or (), key=lambda e: -len(e.absolute_path))[:5]:
            out.append(f"  {'/'.join(map(str, sub.absolute_path))}: {sub.message[:300]}")
    return out


def load_spec() -> Spec:
    """The vendored specification; a missing copy skips locally and fails under CI."""
    if not SPEC.is_dir():
        from tests.resources import missing

        missing(f"the vendored OpenSearch API specification is missing at {SPEC} (it is part of the repository)")
    return Spec(SPEC)


@pytest.fixture(scope="session")
def spec() -> Spec:
    return load_spec()


def reachable_files(root: Path, entry_points=ENTRY_POINTS) -> set[str]:
    """The spec files (relative to `root`) that the entry points reach through $refs, transitively:
    only the subtree under each pointer is followed, not the rest of a file it lands in."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents: dict[Path, object] = {}
    seen: set[tuple[Path, str]] = set()
    todo = [((root / file).resolve(), pointer) for file, pointer in entry_points]
    while todo:
        path, pointer = todo.pop()
        if (path, pointer) in seen:
            continue
        seen.add((path, pointer))
        if path not in documents:
            documents[path] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        node = documents[path]
        for part in filter(None, pointer.split("/")):
            part = unquote(part).replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                ref = item.get("$ref")
                if isinstance(ref, str):
                    target, fragment = urldefrag(ref)
                    todo.append(((path.parent / target).resolve() if target else path, fragment))
                stack.extend(v for k, v in item.items() if k != "$ref")
            elif isinstance(item, list):
                stack.extend(item)
    return {path.relative_to(root.resolve()).as_posix() for path in documents}


def test_the_vendored_specification_is_exactly_what_the_tests_reach(spec):
    """Closed (every $ref the validated schemas can follow lands in a vendored file) and minimal
    (no vendored YAML file is unused); its licence and notice ship beside it."""
    vendored = {path.relative_to(spec.root).as_posix() for path in spec.root.rglob("*.yaml")}
    assert reachable_files(spec.root) == vendored
    for name in ("LICENSE.txt", "NOTICE.txt", "PROVENANCE.md"):
        assert (spec.root.parent / name).is_file(), name
    assert "Apache License" in (spec.root.parent / "LICENSE.txt").read_text(encoding="utf-8")


def _plan(request: SearchRequest) -> relevance.Plan:
    return relevance.plan(request, today=TODAY, slot=100)


def _search(request: SearchRequest) -> dict:
    plan = _plan(request)
    return dsl.search_body(request, plan, plan.origin)


# Each feature on and off: the request, and what the body must contain for it to be exercised.
SEARCHES = {
    "browse_by_name": SearchRequest(),
    "text": SearchRequest(q="popote roulante"),
    "text_english": SearchRequest(q="meals on wheels", locale="en"),
    "synonym_phrase": SearchRequest(q="food bank"),  # expands to the phrase banqu aliment etc.
    "synonym_explicit": SearchRequest(q="bs montréal"),
    "fuzzy": SearchRequest(q="itinerence"),
    "long_query": SearchRequest(q="aide alimentaire pour familles avec enfants à Laval"),
    "no_facets_no_highlight": SearchRequest(q="logement", facets=False, highlight=False),
    "filter_category": SearchRequest(q="aide", categories=("food", "food.emergency-food")),
    "filter_region": SearchRequest(q="aide", regions=("06",)),
    "filter_municipality": SearchRequest(municipalities=("Laval",)),
    "filter_language": SearchRequest(languages=("en", "es")),
    "filter_accessibility": SearchRequest(accessibility=("wheelchair",)),
    "filter_age_group": SearchRequest(age_groups=("seniors",)),
    "filter_free": SearchRequest(free=True),
    "filter_open_now": SearchRequest(open_now=True, now=dt.datetime(2025, 3, 10, 10, 0)),
    "filter_crisis": SearchRequest(crisis_only=True),
    "filter_available_now": SearchRequest(available_now=True, now=dt.datetime(2025, 3, 10, 10, 0)),
    "include_closed": SearchRequest(q="refuge", include_closed=True),
    "all_facets_selected": SearchRequest(
        q="aide", categories=("food",), regions=("06",), municipalities=("Montréal",),
        languages=("fr",), accessibility=("wheelchair",), age_groups=("adults",), free=True),
    "geo_decay": SearchRequest(q="banque alimentaire", origin=MONTREAL),
    "geo_decay_radius": SearchRequest(q="banque alimentaire", origin=MONTREAL, radius_km=15),
    "sort_distance": SearchRequest(q="clsc", origin=MONTREAL, sort="distance"),
    "sort_distance_radius_browse": SearchRequest(origin=MONTREAL, radius_km=5.5),
    "sort_name": SearchRequest(q="clsc", sort="name", locale="en"),
    "deep_page": SearchRequest(q="aide", page=500, per_page=20),
}


def _as_the_specification_reads_it(body: dict) -> tuple[dict, list[dict]]:
    """The body with the one shape the specification wrongly rejects set apart, and the queries
    it held (validated on their own). A `function_score` function with a `filter` beside it
    (`FunctionScoreContainer` puts `maxProperties: 1` inside an `allOf`), which the node accepts
    (tests/live run it): one function_score whose filtered functions decay located documents and
    give the others the fixed factor keeps the text query ONCE, where the two-clause form the
    specification accepts doubled it past Lucene's clause limit (HTTP 500 for long queries with a
    place; `opensearch_query.scored_query`). `test_the_specification_still_rejects_filtered_score_
    functions` fails once the specification is fixed: then drop this function."""
    body = copy.deepcopy(body)
    filters: list[dict] = []
    stack: list = [body["query"]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for function in (node.get("function_score") or {}).get("functions", []):
                if "filter" in function and len(function) > 1:
                    filters.append(function.pop("filter"))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return body, filters


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_every_search_body_is_valid_against_the_api_specification(spec, name):
    body, filters = _as_the_specification_reads_it(_search(SEARCHES[name]))
    assert spec.errors("_core", "search", body) == []
    for query in filters:
        assert spec.errors("_core", "search", {"query": query}) == []


def test_the_search_bodies_exercise_every_feature():
    bodies = {name: _search(r) for name, r in SEARCHES.items()}
    text = str(bodies)
    for marker in ("'dis_max'", "'span_near'", "'span_gap'", "'fuzzy'", "'function_score'", "'gauss'",
                   "'geo_distance'", "'_geo_distance'", "'post_filter'", "'aggs'",
                   "'suggest'", "'name_sort_en'", "'open_slots'", "'is_crisis'", "'must_not'", "'valid_to'",
                   "'valid_from'"):
        assert marker in text, marker
    assert "highlight" not in bodies["no_facets_no_highlight"]
    assert "aggs" not in bodies["no_facets_no_highlight"]
    assert "function_score" not in str(bodies["text"])
    assert "fuzzy" not in str(bodies["synonym_phrase"])  # synonym slots get no fuzzy clause
    assert "geo_distance'" not in str(bodies["geo_decay"]).replace("_geo_distance", "")


def test_a_bad_body_is_caught_by_the_validator(spec):
    body = _search(SEARCHES["geo_decay_radius"])
    bad = copy.deepcopy(body)
    bad["query"]["bool"]["must"][0]["function_score"]["boost_mode"] = "product"
    bad["size"] = "ten"
    errors = "\n".join(spec.errors("_core", "search", bad))
    assert "'product' is not one of" in errors
    assert "'ten' is not of type 'integer'" in errors


def test_the_specification_still_rejects_filtered_score_functions(spec):
    body = _search(SEARCHES["geo_decay"])
    scored = body["query"]["bool"]["must"][0]["function_score"]
    located, virtual = scored["functions"]
    assert located["filter"] == {"exists": {"field": "location"}} and "gauss" in located
    assert virtual["weight"] == relevance.DECAY(None) and "must_not" in virtual["filter"]["bool"]
    # The specification's bug (maxProperties: 1 in an allOf), not ours: OpenSearch accepts it.
    errors = "\n".join(spec.errors("_core", "search", {"query": body["query"]}))
    assert "has too many properties" in errors


def test_the_tie_key_sort_is_one_object_of_two_fields_because_the_specification_rejects_one(spec):
    body = _search(SEARCHES["sort_name"])
    tail = body["sort"][-1]
    assert list(tail) == ["name_sort_en", "doc_key"] and tail["doc_key"]["unmapped_type"] == "long"
    assert spec.errors("_core", "search", {"sort": body["sort"]}) == []
    # A one-field object matches both SortOptions and FieldWithOrder of a oneOf (the spec's bug).
    errors = "\n".join(spec.errors("_core", "search", {"sort": [{"doc_key": tail["doc_key"]}]}))
    assert "is valid under each of" in errors


def test_the_specification_rejects_a_per_suggester_text_which_is_why_the_global_text_is_used(spec):
    body = _search(SEARCHES["fuzzy"])
    assert "text" in body["suggest"] and "text" not in body["suggest"]["did_you_mean"]
    per_suggester = copy.deepcopy(body)
    per_suggester["suggest"]["did_you_mean"]["text"] = per_suggester["suggest"].pop("text")
    assert spec.errors("_core", "search", per_suggester)  # the spec bug (guide §6): keep the workaround


def test_the_suggest_body_is_valid(spec):
    for locale in ("fr", "en"):
        body = dsl.suggest_body("banque ali", locale, 8)
        assert spec.errors("_core", "search", body) == []


def test_the_index_creation_body_is_valid_for_loading_and_serving(spec):
    for loading in (True, False):
        assert spec.errors("indices", "indices.create", mapping.index_body(loading=loading)) == []


def test_the_settings_restored_after_loading_are_valid(spec):
    assert spec.errors("indices", "indices.put_settings", mapping.serving_settings(replicas=1)) == []


def test_the_alias_swap_is_valid(spec):
    body = {"actions": dsl.alias_swap_actions("portail211-services", "portail211-services-v2",
                                              ["portail211-services-v1"])}
    assert spec.errors("indices", "indices.update_aliases", body) == []


def test_a_mapping_error_is_caught_by_the_validator(spec):
    body = mapping.index_body()
    body["mappings"]["properties"]["location"]["type"] = "geo_pont"
    assert spec.errors("indices", "indices.create", body)


def _document(**changes) -> dict:
    doc = {
        "id": "sal-1", "service_id": "svc-1", "organization_id": "org-1", "location_id": "loc-1",
        "name_fr": "Banque alimentaire de Laval", "name_en": "Laval Food Bank",
        "organization_fr": "Moisson Laval", "organization_en": None,
        "description_fr": "Dépannage alimentaire.", "description_en": None,
        "eligibility_fr": None, "eligibility_en": None,
        "keywords_fr": ["épicerie"], "keywords_en": [], "categories_fr": ["Alimentation"],
        "categories_en": ["Food"], "category_codes": ["food"], "region_code": "13",
        "municipality": "Laval", "address": "1 rue Principale", "postal_code": "H7N 1A1",
        "lat": 45.57, "lon": -73.69, "confidential": False, "languages": ["fr"], "accessibility": [],
        "age_groups": ["adults"],
        "free": True, "status": "active", "is_temporary": False, "is_crisis": False,
        "valid_from": None, "valid_to": None, "open_slots": [36, 37], "schedule": [], "holiday_rule": None,
        "phones": [],
        "alert_fr": None, "alert_en": None, "url": None, "verified_on": "2025-01-02",
        "last_modified": "2025-01-02T10:00:00+00:00", "name_sort_fr": "banque alimentaire de laval",
        "name_sort_en": "laval food bank", "location_count": 1,
        "capacities": [{"unit": "meals", "name_fr": "Repas", "name_en": "Meals", "available": 3,
                        "maximum": None, "updated": "2025-01-02T10:00:00+00:00"}],
        "available_until": 1735855200,
    }
    doc.update(changes)
    return doc


def test_bulk_action_lines_are_valid_operations(spec):
    lines = dsl.bulk_lines([_document(), _document(id="sal-2", lat=None, lon=None)], index="i-v1")
    actions = lines[0::2]
    for action in actions:
        assert spec.schema_errors("_core.bulk.yaml", "OperationContainer", action) == []
    # The whole NDJSON body against the bulk request body (an array of action/source lines).
    validator = spec.request_body("_core", "bulk", "application~1x-ndjson")
    assert list(validator.iter_errors(lines)) == []
    assert "location" in lines[1] and "location" not in lines[3]


def test_delete_lines_are_valid_operations(spec):
    for action in dsl.delete_actions(["sal-1"], index="portail211-services"):
        line = {"delete": {"_index": action["_index"], "_id": action["_id"]}}
        assert spec.schema_errors("_core.bulk.yaml", "OperationContainer", line) == []


def test_a_page_beyond_the_result_window_is_refused_before_it_is_sent():
    from indexer.engine import InvalidSearch

    with pytest.raises(InvalidSearch):
        _search(dataclasses.replace(SEARCHES["deep_page"], per_page=100))
