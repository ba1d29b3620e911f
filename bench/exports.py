"""Streaming exports of the whole directory: time and peak memory, printed, never asserted.

    .venv/bin/python bench/exports.py [--services 15000] [--formats csv,json,geojson]

Builds and indexes a demo directory once, then for each format starts a fresh Python process that
creates the app, warms it up (a one-service export), notes its peak RSS, streams
GET /fr/export/results.<fmt> (every service: no query) while counting bytes, and prints the peak
RSS growth and the time. A fresh process per format, so one format's peak does not hide another's.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def build(tmp: Path, services: int) -> None:
    from directory import migrate
    from directory.demo import generator
    from indexer.document import iter_documents
    from indexer.factory import engine_from_config

    url = f"sqlite:///{tmp / 'demo.sqlite'}"
    started = time.perf_counter()
    migrate.upgrade(url)
    generator.build(url, services=services, seed=211)
    engine_from_config({"INDEX_PATH": str(tmp / "index")}).rebuild(iter_documents(url))
    print(f"demo directory of {services:,} services built and indexed in {time.perf_counter() - started:.0f} s")


def measure(tmp: Path, fmt: str) -> None:
    from portal import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite'}", "INDEX_PATH": str(tmp / "index"),
                      "SERVER_NAME": "localhost", "NEEDS_LOG_ENABLED": False})
    client = app.test_client()
    client.get(f"/fr/export/results.{fmt}?per_page=1&q=zzzznotfound").close()  # imports, templates, engine
    before = peak_mb()
    started = time.perf_counter()
    response = client.get(f"/fr/export/results.{fmt}", buffered=False)
    size = 0
    for chunk in response.response:
        size += len(chunk)
    response.close()
    seconds = time.perf_counter() - started
    print(f"{fmt:8} {size / 1e6:7.1f} MB in {seconds:5.1f} s, peak RSS +{peak_mb() - before:6.1f} MB "
          f"(process peak {peak_mb():.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--formats", default="csv,json,geojson")
    parser.add_argument("--measure", nargs=2, metavar=("DIR", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(Path(args.measure[0]), args.measure[1])
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    try:
        build(tmp, args.services)
        for fmt in args.formats.split(","):
            subprocess.run([sys.executable, __file__, "--measure", str(tmp), fmt], check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
