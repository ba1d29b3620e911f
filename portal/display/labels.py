"""Readable, translated labels for facet values (codes in the index, words on the page)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from directory import geo, taxonomy, vocabulary
from portal.i18n import current_lang, language_name, localized

FACET_TITLES = {
    "category": _l("Category"),
    "region": _l("Region"),
    "municipality": _l("Municipality"),
    "language": _l("Language spoken"),
    "accessibility": _l("Accessibility"),
    "age_group": _l("Age group"),
    "free": _l("Cost"),
}
# A yes/no facet's one checkbox (indexer.engine.FLAG_FACETS), by facet.
FLAG_LABELS = {
    "free": _l("Free of charge"),
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
    # Categories, regions and the vocabularies are bilingual data (directory/), read like content.
    record: object = None
    if facet == "category":
        record = taxonomy.by_code().get(value)
    elif facet == "region":
        record = geo.regions().get(value)
    elif facet == "accessibility":
        record = vocabulary.ACCESSIBILITY_FEATURES.get(value)
    elif facet == "age_group":
        record = vocabulary.AGE_GROUPS.get(value)
    elif facet == "language":
        return language_name(value).capitalize()
    elif facet in FLAG_LABELS:
        return str(FLAG_LABELS[facet])
    if record is not None:
        return localized(record, "name", lang) or value
    return value
