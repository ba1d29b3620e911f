"""The demo directory's rows (column -> value per model) and the small helpers that fill them:
reproducible ids, slugs, French contractions, weighted choices."""

from __future__ import annotations

import random
import re
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from directory.models import Base


@dataclass
class DemoData:
    """Rows (column -> value) per model, in insertion order."""

    rows: dict[type[Base], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
        self.rows[model].append(row)
        return row

    def count(self, model: type[Base]) -> int:
        return len(self.rows[model])


class Ids:
    """UUIDs drawn from the seeded generator, so ids are reproducible."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    # Cut before stripping: a domain label may not end with a hyphen.
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())[:40].strip("-")


_CONTRACTIONS = (
    (re.compile(r"\b([dD])e (?=[AEIOUYÀÂÉÈÊÎÔaeiouyàâéèêîô])"), r"\1'"),
    (re.compile(r"\b([dD])e Le\b"), lambda m: "du" if m.group(1) == "d" else "Du"),
    (re.compile(r"\b([dD])e Les\b"), lambda m: "des" if m.group(1) == "d" else "Des"),
    (re.compile(r"\b([àÀ]) Le\b"), lambda m: "au" if m.group(1) == "à" else "Au"),
    (re.compile(r"\b([àÀ]) Les\b"), lambda m: "aux" if m.group(1) == "à" else "Aux"),
)


def french(text: str) -> str:
    """Contracts "de Alma" → "d'Alma", "de Le Bic" → "du Bic", "à Les Escoumins" → "aux Escoumins"."""
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


T = TypeVar("T")


def weighted(rng: random.Random, items: list[T], weights: list[float]) -> T:
    return rng.choices(items, weights=weights, k=1)[0]
