"""The vendored HSDS 3.1 schemas resolve offline, carry the 3.1.x patch fixes, accept the official
3.1 and 3.0 examples, and the bilingual profile merges into valid schemas.

Everything comes from the repository: the schemas from directory/hsds/schema, the official examples
and the upstream file hashes from tests/data/hsds-3.1 and hsds-3.0 (PROVENANCE.md there), so these
tests run in a clone with nothing beside it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from directory import models
from directory.hsds import schemas, spec

DATA = Path(__file__).resolve().parents[3] / "data"
UPSTREAM = DATA / "hsds-3.1"


def _example(name: str, version: str = "3.1") -> dict:
    return json.loads((DATA / f"hsds-{version}" / "examples" / name).read_text(encoding="utf-8"))


def _git_blob_sha1(path: Path) -> str:
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


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


_LIST = "openapi.json#/paths/~1{}/get/responses/200/content/application~1json/schema"


@pytest.mark.parametrize("version", ["3.1", "3.0"])
@pytest.mark.parametrize("example, schema", [
    ("service_full.json", "compiled/service"),
    ("organization_full.json", "compiled/organization"),
    ("service_at_location_full.json", "compiled/service_at_location"),
    ("location.json", "location"),
    ("taxonomy.json", "taxonomy"),
    ("taxonomy_term.json", "taxonomy_term"),
    ("service_list.json", _LIST.format("services")),
    ("organization_list.json", _LIST.format("organizations")),
    ("service_at_location_list.json", _LIST.format("service_at_locations")),
    ("taxonomy_list.json", _LIST.format("taxonomies")),
    ("taxonomy_term_list.json", _LIST.format("taxonomy_terms")),
])
def test_official_examples_validate_offline_against_31(version, example, schema):
    """Every official JSON example, 3.1 and 3.0 alike, against the 3.1 schemas (with the fixes)."""
    assert schemas.validate(_example(example, version), schema) == []


def test_31_examples_use_the_31_objects_the_schemas_now_know():
    service = _example("service_full.json")
    assert service["capacities"] and service["additional_urls"]
    assert schemas.validate({**service, "additional_urls": [{"id": service["id"]}]},
                            "compiled/service")[0].path == "additional_urls[0].url"


def test_patch_release_fixes_are_applied_to_the_openapi_file():
    """3.1.1 Page.empty required; 3.1.2 $refs at 3.1; 3.1.3 allOf at the root, operationIds."""
    openapi = schemas.official("openapi.json")
    assert "empty" in openapi["components"]["schemas"]["Page"]["required"]
    text = json.dumps(openapi)
    assert "/specification/3.0/" not in text and "/specification/3.1/schema/compiled/" in text
    page = openapi["paths"]["/services"]["get"]["responses"]["200"]["content"]["application/json"]
    assert set(page["schema"]) == {"allOf"}
    assert page["schema"]["allOf"][0] == {"$ref": "#/components/schemas/Page"}
    assert openapi["paths"]["/taxonomy_terms"]["get"]["operationId"] == \
        "getPaginatedListOfTaxonomyTerms"
    assert openapi["paths"]["/taxonomy_terms/{id}"]["get"]["operationId"] == "getTaxonomyTermById"
    # A page without `empty` is now invalid (it was valid in the 3.1-dev file).
    listing = _example("service_list.json")
    del listing["empty"]
    assert [e.path for e in schemas.validate(listing, _LIST.format("services"))] == ["empty"]


def test_openapi_response_schema_of_services_by_id_resolves_to_the_local_compiled_service():
    pointer = "openapi.json#/paths/~1services~1{id}/get/responses/200/content/application~1json/schema"
    assert schemas.validate(_example("service_full.json"), pointer) == []
    assert schemas.validate({"id": "not-a-service"}, pointer)


def test_vendored_schemas_are_an_unmodified_copy_of_the_official_ones():
    """Each file's git blob hash equals the one upstream at the commit PROVENANCE.md names."""
    upstream = dict(line.split()[::-1] for line in
                    (UPSTREAM / "upstream-blobs.txt").read_text(encoding="utf-8").splitlines())
    shipped = {f"schema/{name}": schemas.SCHEMA_DIR / name for name in schemas.official_files()}
    shipped["datapackage.json"] = schemas.SCHEMA_DIR / "datapackage.json"
    assert set(shipped) == set(upstream)
    for name, path in shipped.items():
        assert _git_blob_sha1(path) == upstream[name], name
    assert (UPSTREAM / "LICENSE").read_bytes() == (schemas.SCHEMA_DIR / "LICENSE").read_bytes()


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
