"""The embedded engine answers the counsellors' judgements well, in French and in English.

Runs over the demo directory the judgements were written against (15,000 services, seed 211):
building it, its documents and the index takes about a minute, once for the module.
"""

from __future__ import annotations

import json
import shutil

import pytest

from indexer import evaluate
from indexer.document import iter_documents
from indexer.embedded import EmbeddedEngine
from indexer.understanding import need

pytestmark = pytest.mark.slow

# Judgements the demo directory cannot answer with a 3 (reported to the lead; the judgements stay
# what a counsellor would accept, the demo data is what is missing):
# * the catalogue (directory/demo/catalogue.py) has no service template in the category at all;
KNOWN_DEMO_GAPS = {
    "need-logement-a-brule-trois-rivieres": "no fire/disaster service within reach of Trois-Rivières",
    "need-trop-de-dettes-sherbrooke": "no debt or budget service near Sherbrooke",
}
# * the generator places organization kinds at random, so some towns lack a service every real
#   region has (a suicide prevention centre per region, legal aid, a food bank in Gaspé). Which ones
#   changes with every change to the generator, so they are printed and only their share is bounded.
MAX_COVERAGE_GAP_SHARE = 0.15


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory, demo_15k_template) -> str:
    path = tmp_path_factory.mktemp("relevance") / "demo.sqlite"
    shutil.copy(demo_15k_template, path)  # generator.build(services=15_000, seed=211), shared
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def documents(demo_url) -> list[dict]:
    return list(iter_documents(demo_url))


@pytest.fixture(scope="module")
def corpus(documents) -> evaluate.Corpus:
    return evaluate.Corpus.from_documents(documents)


@pytest.fixture(scope="module")
def index_path(tmp_path_factory, documents) -> str:
    path = tmp_path_factory.mktemp("relevance-index") / "index"
    EmbeddedEngine(path).rebuild(documents)
    return str(path)


@pytest.fixture(scope="module", autouse=True)
def need_model(documents):
    """Need understanding trained on these documents, as `index rebuild` trains it."""
    need.install(need.train(documents))
    yield
    need.install(None)


@pytest.fixture(scope="module")
def report(corpus, index_path) -> evaluate.Report:
    result = corpus.evaluate(EmbeddedEngine(index_path))
    print("\n" + result.table(worst=40))
    return result


def test_every_judged_query_has_a_grade_three_document_in_the_demo_directory(corpus):
    unanswerable = set(corpus.unsatisfiable())
    uncovered = sorted(unanswerable - set(KNOWN_DEMO_GAPS))
    if uncovered:
        print(f"\nno grade-3 document near the place (demo coverage): {uncovered}")
    assert len(uncovered) <= MAX_COVERAGE_GAP_SHARE * len(corpus.judgements), uncovered
    assert set(KNOWN_DEMO_GAPS) <= unanswerable, "the demo now answers some known gaps: drop them"


def test_every_judged_query_has_some_relevant_document(corpus):
    assert all(corpus.relevance[j.id] for j in corpus.judgements)


def test_embedded_engine_reaches_the_ndcg_target(report):
    # 0.863 when the target was first met (synonyms for rent help, warming centres, rides to
    # medical appointments and seniors' activities). Colloquial Québec French (issue 15) is
    # measured against its own floor below: 0.23 before need understanding, 0.46 with it.
    kept = [r.ndcg for r in report.results if r.judgement.kind != "colloquial"]
    assert sum(kept) / len(kept) >= evaluate.TARGET_NDCG, report.table()


# Each kind's nDCG@10 before need understanding (main at a6de1b2, this file with issue 15's need
# and colloquial phrases), rounded down: query understanding must not make any kind worse.
KIND_FLOORS = {"same_language": 0.85, "cross_language": 0.81, "synonym": 0.88, "typo": 0.89,
               "missing_accents": 0.94, "need_phrase": 0.77, "colloquial": 0.22, "place": 0.80}


def test_no_kind_of_query_does_worse_than_before_query_understanding(report):
    below = {kind: round(report.kind_ndcg(kind), 3) for kind, floor in KIND_FLOORS.items()
             if report.kind_ndcg(kind) < floor}
    assert not below, report.table()


def test_english_queries_over_french_records_do_as_well_as_their_french_twins(report):
    # Like for like: each cross-language query against its French twin (same need, place, grades).
    # The raw same_language − cross_language difference, also printed, mixes in how hard each set
    # of queries is and how many good answers the demo holds for them.
    assert report.paired_gap() <= evaluate.TARGET_CROSS_LANGUAGE_GAP, report.table()


def test_index_evaluate_command_prints_the_figures(demo_url, index_path):
    from portal import create_app

    app = create_app({"DATABASE_URL": demo_url, "INDEX_PATH": index_path, "SEARCH_ENGINE": "embedded"})
    result = app.test_cli_runner().invoke(args=["index", "evaluate", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["engine"] == "embedded"
    assert set(figures["by_kind"]) == {j.kind for j in evaluate.load_judgements()}
    assert len(figures["queries"]) == len(evaluate.load_judgements())
