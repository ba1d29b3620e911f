"""Labels, one-sentence summaries and open-data rows for the dashboard's tables (page language)."""

from __future__ import annotations

import datetime as dt

from flask_babel import format_date, format_decimal, format_number
from flask_babel import gettext as _

from directory import geo, taxonomy
from needs import report
from portal.i18n import localized

SUPPRESSED = "x"


def region_name(code: str, lang: str | None = None) -> str:
    if not code:
        return _("Place not given")
    region = geo.regions().get(code)
    if region is None:
        return code
    return localized(region, "name", lang) or code


def category_name(code: str, lang: str | None = None) -> str:
    if not code:
        return _("Unclassified")
    category = taxonomy.by_code().get(code)
    if category is None:
        return code
    return localized(category, "name", lang) or code


def count(value: int | None) -> str:
    """A published count, or the suppression mark."""
    return SUPPRESSED if value is None else format_number(value)


def period_label(day: dt.date, weeks: int) -> str:
    if weeks > report.WEEKLY_BUCKETS_UP_TO:
        return format_date(day, "MMMM yyyy")
    return _("week of %(date)s", date=format_date(day, "d MMM yyyy"))


def short_period(day: dt.date, weeks: int) -> str:
    return format_date(day, "MMM yy" if weeks > report.WEEKLY_BUCKETS_UP_TO else "d MMM")


def region_options() -> list[tuple[str, str]]:
    return [(code, region_name(code)) for code in report.region_codes()]


def category_options() -> list[tuple[str, str]]:
    return sorted(((code, category_name(code)) for code in report.category_codes()), key=lambda x: x[1])


def period_options() -> list[tuple[int, str]]:
    return [(13, _("Last 3 months")), (26, _("Last 6 months")), (52, _("Last 12 months")),
            (104, _("Last 24 months"))]


# -- summaries: one sentence per chart ------------------------------------------------------


def summary_over_time(data: report.Dashboard) -> str:
    table = data.over_time
    totals = table.published.column_totals
    if not table.rows or not any(totals):
        return _("No searches were logged in this period.")
    best = max(range(len(totals)), key=lambda j: totals[j] or 0)
    row_totals = table.published.row_totals
    peak = max(range(len(row_totals)), key=lambda i: row_totals[i] or 0)
    return _("%(category)s was the most searched category (%(count)s searches); searches peaked in %(period)s.",
             category=category_name(table.columns[best]), count=count(totals[best]),
             period=period_label(table.rows[peak], data.filters.weeks))


def summary_by_region(data: report.Dashboard) -> str:
    table = data.by_region
    totals = table.published.row_totals
    known = [i for i, code in enumerate(table.rows) if code and totals[i]]
    if not known:
        return _("No searches were logged in this period.")
    best = max(known, key=lambda i: totals[i])
    total = table.published.total
    share = (totals[best] / total) if total else 0
    return _("%(region)s had the most searches (%(count)s, %(share)s of the total).",
             region=region_name(table.rows[best]), count=count(totals[best]),
             share=format_decimal(share * 100, "0") + " %")


def need_label(need: str | None, category: str) -> str:
    """A published phrase, or the row that counts a category's other needs without their words."""
    if need is None:
        return _("Other needs in %(category)s (counted, words not shown)", category=category_name(category))
    return need


def phrase_rule() -> str:
    return _("A need is shown in words only when at least %(searches)s searches on at least %(days)s different "
             "days typed it, after the log has kept only the words the portal knows; every other search is "
             "counted only in its category.",
             searches=report.PHRASE_MIN_SEARCHES, days=report.PHRASE_MIN_DAYS)


def summary_unmet(data: report.Dashboard) -> str:
    table = data.unmet
    if not table.rows:
        return _("No search was left without results in this period.")
    need, category = table.rows[0]
    if need is None:
        return _("No need was searched often enough to be shown in words; searches left with few or no "
                 "results are counted by category.")
    total = table.published.row_totals[0]
    return _("The need most often left with few or no results was “%(need)s” (%(category)s, %(count)s searches).",
             need=need, category=category_name(category), count=count(total))


