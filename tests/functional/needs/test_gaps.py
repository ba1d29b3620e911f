"""Supply against demand (needs/gaps.py, /fr/besoins/offre-et-demande) on a crafted directory and log
whose gap index is worked out by hand below.

Directory (active services at a location, "SAL"):
  Gaspésie (11):   2 mental-health SALs; + 1 inactive service and 1 temporary one that ended (not counted)
  Montréal (06):   6 mental-health services at 1 location, 1 at 2 locations (8 SALs); 1 food service
  Nord-du-Québec (10): 1 transport service
Log (last weeks before TODAY):
  11 mental health 40 (20 of them 30 weeks ago), 06 mental health 60, no place: mental health 12,
  06 food 30, 06 transport 20, 10 food 5, 10 transport 12.

Mental health, Québec reference = searches from a known region / SALs = (40 + 60) / (2 + 8) = 10:
  G(11) = (40 / 2) / 10 = 2.0          G(06) = (60 / 8) / 10 = 0.75
All categories: Québec = (40 + 110 + 17) / (2 + 9 + 1) = 167 / 12; G(11) = (40 / 2) / (167 / 12) = 1.4371…
Suppression (the dashboard's region × category table): 10-food (5) is below 10; its row then hides
10-transport (12), its column 06-food (30), and 06-transport (20) closes the rectangle.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import math
import re
import zlib

import pytest
from needs_support import TODAY, make_app

from directory import geo, taxonomy
from directory.db import engine_for, session_scope
from directory.models import Attribute, Location, Organization, Service, ServiceAtLocation
from needs import gaps, report
from needs.log import write_records
from needs.record import LogRecord, week_of
from needs.supply import load_supply

MH = "mental-health"
Z = 1.959963984540054


def _offer(url: str, region: str, categories: tuple[str, ...], *, locations: int = 1, status: str = "active",
           valid_to: dt.date | None = None) -> None:
    with session_scope(url) as session:
        org = Organization(name_fr=f"Organisme {region}", description_fr="Un organisme.")
        session.add(org)
        session.flush()
        service = Service(organization_id=org.id, name_fr="Service", status=status,
                          is_temporary=valid_to is not None, valid_to=valid_to)
        session.add(service)
        session.flush()
        for _ in range(locations):
            location = Location(organization_id=org.id, name_fr="Lieu", region_code=region)
            session.add(location)
            session.flush()
            session.add(ServiceAtLocation(service_id=service.id, location_id=location.id))
        for code in categories:
            # A child term counts for its top category: "mental-health" -> its first child's code.
            session.add(Attribute(link_id=service.id, link_entity="service", link_type="service_category",
                                  taxonomy_term_id=taxonomy.term_id(code)))


def _child(top: str) -> str:
    return next(c.code for c in taxonomy.categories() if c.parent_code == top)


def _searches(region: str, category: str, n: int, weeks_ago: int = 1) -> list[LogRecord]:
    hour = dt.datetime.combine(week_of(TODAY) - dt.timedelta(weeks=weeks_ago), dt.time(10))
    return [LogRecord(hour, "web", "fr", "q", "q", category, "{}", "", region, 5, False) for _ in range(n)]


@pytest.fixture
def crafted(sqlite_url):
    app = make_app(sqlite_url)  # loads the taxonomy
    for _ in range(2):
        _offer(sqlite_url, "11", (_child(MH),))
    _offer(sqlite_url, "11", (MH,), status="inactive")
    _offer(sqlite_url, "11", (MH,), valid_to=TODAY - dt.timedelta(days=3))
    for _ in range(6):
        _offer(sqlite_url, "06", (MH,))
    _offer(sqlite_url, "06", (MH, _child(MH)), locations=2)  # two terms, one top category: counted once
    _offer(sqlite_url, "06", ("food",))
    _offer(sqlite_url, "10", ("transport",))
    records = (_searches("11", MH, 20, weeks_ago=30) + _searches("11", MH, 20) + _searches("06", MH, 60)
               + _searches("", MH, 12) + _searches("06", "food", 30) + _searches("06", "transport", 20)
               + _searches("10", "food", 5) + _searches("10", "transport", 12))
    write_records(engine_for(sqlite_url), records)
    app.extensions["needs_cube_cache"].get = lambda engine: report.load_cube(engine, today=TODAY)
    app.extensions["needs_supply_cache"].get = lambda engine: load_supply(engine, today=TODAY)
    return app, sqlite_url


def _table(url: str) -> gaps.GapTable:
    cube = report.load_cube(engine_for(url), today=TODAY)
    return gaps.build(cube, load_supply(engine_for(url), today=TODAY), geo.region_populations(), 52)


def _wilson_ratio(d: int, s: int) -> tuple[float, float]:
    """By hand: Wilson interval for p = d / (d + s), turned into d / s."""
    n, p = d + s, d / (d + s)
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
    low, high = centre - half, centre + half
    return low / (1 - low), high / (1 - high)


def test_supply_counts_active_services_at_locations_once_per_top_category(crafted):
    _, url = crafted
    supply = load_supply(engine_for(url), today=TODAY)
    assert supply.services("11", MH) == 2  # inactive and ended temporary services left out
    assert supply.services("06", MH) == 8 and supply.services("06", "food") == 1
    assert supply.services("06") == 9 and supply.services("") == 12 and supply.services("", MH) == 10


def test_gap_index_matches_the_hand_computation(crafted):
    _, url = crafted
    table = _table(url)
    gaspesie, montreal = table.row("11", MH), table.row("06", MH)
    assert gaspesie.searches == 40 and gaspesie.services == 2
    assert gaspesie.index == pytest.approx(2.0) and montreal.index == pytest.approx(0.75)
    low, high = _wilson_ratio(40, 2)
    assert (gaspesie.index_ci.low, gaspesie.index_ci.high) == pytest.approx((low / 10, high / 10))
    assert gaspesie.index_ci.low < 2.0 < gaspesie.index_ci.high
    assert table.row("11", "").index == pytest.approx((40 / 2) / (167 / 12))
    population = geo.region_populations()["11"]
    assert gaspesie.searches_rate == pytest.approx(40 / population * 10_000)
    assert gaspesie.services_rate == pytest.approx(2 / population * 10_000)
    quebec = sum(geo.region_populations().values())
    assert gaspesie.demand_ratio == pytest.approx((40 / population) / (100 / quebec))
    assert gaspesie.supply_ratio == pytest.approx((2 / population) / (10 / quebec))
    assert gaspesie.index == pytest.approx(gaspesie.demand_ratio / gaspesie.supply_ratio)
    assert table.placeless_share == pytest.approx(12 / 179)


def test_small_counts_and_their_complements_hide_every_figure_made_from_them(crafted):
    _, url = crafted
    table = _table(url)
    for region, category in (("10", "food"), ("10", "transport"), ("06", "food"), ("06", "transport")):
        row = table.row(region, category)
        assert row.searches is None and row.index is None and row.searches_rate is None, (region, category)
        assert row.unmet_share is None
    assert table.row("10", "transport").services == 1  # the offer is a public fact
    assert [(r.region, r.category) for r in table.top()] == [("11", MH)]


def test_trend_compares_each_quarter_with_quebec_in_that_quarter(crafted):
    _, url = crafted
    cube = report.load_cube(engine_for(url), today=TODAY)
    trend = gaps.trend(cube, load_supply(engine_for(url), today=TODAY), [("11", MH)])
    values = [row[0] for row in trend.index]
    # 30 weeks ago: only Gaspésie searched (20 / 2) / (20 / 10) = 5; last quarter (20 / 2) / (80 / 10).
    assert [v for v in values if v is not None] == pytest.approx([5.0, 1.25])


def test_page_map_sentences_and_downloads(crafted):
    app, _ = crafted
    client = app.test_client()
    fr = client.get("/fr/besoins/offre-et-demande").get_data(as_text=True)
    en = client.get("/en/needs/supply-and-demand").get_data(as_text=True)
    assert "En Gaspésie–Îles-de-la-Madeleine, les recherches en « santé mentale et dépendances »" in fr
    assert "fois la demande du Québec (intervalle à 95 % : " in fr
    assert "In Gaspésie–Îles-de-la-Madeleine, searches for “mental health and addiction”" in en
    for html in (fr, en):
        assert html.count('class="gap-tile') == 34  # 17 regions, wide and narrow layouts
        assert 'role="region"' in html and 'aria-labelledby="gap-table-caption"' in html
    assert 'aria-label="Gaspésie–Îles-de-la-Madeleine : indice d’écart 1,44"' in fr
    assert 'aria-label="Gaspésie–Îles-de-la-Madeleine: gap index 1.44"' in en
    narrowed = client.get(f"/fr/besoins/offre-et-demande?category={MH}&region=11&period=13").get_data(as_text=True)
    assert "Santé mentale et dépendances" in narrowed and f"category={MH}" in narrowed
    region = client.get("/en/needs/supply-and-demand?region=11").get_data(as_text=True)
    assert 'aria-current="page"' in region and "supply and demand by category" in region

    body = json.loads(client.get("/en/needs/data/gap-index.json").data)
    rows = {(r["region"], r["category"]): r for r in body["rows"]}
    assert rows[("11", MH)]["gap_index"] == 2.0 and rows[("06", MH)]["gap_index"] == 0.75
    assert rows[("10", "food")]["searches"] is None and rows[("10", "food")]["status"] == "suppressed"
    assert "gap_index, gap_index_low95, gap_index_high95" in body["dictionary"]
    assert all(r["searches"] is None or r["searches"] == 0 or r["searches"] >= 10 for r in body["rows"])
    only = json.loads(client.get(f"/en/needs/data/gap-index.json?region=11&category={MH}").data)["rows"]
    assert {(r["region"], r["category"]) for r in only} == {("all", MH), ("11", MH)}
    for junk in ("?region=99&period=x&category=%3Cscript%3E", "?period=-1"):
        for path in ("/fr/besoins/offre-et-demande", "/en/needs/data/gap-index.csv",
                     "/en/needs/supply-and-demand/report.pdf"):
            assert client.get(path + junk).status_code == 200, path + junk
    text = client.get("/fr/besoins/donnees/gap-index.csv").get_data(as_text=True)
    csv_rows = {(r["region"], r["category"]): r for r in csv.DictReader(io.StringIO(text))}
    assert csv_rows[("11", MH)]["gap_index"] == "2.0" and csv_rows[("10", "food")]["searches"] == ""


def test_pdf_report_is_tagged(crafted):
    app, _ = crafted
    response = app.test_client().get("/fr/besoins/offre-et-demande/rapport.pdf?region=11")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    parts = [response.data]  # the catalog may sit in a compressed object stream
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", response.data, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    objects = b"\n".join(parts)
    assert b"/StructTreeRoot" in objects and re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objects)
    assert re.search(rb"/Lang\s*\(fr-CA\)", objects) and b"pdfuaid" in objects
