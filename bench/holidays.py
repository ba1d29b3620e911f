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
* without it: the same searches, the day rule replaced by "no exception, no holiday" (what the
  code computed before), exceptions removed from the rows.

Prints p50/p95 of the whole search (engine + the 20 hits' open status) both ways, and the difference.
Asserts nothing; the machine is shared: the load average is printed beside the figures.
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


def _no_holidays(exceptions, day, rule, every_day):
    return hours.DayRule((), None)


def measure(engine: EmbeddedEngine, rounds: int, *, holidays_on: bool) -> list[float]:
    requests = [r.__class__(**{**r.__dict__, "now": NOW}) for r in MIX]
    real_day_rule = hours.day_rule
    if not holidays_on:
        hours.day_rule = _no_holidays  # type: ignore[assignment]
    try:
        timings: list[float] = []
        for _ in range(rounds):
            for request in requests:
                hours.clear_status_cache()  # cold: every hit's line computed
                started = time.perf_counter()
                response = engine.search(request)
                for hit in response.hits:
                    rows = hit.document.get("schedule") or []
                    if not holidays_on:
                        rows = [r for r in rows if not r.get("exception")]
                    rule = hit.document.get("holiday_rule") if holidays_on else None
                    hours.compact_open_status(hours.compact_key(rows, rule), NOW)
                timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        hours.day_rule = real_day_rule  # type: ignore[assignment]


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
        measure(engine, 2, holidays_on=True)  # warm the engine's caches
        # Interleaved, so both see the same machine load.
        with_h, without = [], []
        for _ in range(args.rounds):
            with_h += measure(engine, 1, holidays_on=True)
            without += measure(engine, 1, holidays_on=False)
        for label, values in (("with holiday logic", with_h), ("without", without)):
            print(f"{label:>20}: p50 {statistics.median(values):6.2f} ms  p95 {percentile(values, 95):6.2f} ms"
                  f"  ({len(values)} searches)")
        print(f"{'added':>20}: p50 {statistics.median(with_h) - statistics.median(without):+6.2f} ms  "
              f"p95 {percentile(with_h, 95) - percentile(without, 95):+6.2f} ms  ({load()})")


if __name__ == "__main__":
    main()
