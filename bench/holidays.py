"""What Québec holidays and curators' exceptions add to a whole search at 15,000 services.

    .venv/bin/python bench/holidays.py                 # 15,000 services, 20 rounds
    .venv/bin/python bench/holidays.py --services 15000 --rounds 30

The engine's open-now filter reads slots the index already holds (holidays applied at indexing:
indexer/schedule.py), so a search's engine part is unchanged. The holiday logic a search adds is the
results page's "open now / next opening" line of each hit (portal/display/hours.py
`compact_open_status`), which now applies the service's holiday rule and exceptions. Measured here,
per request of bench/search.py's mix, on the week of Christmas 2026 (a holiday in the window), with
the memo of that line cleared before every search (the worst case: a cold process), twice:

* with the holiday logic, on a directory where 1 service in 10 has a holiday rule and 1 in 20 an
  exceptional closure or special hours;
* without it: the same hits, `special_days` replaced by "no exception, no holiday" (what the code
  computed before), exceptions removed from the rows.

Prints CPU-time p50/p95 of the engine search, of the whole search (engine + the hits' lines) and
of the paired difference per search (the holiday logic's cost). CPU time, not wall time: the
machine is shared (the load average is printed). Asserts nothing.

Run it with the worktree first on the path (`PYTHONPATH=. .venv/bin/python bench/holidays.py`):
the script's own directory comes first otherwise, and an installed checkout could be imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from search import MIX, demo_database, load, percentile
from sqlalchemy import select

from directory.db import session_scope
from directory.models import Schedule, Service
from indexer.document import iter_documents
from indexer.embedded import EmbeddedEngine
from indexer.schedule import MONTREAL
from portal.display import hours

WEEK = dt.date(2026, 12, 21)  # Monday of Christmas week
NOW = dt.datetime(2026, 12, 25, 10, 30, tzinfo=MONTREAL)
ORDINARY = dt.datetime(2026, 11, 18, 10, 30, tzinfo=MONTREAL)
RULES = ("closed", "open", "closed:christmas,new_year,jan_2", "closed:moving_day")


def add_rules_and_exceptions(url: str, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    rules = exceptions = 0
    with session_scope(url) as session:
        for service_id in session.scalars(select(Service.id).order_by(Service.id)):
            roll = rng.random()
            if roll < 0.10:
                session.get(Service, service_id).holiday_rule = rng.choice(RULES)
                rules += 1
            elif roll < 0.15:
                start = WEEK + dt.timedelta(days=rng.randrange(0, 10))
                if rng.random() < 0.5:
                    session.add(Schedule(service_id=service_id, exception="closed", valid_from=start,
                                         valid_to=start + dt.timedelta(days=rng.randrange(0, 5))))
                else:
                    session.add(Schedule(service_id=service_id, exception="hours", valid_from=start,
                                         valid_to=start + dt.timedelta(days=3), opens_at="10:00", closes_at="14:00"))
                exceptions += 1
    return rules, exceptions


def _no_special_days(schedules, start, end, holiday_rule):
    return {}


def _statuses(hits, now: dt.datetime, *, holidays_on: bool) -> float:
    """CPU milliseconds of the hits' "open now / next opening" lines, computed cold."""
    real = hours.special_days
    if not holidays_on:
        hours.special_days = _no_special_days  # type: ignore[assignment]
    try:
        hours.clear_status_cache()
        started = time.thread_time()
        for hit in hits:
            rows = hit.document.get("schedule") or []
            if not holidays_on:
                rows = [r for r in rows if not r.get("exception")]
            rule = hit.document.get("holiday_rule") if holidays_on else None
            hours.compact_open_status(hours.compact_key(rows, rule), now)
        return (time.thread_time() - started) * 1000
    finally:
        hours.special_days = real  # type: ignore[assignment]


def measure(engine: EmbeddedEngine, rounds: int, now: dt.datetime) -> tuple[list[float], ...]:
    """Per search: CPU ms of the engine, of the whole search (engine + the hits' lines with the
    holiday logic), the paired difference with the same lines computed without it (same hits, same
    moment), and the noise floor (the lines without it, computed twice)."""
    requests = [r.__class__(**{**r.__dict__, "now": now}) for r in MIX]
    engine_ms, whole_ms, added_ms, noise_ms = [], [], [], []
    for round_ in range(rounds):
        for request in requests:
            started = time.thread_time()
            hits = engine.search(request).hits
            searched = (time.thread_time() - started) * 1000
            # Alternate which goes first, so neither pays for warming the other's caches.
            if round_ % 2:
                without = _statuses(hits, now, holidays_on=False)
                with_h = _statuses(hits, now, holidays_on=True)
            else:
                with_h = _statuses(hits, now, holidays_on=True)
                without = _statuses(hits, now, holidays_on=False)
            again = _statuses(hits, now, holidays_on=False)
            engine_ms.append(searched)
            whole_ms.append(searched + with_h)
            added_ms.append(with_h - without)
            noise_ms.append(again - without)
    return engine_ms, whole_ms, added_ms, noise_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=211)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, how = demo_database(Path(tmp), args.services, args.seed)
        rules, exceptions = add_rules_and_exceptions(url, args.seed)
        print(f"== {args.services:,} services (demo {how}); {rules:,} holiday rules, {exceptions:,} exceptions")
        engine = EmbeddedEngine(Path(tmp) / "index", response_cache_size=0)
        started = time.perf_counter()
        result = engine.rebuild(iter_documents(url, today=WEEK))
        print(f"rebuild for the week of {WEEK}: {result.documents:,} documents in "
              f"{time.perf_counter() - started:.1f} s ({load()})")
        measure(engine, 2, NOW)  # warm the engine's caches
        for title, now in (("Christmas Day 2026, 10:30 (holidays in the window)", NOW),
                           ("Wednesday 18 November 2026, 10:30 (no holiday within 3 weeks)", ORDINARY)):
            engine_ms, whole_ms, added_ms, noise_ms = measure(engine, args.rounds, now)
            print(title)
            for label, values in (("engine search", engine_ms), ("whole search", whole_ms),
                                  ("holiday logic added", added_ms), ("noise (same twice)", noise_ms)):
                print(f"{label:>20}: p50 {statistics.median(values):6.2f} ms  p95 {percentile(values, 95):6.2f} ms"
                      f"  max {max(values):6.2f} ms  (CPU time, {len(values)} searches)")
        print(load())

if __name__ == "__main__":
    main()
