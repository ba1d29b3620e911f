"""Needs analysis: the anonymous query log, its roll-ups, and the statistics the dashboard publishes.

A top-level package beside `directory/` (docs/architecture.md, "Layout"): the query log is written
by the web portal today and by the widget and the HSDS API tomorrow, and read by the dashboard, the
open-data downloads and the benchmarks, so it belongs to none of them. It imports `directory`
(models' Base, geography, taxonomy), `analyzers` and `indexer.engine` (the request/response types it
logs) and never `portal`; `portal/needs/` is the dashboard area that reads it.

    scrub.py     query text -> normalised text with personal information replaced by tokens
    record.py    (SearchRequest, SearchResponse, channel) -> one anonymous row, category mapping
    models.py    query_log (raw, anonymous), search_week and unmet_need_week (roll-ups)
    log.py       QueryLog: bounded in-memory queue, background flushing, roll-ups kept current
    stats.py     small-count suppression, trend alerts, forecasts (pure; numpy/statsmodels)
    report.py    the dashboard's aggregates, read from the roll-ups only
    supply.py    the directory's active services at a location, per region and top category
    gaps.py      supply against demand: per-resident rates, the gap index and its intervals, trends
    demo.py      two years of realistic searches written straight into the roll-ups
"""
