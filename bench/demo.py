"""How long the demo directory takes to generate and store.

    .venv/bin/python bench/demo.py                    # 15,000 services into a fresh SQLite file
    .venv/bin/python bench/demo.py --services 150000
    .venv/bin/python bench/demo.py --database-url postgresql+psycopg://…/db   (an empty, migrated DB)

Prints figures; asserts nothing (issue target: 15,000 services in 60 s or less).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from directory import migrate
from directory.demo import generator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--seed", type=int, default=211)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        migrate.upgrade(url)
        started = time.perf_counter()
        data = generator.generate(args.services, args.seed)
        generated = time.perf_counter() - started
        del data
        stats = generator.build(url, services=args.services, seed=args.seed)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(stats.summary())
        print(f"generate only: {generated:.1f} s")
        print(f"generate + store (one transaction): {stats.seconds:.1f} s "
              f"({args.services / stats.seconds:,.0f} services/s); peak memory {peak_mb:,.0f} MB")
        target_met = args.services != 15000 or stats.seconds <= 60
        print(f"target: 15,000 services in <= 60 s -> {'met' if target_met else 'MISSED'}")


if __name__ == "__main__":
    main()
