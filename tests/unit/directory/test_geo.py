"""Québec geography: place resolution, regions, postal areas (directory/geo.py)."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory import geo
from directory.geo import PlaceError

# -- data --------------------------------------------------------------------------------------


def test_every_simplemaps_place_is_loaded_with_a_known_region():
    places = geo.places()
    assert len(places) == 639
    assert {p.region_code for p in places} <= set(geo.regions())


def test_place_regions_file_covers_every_place_exactly_once():
    with (geo.DATA_DIR / "place_regions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (geo.DATA_DIR / "qc_places_simplemaps.csv").open(encoding="utf-8") as f:
        sources = [row["city"] for row in csv.DictReader(f)]
    assert [r["place"] for r in rows] == sources
    assert all(r["region_code"] in geo.regions() for r in rows)


def test_there_are_seventeen_regions():
    assert sorted(geo.regions()) == [f"{n:02d}" for n in range(1, 18)]
    assert geo.regions()["06"].name_fr == "Montréal"


def test_every_region_has_places():
    assert {p.region_code for p in geo.places()} == set(geo.regions())


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Montréal", "06"),
        ("Québec", "03"),
        ("Laval", "13"),
        ("Longueuil", "16"),
        ("Gatineau", "07"),
        ("Lévis", "12"),
        ("Saguenay", "02"),
        ("Sherbrooke", "05"),
        ("Trois-Rivières", "04"),
        ("Rimouski", "01"),
        ("Rouyn-Noranda", "08"),
        ("Baie-Comeau", "09"),
        ("Chibougamau", "10"),
        ("Gaspé", "11"),
        ("Joliette", "14"),
        ("Saint-Jérôme", "15"),
        ("Drummondville", "17"),
        # edge cases a nearest-centroid guess gets wrong
        ("Terrebonne", "14"),
        ("Repentigny", "14"),
        ("Blainville", "15"),
        ("Châteauguay", "16"),
        ("Pointe-Claire", "06"),
        ("Granby", "16"),
        ("La Malbaie", "03"),
        ("Matane", "01"),
        ("Bécancour", "17"),
        ("La Tuque", "04"),
        ("Mont-Laurier", "15"),
        ("Kuujjuaq", "10"),
        ("Blanc-Sablon", "09"),
        ("Sainte-Anne-des-Monts", "11"),
    ],
)
def test_major_cities_are_in_their_regions(name, region):
    place = geo.place_by_name(name)
    assert place is not None, name
    assert place.region_code == region


def test_montreal_island_and_laval_fsas_agree_with_regions():
    for place in geo.places():
        prefixes = {fsa[:2] for fsa in place.fsas}
        if place.region_code == "06":
            assert prefixes & {"H1", "H2", "H3", "H4", "H8", "H9"}, place.name
        if place.region_code == "13":
            assert "H7" in prefixes, place.name
        if prefixes & {"H1", "H2", "H3", "H4", "H8", "H9"}:
            assert place.region_code == "06", place.name


def test_municipalities_are_cleaned_census_subdivisions():
    municipalities = geo.municipalities()
    assert len(municipalities) == 1282
    names = {m.name for m in municipalities}
    assert "Canada" not in names
    assert "Listuguj" in names and "Listuguj 3 6" not in names
    assert not any(ch.isdigit() for m in municipalities for ch in m.name)
    montreal = next(m for m in municipalities if m.name == "Montréal")
    assert montreal.type == "V"
    assert montreal.population_2021 == 1762949
    assert montreal.land_area_km2 == pytest.approx(364.74)


def test_montreal_sites_have_a_street_and_coordinates_on_the_island():
    sites = geo.montreal_sites()
    assert len(sites) > 1000
    for site in sites:
        assert site.address_1.strip()
        assert 45.3 < site.lat < 45.75 and -74.0 < site.lon < -73.4, site
        assert site.postal_code == "" or geo.coarsen_postal_code(site.postal_code)
    clsc = [s for s in sites if s.address_1.startswith("10794 ")]
    assert clsc and clsc[0].postal_code == "H3L 2E8"


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Saint-Jérôme", "saint-jerome", "ST JÉRÔME", "St-Jérôme", "st jerome", " Saint–Jérôme "],
)
def test_municipality_names_ignore_accents_case_and_saint_abbreviations(typed):
    assert geo.place_by_name(typed).name == "Saint-Jérôme"


def test_sainte_abbreviation_and_apostrophes_are_folded():
    assert geo.place_by_name("Ste-Anne-de-Bellevue").name == "Sainte-Anne-de-Bellevue"
    assert geo.place_by_name("l'assomption").name == "L’Assomption"
    assert geo.place_by_name("Saint-Lin-Laurentides").name == "Saint-Lin--Laurentides"


@pytest.mark.parametrize("typed", ["Québec", "Quebec", "Quebec City", "Ville de Québec", "QUÉBEC"])
def test_quebec_city_is_found_under_its_usual_names(typed):
    place = geo.place_by_name(typed)
    assert place.name == "Québec" and place.region_code == "03"


def test_montreal_is_found_without_its_accent():
    assert geo.place_by_name("Montreal").name == "Montréal"


def test_unknown_names_give_none():
    assert geo.place_by_name("Atlantis") is None
    assert geo.place_by_name("") is None


def test_renamed_towns_are_found_by_both_names():
    assert geo.place_by_name("Asbestos") is geo.place_by_name("Val-des-Sources")


# -- resolve_place ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["H2X 1Y4", "h2x1y4", "H2X-1Y4", "  h2x   1y4 "])
def test_full_postal_code_resolves_to_its_fsa_centroid(typed):
    origin = geo.resolve_place(typed)
    assert origin.kind == "postal_code"
    assert origin.fsa == "H2X"
    assert (origin.lat, origin.lon) == geo.fsa_centroid("H2X")
    assert origin.region_code == "06"
    assert origin.label == "H2X 1Y4"


def test_fsa_alone_resolves_to_its_centroid():
    origin = geo.resolve_place("g1r")
    assert origin.kind == "fsa" and origin.fsa == "G1R" and origin.region_code == "03"


def test_postal_code_from_another_province_is_outside_quebec():
    with pytest.raises(PlaceError) as err:
        geo.resolve_place("M5V 2T6")
    assert err.value.code == "outside_quebec"


def test_municipality_name_resolves_to_the_place():
    origin = geo.resolve_place("  sherbrooke ")
    assert origin.kind == "municipality"
    assert origin.label == "Sherbrooke"
    assert origin.region_code == "05"
    assert origin.fsa is None


def test_former_municipalities_and_montreal_boroughs_resolve():
    assert geo.resolve_place("Chicoutimi").region_code == "02"
    assert geo.resolve_place("Sainte-Foy").region_code == "03"
    assert geo.resolve_place("Verdun").region_code == "06"
    assert geo.resolve_place("Rosemont–La Petite-Patrie").region_code == "06"
    assert geo.resolve_place("Saint-Georges").region_code == "12"


def test_census_subdivision_without_coordinates_is_an_unknown_place():
    with pytest.raises(PlaceError) as err:
        geo.resolve_place("Lac-Simon")
    assert err.value.code == "unknown_place"


@pytest.mark.parametrize(
    "typed", ["45.5,-73.6", "45.5 -73.6", "45.5, -73.6", " 45.5\t-73.6 ", "45,5 -73,6"]
)
def test_coordinates_resolve_with_any_whitespace(typed):
    origin = geo.resolve_place(typed)
    assert origin.kind == "coordinates"
    assert (origin.lat, origin.lon) == (45.5, -73.6)
    assert origin.region_code == "06"


@pytest.mark.parametrize("typed", ["43.65,-79.38", "45.5,73.6", "48.85,2.35", "60,-100"])
def test_coordinates_outside_quebec_are_refused(typed):
    with pytest.raises(PlaceError) as err:
        geo.resolve_place(typed)
    assert err.value.code == "outside_quebec"


@pytest.mark.parametrize(
    "typed",
    ["nan,nan", "inf,-73", "45.5,-inf", "91,-73", "45,-181", "1e999,5", "45.5", "4.5.5,-73"],
)
def test_invalid_coordinate_text_is_refused(typed):
    with pytest.raises(PlaceError) as err:
        geo.resolve_place(typed)
    assert err.value.code == "invalid_coordinates"


def test_text_over_two_hundred_characters_is_too_long():
    with pytest.raises(PlaceError) as err:
        geo.resolve_place("a" * 201)
    assert err.value.code == "too_long"
    with pytest.raises(PlaceError) as err:
        geo.resolve_place(" " * 199 + "H2X")  # 202 characters: length counts before trimming
    assert err.value.code == "too_long"


@pytest.mark.parametrize("typed", ["", "   ", "Atlantis", "H0H 0H0"])
def test_empty_and_unknown_text_is_an_unknown_place(typed):
    with pytest.raises(PlaceError) as err:
        geo.resolve_place(typed)
    assert err.value.code == "unknown_place"


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=250))
def test_resolve_place_never_raises_anything_but_place_error(text):
    try:
        origin = geo.resolve_place(text)
    except PlaceError as err:
        assert err.code in PlaceError.CODES
    else:
        assert math.isfinite(origin.lat) and math.isfinite(origin.lon)
        assert origin.region_code in geo.regions()


@settings(max_examples=300, deadline=None)
@given(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
)
def test_resolve_place_accepts_any_float_pair_or_refuses_it_cleanly(lat, lon):
    try:
        origin = geo.resolve_place(f"{lat},{lon}")
    except PlaceError as err:
        assert err.code in {"invalid_coordinates", "outside_quebec", "unknown_place"}
    else:
        south, north, west, east = geo.QUEBEC_BOUNDS
        assert south <= origin.lat <= north and west <= origin.lon <= east


# -- parse_coordinates --------------------------------------------------------------------------


def test_query_string_coordinates_are_parsed():
    assert geo.parse_coordinates("45.5", "-73.6") == (45.5, -73.6)
    assert geo.parse_coordinates(" 45,5 ", "-73,6") == (45.5, -73.6)
    assert geo.parse_coordinates(46.8, -71.2) == (46.8, -71.2)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        ("nan", "-73"),
        ("45", "inf"),
        ("abc", "-73"),
        ("", "-73"),
        (None, "-73"),
        ("95", "-73"),
        ("45", "-200"),
        (True, -73),
        (["45"], "-73"),
        ("45.5.5", "-73"),
    ],
)
def test_nan_and_garbage_coordinates_raise_place_error(lat, lon):
    with pytest.raises(PlaceError) as err:
        geo.parse_coordinates(lat, lon)
    assert err.value.code == "invalid_coordinates"


def test_parsed_coordinates_outside_quebec_are_refused_unless_allowed():
    with pytest.raises(PlaceError) as err:
        geo.parse_coordinates("48.85", "2.35")
    assert err.value.code == "outside_quebec"
    assert geo.parse_coordinates("48.85", "2.35", within_quebec=False) == (48.85, 2.35)


# -- regions of points and FSAs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "region"),
    [
        (45.52, -73.58, "06"),  # Plateau-Mont-Royal
        (45.57, -73.72, "13"),  # Laval
        (45.70, -73.64, "14"),  # Terrebonne
        (45.53, -73.51, "16"),  # Longueuil
        (46.82, -71.22, "03"),  # Québec
        (46.80, -71.17, "12"),  # Lévis, across the river
        (48.43, -71.07, "02"),  # Chicoutimi
        (58.10, -68.40, "10"),  # Kuujjuaq
    ],
)
def test_points_are_in_the_region_of_their_nearest_place(lat, lon, region):
    assert geo.region_for_point(lat, lon) == region


def test_region_for_point_matches_a_brute_force_search():
    import random

    rng = random.Random(7)
    for _ in range(300):
        lat, lon = rng.uniform(44.9, 62.5), rng.uniform(-79.7, -57.2)
        nearest = min(geo.places(), key=lambda p: geo.haversine_km(lat, lon, p.lat, p.lon))
        assert geo.region_for_point(lat, lon) == nearest.region_code


@pytest.mark.parametrize(
    ("fsa", "region"),
    [
        ("H2X", "06"),
        ("h9w", "06"),
        ("H7N", "13"),
        ("G1R", "03"),
        ("J8Y", "07"),
        ("J4K", "16"),
        ("G6V", "12"),
        ("J1H", "05"),
        ("H2X 1Y4", "06"),
    ],
)
def test_fsas_have_regions(fsa, region):
    assert geo.region_for_fsa(fsa) == region


def test_unknown_fsas_have_no_region():
    assert geo.region_for_fsa("M5V") is None
    assert geo.region_for_fsa("nope") is None
    assert geo.fsa_centroid("Z9Z") is None


def test_every_place_fsa_has_a_region():
    for place in geo.places():
        for fsa in place.fsas:
            assert geo.region_for_fsa(fsa) in geo.regions(), (place.name, fsa)


# -- helpers -----------------------------------------------------------------------------------


def test_montreal_to_quebec_is_about_233_km():
    montreal, quebec = geo.place_by_name("Montréal"), geo.place_by_name("Québec")
    assert geo.haversine_km(montreal.lat, montreal.lon, quebec.lat, quebec.lon) == pytest.approx(
        233, abs=5
    )


def test_haversine_is_zero_for_the_same_point_and_symmetric():
    assert geo.haversine_km(45.5, -73.6, 45.5, -73.6) == 0
    assert geo.haversine_km(45.5, -73.6, 46.8, -71.2) == pytest.approx(
        geo.haversine_km(46.8, -71.2, 45.5, -73.6)
    )


@pytest.mark.parametrize(
    ("text", "fsa"),
    [
        ("H2X 1Y4", "H2X"),
        ("h2x1y4", "H2X"),
        ("H2X-1Y4", "H2X"),
        ("g1r", "G1R"),
        ("hello", None),
        ("", None),
        (None, None),
        ("H2X 1Y", None),
        ("D2X 1Y4", None),
    ],
)
def test_postal_codes_are_coarsened_to_their_fsa(text, fsa):
    assert geo.coarsen_postal_code(text) == fsa


def test_suggestions_start_words_and_come_most_populous_first():
    names = [p.name for p in geo.suggest_places("st-j")]
    assert names[:2] == ["Saint-Jean-sur-Richelieu", "Saint-Jérôme"]
    assert [p.name for p in geo.suggest_places("jérô")] == ["Saint-Jérôme"]
    assert geo.suggest_places("Montr", limit=1)[0].name == "Montréal"
    assert "Stanstead" in [p.name for p in geo.suggest_places("stans")]
    assert len(geo.suggest_places("sa", limit=3)) == 3
    assert geo.suggest_places("") == []
    assert geo.suggest_places("zzzz") == []


def test_place_error_carries_a_stable_code():
    err = PlaceError("unknown_place", "no such place")
    assert isinstance(err, ValueError) and err.code == "unknown_place"
