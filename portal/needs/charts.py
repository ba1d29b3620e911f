"""Server-rendered SVG charts (pygal), served as `<img>` sources beside their data tables.

As images they need no JavaScript, no inline script or style in the page, and they keep their own
white background in dark mode. Each SVG carries a `<title>` and a `<desc>` (the page's one-sentence
summary); the `<img alt>` says what the chart shows and where its data table is. pygal's tooltip
script is stripped: tooltips would need JavaScript, and the table has every value. Suppressed values
are gaps in the lines, never zeros.
"""

from __future__ import annotations

import re
from html import escape

import pygal
from flask_babel import gettext as _
from pygal.style import Style

from needs import report
from portal.i18n import current_lang
from portal.needs import display

# Dark enough for 3:1 against white (WCAG 1.4.11), told apart by more than hue: dashes and dots too.
COLOURS = ("#0b4f9c", "#b3261e", "#146c2e", "#7a3e9d", "#8a5a00", "#00606a")
STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1b1b1f", foreground_strong="#1b1b1f",
    foreground_subtle="#6b7280", colors=COLOURS, font_family="system-ui, sans-serif",
    label_font_size=13, major_label_font_size=13, legend_font_size=14, title_font_size=16,
    value_font_size=12, tooltip_font_size=12,
)
DASHES = ("", "6, 3", "2, 3", "10, 4", "4, 2, 1, 2", "1, 1")
_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_OPEN = re.compile(r"(<svg[^>]*>)")


def _config(**options):
    config = dict(style=STYLE, js=[], disable_xml_declaration=True, width=860, height=420,
                  legend_at_bottom=True, legend_at_bottom_columns=3, truncate_legend=-1,
                  truncate_label=-1, print_values=False, dots_size=2.5, stroke_style={"width": 2.5},
                  show_minor_x_labels=True, x_label_rotation=0)
    config.update(options)
    return config


def _finish(chart, title: str, desc: str) -> str:
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    heading = f'<title>{escape(title)}</title><desc>{escape(desc)}</desc>'
    opening = f'<svg role="img" lang="{current_lang()}" '
    return _OPEN.sub(lambda m: m.group(1).replace("<svg ", opening, 1) + heading, svg, count=1)


def _dash(chart, index: int) -> dict:
    return {"stroke_style": {"width": 2.5, "dasharray": DASHES[index % len(DASHES)]}}


def over_time(data: report.Dashboard) -> str:
    table = data.over_time
    p = table.published
    chart = pygal.Line(**_config(y_title=_("Searches"), x_label_rotation=35))
    chart.x_labels = [display.short_period(d, data.filters.weeks) for d in table.rows]
    totals = [v or 0 for v in p.column_totals]
    top = sorted(range(len(table.columns)), key=lambda j: -totals[j])[:report.CHART_SERIES]
    for n, j in enumerate(top):
        chart.add(display.category_name(table.columns[j]), [row[j] for row in p.cells], **_dash(chart, n))
    return _finish(chart, _("Searches over time, most searched categories"), display.summary_over_time(data))


def regions(data: report.Dashboard) -> str:
    table = data.by_region
    chart = pygal.HorizontalBar(**_config(x_title=_("Searches"), show_legend=False, height=560))
    pairs = [(display.region_name(code), v) for code, v in zip(table.rows, table.published.row_totals, strict=True)
             if code and v is not None]
    pairs.sort(key=lambda x: x[1])
    chart.x_labels = [name for name, _v in pairs]
    chart.add(_("Searches"), [v for _n, v in pairs])
    return _finish(chart, _("Searches by region"), display.summary_by_region(data))


def unmet(data: report.Dashboard) -> str:
    table = data.unmet
    rows = list(range(min(10, len(table.rows))))[::-1]
    chart = pygal.HorizontalStackedBar(**_config(x_title=_("Searches"), height=480, legend_at_bottom_columns=2))
    chart.x_labels = [display.need_label(*table.rows[i]) for i in rows]
    chart.add(_("No results"), [table.published.cells[i][0] for i in rows])
    chart.add(_("1 to 3 results"), [table.published.cells[i][1] for i in rows])
    return _finish(chart, _("Needs left with few or no results"), display.summary_unmet(data))


def forecast(data: report.Dashboard, category: str) -> str | None:
    row = next((f for f in data.forecasts if f.category == category), None)
    if row is None:
        return None
    n_hist, n_fc = len(row.history_weeks), len(row.weeks)
    chart = pygal.Line(**_config(y_title=_("Searches per week"), height=360, x_label_rotation=35))
    chart.x_labels = [display.short_period(d, 1) for d in row.history_weeks + row.weeks]
    last = row.history[-1]
    fc = row.forecast
    chart.add(_("Searches"), row.history + [None] * n_fc, **_dash(chart, 0))
    chart.add(_("Forecast"), [None] * (n_hist - 1) + [last] + [round(v) for v in fc.mean], **_dash(chart, 1))
    chart.add(_("%(level)s %% interval, low", level=95),
              [None] * n_hist + [round(v) for v in fc.lower], **_dash(chart, 2))
    chart.add(_("%(level)s %% interval, high", level=95),
              [None] * n_hist + [round(v) for v in fc.upper], **_dash(chart, 2))
    return _finish(chart, _("Forecast: %(category)s", category=display.category_name(category)),
                   display.summary_forecast(row))


CHARTS = {"over-time": over_time, "regions": regions, "unmet": unmet}
