"""Directory rows → HSDS 3.1 objects. Pure functions: no database access, no clock.

A row is either an ORM instance (`directory.models`) or a plain mapping of column values, as the
bulk loader (`directory.hsds.load`) builds them. Nested objects are read from the row under their
HSDS key (`service.phones`, `service_at_location.location`); a row that does not know a collection
(an ORM class without that relationship) leaves it out rather than claiming it is empty. Attributes
are polymorphic in HSDS, so for ORM rows pass them in `attributes={(entity, id): [attribute, …]}`;
plain rows carry them under `"attributes"`.

Two shapes:

* `locale="fr"` or `"en"`: plain HSDS, each text in that language (French where English is
  missing); validates against the official schemas. Extension fields only when `extensions=True`.
* `locale=None`: the bilingual profile (PROFILE_URI): HSDS fields in French, English under
  `"translations": {"en": {...}}` on every object that has English text, and the extension fields.

Output is deterministic: keys in a fixed order (HSDS schema order, then extensions, translations,
nested objects) and every list sorted by id, so two exports of the same data are byte-identical.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from directory.hsds.capacity import KEY as CAPACITIES
from directory.hsds.capacity import capacities_to_hsds
from directory.hsds.schemas import PROFILE_URI
from directory.hsds.spec import ATTRIBUTES, spec, to_json_value

__all__ = [
    "PROFILE_URI",
    "location_to_hsds",
    "organization_to_hsds",
    "service_at_location_to_hsds",
    "service_to_hsds",
    "taxonomy_term_to_hsds",
    "taxonomy_to_hsds",
    "to_hsds",
]

_MISSING = object()
LOCALES = (None, "fr", "en")


class Options(TypedDict, total=False):
    """The keyword options of `to_hsds` that the `*_to_hsds` helpers pass through."""

    extensions: bool | None
    attributes: Mapping[tuple[str, str], list[Any]] | None
    metadata: Mapping[tuple[str, str], list[Any]] | None


def _get(row: Any, name: str, default: Any = None) -> Any:
    if type(row) is dict or isinstance(row, Mapping):  # the exact-type test skips an ABC check
        return row.get(name, default)
    return getattr(row, name, default)


def _id(row: Any) -> str:
    return _get(row, "id") or ""


def _extension_number(value: str | None) -> tuple[int | None, str | None]:
    """HSDS `phone.extension` is a number; '0123' or '*2' would lose meaning as one."""
    if value is None or value == "":
        return None, None
    text = str(value)
    if text.isdigit() and str(int(text)) == text:
        return int(text), None
    return None, text


def _metadata_to_hsds(row: Any) -> dict[str, Any]:
    out = {}
    for name in ("id", "resource_id", "resource_type", "last_action_date", "last_action_type",
                 "field_name", "previous_value", "replacement_value", "updated_by"):
        value = _get(row, name)
        kind = "datetime" if name == "last_action_date" else "str"
        out[name] = to_json_value(kind, value) if value is not None else ""
    return out


def to_hsds(
    name: str,
    row: Any,
    locale: str | None = None,
    *,
    extensions: bool | None = None,
    attributes: Mapping[tuple[str, str], list[Any]] | None = None,
    metadata: Mapping[tuple[str, str], list[Any]] | None = None,
    flat: bool = False,
    skip: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The HSDS object `name` (e.g. "service") for `row`, nested as the compiled schema nests it."""
    if locale not in LOCALES:
        raise ValueError(f"locale must be one of {LOCALES}, not {locale!r}")
    if type(row) is dict and attributes is None and metadata is None:
        return _dict_to_hsds(name, row, locale, extensions, flat, skip)
    object_spec = spec(name)
    bilingual = locale is None
    with_extensions = bilingual if extensions is None else extensions
    out: dict[str, Any] = {}
    english: dict[str, Any] = {}
    for field in object_spec.fields:
        if field.extension and not with_extensions:
            continue
        value = _get(row, field.column)
        if field.en:
            value_en = _get(row, field.en)
            if locale == "en" and value_en:
                value = value_en
            if bilingual and value_en:
                english[field.name] = to_json_value(field.kind, value_en)
        if field.kind == "extension":
            number, text = _extension_number(value)
            if number is not None:
                out[field.name] = number
            if text is not None and with_extensions:
                out["extension_text"] = text
            continue
        value = to_json_value(field.kind, value)
        if value is not None:
            out[field.name] = value
    if english:
        out["translations"] = {"en": english}
    if flat:
        return out

    options: Options = {"extensions": extensions, "attributes": attributes, "metadata": metadata}
    for child in object_spec.children:
        if child.key in skip:
            continue
        value = _get(row, child.key, _MISSING)
        if value is _MISSING:
            continue
        if child.kind == "many":
            nested_skip = ("organization",) if child.key == "services" else ()
            out[child.key] = [
                to_hsds(child.type, item, locale, skip=nested_skip, **options)
                for item in sorted(value, key=_id)
            ]
        elif value is not None:
            out[child.key] = to_hsds(child.type, value, locale, flat=child.flat, **options)

    if object_spec.has_attributes:
        found = _get(row, ATTRIBUTES, _MISSING)
        if found is _MISSING and attributes is not None:
            found = attributes.get((name, _id(row)), [])
        if found is not _MISSING:
            out[ATTRIBUTES] = [
                to_hsds("attribute", item, locale, **options) for item in sorted(found, key=_id)
            ]
    if name == "service":  # HSDS 3.1 live capacity (directory/hsds/capacity.py)
        _add_capacities(out, row, locale)
    if metadata is not None and "metadata" in _schema_properties(name):
        out["metadata"] = [
            _metadata_to_hsds(item) for item in sorted(metadata.get((name, _id(row)), []), key=_id)
        ]
    return out


