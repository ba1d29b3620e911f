"""The place-in-text rule (indexer/understanding/place.py docstring), case by case, through the
request parser every channel uses."""

import pytest
from werkzeug.datastructures import MultiDict

from indexer.request import parse_search_args
from indexer.understanding import place


def parsed(q: str, **more: str):
    args = MultiDict([("q", q)] + list(more.items()))
    return parse_search_args(args)


@pytest.mark.parametrize(("q", "rest", "label", "kind"), [
    ("banque alimentaire Sherbrooke", "banque alimentaire", "Sherbrooke", "municipality"),
    ("Sherbrooke banque alimentaire", "banque alimentaire", "Sherbrooke", "municipality"),
    ("banque alimentaire de Sherbrooke", "banque alimentaire", "Sherbrooke", "municipality"),
    ("food bank near Trois-Rivieres", "food bank", "Trois-Rivières", "municipality"),
    ("dépannage alimentaire près de SHERBROOKE", "dépannage alimentaire", "Sherbrooke", "municipality"),
    ("cuisine collective st-jerome", "cuisine collective", "Saint-Jérôme", "municipality"),
    ("aide alimentaire Ste Julie", "aide alimentaire", "Sainte-Julie", "municipality"),
    ("popote roulante Mont-Joli", "popote roulante", "Mont-Joli", "municipality"),
    ("trois rivieres halte-garderie", "halte-garderie", "Trois-Rivières", "municipality"),
    ("aide mtl", "aide", "Montréal", "municipality"),
    ("I need food in Gatineau", "I need food", "Gatineau", "municipality"),
    ("dépannage H2X 1Y4", "dépannage", "H2X 1Y4", "postal_code"),
    ("dépannage h2x-1y4", "dépannage", "H2X 1Y4", "postal_code"),
    ("clinique J1H", "clinique", "J1H", "fsa"),
    ("aide à domicile en Estrie", "aide à domicile", "Estrie", "region"),
    ("meals on wheels Eastern Townships", "meals on wheels", "Estrie", "region"),
    ("banque alimentaire à Mercier", "banque alimentaire", "Mercier", "municipality"),
    ("aide juridique Québec", "aide juridique", "Québec", "municipality"),
    ("banque alimentaire Montréal", "banque alimentaire", "Montréal", "municipality"),
    ("CLSC Saint-Laurent", "CLSC", "Saint-Laurent", "municipality"),
])
def test_a_place_in_the_text_becomes_the_origin(q, rest, label, kind):
    r = parsed(q)
    assert r.q == rest
    assert [(u.stage, u.kind, u.label) for u in r.understood] == [("place", kind, label)]
    if kind == "region":
        assert r.origin is None and r.regions == (r.understood[0].region_code,)
    else:
        assert r.origin is not None and r.origin.label == label


@pytest.mark.parametrize("q", [
    "banque alimentaire Mercier",  # a surname as much as a town: only after a cue
    "Normandin",
    "rue Laval", "boulevard Saint-Laurent", "Université Laval", "Université de Montréal",
    "Hôpital Sainte-Anne", "CHU Sainte-Justine", "Société Saint-Vincent de Paul",
    "Hydro-Québec", "Emploi-Québec", "Revenu Québec",
    "banque alimentaire du Québec", "Sherbrooke Street clinic", "centre Sherbrooke",
    "havre", "le bonheur", "pointe", "rivière", "aide Sherbrooke alimentaire",
    "123 456", "a a a",
])
def test_words_that_are_not_meant_as_a_place_stay_words(q):
    r = parsed(q)
    assert r.q == " ".join(q.split()) and r.understood == () and r.origin is None and r.regions == ()


def test_the_place_box_wins_and_the_text_is_left_alone():
    r = parsed("banque alimentaire Sherbrooke", place="Rimouski")
    assert r.q == "banque alimentaire Sherbrooke" and r.origin.label == "Rimouski" and not r.understood
    r = parsed("banque alimentaire Sherbrooke", lat="45.5", lon="-73.6")
    assert r.q == "banque alimentaire Sherbrooke" and not r.understood


def test_keep_place_switches_the_stage_off():
    r = parsed("banque alimentaire Sherbrooke", keep="place")
    assert r.q == "banque alimentaire Sherbrooke" and r.origin is None and not r.understood
    assert parsed("banque alimentaire", keep="spelling").correct_spelling is False
    assert parsed("banque alimentaire", keep="nonsense").correct_spelling is True


def test_a_query_that_is_only_a_place_keeps_no_text_and_sorts_by_distance_later():
    for q, label in (("Sherbrooke", "Sherbrooke"), ("H2X 1Y4", "H2X 1Y4"), ("près de Laval", "Laval")):
        r = parsed(q)
        assert r.q == "" and r.origin.label == label


def test_a_radius_and_distance_sort_apply_to_a_place_found_in_the_text():
    r = parsed("banque alimentaire Sherbrooke", radius="10", sort="distance")
    assert r.radius_km == 10 and r.sort == "distance"


def test_only_one_place_is_taken_and_the_other_stays_text():
    r = parsed("banque alimentaire Sherbrooke Magog")
    assert len(r.understood) == 1 and r.origin is not None


def test_long_pasted_text_is_handled():
    letter = ("Bonjour, je vous écris parce que ma mère habite à Rimouski et elle a besoin d'aide "
              "pour ses repas, elle ne conduit plus depuis l'hiver dernier. " + "Merci beaucoup. " * 20)
    r = parsed(letter[:300])
    assert r.origin is not None and r.origin.label == "Rimouski" and "Rimouski" not in r.q


def test_tokens_fold_accents_and_saint_forms():
    assert [t.key for t in place.tokens("St-Jérôme, QC")] == ["saint", "jerome", "qc"]
