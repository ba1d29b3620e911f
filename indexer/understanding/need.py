"""Need understanding: which categories of the bilingual tree a free-text situation is about.

"j'ai perdu ma job", "I can't pay my hydro bill", "mon ado se fait intimider" share no word with
the records that answer them, and no synonym rule can list every way of saying a need. So the
query plan (`indexer.relevance.plan`) asks this module which categories the text is about and,
when it is confident, boosts them: the services of those categories join the lexical matches
with a constant score (`relevance.NEED_BOOST`), the lexical matches are all kept.

The matcher is a multinomial naive Bayes classifier over the analysed terms of each language (the
same French and English analysis as the index, `analyzers.chain`: stems, no accents, no stop
words), trained on labelled text:

* the category tree (directory/data/taxonomy/categories.csv): each category's name and
  description in both languages, weighing LABEL_WEIGHT examples;
* the directory's own services: name, description and keywords in each language, labelled with
  the service's own (deepest) category codes, one example per service (a service at 40 places is
  one example, not 40). This is what teaches it the words of the field: "Moisson" is a food
  bank, "Hydro-Québec" an energy bill;
* the bilingual synonym groups (analyzers/synonyms.txt) a first fit places confidently, as
  examples of that branch: their everyday and English wordings join the category's vocabulary.

Classes are the categories; the prior is uniform (a category with many services is not what a
person more likely means). A query is scored in the language where more of its terms are known.
Training happens at `index rebuild` time over the documents being indexed (`Learner`); the model
is written to NEED_MODEL_PATH (JSON, ~0.8 MB for 15,000 services) and a worker loads it once
(`current()`). Without a model file it is trained from the category tree and synonyms alone at
first use (about 3 s, less vocabulary, the same rules).

Before scoring, the query's colloquial forms are normalised (`colloquial.normalise`) and the
words that frame a request rather than state a need ("j'ai besoin", "I need help with", "je
cherche") are dropped (FRAMING).

When to boost (`understand`): the probability of a node of the tree is its own class's plus its
descendants'. The deepest node holding THRESHOLD is boosted, and a second, separate branch
holding SECOND_THRESHOLD with it; when no node holds THRESHOLD, two separate branches holding
SECOND_THRESHOLD each and THRESHOLD together are both boosted; otherwise nothing is. The
constants and `relevance.NEED_BOOST` were chosen by a grid search on the tuning judgements
(tests/relevance/judgements.yaml), keeping the best overall nDCG@10 among the settings where no
kind of query scores below its figure without need understanding; never on the held-out set.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analyzers import chain, synonyms
from indexer.understanding import colloquial

LANGUAGES = ("fr", "en")
MODEL_VERSION = 1

# Posterior probability a node of the tree (its own class and every class below it) must hold
# before it is boosted: the deepest such node is chosen. A vague or name-only query ("Laval",
# "Centre Sainte-Marie") spreads its probability over many branches and stays below it.
THRESHOLD = 0.4
# A second, separate branch is boosted too when it holds this much ("j'ai perdu ma job": work
# and employment insurance); two such branches are boosted together when neither reaches
# THRESHOLD alone but both do together.
SECOND_THRESHOLD = 0.25
MAX_CATEGORIES = 2
# Additive (Lidstone) smoothing of the term counts.
SMOOTHING = 0.1
# A category's own name and description weigh as much as this many services' texts.
LABEL_WEIGHT = 5
# Services' words weigh this many times the category's own words (name, description, synonyms);
# 0: unscaled, each service counting once (chosen: a share of 1 scored higher on need phrases
# but lower on places in the tuning set, docs/need-understanding.md).
SERVICE_SHARE = 0.0
# Terms seen in fewer training examples are dropped (typos and one-off proper names).
MIN_EXAMPLES = 2

# Words that frame a request rather than say what is needed, folded (the query's first person,
# politeness, "where can I find"). Stop words go anyway through the analysis.
FRAMING = frozenset(chain.fold(w) for w in (
    "j'ai", "je", "j", "moi", "mon", "ma", "mes", "besoin", "aide", "aider", "aidez", "cherche",
    "chercher", "trouver", "veux", "voudrais", "peux", "pourrais", "comment", "où", "quoi", "svp",
    "quelqu'un", "quelque", "chose", "bonjour", "allo", "merci", "urgent", "plus", "faire", "fait",
    "i", "i'm", "im", "me", "my", "need", "needs", "help", "looking", "find", "want", "please",
    "where", "how", "someone", "some", "get", "can", "could", "would", "hi", "hello",
))

Example = tuple[str, str, tuple[str, ...]]  # (text, language, category codes incl. ancestors)


@dataclass(frozen=True)
class Understood:
    """The categories a query is about, best first, with their similarity (0–1)."""

    codes: tuple[str, ...]
    scores: tuple[float, ...]

    def __bool__(self) -> bool:
        return bool(self.codes)


NOTHING = Understood((), ())


def features(text: str, language: str) -> list[str]:
    """Analysed terms of `text` in `language` (index analysis: stemmed, folded, no stop words)."""
    return chain.analyze(text, language)  # type: ignore[arg-type]


# French elided articles and pronouns: "l'hébergement" must read as "hébergement" in EVERY language's
# analysis, or the English side (which keeps "l'hébergement" whole) sees a different query than for
# "hébergement" and the better-language choice below flips.
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})


def _unelided(word: str) -> str:
    head, apostrophe, rest = word.replace("\u2019", "'").partition("'")
    return rest if apostrophe and rest and head.casefold() in ELISIONS else word


def query_features(q: str, language: str) -> list[str]:
    """The query's terms once normalised (colloquial forms) and stripped of framing words."""
    words = [_unelided(w) for w in colloquial.normalise(q, language).split() if _bare(w) not in FRAMING]
    return features(" ".join(words), language)


