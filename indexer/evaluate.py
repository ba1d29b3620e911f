"""Relevance evaluation: counsellors' judgements -> qrels -> nDCG@10 and MRR per engine (ranx).

The judgements (tests/relevance/judgements.yaml, read by indexer/judgements.py) grade documents by
*criteria* a 211 counsellor would state ("a food bank within 15 km of Rimouski is a 3"), not by
hand-picked ids, so they hold for any directory. `qrels()` applies them to every search document
`indexer.document.iter_documents` builds (one service at one location), which makes the grading
independent of either engine: an engine that drops a category from its index, or never matches
"itinerence", loses points.

Measures (ranx, tested against trec_eval):

* nDCG@10 with linear gains (grade 3 counts three times grade 1): the first screen of results;
* MRR@10 at grade >= 2: how far down the first answer a counsellor would actually give is.

`evaluate(engine, database_url)` runs every judged query through the engine with the same
`SearchRequest` the portal would send (locale, place, ticked facets) and returns a `Report` whose
`table()` gives the figures overall, per kind of query, and the gap between same-language and
cross-language queries (English queries over records written only in French). `compare()` puts two
engines side by side on the same judgements (the live OpenSearch suite asserts they agree).

ranx (and its numba JIT) is a test/evaluation dependency, imported only when measures are computed;
`index evaluate` checks it is installed before doing anything (why it is not a runtime dependency:
indexer/cli.py).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from analyzers.chain import fold
from indexer.engine import SearchEngine
from indexer.judgements import (
    JUDGEMENTS,
    KINDS,
    Criterion,
    Judgement,
    JudgementError,
    K,
    load_judgements,
    parse_judgements,
)

NDCG = f"ndcg@{K}"
# Reciprocal rank of the first document graded 2 or more: a grade-1 "related" hit at rank 1 is not
# what a counsellor would read out to the caller.
MRR = f"mrr@{K}-l2"
TARGET_NDCG = 0.85
TARGET_CROSS_LANGUAGE_GAP = 0.05
FAILURE_NDCG = 0.6


def searchable(doc: Mapping[str, Any], today: dt.date) -> bool:
    """Whether a default search may return the document (what `SearchRequest()` leaves in)."""
    if doc["status"] != "active":
        return False  # temporarily closed: left out unless include_closed
    if doc["valid_to"] and dt.date.fromisoformat(doc["valid_to"][:10]) < today:
        return False
    return True


def _folded(doc: Mapping[str, Any]) -> dict[str, Any]:
    names = [doc.get("name_fr"), doc.get("name_en"), *doc.get("keywords_fr", ()), *doc.get("keywords_en", ())]
    return {
        "codes": frozenset(doc["category_codes"]),
        "municipality": fold(doc.get("municipality") or "").strip(),
        "names": " | ".join(fold(n) for n in names if n),
    }


def qrels(
    judgements: Sequence[Judgement], documents: Iterable[Mapping[str, Any]], *, today: dt.date | None = None
) -> dict[str, dict[str, int]]:
    """Graded relevance (1–3) of every searchable document for every query; 0s are left out."""
    day = today or dt.date.today()
    out: dict[str, dict[str, int]] = {j.id: {} for j in judgements}
    for doc in documents:
        if not searchable(doc, day):
            continue
        folded = _folded(doc)
        for j in judgements:
            grade = j.grade(doc, folded)
            if grade:
                out[j.id][doc["id"]] = grade
    return out


def run_query(engine: SearchEngine, judgement: Judgement, k: int = K) -> list[str]:
    """The engine's top-k document ids for one judged query, in rank order."""
    response = engine.search(judgement.request(per_page=k))
    return [hit.id for hit in response.hits[:k]]


def run(engine: SearchEngine, judgements: Sequence[Judgement], k: int = K) -> dict[str, list[str]]:
    return {j.id: run_query(engine, j, k) for j in judgements}


