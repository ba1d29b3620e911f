"""The same behaviour from both engines on a real node.

What must be identical: totals and facet counts of every request; the order of results sorted by
name or by distance (ties end on the name, then `relevance.tie_key`, in both engines); distances
(to the metre); autocomplete suggestions. What may differ: scores. tantivy and Lucene compute BM25
alike, but Lucene takes a field's idf and average length over the documents that HAVE the field,
tantivy over all documents, so matches in the English fields (a translation exists for about 45 %
of the records) score differently and equal text matches can change places; so relevance
rankings are compared by how much of their top 10 they share, and by the relevance judgements
(nDCG@10 of each engine, and the gap), on the directory the judgements were written for.

Run with `-s` to see the figures.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from indexer import relevance
from indexer.engine import MAX_QUERY_CHARS, Origin, SearchRequest, SearchUnavailable
from tests.query_budget import costliest_query, plan_clauses

TODAY = dt.date(2025, 3, 10)

NOW = dt.datetime(2025, 3, 10, 10, 30)
MONTREAL = Origin(45.5017, -73.5673, "Montréal")
RIMOUSKI = Origin(48.4490, -68.5230, "Rimouski")

REQUESTS = {
    "french_text": SearchRequest(q="banque alimentaire", now=NOW),
    "english_text_cross_language": SearchRequest(q="food bank", locale="en", now=NOW),
    "synonym": SearchRequest(q="itinérance", now=NOW),
    "synonym_phrase_with_a_stop_word": SearchRequest(q="habitations à loyer modique", now=NOW),
    "typo": SearchRequest(q="itinerence", now=NOW),
    "missing_accents": SearchRequest(q="sante mentale", now=NOW),
    "long_query": SearchRequest(q="aide aux devoirs pour enfants du primaire", now=NOW),
    "category_filter": SearchRequest(q="repas", categories=("food",), now=NOW),
    "region_filter": SearchRequest(q="logement", regions=("06",), now=NOW),
    "several_facets": SearchRequest(q="aide", regions=("06", "13"), languages=("en",), free=True, now=NOW),
    "age_and_access": SearchRequest(age_groups=("seniors",), accessibility=("wheelchair",), now=NOW),
    "open_now": SearchRequest(q="dépannage", open_now=True, now=NOW),
    "crisis": SearchRequest(crisis_only=True, now=NOW),
    "available_now": SearchRequest(q="refuge", available_now=True, now=NOW),
    "available_now_by_name": SearchRequest(available_now=True, now=NOW),
    "decay": SearchRequest(q="banque alimentaire", origin=MONTREAL, now=NOW),
    "decay_far_away": SearchRequest(q="aide juridique", origin=RIMOUSKI, now=NOW),
    "decay_radius": SearchRequest(q="centre", origin=RIMOUSKI, radius_km=50, now=NOW),
    "distance_sort": SearchRequest(q="clsc", origin=MONTREAL, sort="distance", now=NOW),
    "distance_sort_radius": SearchRequest(q="aide", origin=MONTREAL, radius_km=15, sort="distance", now=NOW),
    "browse_nearby": SearchRequest(origin=MONTREAL, radius_km=10, now=NOW),
    "browse_by_name": SearchRequest(locale="en", now=NOW),
    "text_by_name": SearchRequest(q="aide", sort="name", now=NOW),
    "second_page": SearchRequest(q="aide", page=2, per_page=10, now=NOW),
    "deep_page_by_name": SearchRequest(page=7, per_page=50, now=NOW),
}


def _plan(request: SearchRequest) -> relevance.Plan:
    return relevance.plan(request, today=TODAY, slot=0)


# Requests whose plan sorts by name or by distance: the same results in the same order.
EXACT_ORDER = sorted(name for name, r in REQUESTS.items() if _plan(r).sort in ("name", "distance"))
RANKED = sorted(name for name, r in REQUESTS.items() if _plan(r).sort == "relevance")

MIN_MEAN_OVERLAP = 0.9  # top-10 overlap, averaged over the requests (and over the judged queries)
MIN_OVERLAP = 0.8  # any one request: at most two of its top 10 may change places with the 11th+


def _overlap(a, b, k: int = 10) -> float:
    top_a, top_b = [h.id for h in a.hits[:k]], [h.id for h in b.hits[:k]]
    n = max(len(top_a), len(top_b))
    return len(set(top_a) & set(top_b)) / n if n else 1.0


@pytest.fixture(scope="module")
def answers(embedded, opensearch) -> dict:
    out = {name: (embedded.search(r), opensearch.search(r)) for name, r in REQUESTS.items()}
    print(f"\n{'request':<34}{'total':>7}{'top-10 overlap':>16}  order")
    for name, (a, b) in out.items():
        same = [h.id for h in a.hits] == [h.id for h in b.hits]
        print(f"{name:<34}{a.total:>7}{_overlap(a, b):>16.0%}  {'identical' if same else 'differs'}")
    ranked = [_overlap(*out[name]) for name in RANKED]
    print(f"relevance-ranked requests: mean top-10 overlap {sum(ranked) / len(ranked):.0%}, "
          f"lowest {min(ranked):.0%}")
    return out


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_totals_and_facet_counts_are_identical(name, answers):
    a, b = answers[name]
    assert a.total == b.total
    assert set(a.facets) == set(b.facets)
    for facet in a.facets:
        assert [(v.value, v.count, v.selected) for v in a.facets[facet]] == \
               [(v.value, v.count, v.selected) for v in b.facets[facet]], facet


@pytest.mark.parametrize("name", EXACT_ORDER)
def test_sorts_by_name_or_distance_give_the_same_results_in_the_same_order(name, answers):
    a, b = answers[name]
    assert a.hits and [h.id for h in a.hits] == [h.id for h in b.hits]


def test_relevance_rankings_share_their_top_ten(answers):
    overlaps = {name: _overlap(*answers[name]) for name in RANKED}
    assert min(overlaps.values()) >= MIN_OVERLAP, overlaps
    assert sum(overlaps.values()) / len(overlaps) >= MIN_MEAN_OVERLAP, overlaps


def test_distances_are_identical_to_the_metre(answers):
    checked = 0
    for name, (a, b) in answers.items():
        if REQUESTS[name].origin is None:
            continue
        theirs = {h.id: h.distance_km for h in b.hits}
        for hit in a.hits:
            if hit.id in theirs:
                if hit.distance_km is None:
                    assert theirs[hit.id] is None, (name, hit.id)
                else:
                    assert theirs[hit.id] == pytest.approx(hit.distance_km, abs=0.001), (name, hit.id)
                    checked += 1
    assert checked >= 50


def test_the_relevance_judgements_agree(relevance_engines, relevance_documents):
    from indexer import evaluate

    embedded, opensearch = relevance_engines
    corpus = evaluate.Corpus.from_documents(relevance_documents)
    comparison = evaluate.compare(embedded, opensearch, corpus)
    print(f"\nrelevance judgements, {len(corpus.judgements)} queries over {corpus.documents:,} documents")
    print(comparison.table())
    print(f"nDCG@10 embedded {comparison.first.ndcg:.3f}, opensearch {comparison.second.ndcg:.3f}, "
          f"gap {comparison.ndcg_gap:.3f}; top-10 overlap mean {comparison.mean_overlap:.3f}, "
          f"lowest {comparison.min_overlap:.1f}")
    # The target holds without the colloquial phrases, as in tests/relevance/test_relevance.py
    # (they are measured against their own floor there); both engines must reach it.
    for report in (comparison.first, comparison.second):
        kept = [r.ndcg for r in report.results if r.judgement.kind != "colloquial"]
        assert sum(kept) / len(kept) >= evaluate.TARGET_NDCG, comparison.table()
    assert comparison.ndcg_gap <= 0.02, comparison.table()
    assert comparison.mean_overlap >= MIN_MEAN_OVERLAP, comparison.table()


# ------------------------------------------------------------------------------ the longest query


@pytest.fixture(scope="module")
def longest_query(documents) -> str:
    from analyzers import synonyms

    words = {w.lower() for d in documents for w in re.findall(r"\w+", d["name_fr"] + " " + (d["name_en"] or ""))}
    triggers = {phrase.lower() for rule in synonyms.load_rules() for phrase in rule.inputs}
    q = costliest_query(words | triggers)
    unbudgeted = sum(plan_clauses(w) for w in q.split())
    print(f"\nlongest query ({len(q)} characters, {unbudgeted} clauses without the plan's budget): {q}")
    return q


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("radius", [None, 25])
def test_the_longest_accepted_query_with_a_place_and_filters_is_answered(longest_query, locale, radius,
                                                                         embedded, opensearch):
    from indexer import opensearch_query as dsl

    assert len(longest_query) <= MAX_QUERY_CHARS
    request = SearchRequest(q=longest_query, locale=locale, origin=MONTREAL, radius_km=radius,
                            categories=("food", "housing"), regions=("06", "13"), free=True,
                            languages=("fr", "en"), open_now=True, now=NOW)
    try:
        answer = opensearch.search(request)  # an HTTP 500 (too many clauses) would raise this
    except SearchUnavailable as error:
        pytest.fail(f"OpenSearch refused the longest query: {error.__cause__}")
    assert answer.engine == "opensearch" and not answer.degraded
    assert answer.total == embedded.search(request).total
    plan = _plan(request)
    body = dsl.search_body(request, plan, plan.origin)
    assert str(body).count("'function_score'") == 1  # the text query once, place or not


# ------------------------------------------------------------------------------ autocomplete


def _prefixes(documents) -> list[str]:
    """2 to 6 first letters of words of service and category names, both languages, as written
    (accents, capitals) and folded, and a few that run into a second word."""
    names = sorted({n for d in documents for n in (d["name_fr"], d["name_en"], *d["categories_fr"],
                                                    *d["categories_en"]) if n})
    out: set[str] = set()
    for i, name in enumerate(names[::3]):
        words = re.findall(r"\w[\w'’]*", name)
        word = words[i % len(words)]
        prefix = word[:2 + i % 5]
        out.update((prefix, relevance.suggest_prefix(prefix)))
        if len(words) > 1 and i % 4 == 0:
            out.add(" ".join(words[:2])[:len(words[0]) + 3])
    return sorted(p for p in out if len(p) >= 2)


def test_suggestions_are_the_embedded_engines(embedded, opensearch, documents):
    prefixes = _prefixes(documents)
    assert len(prefixes) >= 50 and any(p != relevance.suggest_prefix(p) for p in prefixes)
    differing = []
    for locale in ("fr", "en"):
        for prefix in prefixes:
            ours = [(s.text, s.kind, s.locale, s.category_code) for s in embedded.suggest(prefix, locale)]
            theirs = [(s.text, s.kind, s.locale, s.category_code) for s in opensearch.suggest(prefix, locale)]
            if ours != theirs:
                differing.append((locale, prefix, ours, theirs))
    print(f"\nsuggestions: {2 * len(prefixes) - len(differing)} of {2 * len(prefixes)} prefix/locale pairs identical")
    assert differing == []
    assert opensearch.suggest(documents[0]["name_fr"][:4], "fr")


# ------------------------------------------------------------------------------ the rest


def test_upsert_is_visible_when_it_returns_and_delete_too(opensearch, documents):
    doc = dict(documents[0], id="live-test-upsert", name_fr="Zyxwv service d'essai", name_sort_fr="zyxwv")
    opensearch.upsert([doc])
    found = opensearch.search(SearchRequest(q="zyxwv", now=NOW))
    assert [h.id for h in found.hits] == ["live-test-upsert"]
    opensearch.delete(["live-test-upsert"])
    assert opensearch.search(SearchRequest(q="zyxwv", now=NOW)).total == 0


def test_health_and_a_second_rebuild_keep_serving(opensearch, documents):
    health = opensearch.health()
    assert health.ok and health.documents == len(documents)
    before = health.index
    opensearch.rebuild(documents)
    after = opensearch.health()
    assert after.index != before and after.documents == len(documents)


def test_a_missing_alias_is_unavailable_not_a_crash(opensearch):
    from indexer.opensearch import OpenSearchEngine

    missing = OpenSearchEngine(opensearch.url, "portail211-does-not-exist", timeout_seconds=5)
    with pytest.raises(SearchUnavailable):
        missing.search(SearchRequest(q="aide"))


def test_the_analyzers_produce_the_python_mirrors_tokens(opensearch):
    from analyzers import chain

    index = opensearch.health().index
    for language, text in (("fr", "Les banques alimentaires de l'Île-de-Montréal"),
                           ("en", "The children's food banks in Montréal")):
        analyzed = opensearch.client.indices.analyze(index=index, body={"analyzer": f"text_{language}", "text": text})
        assert [t["token"] for t in analyzed["tokens"]] == chain.analyze(text, language)