def _bare(word: str) -> str:
    """A word without punctuation around it nor an elided article ("d'aide" -> "aide")."""
    return _unelided(word.strip(".,;:!?()\"'"))


class NeedModel:
    """Multinomial naive Bayes per language: term -> [(class, log P(term|class))] for the classes
    that hold the term, and per class the log probability of a known term it never saw."""

    def __init__(self, codes: list[str], postings: Mapping[str, Mapping[str, list[tuple[int, float]]]],
                 unseen: Mapping[str, list[float]], examples: int) -> None:
        self.codes = codes
        self.postings = postings
        self.unseen = unseen
        self.examples = examples
        self._understand = lru_cache(maxsize=4096)(self._understand_uncached)

    # -- training ------------------------------------------------------------------------------

    @classmethod
    def train(cls, examples: Iterable[Example]) -> NeedModel:
        """Fit on the examples and the category tree, then once more with the synonym groups the
        first fit places confidently (`synonym_examples`): their everyday and English wordings
        ("bouffe", "food pantry") become words of the category they are about."""
        examples = list(examples)
        first = cls._fit(_weighted(examples))
        return cls._fit(_weighted(examples, synonym_examples(first)))

    @classmethod
    def _fit(cls, weighted: Iterable[tuple[str, str, tuple[str, ...], int]]) -> NeedModel:
        # Per language and class: term counts from the tree and synonyms (weight > 1), and from
        # the services (weight 1), kept apart to be balanced below.
        labels: dict[str, dict[str, Counter[str]]] = {lang: defaultdict(Counter) for lang in LANGUAGES}
        services: dict[str, dict[str, Counter[str]]] = {lang: defaultdict(Counter) for lang in LANGUAGES}
        seen: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGES}
        n = 0
        for text, language, codes, weight in weighted:
            # An example counts each term once (service texts repeat a category's words).
            terms = set(features(text, language))
            if not terms or not codes:
                continue
            n += 1
            seen[language].update(terms)
            target = labels if weight > 1 else services
            for code in _deepest(codes):
                target[language][code].update({t: weight for t in terms})
        counts = {lang: _balanced(labels[lang], services[lang]) for lang in LANGUAGES}
        classes = sorted({code for lang in LANGUAGES for code in counts[lang]})
        index = {code: i for i, code in enumerate(classes)}
        postings: dict[str, dict[str, list[tuple[int, float]]]] = {}
        unseen: dict[str, list[float]] = {}
        for lang in LANGUAGES:
            vocabulary = {t for t, c in seen[lang].items() if c >= MIN_EXAMPLES}
            v = len(vocabulary) or 1
            postings[lang] = defaultdict(list)
            unseen[lang] = [0.0] * len(classes)
            for code in classes:
                tf = counts[lang].get(code, {})
                total = sum(c for t, c in tf.items() if t in vocabulary)
                denominator = math.log(total + SMOOTHING * v)
                unseen[lang][index[code]] = math.log(SMOOTHING) - denominator
                for t, c in tf.items():
                    if t in vocabulary:
                        postings[lang][t].append((index[code], math.log(c + SMOOTHING) - denominator))
        return cls(classes, postings, unseen, n)

    # -- scoring -------------------------------------------------------------------------------

    def scores(self, q: str) -> dict[str, float]:
        """P(class | query) for every class, in the query's better language (the one with more
        known terms; on a tie, the more confident). Uniform prior: a category with many services
        is not more likely to be what a person means."""
        best: list[float] | None = None
        best_key: tuple[int, float] = (0, 0.0)
        for lang in LANGUAGES:
            postings = self.postings[lang]
            terms = [t for t in query_features(q, lang) if t in postings]
            if not terms:
                continue
            logp = [u * len(terms) for u in self.unseen[lang]]
            unseen = self.unseen[lang]
            for t in terms:
                for i, lp in postings[t]:
                    logp[i] += lp - unseen[i]
            top = max(logp)
            weights = [math.exp(x - top) for x in logp]
            total = sum(weights)
            posterior = [w / total for w in weights]
            key = (len(terms), max(posterior))
            if key > best_key:
                best, best_key = posterior, key
        if best is None:
            return {}
        return {self.codes[i]: p for i, p in enumerate(best) if p >= 1e-4}

    def understand(self, q: str) -> Understood:
        """The categories to boost for `q` (module docstring: THRESHOLD, SECOND_THRESHOLD)."""
        return self._understand(q.strip()[:300])

    def _understand_uncached(self, q: str) -> Understood:
        posterior = self.scores(q)
        if not posterior:
            return NOTHING
        # Probability mass of every node of the tree: its own class and all classes below it.
        mass: dict[str, float] = defaultdict(float)
        for code, p in posterior.items():
            parts = code.split(".")
            for depth in range(1, len(parts) + 1):
                mass[".".join(parts[:depth])] += p
        chosen: list[tuple[str, float]] = []

        def deepest(threshold: float) -> tuple[str, float] | None:
            """The deepest node holding `threshold` of the probability, apart from the chosen."""
            candidates = [(code, m) for code, m in mass.items() if m >= threshold
                          and not any(code == c or _within(code, c) or _within(c, code) for c, _ in chosen)]
            return max(candidates, key=lambda cm: (cm[0].count("."), cm[1], cm[0]), default=None)

        first = deepest(THRESHOLD)
        if first is not None:
            chosen.append(first)
            second = deepest(SECOND_THRESHOLD)
            if second is not None:
                chosen.append(second)
        else:
            # Two branches sharing the probability ("mon ado se fait intimider": youth services
            # and bullying) are both boosted when together they hold THRESHOLD.
            first = deepest(SECOND_THRESHOLD)
            if first is not None:
                chosen.append(first)
                second = deepest(SECOND_THRESHOLD)
                if second is None or first[1] + second[1] < THRESHOLD:
                    return NOTHING
                chosen.append(second)
        return Understood(tuple(c for c, _ in chosen), tuple(round(m, 4) for _, m in chosen))

    # -- storage -------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {"version": MODEL_VERSION, "codes": self.codes, "examples": self.examples,
                "unseen": self.unseen, "postings": self.postings}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NeedModel:
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"need model version {data.get('version')!r}, expected {MODEL_VERSION}")
        postings = {lang: {t: [(int(i), float(w)) for i, w in plist] for t, plist in terms.items()}
                    for lang, terms in data["postings"].items()}
        return cls(list(data["codes"]), postings, data["unseen"], int(data["examples"]))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write atomically (a worker may be loading the previous model)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".need-model.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self.to_json(), out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, target)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> NeedModel:
        with open(path, encoding="utf-8") as f:
            return cls.from_json(json.load(f))


