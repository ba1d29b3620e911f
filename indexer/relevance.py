"""The query plan: how a `SearchRequest` becomes a search, independent of the engine.

Both engines translate `plan(request)` clause for clause (embedded: `indexer.embedded`; OpenSearch:
`indexer.opensearch`), so they rank alike on the relevance judgements (docs/architecture.md,
decisions 3–6). Everything that decides a ranking lives here, next to the reason for it.

Text scoring, as a tree (all terms are ALREADY ANALYZED index terms, so an engine must not analyse
them again: OpenSearch `term` queries, and `span_near` of `span_term`s for phrases):

    text      = dis_max([language(fr), language(en)], tie_breaker=0)
    language  = bool(should=[slot(s) for s in slots], minimum_should_match=LanguagePlan.minimum_should_match)
    slot      = dis_max(tie_breaker=TIE_BREAKER, queries=
                  [ boost(term-or-phrase(f"{field}_{lang}", alternative), FIELD_WEIGHTS[field])
                    for field in FIELD_WEIGHTS for alternative in slot.alternatives ]
                + [ constant_score(fuzzy("folded", word, fuzziness=d), boost=FUZZY_SCORE)
                    for word, d in slot.fuzzy ])

* Every query runs against the French AND the English fields (cross-language), each language with
  its own analysis and synonym expansion (`analyzers.synonyms.expand_query`): "food bank" finds
  "Banque alimentaire" through the French fields, whose expansion of "food bank" holds
  `banqu alimentair`. The languages are combined with dis_max, not summed, so a record that has
  an English translation does not outrank a French-only record for matching twice.
* A slot is one query word, or the run of words a synonym rule matched; its alternatives are
  one-term (term query) or multi-term (phrase query at the rule's positions, PHRASE_SLOP).
* Ties: every sort ends on the locale's name, then `tie_key(id)`, in both engines (`tie_key`).
* Size: at most MAX_CLAUSES leaf queries, OpenSearch's limit (`text_plan` keeps the first words of
  a query that would need more, in both languages and both engines).
* Typos: a query word of at least FUZZY_MIN_LENGTH_1 characters gets a fuzzy clause (edit distance
  1; 2 from FUZZY_MIN_LENGTH_2) on `folded` (names, organization, categories and keywords in both
  languages, lowercased and accent-folded but NOT stemmed: an edit distance between a typo and a
  stem is meaningless, "alimentair" is 1 edit from "alimentaire" but 3 from the stem "aliment").
  The fuzzy clause sits INSIDE the slot's dis_max with a small constant score, so on each slot an
  exact match scores at least what a typo match does (dis_max takes the best clause), and a typo
  only has to make up for one word: "banqe alimentaire laval" still ranks the food banks of Laval
  first. We chose this over "fuzzy only when the exact query finds few hits" because a typo in a
  three-word query rarely empties the exact results (two words still match), so the fallback would
  never fire where users need it, and it costs a second round trip. The cost is a longer tail of
  low-scored near matches in totals and facet counts; FUZZY_SCORE keeps them below any real match.
* Filters never score (tantivy: constant score 0 under MUST; OpenSearch: `bool.filter`).
* Facet selections are kept apart from the other filters (`Plan.facet_filters`) so each facet's
  counts can apply every other facet's selection but not its own (decision 6).

Distance: `final = text_score × gauss(distance)` (OpenSearch `function_score`, gauss on `location`,
`boost_mode: multiply`), see `DECAY`. A document without coordinates (an online or telephone
service) gets the fixed factor `DECAY.decay` (0.5, the decay at `offset + scale`): it ranks below
an equally good match nearby but above far-away ones. OpenSearch would give it 1 (its decay
functions ignore a missing field), which would put every virtual service above the local ones; it
gets a filtered weight function instead, see `opensearch_query.scored_query`. The radius, when
given, is a separate filter (`geo_distance`). The embedded engine applies the decay in numpy to
every match of a radius search (up to `EmbeddedEngine.MATCHES_IN_MEMORY` in the box) and, without
a radius, to the DECAY_CANDIDATES best text matches inside a box around the place, see its
docstring. Far matches: see the note under `DECAY`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from analyzers import chain, synonyms
from analyzers.definitions import ENGLISH_STOP_WORDS, FRENCH_ELISION_ARTICLES, FRENCH_STOP_WORDS

# Autocomplete and highlighting live in their own modules; their names stay importable from here
# (`relevance.highlights`, `relevance.suggest_keys`…), where both engines have always found them.
from indexer.autocomplete import SUGGEST_SCAN as SUGGEST_SCAN
from indexer.autocomplete import SUGGEST_SEPARATOR as SUGGEST_SEPARATOR
from indexer.autocomplete import label_keys as label_keys
from indexer.autocomplete import rank_suggestions as rank_suggestions
from indexer.autocomplete import suggest_keys as suggest_keys
from indexer.autocomplete import suggest_prefix as suggest_prefix
from indexer.engine import FACETS, FLAG_FACETS, Locale, Origin, SearchRequest
from indexer.highlighting import HIGHLIGHT_FIELDS as HIGHLIGHT_FIELDS
from indexer.highlighting import edit_distance as edit_distance
from indexer.highlighting import highlight as highlight
from indexer.highlighting import highlights as highlights
from indexer.understanding import need

LANGUAGES: tuple[Locale, ...] = ("fr", "en")

# Text fields and their weights (`<field>_fr` and `<field>_en`). Why this order:
# * name 3.0: the service's own name says what it is ("Banque alimentaire", "Popote roulante");
#   a match there is the strongest evidence of a fit.
# * categories 2.0 / keywords 2.0: chosen by curators from the taxonomy and for search; precise,
#   but shared by many services, so below the name.
# * organization 1.5: "Moisson Laval" says what the organization does and where, not what this
#   particular service is; people also search by organization name, so it still beats the prose.
# * description 1.0: long prose mentions many things in passing.
# * eligibility 0.5: "for seniors" in an eligibility note says who may come, not what is offered.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 3.0,
    "categories": 2.0,
    "keywords": 2.0,
    "organization": 1.5,
    "description": 1.0,
    "eligibility": 0.5,
}

# dis_max tie breaker: the best field decides, other matching fields add 30 % of their score, so a
# word found in the name AND the categories beats one found in the name alone, but a word repeated
# across fields cannot outweigh a better field.
TIE_BREAKER = 0.3

# Field holding the folded (unstemmed) words of names, organization, categories and keywords, both
# languages (OpenSearch: a `text` field with the `folded` analyzer, filled by `copy_to`). Used by
# the fuzzy clauses, "did you mean" and its vocabulary.
FOLDED_FIELD = "folded"
FOLDED_SOURCES = ("name", "organization", "categories", "keywords")

# Clause budget. OpenSearch (Lucene 9) refuses a query holding more than
# `indices.query.bool.max_clause_count` leaf queries (1024 by default in 2.19, counted over the
# whole query tree: every term, fuzzy, exists and range query, each term and gap of a span_near
# phrase) with an HTTP 500, which the portal's failover would then answer from the fallback engine
# for everyone. A slot costs its alternatives in each field (`alternative_clauses`) plus its fuzzy
# clause: a one-word synonym trigger such as "food" (10 alternatives) costs 61 or more, and 300
# characters of them cost several thousand. So the plan keeps each language within
# TEXT_CLAUSES_PER_LANGUAGE: slots are taken left to right while they fit, then both languages
# stop at the same place in the query (the earlier of their two cut-offs), so an over-long query
# is searched on its first words in both languages, by both engines alike (the embedded engine has
# no such limit, but runs the same plan). MAX_ALTERNATIVES and MAX_SLOT_CLAUSES bound one slot
# (the rules' largest today: 10 alternatives, 156 clauses), so the first slot always fits.
MAX_CLAUSES = 1024
# What the rest of the query may hold besides the text: open now, crisis, radius, the located /
# unlocated filters of the decay, "temporarily closed" and two expiry rules of two clauses each
# (11 today; facet selections go to post_filter and aggregations, which are counted separately).
CLAUSES_OUTSIDE_TEXT = 24
TEXT_CLAUSES_PER_LANGUAGE = (MAX_CLAUSES - CLAUSES_OUTSIDE_TEXT) // 2
MAX_ALTERNATIVES = 16
MAX_SLOT_CLAUSES = 240

FUZZY_MIN_LENGTH_1 = 4  # "aide" -> "aidé"; shorter words have too many neighbours ("bs", "clsc")
FUZZY_MIN_LENGTH_2 = 8  # "itinerence" -> 2 edits are plausible only in long words
# Constant score of a typo match on one slot: below any real BM25 match on a name, category or
# keyword term (idf × weight is well above 1 for all but ubiquitous words).
FUZZY_SCORE = 0.2


def minimum_should_match(slots: int, *, sentence: bool = False) -> int:
    """How many slots a document must match in one language.

    Keyword queries: all of them up to two ("banque alimentaire" must not return every "banque"),
    all but one for three or four words, 75 % beyond (long queries carry words no record has).
    Sentences (`sentence`: the person wrote filler or stop words, "mon père a l'alzheimer"): all
    but one from two content words on, since people describe their situation with words no record
    holds ("père"); BM25 still ranks the records matching every content word first.
    OpenSearch's equivalent spec would be "2<-1 4<75%"; send the integer to keep the engines equal.
    """
    if slots <= 1:
        return slots
    if sentence and slots <= 4:
        return slots - 1
    if slots <= 2:
        return slots
    if slots <= 4:
        return slots - 1
    return math.floor(slots * 0.75)


# Words that say how a person asks, not what they need: optional in the plan. A slot made only of
# one of these (or of a stop word of EITHER language: an English query also runs on the French
# fields, where "in", "my" or "me" are not stop words, and a French one on the English fields,
# where "je", "pas" or "de" are not) is left out of the query when the query has other words, so
# "je vais me faire évincer" needs "évincer" only and "I need help with my taxes" needs "taxes".
# A query made only of such words ("aide", "help") keeps them. Synonym slots never count as filler
# ("aide alimentaire", "recherche d'emploi" are needs). Accent- and case-blind.
QUERY_FILLERS_FR = (
    "ai", "aide", "aider", "aidez", "besoin", "cherche", "chercher", "comment", "faire", "fais",
    "fait", "il", "j", "quelqu", "quelque", "quelqu'un", "quoi", "svp", "trouver", "vais", "veux",
    "voudrais", "peux", "peut", "pourrais", "puis", "dois", "doit", "mon", "ma", "mes", "chez", "moi",
    "suis", "est", "a", "avoir", "plus", "beaucoup", "trop", "tres", "vraiment", "encore", "ca",
    "ça", "bonjour", "allo", "merci", "urgent", "quel", "quelle", "ou", "où", "qui", "quand", "va",
)
QUERY_FILLERS_EN = (
    "i", "i'm", "im", "me", "my", "mine", "we", "our", "us", "you", "want", "wants", "need",
    "needs", "help", "looking", "look", "find", "get", "getting", "can", "can't", "cant", "cannot",
    "could", "should", "would", "how", "where", "what", "who", "please", "some", "someone", "do",
    "does", "don't", "dont", "have", "has", "am", "going", "gonna", "about", "any", "anyone",
    "afford", "from", "just", "really", "very", "too", "much", "so", "hi", "hello", "urgent",
)
# "mon père a l'alzheimer", "my son is autistic", "mon logement a brûlé": after a possessive, the
# relative a person speaks for, or their home, is who or where the need is, not the need: filler.
POSSESSIVES = ("mon", "ma", "mes", "notre", "nos", "my", "our")
RELATIVES = (
    "pere", "mere", "fils", "fille", "enfant", "enfants", "frere", "soeur", "mari", "femme",
    "conjoint", "conjointe", "chum", "blonde", "grand-mere", "grand-pere", "parents", "ado",
    "father", "mother", "dad", "mom", "son", "daughter", "kid", "kids", "child", "brother",
    "sister", "husband", "wife", "boyfriend", "girlfriend", "partner", "grandmother", "grandfather",
    "logement", "appartement", "appart", "maison", "chambre", "apartment", "house", "home", "place",
)
_FILLERS = frozenset(
    chain.fold(w) for w in QUERY_FILLERS_FR + QUERY_FILLERS_EN + FRENCH_STOP_WORDS + ENGLISH_STOP_WORDS
)
_ELIDED = re.compile("^(?:" + "|".join(FRENCH_ELISION_ARTICLES) + ")['’]")

# Phrase alternatives (multi-word synonyms, analysed terms) keep the positions their rule's
# wording gives them (`Slot.positions`): a stop word removed at analysis leaves a position gap, in
# the rule as in the records ("maltraitance envers [les] aînés" is `maltrait enver _ ain`), so a
# record worded as the rule matches the phrase exactly. They match with this slop, in order, for
# records worded otherwise ("centre d'hébergement [et de] soins"): 2 covers the runs of stop words
# the rules leave out. Why positions and not only the slop: Lucene gives a sloppy match the
# frequency 1/(1 + distance) (0.5 for one missing stop word) where tantivy counts it 1, so the
# engines scored every phrase written with a stop word differently and ranked its records apart.
# When two wordings of a rule analyse to the same terms ("loisirs aînés", "loisirs pour aînés"),
# the smaller gaps are kept (the slop then still finds the other wording).
PHRASE_SLOP = 2


@lru_cache(maxsize=4)
def _phrase_positions(language: Locale) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Relative positions of the terms of every multi-word phrase of the synonym rules."""
    out: dict[tuple[str, ...], tuple[int, ...]] = {}
    for rule in synonyms.load_rules():
        for phrase in (*rule.inputs, *rule.outputs):
            tokens = chain.tokens_with_offsets(phrase, language)
            if len(tokens) < 2:
                continue
            terms = tuple(t.term for t in tokens)
            positions = tuple(t.position - tokens[0].position for t in tokens)
            known = out.get(terms)
            out[terms] = positions if known is None else tuple(map(min, known, positions))
    return out