def _ranx_run(rankings: Mapping[str, list[str]]) -> dict[str, dict[str, float]]:
    # Scores from ranks, not the engine's scores: ranx re-sorts by score, and engine ties (or two
    # engines' different scales) must not reorder what the user saw.
    out: dict[str, dict[str, float]] = {}
    for qid, ids in rankings.items():
        ids = list(dict.fromkeys(ids))
        out[qid] = {doc_id: float(len(ids) - i) for i, doc_id in enumerate(ids)} or {"__no_result__": 0.0}
    return out


def measure(
    relevance: Mapping[str, Mapping[str, int]], rankings: Mapping[str, list[str]]
) -> dict[str, dict[str, float]]:
    """Per-query nDCG@10 and MRR@10 (grade >= 2): {metric: {query id: value}}."""
    from ranx import Qrels, Run, evaluate

    judged = {q: dict(d) for q, d in relevance.items() if d}
    if not judged:
        return {NDCG: {}, MRR: {}}
    ranked = Run(_ranx_run({q: rankings.get(q, []) for q in judged}))
    evaluate(Qrels(judged), ranked, [NDCG, MRR], return_mean=False, make_comparable=True)
    # Per-query scores are read by query id from the run: ranx orders its arrays its own way.
    return {metric: {q: float(v) for q, v in ranked.scores[metric].items()} for metric in (NDCG, MRR)}


@dataclass(frozen=True)
class QueryResult:
    judgement: Judgement
    ranking: list[str]
    grades: list[int]  # grade of each returned document, in rank order
    ndcg: float
    mrr: float
    judged: Mapping[int, int]  # how many documents of the directory have each grade

    @property
    def failed(self) -> bool:
        return self.ndcg < FAILURE_NDCG


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.fmean(values) if values else math.nan


def _zero_rate(results: Iterable[QueryResult]) -> float:
    return _mean(0.0 if r.ranking else 1.0 for r in results)


def _row(label: str, group: Sequence[QueryResult]) -> str:
    """One line of the per-kind table: queries, nDCG@10, MRR@10, zero-result rate."""
    return (f"{label:<18}{len(group):>8}{_mean(r.ndcg for r in group):>10.3f}"
            f"{_mean(r.mrr for r in group):>9.3f}{_zero_rate(group):>8.0%}")


