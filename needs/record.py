"""One search -> one anonymous row: scrubbed query, need, category, coarse place, local hour.

`build_record` takes only the engine's request and response types: it cannot see the HTTP request,
so it cannot log an IP, a user agent, a cookie, a session or a referrer even by mistake.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from analyzers import chain, definitions, synonyms
from directory import geo, taxonomy
from indexer.engine import FLAG_FACETS, SearchRequest, SearchResponse
from indexer.schedule import MONTREAL
from needs.allowlist import reduce_query
from needs.models import FEW_RESULTS
from needs.scrub import TOKENS, scrub_query
from needs.vocabulary import Vocabulary, static_vocabulary

TIMEZONE = MONTREAL  # the directory's time zone (indexer/schedule.py)
TOP_HITS = 5  # the categories of this many top results decide the query's category
_WORD = re.compile(r"[a-z0-9][a-z0-9'\-/]*")
_FSA_WORD = re.compile(r"^[abceghj-nprstvxy]\d[abceghj-nprstv-z]$")
_STOP = frozenset(chain.fold(w) for w in definitions.FRENCH_STOP_WORDS + definitions.ENGLISH_STOP_WORDS) | {
    "d", "l", "j", "qu", "m", "t", "s", "n", "c", "svp", "please", "besoin", "need", "cherche",
    "looking", "aide", "help", "pres", "near", "urgent", "moi", "trouver", "find",
}
MAX_NEED_CHARS = 120


@dataclass(frozen=True)
class LogRecord:
    searched_hour: dt.datetime  # naive local hour
    channel: str
    locale: str
    query: str
    need: str
    category: str
    filters: str
    fsa: str
    region_code: str
    results: int | None
    zero_result: bool

    @property
    def few_results(self) -> bool:
        return self.results is not None and 0 < self.results <= FEW_RESULTS

    @property
    def week(self) -> dt.date:
        return week_of(self.searched_hour)


def week_of(moment: dt.datetime | dt.date) -> dt.date:
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return day - dt.timedelta(days=day.weekday())


def local_hour(now: dt.datetime | None = None) -> dt.datetime:
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(TIMEZONE)
    return moment.replace(minute=0, second=0, microsecond=0, tzinfo=None)


def need_of(scrubbed: str) -> str:
    """Content words of a stored query, in order, without tokens, placeholders, FSAs or stop words."""
    for token in TOKENS:
        scrubbed = scrubbed.replace(token, " ")
    words = []
    for word in _WORD.findall(scrubbed.replace("’", "'")):
        word = word.split("'", 1)[1] if "'" in word[:3] else word  # elision: l'aide -> aide
        if word and word not in _STOP and not _FSA_WORD.match(word) and word not in words:
            words.append(word)
    return " ".join(words)[:MAX_NEED_CHARS].strip()


def top_category(code: str | None) -> str:
    return code.split(".", 1)[0] if code else ""


def _add(weights: dict[str, float], more: Mapping[str, float]) -> None:
    """`Counter.update` for float weights (typed Counters hold ints)."""
    for code, weight in more.items():
        weights[code] = weights.get(code, 0) + weight


def _best(weights: dict[str, float]) -> tuple[str, float]:
    """The heaviest (code, weight), the first one on a tie (as `Counter.most_common(1)`)."""
    return max(weights.items(), key=itemgetter(1))


@cache
def _category_terms(language: chain.Language) -> dict[tuple[str, ...], dict[str, float]]:
    """Analyzed label and synonym phrases -> top-level categories they point to, with weights.

    Taxonomy labels map to their own top-level category. A synonym group maps to the categories of
    the labels any of its phrases matches, so "bouffe" reaches Food through "banque alimentaire".
    A phrase shared by several categories counts for each with a weight of 1/n (IDF-like), so
    generic words ("aide", "services") barely vote.
    """
    votes: dict[tuple[str, ...], dict[str, float]] = {}
    for category in taxonomy.categories():
        top = top_category(category.code)
        for label in (category.name_fr, category.name_en):
            for part in re.split(r"[,;/()]| et | and | ou | or ", label):
                terms = tuple(chain.analyze(part, language))
                if terms:
                    _add(votes.setdefault(terms, {}), {top: 1})
                for term in terms:
                    _add(votes.setdefault((term,), {}), {top: 0.25})
    for rule in synonyms.load_rules():
        phrases = [tuple(chain.analyze(p, language)) for p in rule.inputs + rule.outputs]
        phrases = [p for p in phrases if p]
        found: dict[str, float] = {}
        for phrase in phrases:
            _add(found, votes.get(phrase, {}))
        if found:
            for phrase in phrases:
                _add(votes.setdefault(phrase, {}), found)
    out = {}
    for terms, counter in votes.items():
        total = sum(counter.values())
        out[terms] = {code: count / total / len(counter) for code, count in counter.items()}
    return out


def category_from_text(query: str, language: str) -> str:
    """The top-level category the query's words (and their synonyms) point to, or ''."""
    mapping = _category_terms("en" if language == "en" else "fr")
    terms = chain.analyze(query, "en" if language == "en" else "fr")
    scores: dict[str, float] = {}
    longest = 4
    i = 0
    while i < len(terms):
        for n in range(min(longest, len(terms) - i), 0, -1):
            found = mapping.get(tuple(terms[i:i + n]))
            if found:
                _add(scores, {code: weight * n for code, weight in found.items()})
                i += n
                break
        else:
            i += 1
    if not scores:
        return ""
    best, score = _best(scores)
    return best if score >= 0.2 else ""


