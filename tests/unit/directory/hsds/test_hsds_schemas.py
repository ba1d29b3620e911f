"""The vendored HSDS 3.0 schemas resolve offline, and the bilingual profile merges into valid schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from directory import models
from directory.hsds import schemas, spec

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "data" / "hsds-3.0"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/hsds-3.0 not present")


def _example(name: str) -> dict:
    return json.loads((SHARED / "examples" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("base", [schemas.OFFICIAL_BASE, *schemas.OFFICIAL_ALIASES])
def test_registry_resolves_every_spelling_of_the_official_urls(base):
    resolved = schemas.registry().resolver().lookup(base + "compiled/service.json")
    assert resolved.contents["name"] == "service"
    assert schemas.registry().resolver().lookup(base + "phone.json").contents["name"] == "phone"


def test_validator_names_accept_short_compiled_and_pointer_forms():
    for name in ("service", "service.json", "compiled/service", "compiled/service_list",
                 "openapi.json#/components/schemas/Page"):
        assert isinstance(schemas.validator_for(name), Draft202012Validator)


def test_validate_names_path_message_and_rule():
    errors = schemas.validate(
        {"id": "3f2b6a84-7d53-4a52-9a41-111111111111", "name": "x", "status": "open",
         "organization": {"id": "3f2b6a84-7d53-4a52-9a41-222222222222", "description": "d"}},
        "compiled/service",
    )
    assert {(e.path, e.rule) for e in errors} == {("status", "enum"), ("organization.name", "required")}
    assert "'name' is a required property" in next(e.message for e in errors if e.rule == "required")


@needs_shared
@pytest.mark.parametrize("example, schema", [
    ("service_full.json", "compiled/service"),
    ("organization_full.json", "compiled/organization"),
    ("service_list.json", "openapi.json#/components/schemas/Page"),
    ("taxonomy_term.json", "taxonomy_term"),
])
def test_official_examples_validate_offline(example, schema):
    assert schemas.validate(_example(example), schema) == []


@needs_shared
def test_openapi_response_schema_of_services_by_id_resolves_to_the_local_compiled_service():
    pointer = "openapi.json#/paths/~1services~1{id}/get/responses/200/content/application~1json/schema"
    assert schemas.validate(_example("service_full.json"), pointer) == []
    assert schemas.validate({"id": "not-a-service"}, pointer)


@needs_shared
def test_vendored_schemas_are_an_unmodified_copy_of_the_official_ones():
    for name in schemas.official_files():
        assert (schemas.SCHEMA_DIR / name).read_bytes() == (SHARED / "schema" / name).read_bytes(), name
    assert (schemas.SCHEMA_DIR / "datapackage.json").read_bytes() == \
        (SHARED / "datapackage.json").read_bytes()


@pytest.mark.parametrize("name", sorted(schemas.profile_patches()))
def test_each_profile_patch_merged_onto_the_official_schema_is_valid_draft_2020_12(name):
    merged = schemas.merged(name)
    Draft202012Validator.check_schema(merged)
    assert merged != schemas.official(name)


@pytest.mark.parametrize("name", sorted(schemas.profile_patches()))
def test_profile_patches_only_add_properties_so_profile_documents_stay_plain_hsds(name):
    patch = schemas.profile_patches()[name]
    official = schemas.official(name)
    assert set(patch) == {"properties"}
    for prop, definition in patch["properties"].items():
        assert prop not in official["properties"], f"{name} redefines {prop}"
        assert definition is not None and definition.get("description")


def test_every_extension_field_of_the_models_is_described_in_the_profile():
    patches = schemas.profile_patches()
    for object_spec in spec.all_specs():
        properties = patches.get(f"{object_spec.name}.json", {}).get("properties", {})
        for field in object_spec.fields:
            if field.extension:
                assert field.name in properties, f"{object_spec.name}.{field.name} not in profile"
        english = properties.get("translations", {}).get("properties", {}).get("en", {})
        for field in object_spec.bilingual:
            assert field.name in english.get("properties", {}), f"{object_spec.name}.{field.name}"
    assert set(models.ENTITY_MODELS) >= set(spec.HSDS_OBJECTS)


def test_merge_patch_follows_rfc_7386():
    target = {"a": "b", "c": {"d": "e", "f": "g"}}
    patch = {"a": "z", "c": {"f": None}, "h": [1]}
    assert schemas.merge_patch(target, patch) == {"a": "z", "c": {"d": "e"}, "h": [1]}
    assert target == {"a": "b", "c": {"d": "e", "f": "g"}}