def phrase_positions(terms: tuple[str, ...], language: Locale) -> tuple[int, ...]:
    """Where each term of a phrase alternative stands (consecutive unless a rule says otherwise)."""
    return _phrase_positions(language).get(terms) or tuple(range(len(terms)))


def alternative_clauses(terms: tuple[str, ...], positions: tuple[int, ...]) -> int:
    """Leaf queries Lucene counts for one alternative in one field: a term query is one; a phrase
    (OpenSearch `span_near`) counts each term and each gap (`span_gap`)."""
    if len(terms) == 1:
        return 1
    return len(terms) + sum(1 for a, b in zip(positions, positions[1:], strict=False) if b - a > 1)


@dataclass(frozen=True)
class Gauss:
    """OpenSearch's gauss decay: 1 within `offset_km`, `decay` at `offset_km + scale_km`."""

    scale_km: float = 10.0  # a bus ride in town, a short drive in the regions
    offset_km: float = 1.0  # within walking distance all places are as good
    decay: float = 0.5

    @property
    def sigma_squared(self) -> float:
        return -(self.scale_km**2) / (2 * math.log(self.decay))

    def __call__(self, distance_km: float | None) -> float:
        """The factor at `distance_km`; None (no coordinates) gets `decay`, as at offset + scale."""
        if distance_km is None:
            return self.decay
        d = max(0.0, distance_km - self.offset_km)
        return math.exp(-(d * d) / (2 * self.sigma_squared))

    def log(self, distance_km: float | None) -> float:
        """ln of the factor, finite where the factor underflows."""
        if distance_km is None:
            return math.log(self.decay)
        d = max(0.0, distance_km - self.offset_km)
        return -(d * d) / (2 * self.sigma_squared)

    def negligible_beyond_km(self, factor: float = 1e-4) -> float:
        """Distance beyond which the decay is below `factor` (the embedded engine's candidate box)."""
        return self.offset_km + math.sqrt(-2 * self.sigma_squared * math.log(factor))