def _balanced(labels: Mapping[str, Counter[str]], services: Mapping[str, Counter[str]]
              ) -> dict[str, dict[str, float]]:
    """Each class's term counts: its tree and synonym words, plus its services' words scaled to
    SERVICE_SHARE of them. Unscaled, a category with 600 formulaic service texts would drown its
    own name and the everyday words of the synonyms (the words people type) in the words its
    records happen to repeat."""
    out: dict[str, dict[str, float]] = {}
    for code in set(labels) | set(services):
        own = labels.get(code, Counter())
        theirs = services.get(code, Counter())
        mass = max(sum(own.values()), LABEL_WEIGHT)
        scale = SERVICE_SHARE * mass / (sum(theirs.values()) or 1) if SERVICE_SHARE else 1.0
        merged: dict[str, float] = {t: float(c) for t, c in own.items()}
        for t, c in theirs.items():
            merged[t] = merged.get(t, 0.0) + c * scale
        out[code] = merged
    return out


def _within(code: str, parent: str) -> bool:
    return code.startswith(parent + ".")


def _deepest(codes: Iterable[str]) -> list[str]:
    """The codes that are no other code's ancestor (a service's own categories)."""
    codes = set(codes)
    return [c for c in codes if not any(_within(o, c) for o in codes)]


