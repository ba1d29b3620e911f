"""Derive directory/data/geo/municipality_regions.csv: the administrative region (01–17) of each of
the 1,282 census subdivisions of municipalities.csv, so the needs dashboard can count residents per
region (services and searches per 10,000 residents). Run by hand; the output is committed.

    .venv/bin/python scripts/derive_municipality_regions.py

Statistics Canada's table lists subdivisions grouped by census division (≈ MRC), and a census
division lies in one region, so neighbours in file order mostly share a region:

1. `name`: the subdivision's name is a place of place_regions.csv with a single region
   (hand-assigned and checked, see ATTRIBUTION.md);
2. `homonym`: ... unless it is small and both nearest named neighbours agree on another region
   (another Saint-Donat);
3. `neighbours`: an unnamed subdivision between two named ones of the same region takes it;
4. `nearest`: between two regions (a census division boundary), the nearer named neighbour in file
   order wins (the previous one on a tie). These are small places; the script prints their count and
   population so the approximation stays visible.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.geo import normalize_name  # noqa: E402
from directory.geo.gazetteer import DATA_DIR  # noqa: E402

# A city that is its own census division (Laval, Lévis, Gatineau…) differs from its neighbours in
# file order by nature: only a small place can be a homonym.
HOMONYM_MAX_POPULATION = 20_000


def main() -> None:
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    known: dict[str, set[str]] = {}
    with (DATA_DIR / "place_regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            known.setdefault(normalize_name(row["place"]), set()).add(row["region_code"])
    named: list[str | None] = []
    for row in rows:
        regions = known.get(normalize_name(row["name"]), set())
        named.append(next(iter(regions)) if len(regions) == 1 else None)

    def neighbour(i: int, step: int) -> tuple[str | None, int]:
        j = i + step
        while 0 <= j < len(rows) and named[j] is None:
            j += step
        return (named[j], abs(j - i)) if 0 <= j < len(rows) else (None, 10**9)

    out = []
    for i, row in enumerate(rows):
        (before, far_before), (after, far_after) = neighbour(i, -1), neighbour(i, 1)
        if named[i] is not None:
            region, how = named[i], "name"
            small = int(row["population_2021"] or 0) < HOMONYM_MAX_POPULATION
            if small and before is not None and before == after and before != named[i]:
                region, how = before, "homonym"
        elif before is not None and before == after:
            region, how = before, "neighbours"
        else:
            region = before if far_before <= far_after and before is not None else after
            how = "nearest"
        out.append({"name": row["name"], "region_code": region, "assigned_by": how,
                    "population_2021": row["population_2021"]})
    with (DATA_DIR / "municipality_regions.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["name", "region_code", "assigned_by"], extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    for how in ("name", "homonym", "neighbours", "nearest"):
        chosen = [r for r in out if r["assigned_by"] == how]
        people = sum(int(r["population_2021"] or 0) for r in chosen)
        print(f"{how:10} {len(chosen):5} subdivisions, {people:9,} residents")
    totals: dict[str, int] = {}
    for r in out:
        totals[r["region_code"]] = totals.get(r["region_code"], 0) + int(r["population_2021"] or 0)
    for code in sorted(totals):
        print(code, f"{totals[code]:,}")


if __name__ == "__main__":
    main()