DECAY = Gauss()
# Scores are 32-bit floats in OpenSearch (Lucene): text score × factor underflows to 0 from about
# 125 km on (the factor is e^-100 there; the smallest float is about e^-103), so far matches all
# score 0 there. Both engines
# therefore rank by that rounded product, then by distance (the sort's next key, nearest first,
# no coordinates last), then by the tie-breakers (`tie_key`): far places still come nearest first
# (`opensearch_query.sort_clause`, `embedded.distance.decayed_scores`).

# How many text-ranked candidates the embedded engine re-scores with the decay, inside the box of
# the radius or, without one, of DECAY.negligible_beyond_km() (≈ 38 km; beyond it the factor is
# below 1e-4 and those documents can only follow the ones inside). When the box holds at most this
# many matches (every query with a radius of a few km, and specific queries anywhere), all are
# re-scored and the ranking is exactly OpenSearch's function_score ranking. Beyond, a document
# outside the text top 1,000 reaches page one only if it is so much closer that its gauss factor
# outweighs its lower text score against 1,000 better text matches in the same 38 km box; with
# scale 10 km that means broad one-word queries in Montréal, where the top 1,000 already hold
# hundreds of equally good nearby matches. 1,000 keeps the whole search within the latency budget
# (reading 1,000 lat/lon pairs from fast fields takes well under a millisecond).
DECAY_CANDIDATES = 1000


