import pytest

from indexer.document import InvalidDocument, age_groups, is_free, validate_document


def test_a_complete_document_validates(make_document):
    validate_document(make_document())


@pytest.mark.parametrize("field,value", [("lat", "45.5"), ("free", 1), ("open_slots", [700]),
                                         ("languages", "fr"), ("valid_to", "demain"), ("name_fr", None)])
def test_wrong_types_are_refused_before_they_reach_the_index(make_document, field, value):
    with pytest.raises(InvalidDocument):
        validate_document(make_document(**{field: value}))


def test_unknown_fields_are_refused(make_document):
    doc = make_document()
    doc["surprise"] = 1
    with pytest.raises(InvalidDocument):
        validate_document(doc)


def test_age_groups_come_from_overlapping_ranges():
    assert age_groups(None, None) == ["children", "youth", "adults", "seniors"]
    assert age_groups(65, None) == ["seniors"]
    assert age_groups(12, 17) == ["youth"]
    assert age_groups(0, 11) == ["children"]
    assert age_groups(18, 30) == ["youth", "adults"]


def test_free_means_a_zero_cost_option_or_gratuit():
    assert is_free([{"amount": 0, "option_fr": None}], None)
    assert is_free([{"amount": None, "option_fr": "Gratuit"}], None)
    assert is_free([], "Gratuit pour tous")
    assert not is_free([{"amount": 5, "option_fr": "Tarif fixe"}], "Frais modiques")
