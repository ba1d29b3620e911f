"""Languages at run time: URL prefixes (/fr/…, /en/…), Babel locales, catalogs, locale-aware
formatting and bilingual records. Which languages exist, and their URL words, is portal/locales.py.

Every page lives under a language prefix, so one URL is one language (shareable, cacheable, right
for htmx history). The prefix is popped into `g.lang` before the view runs and put back by
`url_for`, so views and templates never pass it by hand. Pages are registered once per UI locale
with `locale_route`, at the path portal/locales.py gives (/fr/recherche, /en/search).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import click
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.dates import get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as babel_format_decimal
from babel.numbers import get_decimal_symbol
from flask import Blueprint, Flask, current_app, g, has_app_context, request, url_for
from flask.cli import AppGroup
from flask_babel import Babel, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup

from portal import locales
from portal.locales import CONTENT_FALLBACK, DEFAULT_LANG, TIMEZONE, UI_LOCALES, content_lang

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
ROOT = TRANSLATIONS.parent.parent
LANG_COOKIE = "lang"
LANG_COOKIE_SECONDS = 365 * 24 * 3600


def current_lang() -> str:
    return g.get("lang") or DEFAULT_LANG


def current_content_lang() -> str:
    """The content language of the page (portal/locales.py): what the search and records use."""
    return content_lang(current_lang())


def html_lang(lang: str | None = None) -> str:
    """The BCP 47 tag of a UI locale (the page's by default): <html lang>, hreflang, JSON-LD."""
    return UI_LOCALES[lang or current_lang()].html


def lang_from_path(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in UI_LOCALES else None


def locale_route(bp: Blueprint, endpoint: str, view, **options) -> None:
    """Register `view` once per UI locale at its path in portal/locales.py `PATHS`;
    `url_for(endpoint, lang=…)` picks the locale's path.

    The rules are added when the blueprint is registered on an app, so an app sees every UI
    locale defined by then (a test can add one, tests/functional/portal/test_third_locale.py).
    """
    key = f"{bp.name}.{endpoint}"
    if key not in locales.PATHS:
        raise KeyError(f"{key}: add its URL words to portal/locales.py PATHS")

    def register(state) -> None:
        for code in UI_LOCALES:
            state.add_url_rule(locales.path(key, code), endpoint, view, defaults={"lang": code},
                               **options)

    bp.record(register)


def preferred_lang() -> str:
    """For URLs without a language: the reader's earlier choice, then the browser's, then French."""
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in UI_LOCALES:
        return cookie
    return request.accept_languages.best_match(tuple(UI_LOCALES)) or DEFAULT_LANG


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
#
# A results page formats hundreds of strings (translations, counts, dates, clock times). Through
# flask-babel each one looks the locale and the catalog up again in the request context (~10 µs);
# the page's locale is fixed by its URL, so both are looked up once per language and the pure
# formatting results are memoized (CLDR data does not change while the process runs).
# flask-babel's `force_locale` (a block rendered in another language) is still honoured.

_TRANSLATIONS_KEY = "portal_i18n_translations"
_BOUND_KEY = "portal_i18n_bound_gettext"


def _page_lang() -> str | None:
    """The page's language when flask-babel would pick it from the URL; None otherwise."""
    if not has_app_context():
        return None
    babel_ctx = g.get("_flask_babel")
    if babel_ctx is not None and getattr(babel_ctx, "forced_babel_locale", None) is not None:
        return None
    return g.get("lang") or DEFAULT_LANG


@functools.lru_cache(maxsize=16)
def _parsed(locale: str) -> Locale:
    return Locale.parse(locale)


def babel_locale() -> Locale:
    spec = UI_LOCALES.get(_page_lang() or "")
    if spec is not None:
        return _parsed(spec.babel)
    return get_locale() or _parsed(UI_LOCALES[DEFAULT_LANG].babel)


def _locale_id() -> str:
    """str(babel_locale()) without building it: the key of the memoized formatters."""
    spec = UI_LOCALES.get(_page_lang() or "")
    return spec.babel if spec is not None else str(babel_locale())


def translations():
    """The page's catalog: flask-babel's `get_translations()`, looked up once per language."""
    lang = _page_lang()
    if lang not in UI_LOCALES:
        return get_translations()
    cache = current_app.extensions.setdefault(_TRANSLATIONS_KEY, {})
    found = cache.get(lang)
    if found is None:
        found = cache[lang] = get_translations()
    return found


@functools.lru_cache(maxsize=512)
def _clock(value: dt.time, locale: str) -> str:
    spec = UI_LOCALES.get(locale.split("_", 1)[0])
    if spec is not None and spec.clock is not None:
        on_the_hour, with_minutes = spec.clock
        pattern = on_the_hour if value.minute == 0 else with_minutes
        return babel_format_time(value, pattern, locale=locale)
    return babel_format_time(value, "short", locale=locale)


def format_clock(value: dt.time) -> str:
    """A time of day: "9 h", "13 h 30" in French; "9:00 a.m." in English (Babel, en_CA); the
    patterns of portal/locales.py `UILocale.clock`, else CLDR's short time."""
    return _clock(value, _locale_id())


def format_hours(opens: dt.time, closes: dt.time) -> str:
    """An opening range with an en dash: "9 h – 17 h", "9:00 a.m. – 5:00 p.m."."""
    return f"{format_clock(opens)} – {format_clock(closes)}"


@functools.lru_cache(maxsize=16)
def _day_names(locale: str) -> tuple[str, ...]:
    names = get_day_names("wide", locale=locale)
    return tuple(names[i] for i in range(7))


def day_name(weekday: int) -> str:
    """0 = Monday."""
    return _day_names(_locale_id())[weekday]


@functools.lru_cache(maxsize=2048)
def _language_name(code: str, locale: str) -> str:
    return Locale.parse(locale).languages.get(code) or code


def language_name(code: str) -> str:
    """A service language's name in the page's language, from CLDR ("arabe" / "Arabic")."""
    return _language_name(code, _locale_id())


@functools.lru_cache(maxsize=8192)
def _number(value, locale: str) -> str:
    return babel_format_decimal(value, locale=locale)


def format_number(value) -> str:
    """flask-babel's `numberformat` filter, memoized (result counts, facet counts)."""
    if type(value) is int:  # noqa: E721  (bool and Decimal keep the uncached path)
        return _number(value, _locale_id())
    return babel_format_decimal(value, locale=babel_locale())


def format_number_in(value: int, lang: str) -> str:
    """`format_number` for a page language known by the caller (a loop over facet counts)."""
    return _number(value, UI_LOCALES[lang].babel)


def csv_delimiter(lang: str) -> str:
    """Excel opens a CSV with the list separator of the reader's regional settings: ";" where the
    decimal separator is the comma (French Canada), "," elsewhere (English Canada)."""
    return ";" if get_decimal_symbol(UI_LOCALES[lang].babel) == "," else ","


@functools.lru_cache(maxsize=8192)
def _date(value: dt.date, format: str, locale: str) -> str:
    return babel_format_date(value, format, locale=locale)


def format_date(value=None, format=None, rebase=True) -> str:
    """flask-babel's `dateformat` filter, memoized for plain dates ("last verified on")."""
    from flask_babel import format_date as flask_format_date

    # Babel(app) is built without `date_formats`, so the named formats are CLDR's.
    if type(value) is dt.date and format in ("short", "medium", "long", "full"):  # noqa: E721
        return _date(value, format, _locale_id())
    return flask_format_date(value, format, rebase)


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
    """Extract messages, update every UI locale's catalog, copy English msgids into en's."""
    from babel.messages.frontend import CommandLineInterface

    pot = ROOT / "build" / "messages.pot"
    pot.parent.mkdir(exist_ok=True)
    cli = CommandLineInterface()
    cli.run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
             "--no-location", "--sort-output", "--project", "Portail 211", "-o", str(pot), str(ROOT / "portal")])
    for lang in UI_LOCALES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        verb = "update" if po.exists() else "init"
        args = ["pybabel", "-q", verb, "-i", str(pot), "-d", str(TRANSLATIONS), "-l", lang]
        if verb == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        cli.run(args)
    fill_english(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po")
    click.echo("catalogs updated; translate the empty entries, then restart (compiles itself)")


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
    # `g.no_lang_cookie`: pages that set no cookie of their own (organizations' update links).
    if lang and request.cookies.get(LANG_COOKIE) != lang and response.status_code < 400 \
            and not g.get("no_lang_cookie"):
        response.set_cookie(LANG_COOKIE, lang, max_age=LANG_COOKIE_SECONDS, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response


def _bound_gettext(catalog) -> dict:
    """Jinja's "newstyle" gettext and ngettext (jinja2.ext), bound to one catalog."""

    @pass_context
    def gettext(__context, __string: str, **variables):
        rv = catalog.ugettext(__string)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)
        if not variables and "%" not in rv:  # most calls: nothing to format (Markup's % escapes a dict)
            return rv
        return rv % variables

    @pass_context
    def ngettext(__context, __singular: str, __plural: str, __num: int, **variables):
        variables.setdefault("num", __num)
        rv = catalog.ungettext(__singular, __plural, __num)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)
        return rv % variables

    return {"gettext": gettext, "ngettext": ngettext}