@dataclass(frozen=True)
class Slot:
    alternatives: tuple[tuple[str, ...], ...]  # analyzed terms; several = a phrase
    fuzzy: tuple[tuple[str, int], ...] = ()  # (folded word, edit distance)
    words: tuple[str, ...] = ()  # the folded query words of this slot (highlighting)
    # Per alternative, the position of each term in the phrase (PHRASE_SLOP); empty: consecutive.
    positions: tuple[tuple[int, ...], ...] = ()

    def phrase(self, i: int) -> tuple[tuple[int, str], ...]:
        """Alternative `i` as (position, term) pairs."""
        terms = self.alternatives[i]
        positions = self.positions[i] if self.positions else tuple(range(len(terms)))
        return tuple(zip(positions, terms, strict=True))


@dataclass(frozen=True)
class LanguagePlan:
    language: Locale
    slots: tuple[Slot, ...]
    minimum_should_match: int

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(t for s in self.slots for a in s.alternatives for t in a)


@dataclass(frozen=True)
class TextPlan:
    languages: tuple[LanguagePlan, ...]  # empty: browse (match all)
    words: tuple[str, ...] = ()  # folded query words, for "did you mean"
    # Whether the query reads as a sentence (it holds filler or framing words, QUERY_FILLERS_*).
    sentence: bool = False
    # Need understanding (`indexer.understanding.need`): (category code, constant score) pairs.
    # Every lexical match is kept and a service of an understood category gains `score`
    # (constant_score of a term query on category_codes, scores summed). For a sentence
    # (`boosts_retrieve`), people describe a situation in words no record holds, so a service of
    # the category comes back even with no word of the query: bool(should=[lexical, boosts...],
    # minimum_should_match=1). For keywords ("chômage", "autisme"), the words are the records'
    # own and the lexical matches are the answer: bool(must=[lexical], should=[boosts...]).
    boosts: tuple[tuple[str, float], ...] = ()

    @property
    def boosts_retrieve(self) -> bool:
        return self.sentence

    @property
    def is_empty(self) -> bool:
        return not any(lp.slots for lp in self.languages)


