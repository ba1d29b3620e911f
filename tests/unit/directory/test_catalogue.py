"""The demo catalogue and the category tree are data the generator and the search engine trust
blindly; these checks keep them consistent with each other and fit to show to a citizen."""

from __future__ import annotations

import csv
import re
import string
from pathlib import Path

import pytest

from directory.demo import catalogue
from directory.demo.catalogue import (
    ACCESSIBILITY,
    AGE_GROUPS,
    CRISIS_TEMPLATES,
    FEE_KINDS,
    LANGUAGES,
    ORGANIZATION_KINDS,
    SCHEDULE_KINDS,
    SERVICE_TEMPLATES,
    STREET_NAMES,
    ServiceTemplate,
)

TAXONOMY_DIR = Path(catalogue.__file__).resolve().parents[1] / "data" / "taxonomy"
CATEGORIES_CSV = TAXONOMY_DIR / "categories.csv"
HEADER = [
    "code",
    "parent_code",
    "name_fr",
    "name_en",
    "description_fr",
    "description_en",
    "open_eligibility_id",
]
ALL_TEMPLATES: tuple[ServiceTemplate, ...] = (*SERVICE_TEMPLATES.values(), *CRISIS_TEMPLATES)
PARALLEL_FIELDS = ("names", "descriptions", "eligibility", "application", "documents")


@pytest.fixture(scope="module")
def categories() -> list[dict[str, str]]:
    with CATEGORIES_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == HEADER
        return list(reader)


@pytest.fixture(scope="module")
def codes(categories) -> set[str]:
    return {row["code"] for row in categories}


def _texts(template: ServiceTemplate):
    for field in PARALLEL_FIELDS:
        for lang in ("fr", "en"):
            for text in getattr(template, f"{field}_{lang}"):
                yield f"{template.key}.{field}_{lang}", text
    for lang in ("fr", "en"):
        for text in getattr(template, f"keywords_{lang}"):
            yield f"{template.key}.keywords_{lang}", text


def _org_texts():
    for kind in ORGANIZATION_KINDS:
        for field in ("names", "descriptions"):
            for lang in ("fr", "en"):
                for text in getattr(kind, f"{field}_{lang}"):
                    yield f"{kind.key}.{field}_{lang}", text


def test_categories_tree_has_12_tops_and_130_terms_with_both_languages(categories):
    tops = [row for row in categories if not row["parent_code"]]
    assert len(tops) >= 12
    assert len(categories) >= 130
    for row in categories:
        for column in ("name_fr", "name_en", "description_fr", "description_en"):
            assert row[column].strip(), f"{row['code']} has no {column}"


def test_category_codes_are_short_ascii_and_follow_their_parent(categories, codes):
    assert len(codes) == len(categories), "duplicate codes"
    for row in categories:
        code = row["code"]
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+){0,2}", code), code
        expected_parent = code.rpartition(".")[0]
        assert row["parent_code"] == expected_parent, code
        assert not expected_parent or expected_parent in codes, code


def test_open_eligibility_ids_exist_in_the_source_taxonomy(categories):
    # The upstream file, vendored unmodified for this test (tests/data/open-eligibility/PROVENANCE.md).
    source = Path(__file__).resolve().parents[2] / "data" / "open-eligibility" / "open-eligibility-2.0.xml"
    known = set(re.findall(r'id="(\d+)"', source.read_text(encoding="utf-8")))
    for row in categories:
        if row["open_eligibility_id"]:
            assert row["open_eligibility_id"] in known, row["code"]


