"""How pages say a live count (portal/display/capacity.py), in both languages: the number and its
age while fresh, "availability to be confirmed" past the unit's limit (never the stale number), the
singular, an imported unit's own name, and when the sentence changes next (the page caches'
expiry)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from flask import g

from portal.display import capacity

NOW = dt.datetime(2026, 12, 3, 18, 0, tzinfo=dt.UTC)


def _text(app, lang: str, **item) -> capacity.CapacityView:
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        view = capacity.view({"unit": "beds", "maximum": None, **item}, NOW)
    # Babel writes "2\u00a0h": compared with plain spaces.
    return dataclasses.replace(view, text=view.text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize(("lang", "item", "expected"), [
    ("fr", {"available": 12, "updated": NOW - dt.timedelta(hours=2)}, "12 lits disponibles · mis à jour il y a 2 h"),
    ("en", {"available": 12, "updated": NOW - dt.timedelta(hours=2)}, "12 beds available · updated 2 hrs ago"),
    ("fr", {"available": 1, "updated": NOW - dt.timedelta(minutes=5)}, "1 lit disponible · mis à jour il y a 5 min"),
    ("en", {"available": 1, "updated": NOW - dt.timedelta(minutes=5)}, "1 bed available · updated 5 mins ago"),
    ("fr", {"available": 0, "updated": NOW - dt.timedelta(hours=1)}, "0 lit disponible · mis à jour il y a 1 h"),
    ("fr", {"available": 3, "updated": NOW - dt.timedelta(seconds=20)}, "3 lits disponibles · mis à jour à l’instant"),
    ("en", {"available": 3, "updated": NOW - dt.timedelta(seconds=20)}, "3 beds available · updated just now"),
    ("fr", {"available": 30, "unit": "food_hampers", "updated": (NOW - dt.timedelta(days=2)).isoformat()},
     "30 paniers de nourriture disponibles · mis à jour il y a 2 j"),
    ("fr", {"available": 9, "updated": NOW - dt.timedelta(hours=30)},
     "Disponibilité à confirmer · mis à jour il y a 1 j"),
    ("en", {"available": 9, "updated": NOW - dt.timedelta(hours=30)},
     "Availability to be confirmed · updated 1 day ago"),
    ("fr", {"available": 40, "unit": "meals", "updated": NOW - dt.timedelta(hours=13)},
     "Disponibilité à confirmer · mis à jour il y a 13 h"),
    ("en", {"available": 3, "unit": "kayaks", "name_fr": "Kayaks", "name_en": "kayaks",
            "updated": NOW - dt.timedelta(hours=1)}, "3 kayaks available · updated 1 hr ago"),
])
def test_sentences(app, lang, item, expected):
    assert _text(app, lang, **item).text == expected


def test_a_stale_count_never_shows_its_number(app):
    view = _text(app, "fr", available=37, updated=NOW - dt.timedelta(hours=25))
    assert not view.fresh and "37" not in view.text


def test_the_sentence_says_when_it_changes(app):
    # Fresh for another 20 minutes, but its "2 h" becomes "3 h" first: at the next hour of age.
    view = _text(app, "fr", available=2, updated=NOW - dt.timedelta(hours=2, minutes=30))
    assert view.valid_until == NOW + dt.timedelta(minutes=30)
    ending = _text(app, "fr", available=2, updated=NOW - dt.timedelta(hours=23, minutes=50))
    assert ending.valid_until == NOW + dt.timedelta(minutes=10), "stale at 24 h"
    assert _text(app, "fr", available=2, updated=NOW - dt.timedelta(minutes=3, seconds=20)).valid_until == \
        NOW + dt.timedelta(seconds=40)


def test_crisis_order_needs_a_fresh_count_above_zero():
    fresh = {"unit": "beds", "available": 2, "updated": NOW - dt.timedelta(hours=1)}
    assert capacity.has_fresh_places([fresh], NOW)
    assert not capacity.has_fresh_places([dict(fresh, available=0)], NOW)
    assert not capacity.has_fresh_places([dict(fresh, updated=NOW - dt.timedelta(days=2))], NOW)
    assert not capacity.has_fresh_places(None, NOW)