@dataclass(frozen=True)
class Filter:
    """A keyword/boolean/number field that must hold one of `values` (OR within a filter)."""

    field: str
    values: tuple[str | int | bool, ...]


@dataclass(frozen=True)
class Plan:
    text: TextPlan
    filters: tuple[Filter, ...]  # always applied (status, open now, crisis…)
    facet_filters: dict[str, Filter] = field(default_factory=dict)  # facet -> its selection
    # Today: is_temporary AND (valid_to < today OR valid_from > today) is out (ended, not started);
    # the rule is `directory.validity.offered_on`.
    exclude_expired_before: dt.date | None = None
    exclude_closed: bool = True  # status "temporarily closed": out
    # Places available now: `available_until` (epoch seconds) must be later than this (the search's
    # now, to the minute so a minute's searches share cached answers); None: no such filter.
    available_after: int | None = None
    origin: Origin | None = None
    radius_km: float | None = None
    sort: str = "relevance"  # relevance | distance | name (browse sorts by name or distance)
    sort_field: str = "name_sort_fr"


# Tie-breaking, the same in every sort of both engines: equal sort values (the same score, the
# same distance, the same name) are ordered by the locale's `name_sort_<locale>`, then by
# `tie_key(id)`. The key is a 64-bit hash of the document id: the embedded engine holds it as a
# fast field (`embedded.schema.DOC_KEY`), so ordering thousands of tied documents (one service at
# 2,000 locations has one name and, usually, one score) reads numbers, not stored documents;
# OpenSearch holds it as `doc_key` (unsigned_long). The id itself is a random UUID, so the order
# is as arbitrary, and as stable, as an order by id.
def tie_key(ident: str) -> int:
    return int.from_bytes(hashlib.blake2b(ident.encode(), digest_size=8).digest(), "big")


# Facet name -> document field.
FACET_FIELDS: dict[str, str] = {
    "category": "category_codes",
    "region": "region_code",
    "municipality": "municipality",
    "language": "languages",
    "accessibility": "accessibility",
    "age_group": "age_groups",
    **{flag: flag for flag in FLAG_FACETS},  # a yes/no facet's field has its name
}
assert tuple(FACET_FIELDS) == FACETS


