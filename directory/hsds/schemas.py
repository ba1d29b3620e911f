"""The official HSDS 3.1 JSON Schemas, offline, and the bilingual profile merged onto them.

The schemas refer to each other by relative names (`"phone.json"`) resolved against the URL they are
published at, and the OpenAPI document refers to them by absolute
`https://raw.githubusercontent.com/openreferral/specification/3.1/schema/…` URLs. One cached
`referencing.Registry` maps those URLs (and the `refs/heads/3.1` spelling of the same branch) to the
copy in `schema/`, so nothing is fetched at run time. The 3.0 URLs map to the same copy: every 3.1
change is backwards compatible (new optional properties and tables, descriptions), so a 3.0
document that is valid against 3.0 is valid against 3.1. The fixes of the 3.1.1–3.1.3 patch
releases are applied as the files load (`fixes.py`). The profile's merged schemas live in the same
registry under PROFILE_SCHEMA_BASE, so a merged `service.json` refers to the merged `phone.json`.

Names accepted by `validator_for`: `"service"`, `"service.json"`, `"compiled/service"`,
`"compiled/service_list"`, `"openapi.json#/components/schemas/Page"`, or any absolute URL the
registry knows (with an optional `#` JSON pointer).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.hsds import fixes

if TYPE_CHECKING:
    import jsonschema_rs

SCHEMA_DIR = Path(__file__).parent / "schema"
PROFILE_DIR = Path(__file__).parent / "profile"

HSDS_VERSION = "3.1"
OFFICIAL_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/"
# Other spellings of the same files seen in the wild (GitHub's raw URLs accept both), and the 3.0
# URLs that 3.0 documents and the unfixed 3.1 OpenAPI use (see the module docstring).
OFFICIAL_ALIASES = (
    "https://raw.githubusercontent.com/openreferral/specification/refs/heads/3.1/schema/",
    "http://raw.githubusercontent.com/openreferral/specification/3.1/schema/",
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/",
    "https://raw.githubusercontent.com/openreferral/specification/refs/heads/3.0/schema/",
    "http://raw.githubusercontent.com/openreferral/specification/3.0/schema/",
)
PROFILE_URI = "https://github.com/portail211/portail211/tree/main/directory/hsds/profile"
PROFILE_SCHEMA_BASE = PROFILE_URI + "/schema/"

# Formats checked when validating; the others (uri, date-time) need optional packages, and the
# directory's own rules check what matters to it.
FORMAT_CHECKER = FormatChecker(formats=("uuid", "email", "date"))


@dataclass(frozen=True)
class Error:
    """One schema violation: where (dotted JSON path, `a.b[2].c`), what, and which keyword."""

    path: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path or '(record)'}: {self.message} ({self.rule})"


def _load(path: Path) -> dict[str, Any]:
    """A vendored schema or profile patch: always a JSON object."""
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


@functools.cache
def official_files() -> tuple[str, ...]:
    """Relative names of the vendored schema files (`service.json`, `compiled/service.json`…)."""
    names = [p.name for p in sorted(SCHEMA_DIR.glob("*.json")) if p.name != "datapackage.json"]
    names += [f"compiled/{p.name}" for p in sorted((SCHEMA_DIR / "compiled").glob("*.json"))]
    return tuple(names)


@functools.cache
def official(name: str) -> dict[str, Any]:
    """The official schema document `name` (relative, e.g. `service.json`), parsed once, with the
    patch releases' fixes applied (`fixes.py`)."""
    return fixes.apply(name, _load(SCHEMA_DIR / name))


def profile_patches() -> dict[str, dict[str, Any]]:
    """The profile's merge patches, by the name of the HSDS file each one modifies."""
    return {p.name: _load(p) for p in sorted(PROFILE_DIR.glob("*.json"))}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch: objects merge recursively, `null` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@functools.cache
def merged(name: str) -> dict[str, Any]:
    """The official schema `name` with the profile's patch of the same name applied (if any)."""
    patch_path = PROFILE_DIR / name
    if not patch_path.exists():
        return official(name)
    document: dict[str, Any] = merge_patch(official(name), _load(patch_path))  # object + object
    return document


