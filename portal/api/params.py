"""Query parameters of the HSDS API → validated values, or an `ApiError` naming the parameter.

Every operation accepts exactly the query parameters its OpenAPI operation lists
(`directory.hsds.openapi`, served at /api/hsds/openapi.json), plus `lang`, the alias of `locale`
the profile's README documented first. Anything else is a 400 that names the parameter and lists
the accepted ones (`only_declared`): a misspelt `serach` or a `proximity` sent to /services used to
be silently ignored, and the client got an unfiltered answer that looked right. A repeated
parameter counts once (its first value).

What a client can fix is a 400 whose `message` says, in plain English words, which parameter and
why; the machine-readable codes stay out of the message (`error`, and `reason` for the finer
ones). `per_page` above 100 is a 400 too, not a silent clamp: the Page envelope's `size` is the
number of items on the page (HSDS), so it cannot say that fewer were given than asked for.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from dataclasses import dataclass

from flask import request

from directory.hsds.openapi import LOCALES, MAX_PER_PAGE, PROFILES
from indexer.engine import MAX_QUERY_CHARS, InvalidSearch

DEFAULT_PER_PAGE = 20
ALIASES = ("lang",)  # accepted beside the OpenAPI parameters: `lang` = `locale`
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SHOWN_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FRACTION = re.compile(r"(\.\d{6})\d+")
_RULE_ARGUMENT = re.compile(r"<[^>]+>")


class ApiError(Exception):
    """An error answered as JSON: `{"error": code, "message": …, "parameter": …}`, with `reason`
    (a finer code) and `accepted` (the parameters an operation takes) when they apply."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None,
                 retry_after: int | None = None, reason: str | None = None,
                 accepted: tuple[str, ...] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.retry_after = retry_after
        self.reason = reason
        self.accepted = accepted

    def body(self) -> dict:
        out: dict = {"error": self.code, "message": self.message}
        if self.parameter:
            out["parameter"] = self.parameter
        if self.reason:
            out["reason"] = self.reason
        if self.accepted is not None:
            out["accepted"] = list(self.accepted)
        return out


def bad(parameter: str, message: str, reason: str | None = None) -> ApiError:
    """A 400 for `parameter`; `message` continues the sentence: bad("page", "must be …")."""
    return ApiError(400, "bad_parameter", f"{parameter} {message}.", parameter, reason=reason)


# -- which parameters an operation takes --------------------------------------------------------


@functools.cache
def _declared() -> dict[str, tuple[str, ...]]:
    """OpenAPI path ("/services/{id}") → the query parameters its GET operation lists, in order."""
    from directory.hsds import openapi

    doc = openapi.document("")
    components = doc["components"]["parameters"]
    out = {}
    for path, item in doc["paths"].items():
        names = []
        for parameter in item["get"].get("parameters", []):
            if "$ref" in parameter:
                parameter = components[parameter["$ref"].rsplit("/", 1)[-1]]
            if parameter["in"] == "query":
                names.append(parameter["name"])
        out[path] = tuple(dict.fromkeys(names))
    return out


def declared(path: str) -> tuple[str, ...]:
    """The query parameters documented for an API path (a Flask rule under the API's prefix,
    "/services/<ident>", or an OpenAPI path); none for the documents that are not operations
    (openapi.json, the schema files)."""
    return _declared().get(_RULE_ARGUMENT.sub("{id}", path), ())


def _shown(name: str) -> str:
    """A parameter name as a message may quote it: printable, and short."""
    name = _SHOWN_CONTROL.sub("?", name)
    return f'"{name[:40]}…"' if len(name) > 40 else f'"{name}"'


def only_declared(path: str, prefix: str = "") -> None:
    """A 400 when the query string holds a parameter that `path` does not take (`prefix`: where
    the API is mounted, for the message)."""
    accepted = declared(path)
    unknown = [name for name in request.args if name not in accepted and name not in ALIASES]
    if not unknown:
        return
    where = prefix + _RULE_ARGUMENT.sub("{id}", path)
    first = unknown[0]
    if len(unknown) == 1:
        message = f"Unknown parameter {_shown(first)} for {where}"
    else:
        message = (f"Unknown parameters {', '.join(_shown(n) for n in unknown[:5])}"
                   f"{', …' if len(unknown) > 5 else ''} for {where}")
    elsewhere = [prefix + p for p, names in _declared().items() if first in names]
    close = difflib.get_close_matches(first, accepted, n=1, cutoff=0.75)
    if close:
        message += f" (did you mean {close[0]}?)"
    elif 0 < len(elsewhere) <= 3:
        message += f" (it is a parameter of {', '.join(elsewhere)})"
    if accepted:
        message += f". Accepted: {', '.join(accepted)}."
    else:
        message += ", which takes no parameters."
    raise ApiError(400, "bad_parameter", message, first[:100], reason="unknown_parameter",
                   accepted=accepted)