def _fuzziness(word: str) -> int:
    if len(word) >= FUZZY_MIN_LENGTH_2:
        return 2
    if len(word) >= FUZZY_MIN_LENGTH_1:
        return 1
    return 0


def slot_clauses(slot: Slot) -> int:
    """Leaf queries of a slot as Lucene counts the OpenSearch translation: each alternative in
    each field (`alternative_clauses`), plus the fuzzy clause."""
    alternatives = sum(alternative_clauses(terms, tuple(p for p, _ in slot.phrase(i)))
                       for i, terms in enumerate(slot.alternatives))
    return len(FIELD_WEIGHTS) * alternatives + len(slot.fuzzy)


def _slot(s: synonyms.Slot, language: Locale, fuzzy: tuple[tuple[str, int], ...],
          words: tuple[str, ...]) -> Slot:
    """The plan's slot for a slot of the synonym expansion: its alternatives with their phrase
    positions, at most MAX_ALTERNATIVES and MAX_SLOT_CLAUSES (the query's own terms kept first)."""
    alternatives = tuple(a.terms for a in s.alternatives)
    if s.query_terms in alternatives:
        alternatives = (s.query_terms, *(a for a in alternatives if a != s.query_terms))
    alternatives = alternatives[:MAX_ALTERNATIVES]
    while True:
        positions = tuple(phrase_positions(a, language) for a in alternatives)
        if all(p == tuple(range(len(p))) for p in positions):
            positions = ()
        slot = Slot(alternatives, fuzzy, words, positions)
        if len(alternatives) == 1 or slot_clauses(slot) <= MAX_SLOT_CLAUSES:
            return slot
        alternatives = alternatives[:-1]


def _within_budget(slots: list[tuple[Slot, int]]) -> int:
    """The query offset after which a language's slots (with their end offsets) no longer fit in
    TEXT_CLAUSES_PER_LANGUAGE (a very large number when they all fit)."""
    used = 0
    for slot, end in slots:
        used += slot_clauses(slot)
        if used > TEXT_CLAUSES_PER_LANGUAGE:
            return end - 1
    return 1 << 30


@lru_cache(maxsize=4096)
def text_plan(q: str) -> TextPlan:
    """Analysis and synonym expansion of the query text, per language (cached: pure)."""
    q = q.strip()
    if not q:
        return TextPlan(())
    folded = [t for t in chain.tokens_with("folded", q) if t.term.isalnum() or "'" not in t.term]
    tokens = chain.tokens_with("folded", q)
    sentence = any(_is_filler(t.term) for t in tokens)
    relatives = {(t.start, t.end) for before, t in zip(tokens, tokens[1:], strict=False)
                 if before.term in POSSESSIVES and t.term in RELATIVES}
    kept: dict[str, list[tuple[Slot, int]]] = {}
    for language in LANGUAGES:
        slots: list[tuple[Slot, int]] = []
        fillers: list[tuple[Slot, int]] = []
        for s in synonyms.expand_query(q, language):
            words = tuple(t.term for t in folded if s.start <= t.start and t.end <= s.end)
            fuzzy: tuple[tuple[str, int], ...] = ()
            if not s.synonym and len(words) == 1 and _fuzziness(words[0]) and not _is_filler(words[0]):
                fuzzy = ((words[0], _fuzziness(words[0])),)
            slot = _slot(s, language, fuzzy, words)
            filler = (not s.synonym and _is_filler(q[s.start:s.end])) or (s.start, s.end) in relatives
            (fillers if filler else slots).append((slot, s.end))
        kept[language] = slots or fillers  # nothing but filler: "aide", "help"
    # The clause budget (MAX_CLAUSES): both languages stop at the earlier of their cut-offs.
    cut = min(_within_budget(slots) for slots in kept.values())
    languages = []
    for language in LANGUAGES:
        within = tuple(slot for slot, end in kept[language] if end <= cut)
        msm = minimum_should_match(len(within), sentence=sentence)
        languages.append(LanguagePlan(language, within, msm))
    return TextPlan(tuple(languages), tuple(t.term for t in folded), sentence=sentence)


def _is_filler(word: str) -> bool:
    """A query word that says how a person asks rather than what they need (QUERY_FILLERS_*)."""
    word = chain.fold(word)
    return word in _FILLERS or _ELIDED.sub("", word) in _FILLERS