def _template_gettext() -> dict:
    """The page's gettext/ngettext as context values: a page makes ~150 `_()` calls, and the
    environment's callables look the catalog up again for each one. Macros imported without
    context keep the environment's (same answers)."""
    lang = _page_lang()
    if lang not in UI_LOCALES:
        return {}
    cache = current_app.extensions.setdefault(_BOUND_KEY, {})
    found = cache.get(lang)
    if found is None:
        found = cache[lang] = _bound_gettext(translations())
    return found


def _template_values() -> dict:
    lang = current_lang()
    return {"lang": lang, "content_lang": content_lang(lang), "html_lang": html_lang(lang),
            "ui_locales": UI_LOCALES.values(), "default_lang": DEFAULT_LANG, **_template_gettext()}


def holiday_name(holiday) -> str:
    """A holiday's name (directory.holidays.Holiday) in the page's content language."""
    return holiday.name_en if content_lang(current_lang()) == "en" else holiday.name_fr


def clock(text: str | None) -> dt.time | None:
    """A stored "HH:MM" (24:00 is midnight) as a time of day, for `format_hours`."""
    from portal.display.hours import parse_clock

    return parse_clock(text)


# Globals, not context values, so macros imported with {% from %} (no context) can use them too.
TEMPLATE_GLOBALS = {
    "holiday_name": holiday_name,
    "clock": clock,
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
        locale_selector=lambda: UI_LOCALES[current_lang()].babel,
        timezone_selector=lambda: TIMEZONE,
    )
    # The same callables and filters as flask-babel's, with the per-language lookups above.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.filters.update(numberformat=format_number, dateformat=format_date)
    app.url_value_preprocessor(_pull_lang)
    app.url_defaults(_push_lang)
    app.after_request(_remember_lang)
    app.context_processor(_template_values)
    app.jinja_env.globals.update(TEMPLATE_GLOBALS, localized=localized)
    app.cli.add_command(i18n_cli)


