"""Languages: URL prefixes (/fr/…, /en/…), Babel locales, catalogs and locale-aware formatting.

Every page lives under a language prefix, so one URL is one language (shareable, cacheable, right
for htmx history). The prefix is popped into `g.lang` before the view runs and put back by
`url_for`, so views and templates never pass it by hand. Pages whose path words differ by
language (/fr/recherche, /en/search) are registered once per language with `localized_route`.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import click
from babel import Locale
from babel.dates import format_time as babel_format_time
from babel.dates import get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, Flask, g, request, url_for
from flask.cli import AppGroup
from flask_babel import Babel, get_locale

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
HTML_LANG = {"fr": "fr-CA", "en": "en-CA"}
LANG_NAMES = {"fr": "Français", "en": "English"}
TIMEZONE = "America/Montreal"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
ROOT = TRANSLATIONS.parent.parent
LANG_COOKIE = "lang"
LANG_COOKIE_SECONDS = 365 * 24 * 3600


def current_lang() -> str:
    return g.get("lang") or DEFAULT_LANG


def other_lang(lang: str | None = None) -> str:
    return "en" if (lang or current_lang()) == "fr" else "fr"


def lang_from_path(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGS else None


def localized_route(bp: Blueprint, paths: dict[str, str], endpoint: str, view, **options) -> None:
    """Register `view` once per language; `url_for(endpoint, lang=…)` picks the right path."""
    for lang, path in paths.items():
        bp.add_url_rule(path, endpoint, view, defaults={"lang": lang}, **options)


def preferred_lang() -> str:
    """For URLs without a language: the reader's earlier choice, then the browser's, then French."""
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGS:
        return cookie
    return request.accept_languages.best_match(LANGS) or DEFAULT_LANG


def alternate_url(lang: str, *, external: bool = False) -> str:
    """This page in `lang`, with the same path parameters, query and filters."""
    endpoint = g.get("alternate_endpoint") or request.endpoint
    if not endpoint or request.url_rule is None or endpoint == "static":
        return url_for("main.home", lang=lang, _external=external)
    values = dict(request.view_args or {})
    values.update(g.get("alternate_values") or {})
    values["lang"] = lang
    url = url_for(endpoint, _external=external, **values)
    query = urlencode(list(request.args.items(multi=True)))
    return f"{url}?{query}" if query else url


# -- formatting ---------------------------------------------------------------------------------


def babel_locale() -> Locale:
    return get_locale() or Locale.parse(BABEL_LOCALES[DEFAULT_LANG])


def format_clock(value: dt.time) -> str:
    """A time of day: "9 h", "13 h 30" in French; "9:00 a.m." in English (Babel, en_CA)."""
    locale = babel_locale()
    if locale.language == "fr":
        return babel_format_time(value, "H 'h'" if value.minute == 0 else "H 'h' mm", locale=locale)
    return babel_format_time(value, "short", locale=locale)


def format_hours(opens: dt.time, closes: dt.time) -> str:
    """An opening range with an en dash: "9 h – 17 h", "9:00 a.m. – 5:00 p.m."."""
    return f"{format_clock(opens)} – {format_clock(closes)}"


def day_name(weekday: int) -> str:
    """0 = Monday."""
    return get_day_names("wide", locale=babel_locale())[weekday]


def language_name(code: str) -> str:
    """A service language's name in the page's language, from CLDR ("arabe" / "Arabic")."""
    name = babel_locale().languages.get(code)
    return name if name else code


# -- catalogs -----------------------------------------------------------------------------------


def compile_catalogs(directory: Path = TRANSLATIONS) -> list[Path]:
    """Compile each .po whose .mo is missing or older; cheap enough to run at every start."""
    written = []
    for po in sorted(directory.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        # Write then rename, so a second process starting at the same time never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
        written.append(mo)
    return written


i18n_cli = AppGroup("i18n", help="Translation catalogs (Babel).")


@i18n_cli.command("update")
def i18n_update() -> None:
    """Extract messages, update the fr and en catalogs, copy English msgids into the en catalog."""
    from babel.messages.frontend import CommandLineInterface

    pot = ROOT / "build" / "messages.pot"
    pot.parent.mkdir(exist_ok=True)
    cli = CommandLineInterface()
    cli.run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
             "--no-location", "--sort-output", "--project", "Portail 211", "-o", str(pot), str(ROOT / "portal")])
    for lang in LANGS:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        verb = "update" if po.exists() else "init"
        args = ["pybabel", "-q", verb, "-i", str(pot), "-d", str(TRANSLATIONS), "-l", lang]
        if verb == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        cli.run(args)
    fill_english(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po")
    click.echo("catalogs updated; translate the empty French entries, then restart (compiles itself)")


def fill_english(po: Path) -> None:
    """Message ids are English, so the en catalog's translations are the ids themselves."""
    from babel.messages.pofile import write_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = tuple(message.id)
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)


