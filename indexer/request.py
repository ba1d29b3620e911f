"""Query-string arguments -> a validated `SearchRequest` (portal pages, HSDS API, widget).

Pure: no engine, no database. Values a person can reach by editing a URL are clamped or ignored
(page beyond the last page allowed, per_page above 100, unknown facet values); what the UI must
explain raises `InvalidSearch(code)`:

    query_too_long        q longer than engine.MAX_QUERY_CHARS
    invalid_coordinates   lat/lon not numbers or out of range     (from directory.geo.PlaceError)
    outside_quebec        lat/lon valid but outside the province
    unknown_place         place text not understood
    too_long              place text absurdly long
    invalid_radius        radius not a number
    invalid_sort          sort=distance without a place (or an unknown sort)

Argument names: q, place, lat, lon, radius (km), sort (relevance|distance|name), page, per_page,
category, region, municipality, language, accessibility, age_group (repeatable), free, open_now,
include_closed, crisis (flags: "1", "true", "on", "yes"), keep (repeatable: the query-understanding
stages to switch off, "place", "need" and "spelling": indexer/understanding).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from typing import Any, cast

from directory import vocabulary
from indexer import understanding
from indexer.engine import (
    FLAG_FACETS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    InvalidSearch,
    Locale,
    Origin,
    SearchRequest,
    Sort,
)

MIN_RADIUS_KM = 1.0
MAX_RADIUS_KM = 500.0
DEFAULT_PER_PAGE = 20
MAX_VALUES_PER_FACET = 50

AGE_GROUPS = tuple(vocabulary.AGE_GROUPS)
_REGION = re.compile(r"^(0[1-9]|1[0-7])$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9._\-]{0,99}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TRUE = {"1", "true", "on", "yes", "oui"}


def _all(args: Any, name: str) -> list[str]:
    if hasattr(args, "getlist"):
        values = args.getlist(name)
    else:
        raw = args.get(name, [])
        values = [raw] if isinstance(raw, str) else list(raw or [])
    return [v for v in (str(x) for x in values) if v is not None]


def _first(args: Any, name: str) -> str:
    values = _all(args, name)
    return values[0].strip() if values else ""


def _flag(args: Any, name: str) -> bool:
    return _first(args, name).lower() in _TRUE


def _int(value: str, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _values(args: Any, name: str, pattern: re.Pattern[str] | None,
            allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    out: list[str] = []
    for raw in _all(args, name):
        for value in raw.split(","):
            value = _CONTROL.sub("", value).strip()
            if not value or len(value) > 100:
                continue
            if pattern is not None and not pattern.match(value.lower() if name != "municipality" else value):
                continue
            if allowed is not None and value not in allowed:
                continue
            out.append(value.lower() if name in ("language",) else value)
    return tuple(dict.fromkeys(out))[:MAX_VALUES_PER_FACET]


def parse_search_args(args: Mapping[str, list[str]] | Any, locale: str = "fr") -> SearchRequest:
    """Validate and clamp; raise InvalidSearch(code) for what the person must fix (module docstring)."""
    from directory import geo

    request_locale: Locale = "en" if locale == "en" else "fr"
    q = " ".join(_CONTROL.sub(" ", _first(args, "q")).split())
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidSearch("query_too_long", f"at most {MAX_QUERY_CHARS} characters")

    origin = None
    lat, lon = _first(args, "lat"), _first(args, "lon")
    place = _first(args, "place")
    try:
        if lat or lon:
            la, lo = geo.parse_coordinates(lat, lon)
            origin = Origin(la, lo, label=place or f"{la:.5g}, {lo:.5g}", kind="coordinates",
                            region_code=geo.region_for_point(la, lo))
        elif place:
            found = geo.resolve_place(place)
            origin = Origin(found.lat, found.lon, found.label, found.kind, found.fsa, found.region_code)
    except geo.PlaceError as error:
        raise InvalidSearch(error.code, str(error)) from None

    # Query understanding (indexer/understanding): a place written in the text becomes the origin
    # unless the place box (or coordinates) gave one; `keep` names the stages switched off.
    keep = frozenset(_values(args, "keep", _CODE)) & frozenset(understanding.STAGES)
    understood = understanding.understand(SearchRequest(q=q, origin=origin), keep=keep,
                                          place_given=bool(place or lat or lon))
    q, origin = understood.q, understood.origin

    radius = None
    radius_text = _first(args, "radius")
    if radius_text and origin is not None:
        try:
            radius = float(radius_text.replace(",", "."))
        except ValueError:
            raise InvalidSearch("invalid_radius", "radius must be a number of km") from None
        if math.isnan(radius) or math.isinf(radius):
            raise InvalidSearch("invalid_radius", "radius must be a number of km")
        radius = min(MAX_RADIUS_KM, max(MIN_RADIUS_KM, radius))

    sort = _first(args, "sort") or "relevance"
    if sort not in ("relevance", "distance", "name"):
        sort = "relevance"
    if sort == "distance" and origin is None:
        raise InvalidSearch("invalid_sort", "sorting by distance needs a place")

    per_page = min(MAX_PER_PAGE, max(1, _int(_first(args, "per_page"), DEFAULT_PER_PAGE)))
    page = min(MAX_PAGE, max(1, _int(_first(args, "page")[:12], 1)))

    request = SearchRequest(
        q=q,
        locale=request_locale,
        categories=_values(args, "category", _CODE),
        regions=tuple(dict.fromkeys(_values(args, "region", _REGION) + understood.regions)),
        municipalities=_values(args, "municipality", None),
        languages=_values(args, "language", _LANGUAGE),
        accessibility=_values(args, "accessibility", _CODE),
        age_groups=_values(args, "age_group", None, AGE_GROUPS),
        open_now=_flag(args, "open_now"),
        available_now=_flag(args, "available_now"),
        include_closed=_flag(args, "include_closed"),
        crisis_only=_flag(args, "crisis"),
        understand_need="need" not in keep,
        origin=origin,
        radius_km=radius,
        sort=cast(Sort, sort),  # one of Sort's values, checked above
        page=page,
        per_page=per_page,
        understood=understood.understood,
        correct_spelling="spelling" not in keep,
    )
    flags: dict[str, Any] = {flag: _flag(args, flag) for flag in FLAG_FACETS}
    return dataclasses.replace(request, **flags)
