"""Controlled vocabularies the directory, search index, search facets, forms and demo data share:
the only definition of each (labels in both content languages, `name_fr`/`name_en` like a record's
columns, so the portal reads them with `localized(label, "name")`).

Service languages are ISO 639-1 codes where one exists, else ISO 639-3 (sign languages: `fsl` for
LSQ, `ase` for ASL). Accessibility features are stored in `Accessibility.feature`. Age groups are
derived from a service's minimum and maximum ages: a service belongs to every group its age range
overlaps, and to all of them when it states no age.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import NamedTuple

from directory.models import LOCALES


class Label(NamedTuple):
    name_fr: str
    name_en: str


class AgeGroup(NamedTuple):
    name_fr: str
    name_en: str
    first: int  # youngest age in the group, inclusive
    last: int  # oldest, inclusive


def _labels(pairs: dict[str, tuple[str, str]]) -> dict[str, Label]:
    return {key: Label(*pair) for key, pair in pairs.items()}


LANGUAGE_NAMES: dict[str, Label] = _labels({
    "fr": ("Français", "French"),
    "en": ("Anglais", "English"),
    "es": ("Espagnol", "Spanish"),
    "ar": ("Arabe", "Arabic"),
    "ht": ("Créole haïtien", "Haitian Creole"),
    "zh": ("Mandarin", "Mandarin"),
    "yue": ("Cantonais", "Cantonese"),
    "vi": ("Vietnamien", "Vietnamese"),
    "pt": ("Portugais", "Portuguese"),
    "it": ("Italien", "Italian"),
    "fa": ("Persan (farsi)", "Persian (Farsi)"),
    "ru": ("Russe", "Russian"),
    "uk": ("Ukrainien", "Ukrainian"),
    "ro": ("Roumain", "Romanian"),
    "pa": ("Pendjabi", "Punjabi"),
    "ta": ("Tamoul", "Tamil"),
    "bn": ("Bengali", "Bengali"),
    "ur": ("Ourdou", "Urdu"),
    "hi": ("Hindi", "Hindi"),
    "tl": ("Tagalog (filipino)", "Tagalog (Filipino)"),
    "el": ("Grec", "Greek"),
    "pl": ("Polonais", "Polish"),
    "de": ("Allemand", "German"),
    "ko": ("Coréen", "Korean"),
    "ja": ("Japonais", "Japanese"),
    "tr": ("Turc", "Turkish"),
    "ku": ("Kurde", "Kurdish"),
    "he": ("Hébreu", "Hebrew"),
    "yi": ("Yiddish", "Yiddish"),
    "hy": ("Arménien", "Armenian"),
    "so": ("Somali", "Somali"),
    "ti": ("Tigrigna", "Tigrinya"),
    "am": ("Amharique", "Amharic"),
    "sw": ("Swahili", "Swahili"),
    "rn": ("Kirundi", "Kirundi"),
    "rw": ("Kinyarwanda", "Kinyarwanda"),
    "ln": ("Lingala", "Lingala"),
    "wo": ("Wolof", "Wolof"),
    "ne": ("Népalais", "Nepali"),
    "km": ("Khmer", "Khmer"),
    "iu": ("Inuktitut", "Inuktitut"),
    "cr": ("Cri", "Cree"),
    "moe": ("Innu-aimun", "Innu-aimun"),
    "atj": ("Atikamekw", "Atikamekw"),
    "fsl": ("Langue des signes québécoise (LSQ)", "Quebec Sign Language (LSQ)"),
    "ase": ("Langue des signes américaine (ASL)", "American Sign Language (ASL)"),
})

def language_order(code: str) -> tuple[bool, int, str]:
    """Sort key for service languages: the directory's content languages first (French, English),
    then the others by code."""
    first = code in LOCALES
    return (not first, LOCALES.index(code) if first else 0, code)


ACCESSIBILITY_FEATURES: dict[str, Label] = _labels({
    "wheelchair": ("Accès pour fauteuil roulant", "Wheelchair accessible"),
    "automatic_door": ("Porte d'entrée automatique", "Automatic entrance door"),
    "ramp": ("Rampe d'accès", "Access ramp"),
    "elevator": ("Ascenseur", "Elevator"),
    "adapted_washroom": ("Toilettes adaptées", "Accessible washroom"),
    "parking": ("Stationnement réservé aux personnes handicapées", "Accessible parking"),
    "transit": ("À proximité du transport en commun", "Near public transit"),
    "braille": ("Signalisation en braille", "Braille signage"),
    "large_print": ("Documents en gros caractères", "Large-print documents"),
    "hearing_loop": ("Boucle magnétique", "Hearing loop"),
    "lsq_interpretation": ("Interprétation en LSQ sur demande", "LSQ interpretation on request"),
    "service_animal": ("Animaux d'assistance acceptés", "Service animals welcome"),
    "quiet_space": ("Espace calme disponible", "Quiet space available"),
    "home_visits": ("Services offerts à domicile", "Home visits available"),
    "phone_video": ("Services par téléphone ou vidéo", "Services by phone or video"),
})

# Youth overlaps adults on purpose: 18–24 services (employment, housing) are searched for under
# both. The last group ends at NO_AGE_LIMIT, the age an open range stands for: any bound above the
# oldest age the directory accepts (130, directory/hsds/importer/checks.py; the staff form stops at 120)
# gives the same groups; 200 is the one the search index has always been built with.
NO_AGE_LIMIT = 200
AGE_GROUPS: dict[str, AgeGroup] = {
    "children": AgeGroup("Enfants (0 à 11 ans)", "Children (0–11)", 0, 11),
    "youth": AgeGroup("Jeunes (12 à 24 ans)", "Youth (12–24)", 12, 24),
    "adults": AgeGroup("Adultes (18 à 64 ans)", "Adults (18–64)", 18, 64),
    "seniors": AgeGroup("Aînés (65 ans et plus)", "Seniors (65 and over)", 65, NO_AGE_LIMIT),
}


def age_groups(minimum_age: int | None, maximum_age: int | None) -> list[str]:
    """The age groups whose ages overlap [minimum_age, maximum_age]; no limits at all means every
    group."""
    low = 0 if minimum_age is None else minimum_age
    high = NO_AGE_LIMIT if maximum_age is None else maximum_age
    return [key for key, group in AGE_GROUPS.items() if low <= group.last and high >= group.first]


class CapacityUnit(NamedTuple):
    """A unit of live capacity (HSDS 3.1 `unit`): its label (`name_*`, for lists and forms), the
    words a count takes (one / many, both languages) and how long a number stays true."""

    name_fr: str
    name_en: str
    one_fr: str
    many_fr: str
    one_en: str
    many_en: str
    freshness_hours: int = 24


# The `unit` rows of the directory's units (`unit_rows`, added by `directory.capacity.ensure_units`
# when first used): `unit.identifier` is the key, `unit.scheme` CAPACITY_SCHEME, `unit.id` a UUID
# derived from the key (`unit_id`), so every database gives a unit the same id. Freshness: past
# it, pages say "availability to be confirmed" instead of the number and the "places available
# now" filter leaves the service out (docs/capacity.md). A meal count changes within a day; food
# hampers are counted per weekly distribution; appointments are booked a few days ahead.
CAPACITY_SCHEME = "portail211"
DEFAULT_FRESHNESS_HOURS = 24
CAPACITY_UNITS: dict[str, CapacityUnit] = {
    "beds": CapacityUnit("Lits", "Beds", "lit", "lits", "bed", "beds"),
    "rooms": CapacityUnit("Chambres", "Rooms", "chambre", "chambres", "room", "rooms"),
    "appointments": CapacityUnit("Rendez-vous", "Appointments", "rendez-vous", "rendez-vous",
                                 "appointment", "appointments", 48),
    "places": CapacityUnit("Places", "Places", "place", "places", "place", "places"),
    "food_hampers": CapacityUnit("Paniers de nourriture", "Food hampers", "panier de nourriture",
                                 "paniers de nourriture", "food hamper", "food hampers", 72),
    "meals": CapacityUnit("Repas", "Meals", "repas", "repas", "meal", "meals", 12),
}


def unit_id(key: str) -> str:
    """The seeded `unit.id` of a vocabulary key (UUID 5: the same in every database)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://portail211.ca/hsds/units/{key}"))


def unit_rows() -> list[dict[str, str | None]]:
    """The `unit` rows of the vocabulary, as `directory.capacity.ensure_units` adds them."""
    return [{"id": unit_id(key), "name_fr": u.name_fr, "name_en": u.name_en, "scheme": CAPACITY_SCHEME,
             "identifier": key, "uri": None} for key, u in CAPACITY_UNITS.items()]


def capacity_freshness(key: str | None) -> dt.timedelta:
    """How long a count of this unit stays true (an imported unit the vocabulary lacks: 24 h)."""
    unit = CAPACITY_UNITS.get(key or "")
    return dt.timedelta(hours=unit.freshness_hours if unit else DEFAULT_FRESHNESS_HOURS)
