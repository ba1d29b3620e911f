"""Load test of the production server (scripts/serve.sh, gunicorn) with wrk, on loopback.

    .venv/bin/python bench/load.py                        # builds a 15,000-service demo in a temp dir
    .venv/bin/python bench/load.py --instance /tmp/p211   # reuses (or builds once) a directory there
    .venv/bin/python bench/load.py --seconds 30 --connections 50 --engine embedded

Two phases against the same server, each `--seconds` long at `--connections` connections:

1. mix: a realistic visit mix, round robin over a shuffled list of URLs: home pages (10 %),
   searches with text, filters and places (50 %), service pages (25 %), HSDS API calls (15 %);
2. search: searches only (the same search URLs), to measure searches per second on their own.

Prints requests/s, p50/p90/p99 latency, errors (socket errors and non-2xx/3xx answers) and the
machine's load average; asserts nothing (docs/architecture.md: benchmarks print figures). Reference
target on the 2-core machine with the embedded engine: >= 300 searches/s with zero errors.

wrk comes from Debian (`apt-get install -y wrk`), driven by bench/wrk.py (shared with
bench/pages.py); like a browser it sends `Accept-Encoding: gzip`, so the server compresses
(portal/compression.py) and the figures include that cost; the bytes per response printed are what
went over the wire. The API rate limit is lifted for the run (API_RATE_LIMIT): wrk is one client
address.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import wrk  # noqa: E402  (bench/ is a namespace package under ROOT)

PLACES = ["Montréal", "H2X 1Y4", "Québec", "G1R", "Sherbrooke", "Laval", "Gatineau", "J4K 2T1"]
QUERIES = ["banque alimentaire", "food bank", "aide", "logement", "hébergement d'urgence",
           "itinérance", "emploi", "aînés", "santé mentale", "mental health", "dépannage alimentaire",
           "aide aux devoirs", "clinique d'impôts", "banqe alimentair", "", "transport", "répit"]
REGIONS = ["06", "03", "05", "13", "16"]

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_directory(instance: Path, services: int) -> None:
    from directory import migrate
    from directory.demo import generator
    from indexer.document import iter_documents
    from indexer.embedded import EmbeddedEngine

    url = f"sqlite:///{instance / 'portail211.sqlite'}"
    index = instance / "index"
    if (index / "CURRENT").exists() and generator.has_services(url):
        print(f"reusing the directory and index in {instance}")
        return
    instance.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    migrate.upgrade(url)
    generator.build(url, services=services, seed=211, progress=False)
    EmbeddedEngine(index).rebuild(iter_documents(url))
    print(f"built a {services:,}-service demo directory and index in {time.perf_counter() - started:.0f} s")


def sample_ids(instance: Path, limit: int = 400) -> list[str]:
    from sqlalchemy import text

    from directory.db import engine_for

    with engine_for(f"sqlite:///{instance / 'portail211.sqlite'}").connect() as connection:
        rows = connection.execute(text("SELECT id FROM service WHERE status = 'active' ORDER BY id LIMIT :n"),
                                  {"n": limit})
        return [row[0] for row in rows]


def search_paths(rng: random.Random, count: int) -> list[str]:
    out = []
    for i in range(count):
        lang = "fr" if i % 4 else "en"
        params: list[tuple[str, str]] = [("q", rng.choice(QUERIES))]
        roll = rng.random()
        if roll < 0.4:
            params.append(("place", rng.choice(PLACES)))
            if rng.random() < 0.5:
                params.append(("radius", str(rng.choice([5, 10, 25, 50]))))
        if 0.3 < roll < 0.6:
            params.append(("region", rng.choice(REGIONS)))
        if rng.random() < 0.2:
            params.append(("language", "en"))
        if rng.random() < 0.15:
            params.append(("free", "1"))
        if rng.random() < 0.1:
            params.append(("page", "2"))
        out.append(f"/{lang}/{'recherche' if lang == 'fr' else 'search'}?{urlencode(params)}")
    return out


def mix_paths(rng: random.Random, ids: list[str], searches: list[str]) -> list[str]:
    paths = ["/fr/", "/en/"] * 50
    paths += searches[:500]
    paths += [f"/{rng.choice(['fr', 'en'])}/service/{rng.choice(ids)}" for _ in range(250)]
    for _ in range(150):
        kind = rng.random()
        if kind < 0.5:
            paths.append(f"/api/hsds/services?{urlencode({'search': rng.choice(QUERIES[:8]), 'per_page': 20})}")
        elif kind < 0.8:
            paths.append(f"/api/hsds/services/{rng.choice(ids)}")
        else:
            paths.append("/api/hsds/taxonomy_terms?per_page=50")
    rng.shuffle(paths)
    return paths


def wait_ready(base: str, seconds: float = 90) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {base} was not ready after {seconds:.0f} s")


def report(name: str, result: dict, search_share: float) -> None:
    rps = result["requests"] / result["seconds"]
    errors = wrk.errors(result)
    print(f"\n{name}: {result['requests']:,} requests in {result['seconds']:.1f} s = {rps:,.0f} req/s"
          + (f", of which searches ≈ {rps * search_share:,.0f}/s" if search_share < 1 else ""))
    print(f"  latency ms: p50 {result['p50']:.1f}  p90 {result['p90']:.1f}  p99 {result['p99']:.1f}"
          f"  max {result['max']:.1f}  mean {result['mean']:.1f}")
    print(f"  on the wire (Accept-Encoding: gzip): {result['bytes'] / max(result['requests'], 1) / 1000:.1f} kB"
          " per response, headers included")
    print(f"  errors: {errors} (connect {result['connect']}, read {result['read']}, write {result['write']}, "
          f"timeout {result['timeout']}, non-2xx/3xx {result['status']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instance", type=Path, help="directory for the database and index (default: temp)")
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn WEB_WORKERS (default: its own)")
    parser.add_argument("--engine", default="embedded", choices=["embedded", "opensearch"])
    parser.add_argument("--caches", choices=["on", "off"], default="on",
                        help="off: the page caches and the engine's response cache off (issue 20's target: "
                             ">= 300 searches/s with 0 errors)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    temporary = None
    instance = args.instance
    if instance is None:
        temporary = tempfile.TemporaryDirectory(prefix="portail211-load-")
        instance = Path(temporary.name)
    instance = instance.resolve()
    build_directory(instance, args.services)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PORTAL_INSTANCE_PATH=str(instance),
               DATABASE_URL=f"sqlite:///{instance / 'portail211.sqlite'}", INDEX_PATH=str(instance / "index"),
               SEARCH_ENGINE=args.engine, SECRET_KEY=os.urandom(16).hex(), PORT=str(port), HOST="127.0.0.1",
               API_RATE_LIMIT="100000000/minute", ACCESS_LOG="0", LOG_LEVEL="warning")
    if args.workers:
        env["WEB_WORKERS"] = str(args.workers)
    if args.caches == "off":  # every search asked of the engine, every page rendered
        env.update(SEARCH_PAGE_CACHE_SECONDS="0", SERVICE_PAGE_CACHE_SECONDS="0", SEARCH_RESPONSE_CACHE_SIZE="0")
    server = subprocess.Popen(["bash", str(ROOT / "scripts" / "serve.sh")], env=env, cwd=ROOT,
                              start_new_session=True)
    try:
        ready = wait_ready(base)
        print(f"server {base} ready: {ready['checks']['search']}")
        rng = random.Random(211)
        ids = sample_ids(instance)
        searches = search_paths(rng, 1000)
        mix = mix_paths(rng, ids, searches)
        share = sum(1 for p in mix if "/recherche?" in p or "/search?" in p) / len(mix)
        # Warm-up: each worker opens its index reader and fills its caches.
        wrk.run(base, mix, 5, args.connections, args.threads)
        load_before = os.getloadavg()
        mixed = wrk.run(base, mix, args.seconds, args.connections, args.threads)
        only = wrk.run(base, searches, args.seconds, args.connections, args.threads)
        load_after = os.getloadavg()
        print(f"\n{os.cpu_count()} CPUs; load average before {load_before[0]:.1f}, after {load_after[0]:.1f} "
              f"(other processes count: compare with an idle machine)")
        print(f"{args.connections} connections, {args.seconds} s per phase, engine {args.engine}, "
              f"caches {args.caches}, "
              f"gunicorn workers {env.get('WEB_WORKERS', 'default (3)')} "
              f"x threads {env.get('WEB_THREADS', 'default (2)')}")
        report("mix (home, searches, service pages, API)", mixed, share)
        report("searches only", only, 1.0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        if temporary is not None:
            temporary.cleanup()


if __name__ == "__main__":
    main()
