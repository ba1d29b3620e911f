"""The dependency rule of docs/architecture.md, read from the source with `ast` (nothing imported).

    portal ──► needs ──► indexer ──► directory, analyzers

* no arrow back up: directory/, analyzers/, indexer/ and needs/ never import portal; indexer never
  imports needs; directory and analyzers import neither; analyzers imports no project package;
* portal areas (a direct sub-package or module of portal/) form no cycle; common modules (COMMON)
  may be imported by any area and import no area; portal/__init__.py, the app factory that
  assembles the areas, is the one exception;
* no module uses another module's private name (`from x import _y`, or `x._y` on an imported
  module).

Every import counts: at module level or inside a function, under TYPE_CHECKING, and the literal
`__import__("x")` / `importlib.import_module("x")`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("analyzers", "directory", "indexer", "needs", "portal")
# Scripts that ship beside the product and read its modules: held to the private-name rule too.
TOOLS = ("bench", "scripts")

# Upward arrows: package -> the project packages it must never import.
FORBIDDEN = {
    "analyzers": {"directory", "indexer", "needs", "portal"},
    "directory": {"indexer", "needs", "portal"},
    "indexer": {"needs", "portal"},
    "needs": {"portal"},
}
# Shared by every area (docs/architecture.md, "Layout"); they import no area.
COMMON = {
    "commands", "compression", "config", "database", "display", "errors", "framing", "health", "i18n",
    "locales", "mail",
    "page_cache", "search_service", "security", "static_assets",
}
FACTORY = "portal"  # portal/__init__.py: create_app registers every area


@dataclass(frozen=True)
class Use:
    """One module's use of another: `target` is the module (or `module.name`) it reaches."""

    module: str
    path: Path
    line: int
    target: str
    private: str | None = None  # the private name used, if any

    def __str__(self) -> str:
        what = f"{self.target}.{self.private}" if self.private else self.target
        return f"{self.path.relative_to(ROOT)}:{self.line} {self.module} -> {what}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _files(tops: tuple[str, ...]) -> tuple[Path, ...]:
    return tuple(sorted(p for top in tops for p in (ROOT / top).rglob("*.py")))


@cache
def _project_modules() -> frozenset[str]:
    return frozenset(_module_name(p) for p in _files(PACKAGES + TOOLS))


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _literal_import(node: ast.Call) -> str | None:
    """`__import__("x")` or `importlib.import_module("x")` with a literal name."""
    func = node.func
    named = (isinstance(func, ast.Name) and func.id == "__import__") or (
        isinstance(func, ast.Attribute) and func.attr == "import_module")
    if named and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    return None


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def _uses(path: Path) -> tuple[Use, ...]:
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules = _project_modules()
    found: list[Use] = []
    aliases: dict[str, str] = {}  # local name -> the project module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Use(module, path, node.lineno, alias.name))
                if alias.asname and alias.name in modules:
                    aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, path, node)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:  # `from portal import needs`: the module portal.needs
                    found.append(Use(module, path, node.lineno, submodule))
                    aliases[alias.asname or alias.name] = submodule
                else:
                    found.append(Use(module, path, node.lineno, source))
                if _private(alias.name) and source.split(".")[0] in PACKAGES + TOOLS and source != module:
                    found.append(Use(module, path, node.lineno, source, private=alias.name))
        elif isinstance(node, ast.Call) and (target := _literal_import(node)):
            found.append(Use(module, path, node.lineno, target))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and _private(node.attr)
                and node.value.id in aliases and aliases[node.value.id] != module):
            found.append(Use(module, path, node.lineno, aliases[node.value.id], private=node.attr))
    return tuple(dict.fromkeys(found))  # `from x import a, b` is one use of x


def _all_uses(tops: tuple[str, ...]) -> Iterator[Use]:
    for path in _files(tops):
        yield from _uses(path)


def _top(name: str) -> str:
    return name.split(".")[0]


# ---------------------------------------------------------------------------------- the layers


def test_the_scan_sees_the_known_arrows():
    # Guards the scanner itself: if it found nothing, every rule below would pass vacuously.
    targets = {(_top(u.module), _top(u.target)) for u in _all_uses(PACKAGES)}
    assert {("portal", "indexer"), ("indexer", "directory"), ("needs", "indexer"), ("indexer", "analyzers")} <= targets


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_points_back_up_the_layers(package):
    upward = [str(u) for u in _all_uses((package,)) if _top(u.target) in FORBIDDEN[package] and not u.private]
    assert not upward, f"{package}/ must not import {sorted(FORBIDDEN[package])}:\n" + "\n".join(upward)


# ---------------------------------------------------------------------------------- portal areas


def _area(module: str) -> str | None:
    """The portal area a module belongs to; None for the factory and for common modules."""
    parts = module.split(".")
    if parts[0] != "portal" or len(parts) < 2 or parts[1] in COMMON:
        return None
    return parts[1]


def _area_imports() -> dict[tuple[str, str], list[Use]]:
    edges: dict[tuple[str, str], list[Use]] = defaultdict(list)
    for use in _all_uses(("portal",)):
        source, target = _area(use.module), _area(use.target)
        if source and target and source != target and not use.private:
            edges[source, target].append(use)
    return edges


def _cycles(edges) -> list[list[str]]:
    """Strongly connected components of more than one area (Tarjan), each sorted."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def test_the_cycle_finder_finds_cycles_and_only_cycles():
    assert _cycles({("a", "b"): [], ("b", "c"): [], ("c", "a"): [], ("c", "d"): []}) == [["a", "b", "c"]]
    assert _cycles({("a", "b"): [], ("b", "c"): []}) == []


def test_portal_areas_import_each_other_without_cycles():
    edges = _area_imports()
    assert edges, "the scan found no import between portal areas at all"
    report = []
    for component in _cycles(edges):
        report.append(" <-> ".join(component))
        report += [f"    {u}" for (a, b), uses in sorted(edges.items())
                   if a in component and b in component for u in uses]
    assert not report, "portal areas in a cycle (move what they share to a common module):\n" + "\n".join(report)


def test_common_portal_modules_import_no_area():
    common = [str(u) for u in _all_uses(("portal",))
              if u.module != FACTORY and u.module.split(".")[1] in COMMON and _area(u.target) and not u.private]
    assert not common, "common modules must not import an area:\n" + "\n".join(common)


# ---------------------------------------------------------------------------------- private names


def test_no_module_uses_another_modules_private_names():
    private = [str(u) for u in _all_uses(PACKAGES + TOOLS) if u.private]
    assert not private, "give what modules share a public name:\n" + "\n".join(private)
