"""Needs analysis: demo generation, dashboard render times, and what logging adds to a search.

    .venv/bin/python bench/needs.py                       # 1,000,000 searches into a fresh SQLite file
    .venv/bin/python bench/needs.py --searches 500000
    .venv/bin/python bench/needs.py --database-url postgresql+psycopg://…/db   (an empty, migrated DB)

Prints figures; asserts nothing (issue targets: 500,000 demo searches in < 60 s; every dashboard page
≤ 500 ms with 1,000,000 logged searches; logging adds ≤ 1 ms to a search).
Pages are timed with the Flask test client: "cold" re-reads the roll-ups (cache expired), "warm"
reuses the figures read within NEEDS_CACHE_SECONDS, as a running server does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def bench_pages(url: str, repeat: int) -> None:
    from portal import create_app

    for label, cache_seconds in (("warm (cache)", 3600), ("cold (re-read roll-ups each request)", 0)):
        app = create_app({"DATABASE_URL": url, "NEEDS_CACHE_SECONDS": cache_seconds, "NEEDS_LOG_ENABLED": False})
        client = app.test_client()
        client.get("/fr/besoins")  # imports (statsmodels, pygal) and first read, reported below
        print(f"\npages, {label}: median / max over {len(FILTERS)} filter sets x {repeat} runs")
        worst = 0.0
        for name, pattern in PAGES.items():
            times = []
            for q in FILTERS:
                if name == "chart forecast" and "category=" in q and "housing" not in q:
                    continue
                for _ in range(repeat):
                    started = time.perf_counter()
                    response = client.get(pattern.format(q=q))
                    times.append(time.perf_counter() - started)
                    assert response.status_code in (200, 404), (name, q, response.status_code)
            worst = max(worst, max(times))
            print(f"  {name:18} {_ms(statistics.median(times))} / {_ms(max(times))}")
        print(f"  slowest page: {_ms(worst)}")


def bench_first_request(url: str) -> None:
    from portal import create_app

    app = create_app({"DATABASE_URL": url, "NEEDS_LOG_ENABLED": False})
    started = time.perf_counter()
    app.test_client().get("/fr/besoins")
    print(f"\nfirst dashboard request of a new process (imports + roll-up read + forecasts): {_ms(time.perf_counter() - started)}")


def bench_logging(url: str, calls: int) -> None:
    from needs.log import QueryLog

    log = QueryLog(url, flush_seconds=1.0, batch_size=500)
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
    times = []
    for n in range(calls):
        started = time.perf_counter()
        log.log_search(requests[n % len(requests)], response if n % 5 else None, "web")
        times.append(time.perf_counter() - started)
        if n % 500 == 0:
            time.sleep(0.01)  # let the flush thread run, as between real searches
    times.sort()
    print(f"\nlog_search, {calls:,} calls with the flush thread running:")
    print(f"  mean {_ms(statistics.fmean(times))}   p50 {_ms(times[len(times) // 2])}   "
          f"p99 {_ms(times[int(len(times) * 0.99)])}   max {_ms(times[-1])}")
    started = time.perf_counter()
    log.close(timeout=30)
    print(f"  final flush {_ms(time.perf_counter() - started)}; written {log.written:,}, dropped {log.dropped:,}, "
          f"failed flushes {log.failures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--log-calls", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    from needs import demo

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench-needs.sqlite'}"
        migrate.upgrade(url)
        stats = demo.generate(engine_for(url), searches=args.searches, months=args.months)
        print(stats.summary())
        bench_first_request(url)
        bench_pages(url, args.repeat)
        bench_logging(url, args.log_calls)


if __name__ == "__main__":
    main()
