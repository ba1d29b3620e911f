"""Counsellors' relevance judgements (tests/relevance/judgements.yaml): the file validated and
resolved (places, category codes, kinds), and the grade each judged query gives a search document.

A judgement grades documents by *criteria* a 211 counsellor would state ("a food bank within 15 km
of Rimouski is a 3"), not by hand-picked ids, so it holds for any directory; `indexer.evaluate`
turns the grades into qrels and measures engines against them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analyzers.chain import fold
from directory import geo, taxonomy
from indexer.engine import SearchRequest

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = ROOT / "tests" / "relevance" / "judgements.yaml"

# place_in_text (the place written in the query, measured from `near:`) and colloquial (Québec French)
# came with the held-out set (tests/relevance/heldout.yaml, issue 15).
KINDS = ("same_language", "cross_language", "synonym", "typo", "missing_accents", "need_phrase", "place",
         "place_in_text", "colloquial")
HELDOUT = ROOT / "tests" / "relevance" / "heldout.yaml"
GRADES = (1, 2, 3)
K = 10

_CRITERION_KEYS = {
    "categories", "within_km", "near", "region", "municipality", "name_contains", "age_group",
    "free", "language",
}
_QUERY_KEYS = {"id", "q", "locale", "kind", "place", "filters", "pair", "note", "grades"}
_FILTER_KEYS = {"categories", "regions", "municipalities", "languages", "accessibility", "age_groups",
                "free", "radius_km"}


class JudgementError(ValueError):
    """The judgement file is malformed: an unknown key, category code, place or kind."""


def _tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


@dataclass(frozen=True)
class Criterion:
    """One way for a document to earn a grade: every given condition must hold."""

    categories: tuple[str, ...] = ()
    within_km: float | None = None
    near: tuple[float, float] | None = None  # from `near:`, else the query's place
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()  # folded
    name_contains: tuple[str, ...] = ()  # folded
    age_groups: tuple[str, ...] = ()
    free: bool | None = None
    languages: tuple[str, ...] = ()

    @property
    def _categories(self) -> frozenset[str]:
        return frozenset(self.categories)

    def matches(self, doc: Mapping[str, Any], folded: Mapping[str, Any]) -> bool:
        # category_codes holds every ancestor of every attached term, so "the code or any of its
        # descendants" (prefix match) is simply "the code is in the set".
        if self.categories and self._categories.isdisjoint(folded["codes"]):
            return False
        if self.regions and doc["region_code"] not in self.regions:
            return False
        if self.municipalities and folded["municipality"] not in self.municipalities:
            return False
        if self.name_contains and not any(text in folded["names"] for text in self.name_contains):
            return False
        if self.age_groups and not set(self.age_groups) & set(doc["age_groups"]):
            return False
        if self.free is not None and bool(doc["free"]) != self.free:
            return False
        if self.languages and not set(self.languages) & set(doc["languages"]):
            return False
        if self.within_km is not None:
            if doc["lat"] is None or self.near is None:
                return False
            if geo.haversine_km(self.near[0], self.near[1], doc["lat"], doc["lon"]) > self.within_km:
                return False
        return True


@dataclass(frozen=True)
class Judgement:
    id: str
    q: str
    locale: str
    kind: str
    grades: Mapping[int, tuple[Criterion, ...]]
    place: str | None = None
    origin: geo.Origin | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)
    pair: str | None = None
    note: str = ""

    def grade(self, doc: Mapping[str, Any], folded: Mapping[str, Any]) -> int:
        for grade in sorted(self.grades, reverse=True):
            if any(c.matches(doc, folded) for c in self.grades[grade]):
                return grade
        return 0

    def category_codes(self) -> set[str]:
        return {code for criteria in self.grades.values() for c in criteria for code in c.categories}

    def search_args(self, per_page: int = K) -> dict[str, list[str]]:
        """The query string the portal's search form would send for this query."""
        f = self.filters
        args: dict[str, list[str]] = {"q": [self.q], "per_page": [str(per_page)]}
        if self.place:
            args["place"] = [self.place]
        for name, key in (("category", "categories"), ("region", "regions"), ("municipality", "municipalities"),
                          ("language", "languages"), ("accessibility", "accessibility"),
                          ("age_group", "age_groups")):
            if f.get(key):
                args[name] = [str(v) for v in _tuple(f[key])]
        if f.get("free"):
            args["free"] = ["1"]
        if f.get("radius_km") is not None:
            args["radius"] = [str(f["radius_km"])]
        return args

    def request(self, per_page: int = K) -> SearchRequest:
        """The request the portal would send (`indexer.request`), without facet counts or highlights."""
        from indexer.request import parse_search_args

        request = parse_search_args(self.search_args(per_page), locale=self.locale)
        return dataclasses.replace(request, facets=False, highlight=False)