@dataclass(frozen=True)
class Report:
    engine: str
    results: list[QueryResult]
    documents: int

    def by_kind(self) -> dict[str, list[QueryResult]]:
        groups: dict[str, list[QueryResult]] = defaultdict(list)
        for r in self.results:
            groups[r.judgement.kind].append(r)
        return {kind: groups[kind] for kind in KINDS if groups.get(kind)}

    @property
    def ndcg(self) -> float:
        return _mean(r.ndcg for r in self.results)

    @property
    def mrr(self) -> float:
        return _mean(r.mrr for r in self.results)

    def kind_ndcg(self, kind: str) -> float:
        return _mean(r.ndcg for r in self.results if r.judgement.kind == kind)

    @property
    def zero_rate(self) -> float:
        """Share of the queries that returned nothing at all."""
        return _zero_rate(self.results)

    @property
    def cross_language_gap(self) -> float:
        """Same-language minus cross-language nDCG@10 (positive: English queries do worse)."""
        return self.kind_ndcg("same_language") - self.kind_ndcg("cross_language")

    def paired_gap(self) -> float:
        """Mean nDCG@10 of French twins minus their English (cross-language) counterparts."""
        by_id = {r.judgement.id: r for r in self.results}
        diffs = [by_id[r.judgement.pair].ndcg - r.ndcg for r in self.results
                 if r.judgement.kind == "cross_language" and r.judgement.pair in by_id]
        return _mean(diffs)

    def failures(self, threshold: float = FAILURE_NDCG) -> list[QueryResult]:
        return sorted((r for r in self.results if r.ndcg < threshold), key=lambda r: r.ndcg)

    def table(self, *, worst: int = 15) -> str:
        lines = [
            f"Relevance of the {self.engine} engine: {len(self.results)} judged queries, "
            f"{self.documents:,} search documents graded",
            "",
            f"{'':<18}{'queries':>8}{'nDCG@10':>10}{'MRR@10':>9}{'zero':>8}",
            _row("overall", self.results),
        ]
        for kind, group in self.by_kind().items():
            lines.append(_row(kind, group))
        for locale in ("fr", "en"):
            group = [r for r in self.results if r.judgement.locale == locale]
            if group:
                lines.append(_row("locale " + locale, group))
        lines += [
            "",
            f"cross-language gap (same − cross): {self.cross_language_gap:+.3f}; "
            f"paired with French twins: {self.paired_gap():+.3f} "
            f"(target ≤ {TARGET_CROSS_LANGUAGE_GAP})",
            f"target nDCG@10 ≥ {TARGET_NDCG}: {'met' if self.ndcg >= TARGET_NDCG else 'NOT met'}",
        ]
        failed = self.failures()
        if failed:
            lines += ["", f"queries with nDCG@10 < {FAILURE_NDCG} ({len(failed)}):"]
            for r in failed[:worst]:
                j = r.judgement
                where = f" @ {j.place}" if j.place else ""
                lines.append(
                    f"  {r.ndcg:.2f}  {j.id:<44} {j.q!r}{where} [{j.kind}] top grades "
                    f"{''.join(str(g) for g in r.grades) or '(no results)'}; "
                    f"judged 3/2/1 = {r.judged.get(3, 0)}/{r.judged.get(2, 0)}/{r.judged.get(1, 0)}"
                )
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "documents": self.documents,
            "ndcg@10": self.ndcg,
            "mrr@10": self.mrr,
            "zero_result_rate": self.zero_rate,
            "by_kind": {k: _mean(r.ndcg for r in g) for k, g in self.by_kind().items()},
            "by_kind_mrr": {k: _mean(r.mrr for r in g) for k, g in self.by_kind().items()},
            "by_kind_zero_result_rate": {k: _zero_rate(g) for k, g in self.by_kind().items()},
            "cross_language_gap": self.cross_language_gap,
            "paired_gap": self.paired_gap(),
            "queries": {r.judgement.id: {"ndcg@10": r.ndcg, "mrr@10": r.mrr, "grades": r.grades}
                        for r in self.results},
        }


@dataclass
class Corpus:
    """The judged queries and their qrels over one directory: compute once, evaluate many engines."""

    judgements: list[Judgement]
    relevance: dict[str, dict[str, int]]
    documents: int

    @classmethod
    def from_documents(
        cls,
        documents: Iterable[Mapping[str, Any]],
        judgements: Sequence[Judgement] | None = None,
        *,
        today: dt.date | None = None,
    ) -> Corpus:
        judged = list(judgements) if judgements is not None else load_judgements()
        docs = list(documents)
        return cls(judged, qrels(judged, docs, today=today), len(docs))

    @classmethod
    def from_database(
        cls, database_url: str, judgements: Sequence[Judgement] | None = None, *, today: dt.date | None = None
    ) -> Corpus:
        from indexer.document import iter_documents

        return cls.from_documents(iter_documents(database_url, today=today), judgements, today=today)

    def unsatisfiable(self) -> list[str]:
        """Queries no document of this directory can answer with a 3: a bug in them or in the data."""
        return [j.id for j in self.judgements if 3 not in self.relevance[j.id].values()]

    def evaluate(self, engine: SearchEngine, *, name: str | None = None) -> Report:
        rankings = run(engine, self.judgements)
        engine_name: str = getattr(engine, "name", type(engine).__name__)
        return self.report(rankings, name or engine_name)

    def report(self, rankings: Mapping[str, list[str]], engine: str) -> Report:
        scores = measure(self.relevance, rankings)
        results = []
        for j in self.judgements:
            rel = self.relevance[j.id]
            ranking = rankings.get(j.id, [])
            counts: dict[int, int] = defaultdict(int)
            for grade in rel.values():
                counts[grade] += 1
            results.append(QueryResult(
                judgement=j,
                ranking=ranking,
                grades=[rel.get(doc_id, 0) for doc_id in ranking],
                ndcg=scores[NDCG].get(j.id, 0.0),
                mrr=scores[MRR].get(j.id, 0.0),
                judged=dict(counts),
            ))
        return Report(engine=engine, results=results, documents=self.documents)


