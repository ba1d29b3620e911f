import pytest
from werkzeug.datastructures import MultiDict

from indexer.engine import MAX_PAGE, InvalidSearch
from indexer.request import parse_search_args


def test_defaults_give_a_browse_request():
    r = parse_search_args({}, "en")
    assert (r.q, r.locale, r.page, r.per_page, r.sort) == ("", "en", 1, 20, "relevance")


def test_page_and_per_page_are_clamped():
    r = parse_search_args({"page": ["1000000000"], "per_page": ["5000"]})
    assert r.page == MAX_PAGE and r.per_page == 100
    assert parse_search_args({"page": ["-3"], "per_page": ["x"]}).page == 1


def test_filters_accept_repeated_and_comma_separated_values_and_drop_garbage():
    args = MultiDict([("region", "06"), ("region", "13,99"), ("age_group", "seniors"),
                      ("age_group", "martians"), ("category", "food.emergency"), ("category", "<script>"),
                      ("language", "EN"), ("free", "1"), ("open_now", "on")])
    r = parse_search_args(args)
    assert r.regions == ("06", "13")
    assert r.age_groups == ("seniors",)
    assert r.categories == ("food.emergency",)
    assert r.languages == ("en",)
    assert r.free and r.open_now and not r.include_closed


def test_coordinates_and_radius_are_checked_and_clamped():
    r = parse_search_args({"lat": ["45.5"], "lon": ["-73.6"], "radius": ["9999"]})
    assert r.origin is not None and r.radius_km == 500
    with pytest.raises(InvalidSearch) as error:
        parse_search_args({"lat": ["nan"], "lon": ["-73.6"]})
    assert error.value.code == "invalid_coordinates"
    with pytest.raises(InvalidSearch):
        parse_search_args({"lat": ["45.5"], "lon": ["-73.6"], "radius": ["far"]})


def test_place_text_is_resolved_or_explained():
    r = parse_search_args({"place": ["H2X 1Y4"]})
    assert r.origin is not None and r.origin.kind == "postal_code"
    with pytest.raises(InvalidSearch) as error:
        parse_search_args({"place": ["Atlantis sous la mer"]})
    assert error.value.code == "unknown_place"


def test_long_queries_and_distance_without_place_are_refused_with_a_code():
    with pytest.raises(InvalidSearch) as error:
        parse_search_args({"q": ["x" * 100_000]})
    assert error.value.code == "query_too_long"
    with pytest.raises(InvalidSearch) as error:
        parse_search_args({"sort": ["distance"]})
    assert error.value.code == "invalid_sort"


def test_control_characters_are_removed_from_the_query():
    assert parse_search_args({"q": ["banque\x00 \x1balimentaire"]}).q == "banque alimentaire"
