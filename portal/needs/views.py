"""Dashboard (/fr/besoins, /en/needs), its SVG charts, open data page and downloads.

All views take the same GET filters (period, region, category), so every state of the dashboard is a
URL that can be bookmarked, and the downloads publish exactly what the page shows.
"""

from __future__ import annotations

import base64
import csv
import io
import json

from flask import Blueprint, abort, current_app, make_response, render_template, request, url_for

from directory import geo
from directory.db import engine_for
from needs import gaps, report, stats
from portal.i18n import locale_route
from portal.needs import charts, database_url, display, gap_display

bp = Blueprint("needs", __name__)


def _dashboard() -> report.Dashboard:
    engine = engine_for(database_url())
    cube = current_app.extensions["needs_cube_cache"].get(engine)
    return report.dashboard(engine, cube, report.Filters.from_args(request.args))


def _cached(resp, seconds: float | None = None):
    seconds = current_app.config.get("NEEDS_CACHE_SECONDS", 60) if seconds is None else seconds
    resp.cache_control.public = True
    resp.cache_control.max_age = int(seconds)
    return resp


def _labels(data: report.Dashboard) -> dict:
    """Row and column labels of the dashboard's tables (the data page shows no table)."""
    weeks = data.filters.weeks
    return {
        "period_labels": [display.period_label(d, weeks) for d in data.over_time.rows],
        "time_columns": [display.category_name(c) for c in data.over_time.columns],
        "region_rows": [display.region_name(r) for r in data.by_region.rows],
        "region_columns": [display.category_name(c) for c in data.by_region.columns],
    }


def _context(data: report.Dashboard) -> dict:
    return {
        "data": data,
        "inf": float("inf"),
        "filters": data.filters,
        "args": data.filters.as_args(),
        "display": display,
        "stats": stats,
        "report": report,
        "region_options": display.region_options(),
        "category_options": display.category_options(),
        "period_options": display.period_options(),
    }


def dashboard():
    data = _dashboard()
    return _cached(make_response(render_template("needs/dashboard.html", **_labels(data), **_context(data))))


def chart(name: str):
    data = _dashboard()
    if name in charts.CHARTS:
        svg = charts.CHARTS[name](data)
    elif name.startswith("forecast-"):
        svg = charts.forecast(data, name.removeprefix("forecast-"))
    else:
        svg = None
    if svg is None:
        abort(404)
    resp = make_response(svg)
    resp.mimetype = "image/svg+xml"
    return _cached(resp)


def data_page():
    data = _dashboard()
    return _cached(make_response(render_template("needs/data.html", datasets=display.DATASETS,
                                                 gap_dictionary=gap_display.dictionary(), **_context(data))))


def _supply():
    """Active services per region and category, from the directory database (needs.supply)."""
    return current_app.extensions["needs_supply_cache"].get(engine_for(current_app.config["DATABASE_URL"]))


def _gap_table(data: report.Dashboard) -> gaps.GapTable:
    return gaps.build(data.cube, _supply(), geo.region_populations(), data.filters.weeks)


def _gaps_context(data: report.Dashboard) -> dict:
    """Everything the supply-and-demand view (page and PDF) shows for the filters."""
    table = _gap_table(data)
    region, category = data.filters.region, data.filters.category
    if region:  # the region's view: its categories, down the page
        rows = [table.row(region, c) for c in table.categories]
        top = [r for r in table.top(len(table.rows)) if r.region == region][:gaps.TOP_GAPS]
    else:
        rows = [table.row(r, category) for r in table.regions] + [table.row("", category)]
        top = [r for r in table.top(len(table.rows)) if not category or r.category == category][:gaps.TOP_GAPS]
    if region:  # the region's categories with the highest index, whether or not above Québec's
        ranked = sorted((r for r in rows if r.category and r.index is not None), key=lambda r: -r.rank_key)
        pairs = [(r.region, r.category) for r in ranked[:gaps.TREND_SERIES]]
    else:
        pairs = [(r.region, r.category) for r in top[:gaps.TREND_SERIES]]
    return {
        "gap_table": table, "gap_rows": rows, "top_gaps": top, "gd": gap_display, "gaps": gaps,
        "trend": gaps.trend(data.cube, _supply(), pairs),
        "map_category": category,
    }


def gaps_page():
    data = _dashboard()
    return _cached(make_response(render_template("needs/gaps.html", **_context(data), **_gaps_context(data))))


def gaps_pdf():
    from portal.pdf import render  # WeasyPrint loads on the first PDF, not at start-up

    data = _dashboard()
    # The dashboard's searches tables and their charts come along; the charts as data: URIs, since the
    # PDF renderer fetches nothing but static files.
    charts_inline = {name: "data:image/svg+xml;base64," + base64.b64encode(charts.CHARTS[name](data).encode()).decode()
                     for name in ("over-time", "regions")} if not data.cube.empty else {}
    html = render_template("needs/gaps_pdf.html", **_labels(data), **_context(data), **_gaps_context(data),
                           charts_inline=charts_inline,
                           css_urls=[url_for("static", filename="css/print.css"),
                                     url_for("static", filename="css/needs.css")])
    pdf = render.write_pdf(html, current_app.static_folder, current_app.static_url_path)
    resp = make_response(pdf)
    resp.mimetype = "application/pdf"
    resp.headers["Content-Disposition"] = 'inline; filename="portail211-needs-supply-demand.pdf"'
    return _cached(resp)


def download(name: str, fmt: str):
    if name not in display.DATASETS or fmt not in ("csv", "json"):
        abort(404)
    data = _dashboard()
    if name == display.GAP_DATASET:
        rows = gap_display.dataset_rows(_gap_table(data), data.filters.region, data.filters.category)
    else:
        rows = display.dataset_rows(name, data)
    if fmt == "json":
        body = json.dumps({
            "dataset": name,
            "filters": data.filters.as_args(),
            "first_week": str(data.first_week) if data.first_week else None,
            "last_week": str(data.last_week) if data.last_week else None,
            "suppression": f"counts from 1 to {stats.SUPPRESS_BELOW - 1} and complementary cells are null",
            "documentation": url_for("needs.data", _external=True),
            **({"dictionary": dict(gap_display.dictionary()), "method": url_for("needs.gaps", _external=True)}
               if name == display.GAP_DATASET else {}),
            "rows": rows,
        }, ensure_ascii=False, indent=1)
        resp = make_response(body)
        resp.mimetype = "application/json"
    else:
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        resp = make_response(out.getvalue())
        resp.mimetype = "text/csv"
        resp.headers["Content-Disposition"] = f'attachment; filename="portail211-{name}.csv"'
    return _cached(resp)


locale_route(bp, "dashboard", dashboard)
locale_route(bp, "chart", chart)
locale_route(bp, "data", data_page)
locale_route(bp, "download", download)
locale_route(bp, "gaps", gaps_page)
locale_route(bp, "gaps_pdf", gaps_pdf)
