"""HSDS API figures at 15,000 services: /services?search= latency and a full ndjson export.

    .venv/bin/python bench/api.py                        # builds a demo directory + index in /tmp
    .venv/bin/python bench/api.py --database sqlite:////tmp/x.sqlite --index /tmp/x-index

In-process WSGI (Flask's test client: the whole request path, routing, the engine, the database,
serialization, ETag; no socket). The ndjson export streams /services?format=ndjson&full=true
and measures time and the peak RSS growth while it runs (flat memory: it should not grow with the
number of services). Prints figures; asserts nothing (targets: search p95 <= 20 ms,
export <= 10 s). On a shared machine wall times follow the load: each figure also gives the CPU
time the request itself used (thread CPU for a search request, process CPU for an export), and the
load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # top-level packages

QUERIES = [
    "banque alimentaire", "aide", "logement", "food bank", "emploi", "aide aux devoirs",
    "hébergement d'urgence pour femmes", "santé mentale", "aînés", "clinique d'impôts bénévole",
    "banqe alimentair", "mental health", "dépannage", "francisation", "transport",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} CPUs)"


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def prepare(services: int, tmp: Path) -> tuple[str, Path]:
    from directory import migrate
    from directory.demo import generator
    from indexer.document import iter_documents
    from indexer.embedded import EmbeddedEngine

    url = f"sqlite:///{tmp / 'bench.sqlite'}"
    migrate.upgrade(url)
    started = time.perf_counter()
    generator.build(url, services=services, seed=211)
    index = tmp / "index"
    EmbeddedEngine(index).rebuild(iter_documents(url))
    print(f"demo directory + index: {services:,} services in {time.perf_counter() - started:.1f} s")
    return url, index


def run(url: str, index: Path, rounds: int) -> None:
    from portal import create_app

    app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(index), "SERVER_NAME": "localhost",
                      "API_RATE_LIMIT": "1000000/minute", "OPENDATA_PATH": str(index.parent / "od")})
    client = app.test_client()
    total = client.get("/api/hsds/services?per_page=1").get_json()["total_items"]
    print(f"directory: {total:,} services")

    paths = [f"/api/hsds/services?search={q}" for q in QUERIES]
    for path in paths:  # warm: analysis caches, searcher, schema-free paths
        client.get(path)
    print(f"load average at start: {_load()}")
    timings: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        for path in paths:
            started, cpu_started = time.perf_counter(), time.thread_time()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - cpu_started) * 1000)
            assert response.status_code == 200, response.get_data(as_text=True)[:200]
    print(f"/services?search= ({len(timings)} requests, {len(QUERIES)} queries, 20 per page): "
          f"p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 95):.1f} ms, "
          f"max {max(timings):.1f} ms; CPU p50 {statistics.median(cpu):.1f} ms, "
          f"p95 {percentile(cpu, 95):.1f} ms")
    sal = []
    for _ in range(rounds):
        for q in QUERIES[:8]:
            started = time.perf_counter()
            client.get(f"/api/hsds/service_at_locations?search={q}&postcode=H2W 1Y4")
            sal.append((time.perf_counter() - started) * 1000)
    print(f"/service_at_locations?search=&postcode= : p50 {statistics.median(sal):.1f} ms, "
          f"p95 {percentile(sal, 95):.1f} ms")

    for path in ("/api/hsds/services?format=ndjson&full=true",
                 "/api/hsds/services?format=ndjson&full=true&profile=bilingual"):
        before = _rss_kb()
        peak = [before]
        done = threading.Event()

        def sample(peak=peak, done=done) -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _rss_kb())
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path, buffered=False)
        first = time.perf_counter() - started
        lines = size = 0
        for chunk in response.response:
            size += len(chunk)
            lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        done.set()
        sampler.join()
        print(f"{path}: {lines:,} services, {size / 1e6:.0f} MB in {seconds:.1f} s, "
              f"(CPU {cpu_seconds:.1f} s, first chunk after {first * 1000:.0f} ms), "
              f"peak RSS +{(peak[0] - before) / 1024:.0f} MB")
    print(f"load average at end: {_load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--database", help="an existing directory database (skips the demo build)")
    parser.add_argument("--index", help="its index directory (with --database)")
    args = parser.parse_args()
    if args.database:
        run(args.database, Path(args.index), args.rounds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        url, index = prepare(args.services, Path(tmp))
        run(url, index, args.rounds)


if __name__ == "__main__":
    main()