def evaluate(engine: SearchEngine, database_url: str, *, judgements: str | Path | None = None,
             today: dt.date | None = None) -> Report:
    """Grade the directory's documents by the judgements, run every query, measure."""
    judged = load_judgements(judgements) if judgements else load_judgements()
    return Corpus.from_database(database_url, judged, today=today).evaluate(engine)


@dataclass(frozen=True)
class QueryComparison:
    id: str
    first: list[str]
    second: list[str]
    ndcg_first: float
    ndcg_second: float

    @property
    def identical(self) -> bool:
        return self.first == self.second

    @property
    def overlap(self) -> float:
        """Share of the top-k the two engines have in common, order ignored."""
        k = max(len(self.first), len(self.second))
        return len(set(self.first) & set(self.second)) / k if k else 1.0


@dataclass(frozen=True)
class Comparison:
    first: Report
    second: Report
    queries: list[QueryComparison]

    @property
    def ndcg_gap(self) -> float:
        return abs(self.first.ndcg - self.second.ndcg)

    @property
    def identical_share(self) -> float:
        return _mean(1.0 if q.identical else 0.0 for q in self.queries)

    @property
    def mean_overlap(self) -> float:
        return _mean(q.overlap for q in self.queries)

    @property
    def min_overlap(self) -> float:
        return min((q.overlap for q in self.queries), default=math.nan)

    def differing(self) -> list[QueryComparison]:
        return [q for q in self.queries if not q.identical]

    def table(self) -> str:
        a, b = self.first.engine, self.second.engine
        # Per kind, each engine's nDCG@10, MRR@10 and zero-result rate side by side.
        lines = [
            f"{'':<18}{'':>8}{a + ' nDCG':>16}{'MRR':>7}{'zero':>6}  {b + ' nDCG':>16}{'MRR':>7}{'zero':>6}",
        ]
        first, second = self.first.by_kind(), self.second.by_kind()
        rows = [("overall", self.first.results, self.second.results)]
        rows += [(kind, first[kind], second.get(kind, [])) for kind in first]
        for label, one, two in rows:
            cells = [f"{_mean(r.ndcg for r in g):>16.3f}{_mean(r.mrr for r in g):>7.3f}{_zero_rate(g):>6.0%}"
                     for g in (one, two)]
            lines.append(f"{label:<18}{len(one):>8}{cells[0]}  {cells[1]}")
        lines += [
            "",
            f"identical top-{K}: {self.identical_share:.0%} of queries; mean top-{K} overlap "
            f"{self.mean_overlap:.0%} (lowest {self.min_overlap:.0%}); nDCG@10 gap {self.ndcg_gap:.3f}",
        ]
        for q in sorted(self.differing(), key=lambda q: -abs(q.ndcg_first - q.ndcg_second))[:10]:
            lines.append(f"  {q.id:<44} overlap {q.overlap:.0%}  nDCG {q.ndcg_first:.2f} vs {q.ndcg_second:.2f}")
        return "\n".join(lines)


def compare(first: SearchEngine, second: SearchEngine, corpus: Corpus) -> Comparison:
    """Both engines on the same judged queries: figures side by side and per-query ranking agreement."""
    return compare_rankings(corpus, run(first, corpus.judgements), run(second, corpus.judgements),
                            getattr(first, "name", "first"), getattr(second, "name", "second"))