def category_of(request: SearchRequest, response: SearchResponse | None, scrubbed: str) -> str:
    """Filter first (the person said it), then the top results' categories, then the query's words."""
    if request.categories:
        return top_category(request.categories[0])
    if response is not None and response.hits:
        votes: dict[str, float] = {}
        for rank, hit in enumerate(response.hits[:TOP_HITS]):
            tops = {top_category(c) for c in hit.document.get("category_codes") or ()}
            _add(votes, {code: 1.0 / (rank + 1) for code in tops})
        if votes:
            return _best(votes)[0]
    return category_from_text(scrubbed, request.locale)


def filters_of(request: SearchRequest) -> str:
    """Facet names and their chosen values; municipalities only counted (names can be typed freely)."""
    chosen: dict[str, object] = {}
    for facet, values in (("category", request.categories), ("region", request.regions),
                          ("language", request.languages), ("accessibility", request.accessibility),
                          ("age_group", request.age_groups)):
        if values:
            chosen[facet] = sorted(values)
    if request.municipalities:
        chosen["municipality"] = len(request.municipalities)
    for flag in (*FLAG_FACETS, "open_now", "crisis_only", "include_closed"):
        if getattr(request, flag):
            chosen[flag] = True
    if request.radius_km is not None:
        chosen["radius_km"] = round(request.radius_km)
    if request.sort != "relevance":
        chosen["sort"] = request.sort
    return json.dumps(chosen, sort_keys=True, separators=(",", ":"))


def place_of(request: SearchRequest) -> tuple[str, str]:
    """(FSA, region) of the place searched from; a single region filter counts as the region."""
    fsa = region = ""
    origin = request.origin
    if origin is not None:
        fsa = geo.coarsen_postal_code(origin.fsa) or "" if origin.fsa else ""
        region = origin.region_code or (geo.region_for_fsa(fsa) or "" if fsa else "")
    if not region and len(request.regions) == 1:
        region = request.regions[0]
    return fsa, region


def stored_query(text: str, vocabulary: Vocabulary | None = None) -> str:
    """What the log keeps of a query: the patterns of `needs.scrub`, then only known words
    (`needs.allowlist`); the one function between a typed query and any buffer or table."""
    return reduce_query(scrub_query(text), vocabulary if vocabulary is not None else static_vocabulary())


def build_record(request: SearchRequest, response: SearchResponse | None, channel: str,
                 now: dt.datetime | None = None, vocabulary: Vocabulary | None = None) -> LogRecord:
    scrubbed = scrub_query(request.q)  # in this call only: the category is read from it, then it is dropped
    stored = reduce_query(scrubbed, vocabulary if vocabulary is not None else static_vocabulary())
    fsa, region = place_of(request)
    results = response.total if response is not None else None
    return LogRecord(
        searched_hour=local_hour(now),
        channel=channel,
        locale=request.locale,
        query=stored,
        need=need_of(stored),
        category=category_of(request, response, scrubbed),
        filters=filters_of(request),
        fsa=fsa,
        region_code=region,
        results=results,
        zero_result=results == 0,
    )
