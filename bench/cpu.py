"""CPU per request, in process: the uncached results page and the fresh service page.

    .venv/bin/python bench/cpu.py --instance /tmp/p211-load            # figures only
    .venv/bin/python bench/cpu.py --instance /tmp/p211-load --profile  # + pyinstrument top frames
    .venv/bin/python bench/cpu.py --instance DIR --html /tmp/flame     # + pyinstrument HTML pages
    .venv/bin/python bench/cpu.py --instance DIR --checkout /tmp/old   # another checkout's portal

The app runs in this process (Flask's test client, no server, no sockets) against an instance
built by bench/load.py's `build_directory` (built there when missing), with both page caches and
the embedded engine's response cache off, so every request searches, renders and compresses
(`Accept-Encoding: gzip`, like a browser). For
each kind of page it prints the CPU time of one request (time.process_time: this process only,
so other work on a shared machine counts less) at p50/p95 and its mean, and the number of Python
function calls per request (cProfile), which the neighbours do not change at all. The URLs are
bench/pages.py's search list (1 in 4 an htmx fragment) and service pages of bench/load.py's
sample. Wall-clock benchmarks on a busy 2-core machine are noise; this is the figure to develop
against. Prints figures; asserts nothing (docs/architecture.md). Target (issue 20): a fresh
service page <= 4 ms of CPU.

`--profile` samples the same requests with pyinstrument (a dev dependency: pyproject's `test`
extra) and prints, for each kind of page, the frames with the largest share of the time.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHECKOUT = ROOT  # whose code is measured (--checkout)


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_app(instance: Path):
    os.environ.update(PORTAL_INSTANCE_PATH=str(instance), DATABASE_URL=f"sqlite:///{instance / 'portail211.sqlite'}",
                      INDEX_PATH=str(instance / "index"), SEARCH_ENGINE="embedded", SECRET_KEY="bench-cpu",
                      SEARCH_PAGE_CACHE_SECONDS="0", SERVICE_PAGE_CACHE_SECONDS="0", LOG_LEVEL="warning")
    from portal import create_app, search_service

    app = create_app()
    with app.app_context():
        # The engine's own cache of whole responses too: every search is asked of the index.
        search_service.engine().response_cache_size = 0
    return app


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def requests_for(kind: str, paths: list[str], fragment_every: int) -> list[tuple[str, dict[str, str]]]:
    out = []
    for i, path in enumerate(paths):
        headers = {"Accept-Language": "fr-CA", "Accept-Encoding": "gzip"}
        if kind == "results" and fragment_every and (i + 1) % fragment_every == 0:
            headers["HX-Request"] = "true"
        out.append((path, headers))
    return out


def measure(client, requests: list[tuple[str, dict[str, str]]], rounds: int) -> list[list[float]]:
    """CPU ms of each request, per round."""
    out = []
    for _ in range(rounds):
        times = []
        for path, headers in requests:
            started = time.process_time()
            response = client.get(path, headers=headers)
            times.append((time.process_time() - started) * 1000)
            if response.status_code >= 500:
                raise SystemExit(f"{path}: {response.status_code}")
        out.append(times)
    return out


def python_calls(client, requests: list[tuple[str, dict[str, str]]]) -> float:
    """Python function calls per request (cProfile's count): the same on a busy machine as on a
    quiet one, so a before/after comparison of the work done does not depend on the neighbours."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    measure(client, requests, 1)
    profiler.disable()
    return pstats.Stats(profiler).total_calls / len(requests)  # type: ignore[attr-defined]


def top_frames(session, limit: int = 16) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """The flame graph in two lists of (share of the samples, frame): the project's own frames by
    inclusive time (a frame's subtree; recursion counted once), and every frame by self time."""
    root = session.root_frame()
    total = (root.time if root else 0.0) or 1.0
    inclusive: dict[str, float] = {}
    own: dict[str, float] = {}

    def walk(frame, seen: frozenset[str]) -> None:
        path = frame.file_path or ""
        name = f"{frame.function} ({Path(path).name or '?'}:{frame.line_no})"
        if name not in seen and path.startswith(str(CHECKOUT)) and "/.venv/" not in path and "/bench/" not in path:
            inclusive[name] = inclusive.get(name, 0.0) + frame.time
        label = f"{frame.function} ({Path(path).parent.name}/{Path(path).name})" if path else frame.function
        for child in frame.children:
            if child.function == "[self]":  # pyinstrument's synthetic frame: the parent's own time
                own[label] = own.get(label, 0.0) + child.time
            else:
                walk(child, seen | {name})

    if root:
        walk(root, frozenset())

    def ranked(table: dict[str, float]) -> list[tuple[float, str]]:
        return [(t / total * 100, n) for n, t in sorted(table.items(), key=lambda kv: -kv[1])[:limit]]

    return ranked(inclusive), ranked(own)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instance", type=Path, required=True)
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--checkout", type=Path, help="measure the portal of this checkout (default: this one)")
    parser.add_argument("--profile", action="store_true", help="pyinstrument: print the top frames")
    parser.add_argument("--html", type=Path, help="pyinstrument: write an HTML flame page per kind here")
    args = parser.parse_args()
    instance = args.instance.resolve()
    load = _bench_module("load")  # (each puts this checkout first on sys.path)
    pages = _bench_module("pages")
    if args.checkout:  # its portal, indexer and directory packages, before anything imports them
        global CHECKOUT
        CHECKOUT = args.checkout.resolve()
        sys.path.insert(0, str(CHECKOUT))
    load.build_directory(instance, args.services)
    app = make_app(instance)
    import indexer
    import portal

    print(f"portal from {Path(portal.__file__).parent.parent}, indexer from {Path(indexer.__file__).parent.parent}")
    client = app.test_client()
    kinds = {
        "results": requests_for("results", pages.search_paths(), pages.FRAGMENT_EVERY),
        "service": requests_for("service", [f"/fr/service/{i}" for i in load.sample_ids(instance, 60)], 0),
    }
    for reqs in kinds.values():
        measure(client, reqs, 1)  # warm-up: the index reader, templates, the ORM's compiled queries
    # As in a gunicorn worker (gunicorn.conf.py): the loaded heap frozen, the young threshold raised.
    # CPython's defaults would walk the whole app every few pages and bill it to whatever allocates.
    gc.collect()
    gc.freeze()
    gc.set_threshold(int(os.environ.get("WEB_GC_THRESHOLD", "5000")), 20, 100)
    for kind, reqs in kinds.items():
        rounds = measure(client, reqs, args.rounds)
        times = [t for r in rounds for t in r]
        quietest = min(statistics.median(r) for r in rounds)
        print(f"{kind} pages, caches off, CPU per request (ms, {len(times)} requests): "
              f"p50 {percentile(times, 50):.2f}  p95 {percentile(times, 95):.2f}  mean {statistics.mean(times):.2f}"
              f"  (lowest median of a round {quietest:.2f}); "
              f"Python calls per request {python_calls(client, reqs):,.0f}")
        if args.profile or args.html:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            profiler.start()
            measure(client, reqs, args.rounds)
            profiler.stop()
            if args.profile:
                inclusive, own = top_frames(profiler.last_session)
                print(f"  {kind}: the portal's frames by share of the profiled time (inclusive):")
                for share, name in inclusive:
                    print(f"    {share:5.1f} %  {name}")
                print(f"  {kind}: frames by self time:")
                for share, name in own:
                    print(f"    {share:5.1f} %  {name}")
            if args.html:
                args.html.mkdir(parents=True, exist_ok=True)
                (args.html / f"{kind}.html").write_text(profiler.output_html(), encoding="utf-8")
                print(f"  flame page: {args.html / f'{kind}.html'}")
    print("load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