# -- bilingual records --------------------------------------------------------------------------


class LocalizedText(str):
    """A record's text in the page's content language, or the French text when that is missing.

    It is a `str` so templates print it directly; `lang` is the language the text is really in and
    `fallback` says it is not the page's language: the page must mark it `lang` and may say no
    translation exists.
    """

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str, fallback: bool) -> LocalizedText:
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.fallback = fallback
        return obj


def localized(record, field: str, lang: str | None = None) -> LocalizedText | None:
    """`record.<field>_<content language>` for a page in `lang` (the current page by default),
    falling back to French (docs/architecture.md decision 1; a UI locale without content columns
    reads French, portal/locales.py); None when empty. `record` is an object or a mapping."""
    page = lang or current_lang()
    text_lang = content_lang(page)
    if isinstance(record, dict):
        value = record.get(f"{field}_{text_lang}")
        if not value and text_lang != CONTENT_FALLBACK:
            text_lang = CONTENT_FALLBACK
            value = record.get(f"{field}_{text_lang}")
    else:
        value = getattr(record, f"{field}_{text_lang}", None)
        if not value and text_lang != CONTENT_FALLBACK:
            text_lang = CONTENT_FALLBACK
            value = getattr(record, f"{field}_{text_lang}", None)
    if not value:
        return None
    return LocalizedText(value, text_lang, text_lang != page)
