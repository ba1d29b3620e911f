"""The scrubber removes personal information from query text and keeps harmless numbers."""

from __future__ import annotations

import re

import pytest
from pii_corpus import HARMLESS_QUERIES, PII_QUERIES

from needs.scrub import NAME, TOKENS, normalise, scrub_query


def _leaks(stored: str, secrets: list[str]) -> list[str]:
    compact = re.sub(r"[\s.\-()]", "", stored)
    found = []
    for secret in secrets:
        s = normalise(secret)
        if s in stored or (re.sub(r"[\s.\-()]", "", s) in compact and any(ch.isdigit() for ch in s)):
            found.append(secret)
    return found


def test_the_corpus_has_at_least_forty_queries_with_personal_information():
    assert len(PII_QUERIES) >= 40


@pytest.mark.parametrize(("query", "secrets"), PII_QUERIES, ids=[q for q, _ in PII_QUERIES])
def test_scrub_removes_personal_information(query, secrets):
    stored = scrub_query(query)
    assert not _leaks(stored, secrets), stored
    assert any(token in stored for token in TOKENS) or re.search(r"\b[a-z]\d[a-z]\b", stored), stored


@pytest.mark.parametrize(("query", "expected"), HARMLESS_QUERIES, ids=[q for q, _ in HARMLESS_QUERIES])
def test_scrub_keeps_harmless_numbers(query, expected):
    assert scrub_query(query) == expected


def test_full_postal_codes_keep_only_their_forward_sortation_area():
    assert scrub_query("Garderie H2X 1Y4") == "garderie h2x"


def test_names_are_replaced_but_the_need_is_kept():
    stored = scrub_query("je m'appelle Marie Tremblay et j'ai besoin d'un logement")
    assert NAME in stored and "logement" in stored


def test_the_need_around_a_phone_number_is_kept():
    assert scrub_query("Banque alimentaire 514-555-1234") == "banque alimentaire [téléphone]"


def test_normalise_folds_and_collapses_whitespace():
    assert normalise("  Hébergement   d'URGENCE\t") == "hebergement d'urgence"


def test_very_long_queries_are_cut_at_a_word():
    assert len(scrub_query("logement " * 100)) <= 200