# Constant score a service of an understood category gains (`TextPlan.boosts`), times the
# probability the model gives the category (0.4–1): 5 to 12. A name match on a rare word scores
# 10–20, a description match 2–5: a service of a confidently understood category that matches
# no word of a sentence ranks with good lexical matches, and one that matches a word ranks above
# them. Chosen among 4, 6, 8, 12, 16 on the tuning judgements (docs/need-understanding.md).
NEED_BOOST = 12.0


def need_boosts(q: str) -> tuple[tuple[str, float], ...]:
    """The (category, score) boosts need understanding gives the query text (none when unsure)."""
    understood = need.understand(q)
    return tuple((code, round(NEED_BOOST * score, 3))
                 for code, score in zip(understood.codes, understood.scores, strict=True))


def available_after(now: dt.datetime) -> int:
    """The "places available now" bound of a search at `now`: its minute, in epoch seconds."""
    return int(now.timestamp()) // 60 * 60


def plan(request: SearchRequest, *, today: dt.date, slot: int | None = None,
         now: dt.datetime | None = None) -> Plan:
    """The engine-neutral plan of a request. `today` (America/Montreal) drives the expiry of
    temporary services; `slot` is the current quarter hour for "open now" (indexer.schedule);
    `now` (aware) the "places available now" filter (the current time when None)."""
    filters: list[Filter] = []
    if request.open_now and slot is not None:
        filters.append(Filter("open_slots", (slot,)))
    if request.crisis_only:
        filters.append(Filter("is_crisis", (True,)))
    facet_filters = {}
    for facet, fieldname in FACET_FIELDS.items():
        selected = request.selected(facet)
        if selected:
            values = (True,) if facet in FLAG_FACETS else tuple(dict.fromkeys(selected))
            facet_filters[facet] = Filter(fieldname, values)
    text = text_plan(request.q)
    if not text.is_empty and request.understand_need:
        boosts = need_boosts(request.q)
        if boosts:
            text = dataclasses.replace(text, boosts=boosts)
    sort = request.sort
    if text.is_empty and sort == "relevance":
        sort = "distance" if request.origin is not None else "name"
    if sort == "distance" and request.origin is None:
        sort = "relevance" if not text.is_empty else "name"
    return Plan(
        text=text,
        filters=tuple(filters),
        facet_filters=facet_filters,
        exclude_expired_before=today,
        exclude_closed=not request.include_closed,
        available_after=available_after(now or dt.datetime.now(dt.UTC)) if request.available_now else None,
        origin=request.origin,
        radius_km=request.radius_km,
        sort=sort,
        sort_field=f"name_sort_{request.locale}",
    )


# Angles of the rectangles inscribed in a radius circle whose union the embedded engine uses as the
# exact-circle filter's inside part (`inscribed_boxes`); the rest of the circle is checked document
# by document. Four rectangles cover about 93 % of the circle.
INSCRIBED_ANGLES_DEG = (15.0, 33.0, 50.0, 70.0)


def inscribed_boxes(lat: float, lon: float, radius_km: float) -> list[tuple[float, float, float, float]]:
    """Boxes (as `bounding_box`) lying entirely inside the circle: their longitude span uses the
    km per degree of the box's edge nearest the equator (the widest), with a 1 % margin for the
    difference between haversine and this flat approximation."""
    out = []
    r = radius_km * 0.99
    for angle in INSCRIBED_ANGLES_DEG:
        half_height = r * math.sin(math.radians(angle))
        half_width = r * math.cos(math.radians(angle))
        dlat = half_height / 111.195
        if abs(lat) + dlat >= 89.0:
            continue
        equatorward = max(0.0, abs(lat) - dlat)
        dlon = half_width / (111.195 * math.cos(math.radians(equatorward)))
        if dlon >= 180.0:
            continue
        out.append((lat - dlat, lat + dlat, lon - dlon, lon + dlon))
    return out


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box containing the circle (never crossing ±180°)."""
    dlat = radius_km / 111.195
    coslat = max(math.cos(math.radians(min(89.0, abs(lat) + dlat))), 1e-6)
    dlon = min(180.0, radius_km / (111.195 * coslat))
    return (max(-90.0, lat - dlat), min(90.0, lat + dlat), max(-180.0, lon - dlon), min(180.0, lon + dlon))