def compare_rankings(corpus: Corpus, one: Mapping[str, list[str]], two: Mapping[str, list[str]],
                     first_name: str = "first", second_name: str = "second") -> Comparison:
    """Two sets of rankings of the judged queries (query id -> document ids), compared."""
    report_one = corpus.report(one, first_name)
    report_two = corpus.report(two, second_name)
    nd_one = {r.judgement.id: r.ndcg for r in report_one.results}
    nd_two = {r.judgement.id: r.ndcg for r in report_two.results}
    queries = [QueryComparison(j.id, one[j.id], two[j.id], nd_one[j.id], nd_two[j.id]) for j in corpus.judgements]
    return Comparison(report_one, report_two, queries)


# `flask --app portal index evaluate`: indexer/cli.py adds `evaluate_command` to its `index` group.

INSTALL_RANX = ".venv/bin/pip install -e '.[test]'"


def _require_evaluation_tools(judgement_path: Path) -> None:
    """A message saying what is missing, before the minute spent grading the directory."""
    if importlib.util.find_spec("ranx") is None:
        raise click.ClickException(f"`index evaluate` needs ranx, a test dependency: run `{INSTALL_RANX}`")
    if not judgement_path.is_file():
        raise click.ClickException(f"no relevance judgements at {judgement_path}: pass --judgements PATH")


@click.command("evaluate")
@click.option("--engine", "engine_name", type=click.Choice(("embedded", "opensearch")), default=None,
              help="Engine to measure (default: SEARCH_ENGINE).")
@click.option("--compare", "compare_engines", is_flag=True,
              help="Measure both engines and compare their rankings query by query.")
@click.option("--judgements", "judgement_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Judgement file (default tests/relevance/judgements.yaml).")
@click.option("--worst", type=int, default=15, show_default=True, help="How many failing queries to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--check", is_flag=True,
              help="Exit with status 1 when nDCG@10 or the cross-language gap misses its target.")
@with_appcontext
def evaluate_command(engine_name: str | None, compare_engines: bool, judgement_path: Path | None, worst: int,
                     as_json: bool, check: bool) -> None:
    """Run the counsellors' relevance judgements through the live index: nDCG@10 and MRR."""
    from directory import migrate
    from indexer.factory import engine_from_config

    _require_evaluation_tools(judgement_path or JUDGEMENTS)
    config = current_app.config
    migrate.require_current(config["DATABASE_URL"])
    judged = load_judgements(judgement_path or JUDGEMENTS)
    corpus = Corpus.from_database(config["DATABASE_URL"], judged)
    missing = corpus.unsatisfiable()
    if missing:
        click.echo(f"note: no document of this directory earns a 3 for {len(missing)} queries: "
                   + ", ".join(missing), err=True)
    if compare_engines:
        comparison = compare(engine_from_config(config, "embedded"), engine_from_config(config, "opensearch"), corpus)
        reports = [comparison.first, comparison.second]
        if as_json:
            click.echo(json.dumps({"embedded": comparison.first.as_dict(), "opensearch": comparison.second.as_dict(),
                                   "identical_share": comparison.identical_share,
                                   "mean_overlap": comparison.mean_overlap,
                                   "min_overlap": comparison.min_overlap}, indent=2))
        else:
            click.echo(comparison.table())
    else:
        report = corpus.evaluate(engine_from_config(config, engine_name))
        reports = [report]
        click.echo(json.dumps(report.as_dict(), indent=2) if as_json else report.table(worst=worst))
    if check and any(r.ndcg < TARGET_NDCG or r.cross_language_gap > TARGET_CROSS_LANGUAGE_GAP for r in reports):
        sys.exit(1)


__all__ = [
    "JUDGEMENTS", "K", "KINDS", "MRR", "NDCG", "TARGET_CROSS_LANGUAGE_GAP", "TARGET_NDCG",
    "Comparison", "Corpus", "Criterion", "Judgement", "JudgementError", "QueryResult", "Report",
    "compare", "compare_rankings", "evaluate", "evaluate_command", "load_judgements", "parse_judgements", "qrels",
]
