"""Query parameters of the HSDS API → validated values, or an `ApiError` naming the parameter.

Unknown parameters are ignored (HSDS clients send their own); a repeated parameter counts once
(its first value). What a client can fix is a 400 that says which parameter and why; values that
are merely large are clamped (`per_page` above 100 gives 100), as the OpenAPI document says.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from flask import request

from directory.hsds.openapi import LOCALES, MAX_PER_PAGE, PROFILES
from indexer.engine import MAX_QUERY_CHARS

DEFAULT_PER_PAGE = 20
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FRACTION = re.compile(r"(\.\d{6})\d+")


class ApiError(Exception):
    """An error answered as JSON: `{"error": code, "message": …, "parameter": …}`."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None,
                 retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.retry_after = retry_after

    def body(self) -> dict:
        out = {"error": self.code, "message": self.message}
        if self.parameter:
            out["parameter"] = self.parameter
        return out


def bad(parameter: str, message: str) -> ApiError:
    return ApiError(400, "bad_parameter", f"{parameter}: {message}", parameter)


def text(name: str, max_chars: int = 200) -> str | None:
    value = request.args.get(name)
    if value is None:
        return None
    value = value.strip()
    if _CONTROL.search(value):
        raise bad(name, "control characters are not allowed")
    if len(value) > max_chars:
        raise bad(name, f"at most {max_chars} characters")
    return value or None


def integer(name: str, default: int, minimum: int = 1) -> int:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad(name, "must be an integer") from None
    if value < minimum:
        raise bad(name, f"must be at least {minimum}")
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
        raise bad(name, f"must be one of {', '.join(allowed)}")
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
        raise bad(name, "must be an RFC 3339 date-time (2026-01-31T12:00:00Z) or a date") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise bad(name, "out of range") from None


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
    per_page = min(MAX_PER_PAGE, integer("per_page", DEFAULT_PER_PAGE))
    return Paging(integer("page", 1), per_page)


def search() -> str | None:
    return text("search", MAX_QUERY_CHARS)


def output_format() -> str:
    return choice("format", ("json", "ndjson"), "json")