def _retrieve(uri: str) -> Resource:
    """Load a schema the registry was asked for from the vendored copy (never the network)."""
    for base in (OFFICIAL_BASE, *OFFICIAL_ALIASES):
        if uri.startswith(base):
            return _official_resource(uri[len(base):])
    if uri.startswith(PROFILE_SCHEMA_BASE):
        return _merged_resource(uri[len(PROFILE_SCHEMA_BASE):])
    raise LookupError(f"not an HSDS 3.x or profile schema: {uri}")


@functools.cache
def _official_resource(name: str) -> Resource:
    if name not in official_files():
        raise LookupError(f"no such HSDS schema: {name}")
    return DRAFT202012.create_resource(official(name))


@functools.cache
def _merged_resource(name: str) -> Resource:
    if name not in official_files() or "/" in name or name == "openapi.json":
        raise LookupError(f"no such profile schema: {name}")
    return DRAFT202012.create_resource(merged(name))


@functools.cache
def registry() -> Registry:
    """Official schemas under their canonical URLs and merged ones under the profile's.

    The modular schemas (a few kB each) are registered and crawled up front: a registry only keeps
    what it was built with, and resolving a `$ref` through `retrieve` on every lookup made
    validation ten times slower. The compiled files (megabytes each, no `$ref`s) load on demand.
    """
    resources = []
    for name in official_files():
        if "/" in name:
            continue
        for base in (OFFICIAL_BASE, *OFFICIAL_ALIASES):
            resources.append((base + name, _official_resource(name)))
        if name != "openapi.json":
            resources.append((PROFILE_SCHEMA_BASE + name, _merged_resource(name)))
    # referencing's stubs declare its attrs classes with a private `__dataclass_transform__` that
    # mypy does not recognise, so mypy sees `Registry()` as taking no arguments.
    empty: Registry[Any] = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
    return empty.with_resources(resources).crawl()


def _uri(name: str, profile: bool) -> str:
    if name.startswith(("http://", "https://")):
        return name
    name, _, fragment = name.partition("#")
    if not name.endswith(".json"):
        name += ".json"
    if profile and "/" in name:
        raise ValueError(f"the profile applies to the modular schemas, not {name!r}")
    base = PROFILE_SCHEMA_BASE if profile and name != "openapi.json" else OFFICIAL_BASE
    return base + name + (f"#{fragment}" if fragment else "")


@functools.cache
def validator_for(name: str, profile: bool = False) -> Draft202012Validator:
    """A Draft 2020-12 validator for the schema `name` (see module docstring), cached.

    `profile=True` validates against the bilingual profile (official schema + merge patch), which
    accepts everything the official schema accepts and also checks the extension fields.
    """
    uri = _uri(name, profile)
    return Draft202012Validator({"$ref": uri}, registry=registry(), format_checker=FORMAT_CHECKER)


def format_path(parts: Iterable[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def to_error(error: ValidationError) -> Error:
    parts = list(error.absolute_path)
    required = error.validator_value
    if (error.validator == "required" and isinstance(error.instance, dict)
            and isinstance(required, list)):
        # Name the missing field itself, which is what a person fixing the file looks for.
        missing = [p for p in required if p not in error.instance]
        if missing:
            parts.append(missing[0])
    return Error(format_path(parts), error.message, str(error.validator))


@functools.cache
def _fast_validator(name: str, profile: bool) -> jsonschema_rs.Draft202012Validator | None:
    """A jsonschema-rs validator for the same schema, or None when the package is missing.

    It checks every format it knows (uri, date-time…), so it is at least as strict as
    `validator_for`: when it accepts a document, so would `jsonschema`, and when it rejects one,
    `jsonschema` is asked for the errors (and has the last word).
    """
    try:  # Rust validator, ~80x faster; optional (schemathesis brings it)
        import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    try:
        return jsonschema_rs.Draft202012Validator(
            {"$ref": _uri(name, profile)}, validate_formats=True,
            retriever=lambda uri: _retrieve(uri).contents,
        )
    except Exception:  # noqa: BLE001 - any failure: fall back to the reference implementation
        return None


def validate(obj: Any, name: str, profile: bool = False) -> list[Error]:
    """Every violation of schema `name` by `obj`, in document order (empty list: valid)."""
    fast = _fast_validator(name, profile)
    if fast is not None and fast.is_valid(obj):
        return []
    errors = validator_for(name, profile).iter_errors(obj)
    return sorted((to_error(e) for e in errors), key=lambda e: (e.path, e.rule))