def _weighted(examples: Iterable[Example], extra: Iterable[Example] = ()
              ) -> Iterator[tuple[str, str, tuple[str, ...], int]]:
    for text, language, codes in examples:
        yield text, language, codes, 1
    for text, language, codes in (*taxonomy_examples(), *extra):
        yield text, language, codes, LABEL_WEIGHT


def synonym_examples(model: NeedModel) -> list[Example]:
    """Each bilingual synonym group (analyzers/synonyms.txt) the model places in one branch of the
    tree, as an example of that branch in both languages."""
    out: list[Example] = []
    for rule in synonyms.load_rules():
        text = ", ".join(dict.fromkeys((*rule.inputs, *rule.outputs)))
        understood = model.understand(text)
        if understood and understood.scores[0] >= THRESHOLD:
            code = understood.codes[0]
            parts = code.split(".")
            codes = tuple(".".join(parts[:d]) for d in range(len(parts), 0, -1))
            out += [(text, "fr", codes), (text, "en", codes)]
    return out


def taxonomy_examples() -> list[Example]:
    """Each category's name and description, both languages, labelled with it and its ancestors."""
    from directory import taxonomy

    out: list[Example] = []
    for category in taxonomy.categories():
        codes = (category.code, *taxonomy.ancestors(category.code))
        out.append((f"{category.name_fr}. {category.description_fr}", "fr", codes))
        out.append((f"{category.name_en}. {category.description_en}", "en", codes))
    return out


def document_examples(document: Mapping[str, Any]) -> list[Example]:
    """A search document's service texts per language, labelled with its category codes."""
    codes = tuple(document.get("category_codes") or ())
    out: list[Example] = []
    for lang in LANGUAGES:
        parts = [document.get(f"name_{lang}"), document.get(f"description_{lang}"),
                 *(document.get(f"keywords_{lang}") or ())]
        text = ". ".join(p for p in parts if p)
        if text:
            out.append((text, lang, codes))
    return out


class Learner:
    """Collects one example per service from the documents a rebuild streams past (`watch`)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._examples: list[Example] = []

    def watch(self, documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for document in documents:
            service = str(document.get("service_id") or document.get("id"))
            if service not in self._seen:
                self._seen.add(service)
                self._examples.extend(document_examples(document))
            yield document

    def model(self) -> NeedModel:
        return NeedModel.train(self._examples)


def train(documents: Iterable[dict[str, Any]]) -> NeedModel:
    """A model from search documents (one example per service) and the category tree."""
    learner = Learner()
    for _ in learner.watch(documents):
        pass
    return learner.model()


# -- the process's model: loaded once per worker ----------------------------------------------

_lock = threading.Lock()
_path: Path | None = None
_model: NeedModel | None = None


def configure(path: str | os.PathLike[str] | None) -> None:
    """Where this process's model lives (`NEED_MODEL_PATH`); read at first use."""
    global _path, _model
    new = Path(path) if path else None
    with _lock:
        if new != _path:
            _path, _model = new, None


def install(model: NeedModel | None) -> None:
    """Use `model` in this process (a rebuild that just trained one, tests, benchmarks)."""
    global _model
    with _lock:
        _model = model


def current() -> NeedModel:
    """This process's model: the file at the configured path, else the category tree alone."""
    global _model
    with _lock:
        if _model is None:
            if _path is not None and _path.is_file():
                _model = NeedModel.load(_path)
            else:
                _model = NeedModel.train(())
        return _model


def understand(q: str) -> Understood:
    return current().understand(q) if q.strip() else NOTHING
