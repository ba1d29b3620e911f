"""The served OpenAPI document describes exactly the implemented API, resolves offline, and
schemathesis finds no server error and no response that breaks it."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from directory.hsds import openapi, schemas


def test_openapi_document_is_filled_in_and_lists_only_implemented_paths(api):
    response = api.get("/api/hsds/openapi.json")
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    doc = response.get_json()
    assert doc["openapi"].startswith("3.1")
    assert doc["servers"] == [{"url": "http://localhost/api/hsds", "description": "Portail 211 HSDS 3.1 API"}]
    assert "REQUIRED" not in json.dumps(doc["info"])
    assert set(doc["paths"]) == set(openapi.IMPLEMENTED)
    for path in doc["paths"]:  # every documented path answers
        concrete = path.replace("{id}", "nope")
        status = api.get("/api/hsds" + concrete).status_code
        assert status in ((404,) if "{id}" in path else (200,)), path
    names = {p["$ref"].rsplit("/", 1)[-1] for p in doc["paths"]["/services"]["get"]["parameters"]}
    assert {"locale", "profile", "search", "modified_after", "minimal", "full", "format"} <= names


def test_openapi_refs_all_resolve_inside_the_document(api):
    text = api.get("/api/hsds/openapi.json").get_data(as_text=True)
    assert "raw.githubusercontent.com" not in text  # nothing to fetch
    doc = json.loads(text)
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    for ref in refs:
        assert ref.startswith("#/components/")
        target = doc
        for part in ref[2:].split("/"):
            target = target[part]
    for name, schema in doc["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name


def test_schema_files_and_profile_are_served_too(api):
    assert api.get("/api/hsds/schema/service.json").get_json() == schemas.official("service.json")
    assert api.get("/api/hsds/schema/compiled/service_list.json").status_code == 200
    assert api.get("/api/hsds/profile/service.json").get_json()["properties"]["translations"]
    assert api.get("/api/hsds/profile/schema/service.json").get_json() == schemas.merged("service.json")


@pytest.fixture
def sqlite_api_app(api_app, demo_url):
    if not demo_url.startswith("sqlite"):
        pytest.skip("schemathesis runs once, on SQLite (the schema tests cover PostgreSQL)")
    return api_app


def test_schemathesis_finds_no_server_error_and_no_schema_breaking_response(sqlite_api_app):
    """Every operation, a dozen generated requests each (bounded: well under a minute)."""
    schema = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", sqlite_api_app)
    checks = [not_a_server_error, response_schema_conformance, status_code_conformance,
              content_type_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(openapi.IMPLEMENTED)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            # requests' default `Accept-Encoding: gzip, deflate` would get gzip (portal/compression.py),
            # which requests decodes over HTTP but schemathesis's WSGI transport does not.
            case.call_and_validate(checks=checks, headers={"Accept-Encoding": "identity"})

        run()
