"""What live capacity (and the holiday logic beside it) adds to a whole search at 15,000 services,
what the "places available now" filter costs the engine, and how long a capacity update takes to
be seen by search.

    PYTHONPATH=. .venv/bin/python bench/capacity.py                    # 15,000 services, 20 rounds
    PYTHONPATH=. .venv/bin/python bench/capacity.py --rounds 30 --updates 30
    PYTHONPATH=. .venv/bin/python bench/capacity.py --engine opensearch   # the update on OpenSearch
                                                                          # too (OPENSEARCH_URL)

1. Per search of bench/search.py's mix plus shelter and food-aid queries (the demo's counted
   services: directory/demo/capacity.py), CPU time of: the engine search; the same search with
   `available_now` (the filter: one range clause on `available_until`); the results page's
   capacity lines of the hits (portal/display/capacity.py, with gettext and Babel, cold) and their
   "open now / next opening" lines with the holiday logic (portal/display/hours.py, memo cleared
   before each search). "Added" = capacity lines + (status lines with holidays - without), paired
   per search: what capacity and holidays add to a whole search (target: <= 1 ms p95).
2. Update -> search: `directory.capacity.set_capacity`, commit, the live index refresh the staff
   save runs (`indexer.live_backlog.refresh`), while ANOTHER engine object on the same index
   (another web worker) searches "places available now" every 5 ms in a thread. Wall time from the
   update call to the first search that counts the service (target: <= 2 s), and to the update's
   own return (which also waits for the index's segment merges).

CPU time where the machine's load would blur wall time (the load average is printed). Asserts
nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the packages, before bench/needs.py

from search import MIX, demo_database, load, opensearch_url, percentile
from sqlalchemy import select

from directory import capacity
from directory.db import session_scope
from directory.models import Service, ServiceCapacity
from indexer import live_backlog
from indexer.document import iter_documents
from indexer.embedded import EmbeddedEngine
from indexer.engine import SearchRequest
from indexer.factory import engine_from_config
from portal.display import capacity as capacity_display
from portal.display import hours

SHELTERS = [SearchRequest(q="refuge"), SearchRequest(q="hébergement d'urgence"), SearchRequest(q="soupe populaire"),
            SearchRequest(q="banque alimentaire", regions=("06",)), SearchRequest(q="", categories=("housing",))]


def _no_special_days(schedules, start, end, holiday_rule):
    return {}


def _lines(hits, now: dt.datetime, *, capacity_on: bool, holidays_on: bool) -> float:
    """CPU ms of the hits' status lines (open now with or without the holiday logic) and, when
    `capacity_on`, their capacity lines."""
    real = hours.special_days
    if not holidays_on:
        hours.special_days = _no_special_days  # type: ignore[assignment]
    try:
        hours.clear_status_cache()
        started = time.thread_time()
        for hit in hits:
            doc = hit.document
            rows = doc.get("schedule") or []
            if not holidays_on:
                rows = [r for r in rows if not r.get("exception")]
            hours.compact_open_status(hours.compact_key(rows, doc.get("holiday_rule") if holidays_on else None), now)
            if capacity_on and doc.get("capacities"):
                capacity_display.views(doc["capacities"], now, "fr")
        return (time.thread_time() - started) * 1000
    finally:
        hours.special_days = real  # type: ignore[assignment]


def search_costs(engine: EmbeddedEngine, rounds: int, now: dt.datetime) -> dict[str, list[float]]:
    requests = [dataclasses.replace(r, now=now) for r in [*MIX, *SHELTERS]]
    out: dict[str, list[float]] = {k: [] for k in ("engine", "engine with the filter", "whole search",
                                                   "capacity + holidays added", "capacity lines alone",
                                                   "noise (same twice)")}
    for round_ in range(rounds):
        for request in requests:
            started = time.thread_time()
            hits = engine.search(request).hits
            searched = (time.thread_time() - started) * 1000
            started = time.thread_time()
            engine.search(dataclasses.replace(request, available_now=True))
            filtered = (time.thread_time() - started) * 1000
            order = (True, False) if round_ % 2 else (False, True)
            measured = {on: _lines(hits, now, capacity_on=on, holidays_on=on) for on in order}
            capacity_only = _lines(hits, now, capacity_on=True, holidays_on=False) - \
                _lines(hits, now, capacity_on=False, holidays_on=False)
            again = _lines(hits, now, capacity_on=False, holidays_on=False)
            out["engine"].append(searched)
            out["engine with the filter"].append(filtered)
            out["whole search"].append(searched + measured[True])
            out["capacity + holidays added"].append(measured[True] - measured[False])
            out["capacity lines alone"].append(capacity_only)
            out["noise (same twice)"].append(again - measured[False])
    return out


def _places(reader) -> int:
    return reader.search(SearchRequest(available_now=True, facets=False, per_page=1, highlight=False)).total


def update_latency(config: dict, reader, url: str, updates: int) -> tuple[list[float], list[float]]:
    """Per update, seconds from the `set_capacity` call to (1) the first search by `reader`, polling
    every 5 ms in another thread the whole time, that counts the service among "places available
    now" (its documents join the filter's total: nothing else changes it) and (2) the update's
    return (commit + live index refresh, which also waits for the index's segment merges)."""
    with session_scope(url) as session:
        ids = list(session.scalars(select(Service.id).where(Service.status == "active",
                                                            Service.id.not_in(select(ServiceCapacity.service_id)))
                                   .order_by(Service.id).limit(updates)))
    seen, returned = [], []
    for service_id in ids:
        before = _places(reader)
        found: list[float] = []

        def poll(started: float, before: int = before, found: list[float] = found) -> None:
            while time.perf_counter() - started < 10:
                if _places(reader) != before:
                    found.append(time.perf_counter() - started)
                    return
                time.sleep(0.005)

        started = time.perf_counter()
        poller = threading.Thread(target=poll, args=(started,))
        poller.start()
        with session_scope(url) as session:
            change = capacity.set_capacity(session, session.get(Service, service_id), "beds", 5, 10, by="bench")
        live_backlog.refresh(config, change.service_ids)
        returned.append(time.perf_counter() - started)
        poller.join()
        seen.append(found[0] if found else float("inf"))
    return seen, returned


def report(title: str, values: list[float], unit: str = "ms", scale: float = 1.0) -> None:
    p50, p95, top = statistics.median(values) * scale, percentile(values, 95) * scale, max(values) * scale
    print(f"{title:>30}: p50 {p50:7.3f} {unit}  p95 {p95:7.3f} {unit}  max {top:7.3f} {unit}  ({len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--seed", type=int, default=211)
    parser.add_argument("--engine", choices=("embedded", "opensearch"), default="embedded")
    args = parser.parse_args()
    from portal import create_app

    with tempfile.TemporaryDirectory() as tmp:
        url, how = demo_database(Path(tmp), args.services, args.seed)
        now = dt.datetime.now(dt.UTC)
        with session_scope(url) as session:
            counts = session.scalars(select(ServiceCapacity)).all()
            fresh = sum(1 for c in counts if capacity.is_fresh(c.updated, None, now) and c.available > 0)
        print(f"== {args.services:,} services (demo {how}); {len(counts):,} capacity counts, "
              f"~{fresh:,} fresh above 0 (24 h)")
        index = Path(tmp) / "index"
        engine = EmbeddedEngine(index, response_cache_size=0)
        started = time.perf_counter()
        result = engine.rebuild(iter_documents(url))
        print(f"rebuild: {result.documents:,} documents in {time.perf_counter() - started:.1f} s ({load()})")
        app = create_app({"DATABASE_URL": url, "TESTING": True, "INDEX_PATH": str(index),
                          "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": False})
        with app.test_request_context("/fr/"):
            search_costs(engine, 2, now)  # warm
            costs = search_costs(engine, args.rounds, now)
        print("per search, CPU time:")
        for title, values in costs.items():
            report(title, values)
        filtered = engine.search(SearchRequest(available_now=True, now=now, facets=False)).total
        print(f"'places available now' over the whole directory: {filtered:,} documents")
        reader = EmbeddedEngine(index)  # another worker's engine on the same index (its own cache)
        seen, returned = update_latency({"DATABASE_URL": url, "SEARCH_ENGINE": "embedded",
                                         "INDEX_PATH": str(index)}, reader, url, args.updates)
        report("update -> seen (embedded)", seen, "s")
        report("update call returned", returned, "s")
        if args.engine == "opensearch":
            config = {"DATABASE_URL": url, "SEARCH_ENGINE": "opensearch", "OPENSEARCH_URL": opensearch_url(),
                      "OPENSEARCH_INDEX": f"bench-capacity-{int(time.time())}", "OPENSEARCH_REPLICAS": 0,
                      "SEARCH_FAILOVER": False, "INDEX_PATH": str(index)}
            node = engine_from_config(config)
            node.rebuild(iter_documents(url))
            try:
                seen, returned = update_latency(config, node, url, args.updates)
                report("update -> seen (opensearch)", seen, "s")
                report("update call returned", returned, "s")
            finally:
                node.client.indices.delete(index=f"{config['OPENSEARCH_INDEX']}-v*", ignore_unavailable=True)
        print(load())


if __name__ == "__main__":
    main()
