"""Needs analysis: demo generation, dashboard render times, and what logging adds to a search.

    .venv/bin/python bench/needs.py                       # 1,000,000 searches into a fresh SQLite file
    .venv/bin/python bench/needs.py --searches 500000
    .venv/bin/python bench/needs.py --database-url postgresql+psycopg://…/db   (an empty, migrated DB)
    .venv/bin/python bench/needs.py --searches 500000 --services 15000        (the issue-19 figures)

Prints figures; asserts nothing (issue targets: 500,000 demo searches in < 60 s; every dashboard page
≤ 500 ms with 1,000,000 logged searches; logging adds ≤ 0.2 ms p99 to a search, allowlist included).
Privacy figures (issue 16, docs/privacy.md): the vocabulary of a demo directory of --vocabulary-services
services (build time, words, memory), the demo log written through that allowlist and how many
distinct unmet needs pass the phrase rule, the share of the clean corpora's tokens kept, and the
adversarial corpus's leaks through `stored_query`.
Pages are timed with the Flask test client: "warm" reuses the figures read within
NEEDS_CACHE_SECONDS, as a running server does; "cold" re-reads the roll-ups at every request (cache
expired: per-week fingerprints, then only the weeks that changed); "cold, nothing cached" also drops
the cube and the memoized unmet needs and forecasts before every request (a full re-read, as after a
rebuild of the roll-ups). Wall time is shown beside CPU time and the load average: the machine may
be shared. The demo database is cached in --cache-dir (keyed by size and the generator's and
schema's source) and copied for each run, since the logging bench writes to it. A demo directory of
--services services goes into the same database first, so the supply-and-demand view has an offer to
count (its read is timed on its own: the view caches it, NEEDS_SUPPLY_CACHE_SECONDS).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# Replace the script directory (bench/, whose needs.py would shadow the `needs` package) by the root.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from directory import migrate  # noqa: E402
from directory.db import engine_for  # noqa: E402
from indexer.engine import Hit, Origin, SearchRequest, SearchResponse  # noqa: E402

FILTERS = ["", "?period=13", "?period=104", "?region=06", "?period=26&region=10&category=transport",
           "?period=104&category=housing", "?region=12&category=emergency&period=52"]
PAGES = {
    "dashboard": "/fr/besoins{q}",
    "dashboard (en)": "/en/needs{q}",
    "chart over-time": "/fr/besoins/graphiques/over-time.svg{q}",
    "chart regions": "/fr/besoins/graphiques/regions.svg{q}",
    "chart unmet": "/fr/besoins/graphiques/unmet.svg{q}",
    "chart forecast": "/fr/besoins/graphiques/forecast-housing.svg{q}",
    "data page": "/fr/besoins/donnees{q}",
    "download csv": "/fr/besoins/donnees/searches-over-time.csv{q}",
    "download json": "/en/needs/data/searches-by-region.json{q}",
    "supply & demand": "/fr/besoins/offre-et-demande{q}",
    "supply & demand (en)": "/en/needs/supply-and-demand{q}",
    "gap-index json": "/fr/besoins/donnees/gap-index.json{q}",
    "gap-index csv": "/en/needs/data/gap-index.csv{q}",
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:6.0f} µs"


def _load() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg()) + f" ({os.cpu_count()} CPUs)"


def bench_pages(url: str, repeat: int) -> None:
    from needs import report
    from portal import create_app

    modes = (("warm (cache)", 3600, False), ("cold (re-read roll-ups each request)", 0, False),
             ("cold, nothing cached (full re-read, forecasts refit; the directory's supply stays cached)", 0, True))
    for label, cache_seconds, drop in modes:
        app = create_app({"DATABASE_URL": url, "NEEDS_CACHE_SECONDS": cache_seconds, "NEEDS_LOG_ENABLED": False,
                          "NEEDS_WARM_ON_START": False})
        client = app.test_client()
        client.get("/fr/besoins")  # imports and first read, reported by bench_first_request
        client.get("/fr/besoins/offre-et-demande")  # and the supply count, timed by bench_supply
        print(f"\npages, {label}: wall median / max, CPU median, over {len(FILTERS)} filter sets x {repeat} runs"
              f"\n  {_load()}")
        worst = 0.0
        for name, pattern in PAGES.items():
            times, cpu = [], []
            for q in FILTERS:
                if name == "chart forecast" and "category=" in q and "housing" not in q:
                    continue
                for _ in range(repeat):
                    if drop:
                        app.extensions["needs_cube_cache"].clear()
                        report.clear_caches()
                    started, cpu_started = time.perf_counter(), time.process_time()
                    response = client.get(pattern.format(q=q))
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
                    assert response.status_code in (200, 404), (name, q, response.status_code)
            worst = max(worst, max(times))
            print(f"  {name:18} {_ms(statistics.median(times))} / {_ms(max(times))}   "
                  f"CPU {_ms(statistics.median(cpu))}")
        print(f"  slowest page: {_ms(worst)}   {_load()}")


_FIRST_REQUEST = """
import os, sys, time
sys.path.insert(0, {root!r})
started, cpu_started = time.perf_counter(), time.process_time()
from portal import create_app
app = create_app({{"DATABASE_URL": {url!r}, "NEEDS_LOG_ENABLED": False, "NEEDS_WARM_ON_START": {warm}}})
created, cpu_created = time.perf_counter(), time.process_time()
time.sleep({pause})
first, cpu_first = time.perf_counter(), time.process_time()
assert app.test_client().get("/fr/besoins").status_code == 200
print(created - started, cpu_created - cpu_started, time.perf_counter() - first, time.process_time() - cpu_first)
"""


def bench_supply(url: str, repeat: int) -> None:
    """The directory read behind the supply-and-demand view (needs.supply), and the PDF report."""
    from directory.db import engine_for
    from needs.supply import load_supply
    from portal import create_app

    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        supply = load_supply(engine_for(url))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    print(f"\nsupply read (active services at locations: {supply.services(''):,}), cached by the view for "
          f"NEEDS_SUPPLY_CACHE_SECONDS: median {_ms(statistics.median(times))}, CPU {_ms(statistics.median(cpu))}"
          f"\n  {_load()}")
    app = create_app({"DATABASE_URL": url, "NEEDS_LOG_ENABLED": False, "NEEDS_WARM_ON_START": False})
    client = app.test_client()
    client.get("/fr/besoins/offre-et-demande")
    for path in ("/fr/besoins/offre-et-demande/rapport.pdf", "/en/needs/supply-and-demand/report.pdf?region=11"):
        started = time.perf_counter()
        response = client.get(path)
        print(f"  PDF {path}: {_ms(time.perf_counter() - started)}, {len(response.data):,} bytes")


def bench_first_request(url: str) -> None:
    """Each case in a new Python process, so imports count as they do for a new server process."""
    import subprocess

    root = str(Path(__file__).resolve().parent.parent)
    print(f"\nfirst dashboard request of a new process ({_load()}):")
    cases = (("no warm-up", False, 0.0), ("warm-up thread, request at once", True, 0.0),
             ("warm-up thread, request 1 s after start", True, 1.0))
    for label, warm, pause in cases:
        code = _FIRST_REQUEST.format(root=root, url=url, warm=warm, pause=pause)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
        create, create_cpu, first, first_cpu = map(float, out.stdout.split()[-4:])
        print(f"  {label:40} import + create_app {_ms(create)} (CPU {_ms(create_cpu)});  "
              f"first request {_ms(first)} (CPU {_ms(first_cpu)})")


def build_vocabulary(services: int, seed: int, cache_dir: str):  # noqa: ANN201 - needs.vocabulary.Vocabulary
    """The vocabulary of a demo directory (cached in --cache-dir), timed, with its memory."""
    import gc
    import resource
    import tracemalloc

    from directory.demo import generator
    from needs import vocabulary

    path = Path(cache_dir or tempfile.gettempdir()) / f"directory-{services}-{seed}-{date.today()}.sqlite"
    url = f"sqlite:///{path}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(url)
        generator.build(url, services=services, seed=seed)
    vocabulary.static_words()  # the static part is timed apart: it is read from repository files
    gc.collect()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    built = vocabulary.build(vocabulary.documents_from(url), "bench")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()  # a second build, traced (tracing slows allocation: not timed)
    vocabulary.build(vocabulary.documents_from(url), "bench")
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nvocabulary of a {services:,}-service directory ({_load()}):")
    print(f"  {len(built.words):,} words ({built.index_terms:,} index words in >= {vocabulary.MIN_SERVICES} services, "
          f"{len(vocabulary.static_words()):,} static); built in {_ms(wall)} (CPU {_ms(cpu)}), once per process")
    print(f"  memory held by the vocabulary's words: {_words_bytes(built.words) / 1e6:.1f} MB "
          f"(traced after the build {current / 1e6:.1f} MB, peak while building {peak / 1e6:.1f} MB; "
          f"max RSS before {rss / 1024:.0f} MB)")
    return built


def _words_bytes(words: frozenset[str]) -> int:
    return sys.getsizeof(words) + sum(sys.getsizeof(w) for w in words)


def bench_privacy(url: str, built) -> None:  # noqa: ANN001 - needs.vocabulary.Vocabulary
    import yaml

    from needs import report
    from needs.demo import phrase_summary
    from needs.record import need_of, stored_query
    from needs.vocabulary import static_vocabulary

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests" / "unit" / "needs"))
    from adversarial_corpus import StoredText, generate
    from pii_corpus import HARMLESS_QUERIES
    from test_allowlist import _TOKENS

    from needs.scrub import normalise

    print("\n" + phrase_summary(engine_for(url)))
    cube = report.load_cube(engine_for(url))
    for region in ("06", "03", "10"):
        distinct, published = report.phrase_counts(engine_for(url), cube, report.Filters(region=region))
        print(f"  region {region}, 52 weeks: {published} of {distinct} distinct needs shown in words")
    cube = report.load_cube(engine_for(url))
    table = report.unmet_needs(engine_for(url), cube, report.Filters(), limit=10)
    print("  top published needs (52 weeks): " + "; ".join(n for n, _ in table.rows if n is not None))
    judged = [q["q"] for q in yaml.safe_load((root / "tests/relevance/judgements.yaml").read_text())["queries"]]
    for label, vocab in (("index + static words", built), ("static words only", static_vocabulary())):
        for corpus, queries in (("harmless corpus", [q for q, _ in HARMLESS_QUERIES]),
                                ("relevance queries", judged)):
            total = kept = 0
            for query in queries:
                stored = set(_TOKENS.findall(stored_query(query, vocab)))
                for token in _TOKENS.findall(normalise(query)):
                    total += 1
                    kept += token in stored
            print(f"  clean tokens kept, {corpus} ({len(queries)} queries), {label}: {kept}/{total} "
                  f"({kept / total:.0%})")
    cases = generate(20_000)
    started = time.perf_counter()
    stored = []
    for case in cases:
        query = stored_query(case.query, built)
        stored += [query, need_of(query)]
    elapsed = time.perf_counter() - started
    secrets = sum(len(c.secrets) for c in cases)
    leaks = StoredText(stored).leaks(cases)
    print(f"  adversarial corpus: {len(cases):,} queries, {secrets:,} personal strings, {len(leaks)} found in "
          f"what is stored (letters+digits folded, digits only); {elapsed / len(cases) * 1000:.3f} ms a query")


def bench_logging(url: str, calls: int, built=None) -> None:  # noqa: ANN001 - needs.vocabulary.Vocabulary
    from needs.log import QueryLog
    from needs.vocabulary import VocabularyCache

    vocabulary = VocabularyCache(documents=list, version=lambda: "bench")
    vocabulary.current = built
    log = QueryLog(url, flush_seconds=1.0, batch_size=500, vocabulary=vocabulary if built is not None else None)
    origin = Origin(45.52, -73.58, label="H2X 1Y4", kind="postal_code", fsa="H2X", region_code="06")
    hits = [Hit(id=str(i), service_id=str(i), score=1.0, distance_km=1.2,
                document={"category_codes": ["food", "food.emergency-food"]}) for i in range(20)]
    response = SearchResponse(total=143, hits=hits, facets={}, page=1, per_page=20)
    requests = [
        SearchRequest(q="banque alimentaire", origin=origin),
        SearchRequest(q="je m'appelle Marie Tremblay, logement 3 1/2 au 1234 rue Ontario, 514-555-1234", locale="fr"),
        SearchRequest(q="food bank near H2X 1Y4", locale="en", languages=("en",)),
        SearchRequest(q="", categories=("housing.shelter",), regions=("06",)),
    ]
    times, cpu = [], []
    for n in range(calls):
        started, cpu_started = time.perf_counter(), time.thread_time()
        log.log_search(requests[n % len(requests)], response if n % 5 else None, "web")
        cpu.append(time.thread_time() - cpu_started)
        times.append(time.perf_counter() - started)
        if n % 500 == 0:
            time.sleep(0.01)  # let the flush thread run, as between real searches
    times.sort()
    cpu.sort()
    print(f"\nlog_search, {calls:,} calls with the flush thread running ({_load()}):")
    print(f"  wall: mean {_ms(statistics.fmean(times))}   p50 {_ms(times[len(times) // 2])}   "
          f"p99 {_ms(times[int(len(times) * 0.99)])}   max {_ms(times[-1])}")
    print(f"  CPU of the calling thread (what a search pays; wall includes waiting for a busy machine's cores "
          f"and the GIL): p50 {_us(cpu[len(cpu) // 2])}   p99 {_us(cpu[int(len(cpu) * 0.99)])}")
    from needs.allowlist import reduce_query
    from needs.scrub import scrub_query

    known = built if built is not None else vocabulary.get()
    texts = [r.q for r in requests] * (calls // len(requests))
    for label, step in (("scrub patterns", scrub_query),
                        ("patterns + allowlist", lambda q: reduce_query(scrub_query(q), known))):
        cpu = []
        for q in texts:
            cpu_started = time.thread_time()
            step(q)
            cpu.append(time.thread_time() - cpu_started)
        cpu.sort()
        print(f"  {label:22} CPU p50 {_us(cpu[len(cpu) // 2])}   p99 {_us(cpu[int(len(cpu) * 0.99)])}")
    started = time.perf_counter()
    log.close(timeout=30)
    print(f"  final flush {_ms(time.perf_counter() - started)}; written {log.written:,}, dropped {log.dropped:,}, "
          f"failed flushes {log.failures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--services", type=int, default=15_000, help="demo directory size (0: none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--log-calls", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--vocabulary-services", type=int, default=15_000,
                        help="services of the demo directory whose words the log may keep")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "bench-cache"),
                        help="where the generated SQLite demo database is kept between runs ('' = never)")
    args = parser.parse_args()

    from needs import demo

    built = build_vocabulary(args.vocabulary_services, 211, args.cache_dir)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench-needs.sqlite'}"
        root = Path(__file__).resolve().parent.parent
        migrations = sorted((root / "migrations").rglob("*.py"))
        sources = [root / "needs" / n for n in ("demo.py", "models.py", "allowlist.py", "vocabulary.py",
                                               "scrub.py", "record.py")] + migrations
        sources += sorted((root / "directory" / "demo").glob("*.py"))
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
        cache_name = (f"needs-{args.searches}-{args.months}-{args.services}-{date.today()}-{digest}"
                      f"-v{len(built.words)}.sqlite")
        cached = Path(args.cache_dir) / cache_name if args.cache_dir else None
        if not args.database_url and cached is not None and cached.exists():
            shutil.copy(cached, url.removeprefix("sqlite:///"))
            print(f"demo database reused from {cached}")
        else:
            migrate.upgrade(url)
            if args.services:
                from directory.demo import generator

                print(generator.build(url, services=args.services, seed=211))
            stats = demo.generate(engine_for(url), searches=args.searches, months=args.months, vocabulary=built)
            print(stats.summary())
            if not args.database_url and cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(url.removeprefix("sqlite:///"), cached)
        bench_privacy(url, built)
        bench_first_request(url)
        bench_supply(url, args.repeat)
        bench_pages(url, args.repeat)
        bench_logging(url, args.log_calls, built)


if __name__ == "__main__":
    main()