def summary_forecast(row: report.ForecastRow) -> str:
    fc = row.forecast
    return _("%(category)s: about %(mean)s searches a week expected over the next 4 weeks "
             "(95 %% interval for the 4th week: %(low)s to %(high)s).",
             category=category_name(row.category), mean=format_number(round(sum(fc.mean) / len(fc.mean))),
             low=format_number(round(fc.lower[-1])), high=format_number(round(fc.upper[-1])))


# -- open data ------------------------------------------------------------------------------

GAP_DATASET = "gap-index"  # rows from portal/needs/gap_display.py
DATASETS = ("searches-over-time", "searches-by-region", "unmet-needs", "trend-alerts", "forecasts", GAP_DATASET)


def _status(value) -> str:
    return "suppressed" if value is None else "published"


def dataset_rows(name: str, data: report.Dashboard) -> list[dict]:
    """One dataset as rows (long format, margins as 'total' rows), already suppressed."""
    rows: list[dict] = []
    if name == "searches-over-time":
        t, p = data.over_time, data.over_time.published
        unit = "month" if data.filters.weeks > report.WEEKLY_BUCKETS_UP_TO else "week"
        for i, start in enumerate(t.rows + ["total"]):
            values = p.cells[i] + [p.row_totals[i]] if i < len(t.rows) else p.column_totals + [p.total]
            for j, code in enumerate(t.columns + ["total"]):
                rows.append({"period_start": str(start), "period": unit if start != "total" else "total",
                             "category": code, "category_fr": category_name(code, "fr") if code != "total" else "",
                             "category_en": category_name(code, "en") if code != "total" else "",
                             "searches": values[j], "status": _status(values[j])})
    elif name == "searches-by-region":
        t, p = data.by_region, data.by_region.published
        for i, region in enumerate(t.rows + ["total"]):
            values = p.cells[i] + [p.row_totals[i]] if i < len(t.rows) else p.column_totals + [p.total]
            for j, code in enumerate(t.columns + ["total"]):
                rows.append({"region": region, "region_fr": region_name(region, "fr") if region != "total" else "",
                             "region_en": region_name(region, "en") if region != "total" else "",
                             "category": code, "searches": values[j], "status": _status(values[j])})
    elif name == "unmet-needs":
        t, p = data.unmet, data.unmet.published
        for i, (need, category) in enumerate(t.rows):
            # need "" with counted_as "category": the category's needs that the phrase rule keeps unworded
            rows.append({"need": need or "", "counted_as": "phrase" if need is not None else "category",
                         "category": category, "zero_results": p.cells[i][0],
                         "few_results": p.cells[i][1], "total": p.row_totals[i],
                         "status": "published" if None not in (*p.cells[i], p.row_totals[i]) else "partly suppressed"})
        if t.rows:
            rows.append({"need": "total", "counted_as": "total", "category": "", "zero_results": p.column_totals[0],
                         "few_results": p.column_totals[1], "total": p.total,
                         "status": "published" if None not in (*p.column_totals, p.total) else "partly suppressed"})
    elif name == "trend-alerts":
        for a in data.alerts:
            last = a.alert.last if a.alert.last >= 10 else None
            rows.append({"week": str(a.week), "category": a.category, "region": a.region or "all",
                         "searches": last, "baseline_mean": round(a.alert.mean, 1) if a.alert.mean * 8 >= 10 else None,
                         "z": round(a.alert.z, 2) if a.alert.z != float("inf") else None,
                         "direction": a.alert.direction})
    elif name == "forecasts":
        for f in data.forecasts:
            for week, value in zip(f.history_weeks, f.history, strict=True):
                rows.append({"category": f.category, "region": data.filters.region or "all", "week": str(week),
                             "kind": "actual", "searches": value, "forecast": None, "lower_95": None, "upper_95": None})
            for k, week in enumerate(f.weeks):
                rows.append({"category": f.category, "region": data.filters.region or "all", "week": str(week),
                             "kind": "forecast", "searches": None, "forecast": round(f.forecast.mean[k], 1),
                             "lower_95": round(f.forecast.lower[k], 1), "upper_95": round(f.forecast.upper[k], 1)})
    else:
        raise KeyError(name)
    return rows