# -- values ---------------------------------------------------------------------------------------


def text(name: str, max_chars: int = 200) -> str | None:
    value = request.args.get(name)
    if value is None:
        return None
    value = value.strip()
    if _CONTROL.search(value):
        raise bad(name, "must not contain control characters")
    if len(value) > max_chars:
        raise bad(name, f"is too long: at most {max_chars} characters")
    return value or None


def integer(name: str, default: int, minimum: int = 1, maximum: int | None = None,
            hint: str = "") -> int:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad(name, "must be a whole number") from None
    if value < minimum:
        raise bad(name, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise bad(name, f"must be at most {maximum}{hint}")
    return value


def flag(name: str) -> bool:
    raw = (request.args.get(name) or "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise bad(name, "must be true or false")


def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    raw = (request.args.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in allowed:
        raise bad(name, f"must be one of: {', '.join(allowed)}")
    return raw


def timestamp(name: str) -> dt.datetime | None:
    """RFC 3339 date-time (any case, any fraction length) or a date; UTC, aware."""
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    cleaned = _FRACTION.sub(r"\1", raw.upper().replace(" ", "T"))
    if cleaned.endswith("Z"):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        value = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise bad(name, "must be a date-time such as 2026-01-31T12:00:00Z, or a date such as "
                        "2026-01-31") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise bad(name, "is out of range") from None


def metres(name: str) -> float | None:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise bad(name, "must be a number of metres") from None
    if math.isnan(value) or math.isinf(value) or value <= 0:
        raise bad(name, "must be a positive number of metres")
    return value


# What the search engine refuses (indexer.request's codes) → (parameter, plain words). The code
# stays in `reason`; the message never shows it.
_REFUSED = {
    "unknown_place": ("postcode", "is not a Québec postal code we know (e.g. H2W 1Y4, or its "
                                  "first three characters H2W)"),
    "outside_quebec": ("postcode", "is outside Québec; this directory covers Québec only"),
    "invalid_coordinates": ("postcode", "holds coordinates out of range (latitude -90 to 90, "
                                        "longitude -180 to 180)"),
    "too_long": ("postcode", "is too long"),
    "query_too_long": ("search", f"is too long: at most {MAX_QUERY_CHARS} characters"),
    "invalid_radius": ("proximity", "must be a positive number of metres"),
    "radius_without_place": ("proximity", "needs a postcode (distances are measured from it)"),
}


def search_refused(error: InvalidSearch) -> ApiError:
    """The 400 for a search the engine cannot run as given."""
    parameter, words = _REFUSED.get(error.code, ("search", "cannot be searched as given"))
    return bad(parameter, words, reason=error.code)


@dataclass(frozen=True)
class Representation:
    """Which shape a response takes: one language (`locale`) or the bilingual profile."""

    locale: str | None  # None: the bilingual profile

    @property
    def bilingual(self) -> bool:
        return self.locale is None

    @property
    def content_language(self) -> str:
        return "fr, en" if self.locale is None else self.locale


def representation() -> Representation:
    profile = choice("profile", PROFILES, "plain")
    # `lang` is accepted as an alias: the profile's README documented it first.
    name = "locale" if request.args.get("locale") is not None else "lang"
    locale = choice(name, LOCALES, "")
    if not locale:
        locale = request.accept_languages.best_match(LOCALES) or "fr"
    return Representation(None if profile == "bilingual" else locale)


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paging() -> Paging:
    per_page = integer("per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE,
                       hint=" (format=ndjson gives every match in one response)")
    return Paging(integer("page", 1), per_page)


def search() -> str | None:
    return text("search", MAX_QUERY_CHARS)


def output_format() -> str:
    return choice("format", ("json", "ndjson"), "json")