# -- wiring -------------------------------------------------------------------------------------


def _pull_lang(endpoint: str | None, values: dict | None) -> None:
    if values and "lang" in values:
        g.lang = values.pop("lang")


def _push_lang(endpoint: str, values: dict) -> None:
    if "lang" not in values and current_app_expects_lang(endpoint):
        values["lang"] = current_lang()


def current_app_expects_lang(endpoint: str) -> bool:
    from flask import current_app

    return current_app.url_map.is_endpoint_expecting(endpoint, "lang")


def _remember_lang(response):
    lang = g.get("lang")
    if lang and request.cookies.get(LANG_COOKIE) != lang and response.status_code < 400:
        response.set_cookie(LANG_COOKIE, lang, max_age=LANG_COOKIE_SECONDS, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response


def _template_values() -> dict:
    lang = current_lang()
    return {"lang": lang, "other_lang": other_lang(lang), "html_lang": HTML_LANG[lang], "lang_names": LANG_NAMES}


# Globals, not context values, so macros imported with {% from %} (no context) can use them too.
TEMPLATE_GLOBALS = {
    "alternate_url": alternate_url,
    "format_hours": format_hours,
    "format_clock": format_clock,
    "day_name": day_name,
    "language_name": language_name,
}


def init_app(app: Flask) -> None:
    compile_catalogs()
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    app.config["BABEL_DEFAULT_TIMEZONE"] = TIMEZONE
    Babel(
        app,
        locale_selector=lambda: BABEL_LOCALES[current_lang()],
        timezone_selector=lambda: TIMEZONE,
    )
    app.url_value_preprocessor(_pull_lang)
    app.url_defaults(_push_lang)
    app.after_request(_remember_lang)
    app.context_processor(_template_values)
    app.jinja_env.globals.update(TEMPLATE_GLOBALS, localized=localized)
    app.cli.add_command(i18n_cli)


# -- bilingual records --------------------------------------------------------------------------


class LocalizedText(str):
    """A record's text in the page's language, or the French text when English is missing.

    It is a `str` so templates print it directly; `lang` is the language the text is really in and
    `fallback` says the page must mark it `lang="fr"` and say no translation exists.
    """

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str, fallback: bool) -> LocalizedText:
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.fallback = fallback
        return obj


def localized(record, field: str, lang: str | None = None) -> LocalizedText | None:
    """`record.<field>_<lang>`, falling back to French (DESIGN.md decision 1); None when empty."""
    lang = lang or current_lang()
    if isinstance(record, dict):
        values = {code: record.get(f"{field}_{code}") for code in LANGS}
    else:
        values = {code: getattr(record, f"{field}_{code}", None) for code in LANGS}
    if values.get(lang):
        return LocalizedText(values[lang], lang, False)
    if values.get("fr"):
        return LocalizedText(values["fr"], "fr", lang != "fr")
    return None
