"""The needs dashboard, its charts and open data, on a demo log: both languages, filters, no
small counts anywhere, and a plain page when nothing has been logged yet."""

from __future__ import annotations

import csv
import io
import json

import pytest
from needs_support import TODAY, make_app

from directory.db import engine_for
from needs import demo, report


@pytest.fixture
def demo_app(sqlite_url):
    demo.generate(engine_for(sqlite_url), searches=120_000, months=24, seed=7, sample=500, today=TODAY)
    app = make_app(sqlite_url)
    # The roll-ups end with the last complete week before TODAY: read them as of that day.
    cache = app.extensions["needs_cube_cache"]
    cache.get = lambda engine: report.load_cube(engine, today=TODAY)
    return app


def test_dashboard_answers_in_both_languages_with_every_section(demo_app):
    client = demo_app.test_client()
    fr = client.get("/fr/besoins").get_data(as_text=True)
    en = client.get("/en/needs").get_data(as_text=True)
    for html in (fr, en):
        for anchor in ("over-time-title", "regions-title", "unmet-title", "alerts-title", "forecasts-title"):
            assert f'id="{anchor}"' in html
        assert html.count("<figure") >= 4 and html.count("<table") >= 5
    assert "Recherches par catégorie au fil du temps" in fr and "Searches by category over time" in en
    assert "√" in en and "8 weeks" in en  # the alert rule is stated


def test_filters_narrow_every_table_and_keep_working_without_javascript(demo_app):
    client = demo_app.test_client()
    html = client.get("/en/needs?period=13&region=12&category=housing").get_data(as_text=True)
    assert '<option value="12" selected>' in html and '<option value="housing" selected>' in html
    assert 'action="/en/needs"' in html and 'method="get"' in html
    assert "period=13" in html and "region=12" in html  # charts and downloads keep the filters
    junk = client.get("/en/needs?period=7&region=99&category=<script>")
    assert junk.status_code == 200 and "<script>" not in junk.get_data(as_text=True).split("</head>")[1]


@pytest.mark.parametrize("name", ["over-time", "regions", "unmet", "forecast-housing"])
def test_charts_are_svg_with_a_title_and_description_and_no_script(demo_app, name):
    response = demo_app.test_client().get(f"/en/needs/charts/{name}.svg?period=52")
    svg = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title>" in svg and "<desc>" in svg and "<script" not in svg


def test_unknown_chart_is_not_found(demo_app):
    assert demo_app.test_client().get("/fr/besoins/graphiques/nope.svg").status_code == 404


def _numbers(rows, keys):
    return [row[k] for row in rows for k in keys if isinstance(row.get(k), int)]


@pytest.mark.parametrize("region", ["", "10"])
def test_open_data_never_publishes_a_count_under_ten(demo_app, region):
    client = demo_app.test_client()
    for name in ("searches-over-time", "searches-by-region", "unmet-needs", "trend-alerts", "forecasts"):
        body = json.loads(client.get(f"/fr/besoins/donnees/{name}.json?period=104&region={region}").data)
        counts = _numbers(body["rows"], ("searches", "zero_results", "few_results", "total"))
        assert all(v == 0 or v >= 10 for v in counts), name
    remote = json.loads(client.get("/en/needs/data/searches-over-time.json?period=13&region=10").data)
    assert any(row["status"] == "suppressed" for row in remote["rows"])  # a small region has small cells


def test_csv_and_json_downloads_hold_the_same_rows(demo_app):
    client = demo_app.test_client()
    response = client.get("/en/needs/data/searches-by-region.csv?period=26")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    body = json.loads(client.get("/en/needs/data/searches-by-region.json?period=26").data)
    assert len(rows) == len(body["rows"]) > 18
    assert rows[0].keys() == body["rows"][0].keys()
    assert body["suppression"].startswith("counts from 1 to 9")


def test_data_page_documents_every_column(demo_app):
    html = demo_app.test_client().get("/fr/besoins/donnees").get_data(as_text=True)
    for column in ("period_start", "category", "region", "searches", "status", "need", "zero_results",
                   "baseline_mean", "lower_95"):
        assert f"<code>{column}</code>" in html
    assert html.count(".csv") >= 5 and html.count(".json") >= 5


def test_demo_shows_seasons_regions_and_the_flood(sqlite_url):
    engine = engine_for(sqlite_url)
    stats = demo.generate(engine, searches=200_000, months=24, seed=3, sample=100, today=TODAY)
    assert abs(stats.searches - 200_000) < 3_000 and stats.weeks == 104
    cube = report.load_cube(engine, today=TODAY)
    cat = cube.categories.index
    month = [w.month for w in cube.weeks]

    def by_month(k, months):
        in_months = [m in months for m in month]
        return cube.searches[in_months][:, :, k].sum() / sum(in_months)

    assert by_month(cat("income"), (3,)) > 1.4 * by_month(cat("income"), (10,))  # tax season
    assert by_month(cat("housing"), (6, 7)) > 1.3 * by_month(cat("housing"), (10,))  # moving day
    assert by_month(cat("goods"), (8,)) > 1.25 * by_month(cat("goods"), (5,))  # back to school
    assert by_month(cat("food"), (12,)) > 1.3 * by_month(cat("food"), (5,))  # holiday baskets
    region = cube.regions.index
    emergency = cube.searches[:, region("12"), cat("emergency")]
    peak = int(emergency.argmax())
    assert cube.weeks[peak].month == 4 and emergency[peak] > 4 * emergency.mean()  # the spring flood
    share = cube.searches.sum(axis=0)
    assert share[region("06"), cat("newcomers")] / share[region("06")].sum() > \
        2 * share[region("11"), cat("newcomers")] / share[region("11")].sum()


def test_the_demo_command_skips_when_the_log_has_data(sqlite_url):
    app = make_app(sqlite_url)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["needs", "demo", "--searches", "20000", "--months", "3"])
    assert first.exit_code == 0 and "20," in first.output
    assert "unmet-need phrases published (>= 10 searches on >= 3 days)" in first.output
    second = runner.invoke(args=["needs", "demo", "--if-empty"])
    assert "skipping" in second.output


def test_an_empty_log_shows_a_plain_page(client):
    html = client.get("/en/needs").get_data(as_text=True)
    assert "No searches have been logged yet." in html
    assert client.get("/en/needs/data/unmet-needs.json").status_code == 200
