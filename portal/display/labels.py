"""Readable, translated labels for facet values (codes in the index, words on the page)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from directory import geo, taxonomy, vocabulary
from portal.i18n import current_lang, language_name

AGE_GROUPS = {
    "children": _l("Children (0–11)"),
    "youth": _l("Youth (12–24)"),
    "adults": _l("Adults (18–64)"),
    "seniors": _l("Seniors (65 and over)"),
}

FACET_TITLES = {
    "category": _l("Category"),
    "region": _l("Region"),
    "municipality": _l("Municipality"),
    "language": _l("Language spoken"),
    "accessibility": _l("Accessibility"),
    "age_group": _l("Age group"),
    "free": _l("Cost"),
}


# (lang, facet, value) -> label: a results page labels ~60 facet values, a few hundred distinct.
_LABELS: dict[tuple[str, str, str], str] = {}


def facet_label(facet: str, value: str, lang: str | None = None) -> str:
    lang = lang or current_lang()
    key = (lang, facet, value)
    found = _LABELS.get(key)
    if found is None:
        if len(_LABELS) > 20_000:
            _LABELS.clear()
        found = _LABELS[key] = _facet_label(facet, value, lang)
    return found


def _facet_label(facet: str, value: str, lang: str) -> str:
    if facet == "category":
        category = taxonomy.by_code().get(value)
        if category:
            return category.name_en if lang == "en" and category.name_en else category.name_fr
    elif facet == "region":
        region = geo.regions().get(value)
        if region:
            return region.name_en if lang == "en" else region.name_fr
    elif facet == "language":
        return language_name(value).capitalize()
    elif facet == "accessibility":
        names = vocabulary.ACCESSIBILITY_FEATURES.get(value)
        if names:
            return names[1] if lang == "en" else names[0]
    elif facet == "age_group":
        return str(AGE_GROUPS.get(value, value))
    elif facet == "free":
        return str(_l("Free of charge"))
    return value