# -- the same, for plain dict rows (the bulk loader's): the exports' hot path ------------------
# Identical output to the generic branch of `to_hsds`; the per-object work (which fields, which
# need converting) is done once per (object, extensions) instead of once per row.

_PLAIN_KINDS = frozenset(("str", "int", "bool"))  # to_json_value returns these unchanged


@functools.cache
def _plan(name: str, with_extensions: bool) -> tuple[tuple[str, str, str | None, str, bool], ...]:
    """(name, column, English column, kind, needs converting) of each field written."""
    return tuple(
        (f.name, f.column, f.en, f.kind, f.kind not in _PLAIN_KINDS)
        for f in spec(name).fields
        if with_extensions or not f.extension
    )


@functools.cache
def _children(
    name: str, skip: tuple[str, ...]
) -> tuple[tuple[str, str, bool, bool, tuple[str, ...]], ...]:
    """(key, type, is a list, flat, what the child skips) of each nested object written."""
    return tuple(
        (c.key, c.type, c.kind == "many", c.flat, ("organization",) if c.key == "services" else ())
        for c in spec(name).children
        if c.key not in skip
    )


def _dict_id(row: Any) -> str:
    if type(row) is dict:
        return row.get("id") or ""
    return _id(row)


def _dict_to_hsds(name: str, row: dict[str, Any], locale: str | None, extensions: bool | None,
                  flat: bool, skip: tuple[str, ...]) -> dict[str, Any]:
    bilingual = locale is None
    with_extensions = bilingual if extensions is None else extensions
    get = row.get
    out: dict[str, Any] = {}
    english: dict[str, Any] = {}
    for field_name, column, en, kind, convert in _plan(name, with_extensions):
        value = get(column)
        if en is not None:
            value_en = get(en)
            if value_en:
                if locale == "en":
                    value = value_en
                elif bilingual:
                    english[field_name] = to_json_value(kind, value_en) if convert else value_en
        if value is None:
            continue
        if kind == "extension":
            number, text = _extension_number(value)
            if number is not None:
                out[field_name] = number
            if text is not None and with_extensions:
                out["extension_text"] = text
            continue
        if convert:
            value = to_json_value(kind, value)
            if value is None:
                continue
        out[field_name] = value
    if english:
        out["translations"] = {"en": english}
    if flat:
        return out

    for key, type_, many, child_flat, nested_skip in _children(name, skip):
        value = get(key, _MISSING)
        if value is _MISSING:
            continue
        if many:
            out[key] = [
                _dict_to_hsds(type_, item, locale, extensions, False, nested_skip)
                if type(item) is dict else
                to_hsds(type_, item, locale, skip=nested_skip, extensions=extensions)
                for item in sorted(value, key=_dict_id)
            ]
        elif value is not None:
            out[key] = (_dict_to_hsds(type_, value, locale, extensions, child_flat, ())
                        if type(value) is dict else
                        to_hsds(type_, value, locale, flat=child_flat, extensions=extensions))

    if name == "service":  # HSDS 3.1 live capacity (directory/hsds/capacity.py)
        _add_capacities(out, row, locale)
    if spec(name).has_attributes:
        found = get(ATTRIBUTES, _MISSING)
        if found is not _MISSING:
            out[ATTRIBUTES] = [
                _dict_to_hsds("attribute", item, locale, extensions, False, ())
                if type(item) is dict else
                to_hsds("attribute", item, locale, extensions=extensions)
                for item in sorted(found, key=_dict_id)
            ]
    return out


def _add_capacities(out: dict[str, Any], row: Any, locale: str | None) -> None:
    found = capacities_to_hsds(row, locale)
    if found is not None:
        out[CAPACITIES] = found


def _schema_properties(name: str) -> dict[str, Any]:
    from directory.hsds.schemas import official

    properties: dict[str, Any] = official(f"{name}.json")["properties"]
    return properties


def service_to_hsds(service: Any, locale: str | None = None, *, include_organization: bool = True,
                    **options: Unpack[Options]) -> dict[str, Any]:
    """A service nested as `GET /services/{id}` serves it (compiled service.json)."""
    skip = () if include_organization else ("organization",)
    return to_hsds("service", service, locale, skip=skip, **options)


def organization_to_hsds(organization: Any, locale: str | None = None, *, services: bool = True,
                         **options: Unpack[Options]) -> dict[str, Any]:
    """An organization with its funding, contacts, phones, locations, programs, identifiers and
    (unless `services=False`) its services, each without the organization again."""
    skip = () if services else ("services",)
    return to_hsds("organization", organization, locale, skip=skip, **options)


def location_to_hsds(location: Any, locale: str | None = None,
                     **options: Unpack[Options]) -> dict[str, Any]:
    return to_hsds("location", location, locale, **options)


def service_at_location_to_hsds(service_at_location: Any, locale: str | None = None,
                                **options: Unpack[Options]) -> dict[str, Any]:
    return to_hsds("service_at_location", service_at_location, locale, **options)


def taxonomy_term_to_hsds(term: Any, locale: str | None = None,
                          **options: Unpack[Options]) -> dict[str, Any]:
    return to_hsds("taxonomy_term", term, locale, **options)


def taxonomy_to_hsds(taxonomy: Any, locale: str | None = None,
                     **options: Unpack[Options]) -> dict[str, Any]:
    return to_hsds("taxonomy", taxonomy, locale, **options)
