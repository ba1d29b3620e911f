"""The words the query log may keep (`needs.allowlist`), loaded once per process.

Two parts (docs/privacy.md):

* static, from files in the repository: the synonym file (both languages), the taxonomy's labels
  and descriptions (fr/en), the names of Québec's municipalities, places and administrative regions
  (never street names), and `FUNCTION_WORDS`;
* from the search index's content: whole words (a compound stays whole) found in at least
  `MIN_SERVICES` different services, in
  the fields a reader searches by need (name, description, eligibility, keywords, categories; not
  organization names, not addresses). Words of the documents' street addresses are taken out again
  unless they are also static words ("ontario" of "rue Ontario" is not kept; "laval" is a city), and
  a word with a digit never enters.

`VocabularyCache` keeps the current `Vocabulary` for a process: the first search loads it (1.5 s of
CPU for 15,000 services, bench/needs.py); afterwards the query log's own writer thread asks, at most every
`check_seconds`, for the index version (a rebuild writes a new version, docs/architecture.md,
decision 7) and, when it changed, builds the new vocabulary in that thread and swaps the reference.
A search only reads an attribute. When the directory cannot be read, the static part alone is used:
fewer words are kept, never more.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from analyzers.chain import fold

log = logging.getLogger(__name__)

MIN_SERVICES = 3  # k: an index word is kept when at least this many services use it
INDEX_FIELDS = ("name_fr", "name_en", "description_fr", "description_en", "eligibility_fr", "eligibility_en",
                "keywords_fr", "keywords_en", "categories_fr", "categories_en")
FUNCTION_WORDS = frozenset("""
a au aux avec ce ces cet cette chez dans de des du en et la le les leur leurs ma mes mon nos notre
ou par pas pour pres sans sur un une vers je tu il elle on nous vous ils elles moi me mon ma mes
qui que quoi quand comment est sont suis ai avons as ont besoin aide aider cherche trouver svp
plus moins tres peu beaucoup soir matin nuit jour semaine fin appelle nom habite
the an of for to in on at and or with without near need needs help looking find please my me i
we you he she they is are am have has who what when where how some any more less very name live
""".split())
_WORDS = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


def words_of(text: str | None) -> set[str]:
    """Folded words and hyphenated compounds (each compound also gives its parts)."""
    found: set[str] = set()
    for word in _WORDS.findall(fold(text or "").replace("’", "'")):
        found.add(word)
        if "-" in word or "'" in word:
            found.update(re.split(r"['\-]", word))
    return {w for w in found if len(w) > 1 and not any(ch.isdigit() for ch in w)}


def _place_words(text: str) -> set[str]:
    """Whole tokens only ("Saint-Jean-sur-Richelieu", not "jean"): for place names and the index's
    text, whose compounds are often names of people ("Maison Jean-Lapointe")."""
    return {w for w in _WORDS.findall(fold(text).replace("’", "'")) if not any(ch.isdigit() for ch in w)}


@cache
def static_words() -> frozenset[str]:
    from analyzers import synonyms
    from directory import geo, taxonomy

    found: set[str] = set(FUNCTION_WORDS)
    for rule in synonyms.load_rules():
        for phrase in rule.inputs + rule.outputs:
            found |= words_of(phrase)
    for category in taxonomy.categories():
        for text in (category.name_fr, category.name_en, category.description_fr, category.description_en):
            found |= words_of(text)
    for municipality in geo.municipalities():
        found |= _place_words(municipality.name)
    for place in geo.places():
        found |= _place_words(place.name)
    for region in geo.regions().values():
        found |= _place_words(region.name_fr) | _place_words(region.name_en)
    return frozenset(found)


def index_words(documents: Iterable[Mapping[str, Any]], min_services: int = MIN_SERVICES,
                static: frozenset[str] | None = None) -> frozenset[str]:
    """Words of the documents' need fields used by at least `min_services` distinct services, minus
    the words of their street addresses that are not static words (module docstring)."""
    per_service: dict[str, set[str]] = {}
    street: set[str] = set()
    for doc in documents:
        key = str(doc.get("service_id") or doc.get("id") or "")
        words = per_service.setdefault(key, set()) if key else set()
        for name in INDEX_FIELDS:
            value = doc.get(name)
            for text in (value if isinstance(value, list) else [value]):
                words |= _place_words(text) if isinstance(text, str) else set()
        street |= words_of(doc.get("address") if isinstance(doc.get("address"), str) else None)
    counts: dict[str, int] = {}
    for words in per_service.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    static = static_words() if static is None else static
    return frozenset(w for w, n in counts.items() if n >= min_services and (w not in street or w in static))


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    version: str  # the index version it was built for; "" = static words only
    index_terms: int = 0
    seconds: float = 0.0

    def __contains__(self, word: object) -> bool:
        return word in self.words


def static_vocabulary() -> Vocabulary:
    return Vocabulary(static_words(), "")


def build(documents: Iterable[Mapping[str, Any]], version: str) -> Vocabulary:
    started = time.perf_counter()
    static = static_words()
    extra = index_words(documents, static=static)
    return Vocabulary(static | extra, version, len(extra), time.perf_counter() - started)


def documents_from(database_url: str) -> Iterator[dict[str, Any]]:
    """The need fields of the services the index holds (`indexer.document.INDEXED_STATUSES`), and
    every street address of the directory, read with two plain SELECTs (building the full search
    documents, hours and all, would cost ~20 times more for the same words)."""
    from sqlalchemy import select

    from directory.db import engine_for
    from directory.models import Address, Service
    from indexer.document import INDEXED_STATUSES

    columns = {"name_fr": Service.name_fr, "name_en": Service.name_en, "description_fr": Service.description_fr,
               "description_en": Service.description_en, "eligibility_fr": Service.eligibility_description_fr,
               "eligibility_en": Service.eligibility_description_en, "keywords_fr": Service.keywords_fr,
               "keywords_en": Service.keywords_en}
    with engine_for(database_url).connect() as conn:
        for row in conn.execute(select(Service.id, *columns.values()).where(Service.status.in_(INDEXED_STATUSES))):
            yield {"service_id": row[0], **dict(zip(columns, row[1:], strict=True))}
        for address_1, address_2 in conn.execute(select(Address.address_1, Address.address_2)):
            yield {"service_id": "", "address": f"{address_1 or ''} {address_2 or ''}"}


@dataclass
class VocabularyCache:
    """The process's vocabulary (module docstring). `version()` names the index version; `documents()`
    yields the documents of the directory the index was built from."""

    documents: Callable[[], Iterable[Mapping[str, Any]]]
    version: Callable[[], str]
    check_seconds: float = 60.0
    current: Vocabulary | None = None
    checked_at: float = 0.0
    loads: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self) -> Vocabulary:
        """The vocabulary; the first call of the process builds it (the others read an attribute)."""
        vocabulary = self.current
        if vocabulary is None:
            with self._lock:
                if self.current is None:
                    self._load(self._version())
                vocabulary = self.current
        assert vocabulary is not None
        return vocabulary

    def refresh_if_due(self, now: float | None = None) -> bool:
        """Rebuild when the index version changed since the last build; called by the log's writer
        thread, never by a search. True when a new vocabulary was swapped in."""
        now = time.monotonic() if now is None else now
        if self.current is None or now - self.checked_at < self.check_seconds:
            return False
        self.checked_at = now
        version = self._version()
        if version == self.current.version:
            return False
        with self._lock:
            self._load(version)
        return True

    def _version(self) -> str:
        try:
            return self.version() or ""
        except Exception as error:  # noqa: BLE001 - the index may be missing or down
            log.warning("query log vocabulary: index version unknown (%s)", type(error).__name__)
            return ""

    def _load(self, version: str) -> None:
        self.checked_at = time.monotonic()
        try:
            self.current = build(self.documents(), version) if version else static_vocabulary()
        except Exception as error:  # noqa: BLE001 - keep logging with fewer words, never more
            log.warning("query log vocabulary: directory not read, static words only (%s: %s)",
                        type(error).__name__, str(error).splitlines()[0] if str(error) else "")
            self.current = static_vocabulary()
        self.loads += 1
