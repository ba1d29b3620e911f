"""The interface languages (UI locales), their URL and file-name words, the time zone and the
directory's content languages: the one place a language is added.

Adding a UI locale touches this file (one `UILocale` line, and its own URL words in `PATHS` and
`WORDS` if it translates them) and its catalog, portal/translations/<code>/LC_MESSAGES/messages.po
(`flask --app portal i18n update`). Routes, the language switcher, hreflang links, `<html lang>`,
formatting and the content fallback all read this table.

Content (the directory) is bilingual fr/en (`directory.models.LOCALES`, `CONTENT_LANGS`). A UI
locale without content columns shows the French content (`CONTENT_FALLBACK`): French is the
directory's reference language, complete in every record (name_fr is required; English may be
missing and falls back to French anyway), and the search already analyses any language but English
as French. So a third-locale page shows one content language, marked `lang="fr"`, rather than
English with French holes.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.models import LOCALES as CONTENT_LANGS
from indexer.schedule import MONTREAL


@dataclass(frozen=True)
class UILocale:
    code: str  # URL prefix (/fr/…), g.lang, catalog directory
    babel: str  # CLDR locale of its catalog and formatting
    html: str  # BCP 47 tag: <html lang>, hreflang
    name: str  # its own name, in the language switcher
    # Times of day (on the hour, with minutes) when CLDR's "short" is not the local usage.
    clock: tuple[str, str] | None = None


UI_LOCALES: dict[str, UILocale] = {
    "fr": UILocale("fr", "fr_CA", "fr-CA", "Français", clock=("H 'h'", "H 'h' mm")),
    "en": UILocale("en", "en_CA", "en-CA", "English"),
}
DEFAULT_LANG = "fr"  # also the x-default of hreflang and the root URL's last resort
CONTENT_FALLBACK = "fr"
TIMEZONE = MONTREAL.key  # the directory's hours, "open now" and dates are read in Montréal time


def is_ui_locale(code: str | None) -> bool:
    return code in UI_LOCALES


def content_lang(code: str) -> str:
    """The content language a page in UI locale `code` shows: its own, else French (module doc)."""
    return code if code in CONTENT_LANGS else CONTENT_FALLBACK


# -- URL path words -----------------------------------------------------------------------------
#
# Every page whose URL starts with a language has one entry here, keyed by endpoint: its path after
# the /<code> prefix, by locale. "en" is required and serves any locale without its own words
# (/es/search until Spanish path words are added), so a new locale routes every page at once.
# portal.i18n.locale_route registers one rule per UI locale from this table.

PATHS: dict[str, dict[str, str]] = {
    "main.home": {"en": "/"},
    "search.results": {"fr": "/recherche", "en": "/search"},
    "search.suggestions": {"en": "/suggestions"},
    "service.page": {"en": "/service/<service_id>"},
    "service.report": {"fr": "/service/<service_id>/signaler",
                       "en": "/service/<service_id>/report"},
    "service.report_thanks": {"fr": "/service/<service_id>/merci",
                              "en": "/service/<service_id>/thanks"},
    "shortlist.page": {"fr": "/liste", "en": "/list"},
    "maps.results": {"fr": "/carte", "en": "/map"},
    "maps.shortlist": {"fr": "/carte/liste", "en": "/map/list"},
    "maps.service": {"fr": "/carte/service/<service_id>", "en": "/map/service/<service_id>"},
    "maps.export": {"fr": "/carte/exporter/<any(results,list):source>.html",
                    "en": "/map/export/<any(results,list):source>.html"},
    "exports.download": {"en": "/export/<any(results,list):source>.<any(csv,json,geojson):fmt>"},
    "pdf.download": {"en": "/pdf/<any(results,list):source>.pdf"},
    "opendata.page": {"fr": "/donnees-ouvertes", "en": "/open-data"},
    "needs.dashboard": {"fr": "/besoins", "en": "/needs"},
    "needs.chart": {"fr": "/besoins/graphiques/<name>.svg", "en": "/needs/charts/<name>.svg"},
    "needs.data": {"fr": "/besoins/donnees", "en": "/needs/data"},
    "needs.gaps": {"fr": "/besoins/offre-et-demande", "en": "/needs/supply-and-demand"},
    "needs.gaps_pdf": {"fr": "/besoins/offre-et-demande/rapport.pdf", "en": "/needs/supply-and-demand/report.pdf"},
    "needs.download": {"fr": "/besoins/donnees/<name>.<fmt>", "en": "/needs/data/<name>.<fmt>"},
    "widget.search": {"fr": "/widget/recherche", "en": "/widget/search"},
    "widget.configurator": {"en": "/widget"},
    "crisis.page": {"fr": "/urgence", "en": "/emergency"},
    "main.privacy": {"fr": "/confidentialite", "en": "/privacy"},
}


def add_paths(endpoint: str, words: dict[str, str]) -> None:
    """Add an area's path words to `PATHS` (the staff area keeps each page's words beside its view,
    portal/staff/routing.py); one endpoint never gets two different tables."""
    if "en" not in words:
        raise ValueError(f"{endpoint}: the English words are required (they serve other locales)")
    known = PATHS.setdefault(endpoint, dict(words))
    if known != words:
        raise ValueError(f"{endpoint}: already routed as {known}")


def path(endpoint: str, code: str) -> str:
    """The URL rule of `endpoint` in UI locale `code`: /fr/recherche, /en/search, /es/search."""
    words = PATHS[endpoint]
    return f"/{code}{words.get(code) or words['en']}"


# Words in downloaded file names (portail211-resultats-….csv), keyed by the English word, which a
# locale without its own uses.
WORDS: dict[str, dict[str, str]] = {
    "results": {"fr": "resultats"},
    "list": {"fr": "liste"},
    "directory": {"fr": "repertoire"},
    "map": {"fr": "carte"},
}


def word(english: str, code: str) -> str:
    return WORDS.get(english, {}).get(code, english)
