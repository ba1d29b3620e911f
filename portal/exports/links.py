"""Links to downloads, maps and PDFs of the page's own result set or shortlist (Jinja globals)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import g, request, url_for

from portal.shortlist import core

# Parameters of the page that do not describe the result set.
PAGE_ONLY = ("page", "per_page", core.PARAM)


def results_link(endpoint: str, *, keep_list: bool = False, **values) -> str:
    """`endpoint` for the current search: query and filters kept, page dropped (the whole set)."""
    query = _result_set_query(keep_list)
    base = url_for(endpoint, **values)
    return f"{base}?{query}" if query else base


def _result_set_query(keep_list: bool) -> str:
    """The query string of the request's result set, encoded once per request (the results page
    links six downloads of it)."""
    memo = g.setdefault("_result_set_queries", {})
    if keep_list not in memo:
        pairs = [(k, v) for k, v in request.args.items(multi=True) if v != "" and k not in PAGE_ONLY]
        shortlist = core.current()
        if keep_list and shortlist:
            pairs.append((core.PARAM, shortlist.param))
        memo[keep_list] = urlencode(pairs)
    return memo[keep_list]


def list_link(endpoint: str, **values) -> str:
    """`endpoint` for the current shortlist."""
    return core.with_list(url_for(endpoint, **values), core.current())