def _place(text: str, where: str) -> geo.Origin:
    try:
        return geo.resolve_place(str(text))
    except geo.PlaceError as error:
        raise JudgementError(f"{where}: unknown place {text!r} ({error.code})") from None


def _criterion(raw: Mapping[str, Any], origin: geo.Origin | None, where: str) -> Criterion:
    if not isinstance(raw, Mapping):
        raise JudgementError(f"{where}: a criterion is a mapping, got {raw!r}")
    unknown = set(raw) - _CRITERION_KEYS
    if unknown:
        raise JudgementError(f"{where}: unknown criterion keys {sorted(unknown)}")
    codes = tuple(str(c) for c in _tuple(raw.get("categories")))
    missing = [c for c in codes if c not in taxonomy.by_code()]
    if missing:
        raise JudgementError(f"{where}: unknown category codes {missing}")
    near = origin
    if "near" in raw:
        near = _place(raw["near"], where)
    within = raw.get("within_km")
    if within is not None and near is None:
        raise JudgementError(f"{where}: within_km needs a place (the query's `place` or `near`)")
    regions = tuple(str(r).zfill(2) for r in _tuple(raw.get("region")))
    if any(r not in geo.regions() for r in regions):
        raise JudgementError(f"{where}: unknown region in {regions}")
    ages = tuple(_tuple(raw.get("age_group")))
    if any(a not in ("children", "youth", "adults", "seniors") for a in ages):
        raise JudgementError(f"{where}: unknown age group in {ages}")
    return Criterion(
        categories=codes,
        within_km=float(within) if within is not None else None,
        near=(near.lat, near.lon) if near is not None and within is not None else None,
        regions=regions,
        municipalities=tuple(fold(str(m)).strip() for m in _tuple(raw.get("municipality"))),
        name_contains=tuple(fold(str(t)).strip() for t in _tuple(raw.get("name_contains"))),
        age_groups=ages,
        free=raw.get("free"),
        languages=tuple(str(code) for code in _tuple(raw.get("language"))),
    )


def parse_judgements(data: Mapping[str, Any]) -> list[Judgement]:
    """Validate and resolve a judgement document (places resolved, codes checked)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("queries"), list):
        raise JudgementError("expected a mapping with a `queries` list")
    out: list[Judgement] = []
    seen: set[str] = set()
    for raw in data["queries"]:
        where = f"query {raw.get('id', '?')!r}" if isinstance(raw, Mapping) else "query"
        if not isinstance(raw, Mapping):
            raise JudgementError(f"{where}: expected a mapping")
        unknown = set(raw) - _QUERY_KEYS
        if unknown:
            raise JudgementError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("id", "q", "locale", "kind", "grades"):
            if not raw.get(key):
                raise JudgementError(f"{where}: missing {key}")
        qid = str(raw["id"])
        if qid in seen:
            raise JudgementError(f"{where}: duplicate id")
        seen.add(qid)
        if raw["locale"] not in ("fr", "en"):
            raise JudgementError(f"{where}: locale must be fr or en")
        if raw["kind"] not in KINDS:
            raise JudgementError(f"{where}: kind must be one of {KINDS}")
        filters = dict(raw.get("filters") or {})
        if set(filters) - _FILTER_KEYS:
            raise JudgementError(f"{where}: unknown filters {sorted(set(filters) - _FILTER_KEYS)}")
        origin = _place(raw["place"], where) if raw.get("place") else None
        grades: dict[int, tuple[Criterion, ...]] = {}
        for grade, criteria in raw["grades"].items():
            if int(grade) not in GRADES:
                raise JudgementError(f"{where}: grades are 1, 2 or 3, not {grade!r}")
            items = criteria if isinstance(criteria, list) else [criteria]
            grades[int(grade)] = tuple(_criterion(c, origin, f"{where} grade {grade}") for c in items)
        if 3 not in grades:
            raise JudgementError(f"{where}: no grade-3 criteria")
        out.append(Judgement(
            id=qid, q=str(raw["q"]), locale=raw["locale"], kind=raw["kind"], grades=grades,
            place=str(raw["place"]) if raw.get("place") else None, origin=origin, filters=filters,
            pair=raw.get("pair"), note=str(raw.get("note") or ""),
        ))
    ids = {j.id for j in out}
    for j in out:
        if j.pair is not None and j.pair not in ids:
            raise JudgementError(f"query {j.id!r}: pair {j.pair!r} is not a judged query")
    return out


def load_judgements(path: str | Path = JUDGEMENTS) -> list[Judgement]:
    with open(path, encoding="utf-8") as handle:
        return parse_judgements(yaml.safe_load(handle))