def test_taxonomy_ships_its_attribution_and_licence():
    attribution = (TAXONOMY_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    licence = (TAXONOMY_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Open Eligibility" in attribution and "CC BY-SA 3.0" in attribution
    assert "https://creativecommons.org/licenses/by-sa/3.0/legalcode" in licence


def test_catalogue_has_enough_templates_kinds_and_languages():
    assert len(SERVICE_TEMPLATES) >= 60
    assert len(ORGANIZATION_KINDS) >= 35
    assert len(LANGUAGES) >= 32
    assert len(ACCESSIBILITY) >= 10
    assert len(STREET_NAMES) >= 60
    assert 4 <= len(CRISIS_TEMPLATES) <= 8


def test_template_keys_are_unique_and_match_their_dict_keys():
    assert all(key == template.key for key, template in SERVICE_TEMPLATES.items())
    crisis_keys = [t.key for t in CRISIS_TEMPLATES]
    assert len(set(crisis_keys)) == len(crisis_keys)
    assert not set(crisis_keys) & set(SERVICE_TEMPLATES)


def test_every_template_points_at_existing_categories(codes):
    for template in ALL_TEMPLATES:
        assert 1 <= len(template.term_codes) <= 3, template.key
        missing = set(template.term_codes) - codes
        assert not missing, f"{template.key}: {missing}"


def test_templates_cover_every_top_category(categories):
    tops = {row["code"] for row in categories if not row["parent_code"]}
    covered = {code.split(".")[0] for t in SERVICE_TEMPLATES.values() for code in t.term_codes}
    assert tops <= covered, f"top categories without a template: {tops - covered}"


def test_french_and_english_variants_are_parallel():
    for template in ALL_TEMPLATES:
        for field in PARALLEL_FIELDS:
            fr, en = getattr(template, f"{field}_fr"), getattr(template, f"{field}_en")
            assert len(fr) == len(en), f"{template.key}.{field}"
        assert 2 <= len(template.names_fr) <= 5, template.key
        assert 2 <= len(template.descriptions_fr) <= 4, template.key
        assert 1 <= len(template.eligibility_fr) <= 4, template.key
        assert template.application_fr, template.key
    for kind in ORGANIZATION_KINDS:
        assert len(kind.names_fr) == len(kind.names_en) >= 1, kind.key
        assert len(kind.descriptions_fr) == len(kind.descriptions_en) >= 1, kind.key


def test_english_text_is_a_translation_not_a_copy_of_the_french():
    for template in ALL_TEMPLATES:
        for fr, en in zip(template.descriptions_fr, template.descriptions_en, strict=True):
            assert fr != en, f"{template.key}: untranslated description"


def test_template_vocabularies_are_the_documented_ones():
    for template in ALL_TEMPLATES:
        assert template.fee_weights and set(template.fee_weights) <= set(FEE_KINDS), template.key
        assert all(w > 0 for w in template.fee_weights.values()), template.key
        assert template.schedule_kinds and set(template.schedule_kinds) <= set(SCHEDULE_KINDS), (
            template.key
        )
        assert template.age_groups and set(template.age_groups) <= set(AGE_GROUPS), template.key
        assert template.weight > 0, template.key


def test_every_org_kind_offers_existing_templates():
    keys = [kind.key for kind in ORGANIZATION_KINDS]
    assert len(set(keys)) == len(keys)
    for kind in ORGANIZATION_KINDS:
        assert 2 <= len(kind.service_keys) <= 7, kind.key
        missing = set(kind.service_keys) - set(SERVICE_TEMPLATES)
        assert not missing, f"{kind.key}: {missing}"
        assert kind.legal_status and kind.weight > 0, kind.key
        assert all("{lieu}" in name for name in kind.names_fr + kind.names_en), kind.key


def test_every_template_is_offered_by_some_org_kind():
    offered = {key for kind in ORGANIZATION_KINDS for key in kind.service_keys}
    assert set(SERVICE_TEMPLATES) <= offered, set(SERVICE_TEMPLATES) - offered


def test_no_placeholder_text():
    problems = []
    for where, text in [*(x for t in ALL_TEMPLATES for x in _texts(t)), *_org_texts()]:
        lowered = text.lower()
        if not text or text != text.strip() or "  " in text:
            problems.append(f"{where}: stray whitespace in {text!r}")
        if any(
            m in lowered for m in ("lorem", "ipsum", "todo", "fixme", "xxx", "service 1", "tbd")
        ):
            problems.append(f"{where}: placeholder in {text!r}")
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        if not fields <= {"org", "lieu"}:
            problems.append(f"{where}: unknown placeholders {fields - {'org', 'lieu'}}")
        else:
            text.format(org="Centre d'entraide de Rimouski", lieu="Rimouski")
    assert not problems, "\n".join(problems)


def test_languages_have_unique_codes_and_both_names():
    codes = [code for code, *_ in LANGUAGES]
    assert len(set(codes)) == len(codes)
    assert {"fr", "en", "ht", "iu", "cr", "moe", "atj", "fsl", "ase"} <= set(codes)
    for code, name_fr, name_en, weight in LANGUAGES:
        assert re.fullmatch(r"[a-z]{2,3}", code) and name_fr and name_en and weight > 0, code


def test_accessibility_features_and_streets_are_unique():
    keys = [key for key, *_ in ACCESSIBILITY]
    assert len(set(keys)) == len(keys)
    assert all(fr and en and details for _, fr, en, details in ACCESSIBILITY)
    assert len(set(STREET_NAMES)) == len(STREET_NAMES)


def test_catalogue_languages_and_accessibility_use_the_product_vocabulary():
    from directory import vocabulary

    assert {code: (fr, en) for code, fr, en, _ in catalogue.LANGUAGES} == vocabulary.LANGUAGE_NAMES
    assert {key: (fr, en) for key, fr, en, _ in catalogue.ACCESSIBILITY} == vocabulary.ACCESSIBILITY_FEATURES
