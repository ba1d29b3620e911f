"""Links to downloads, maps and PDFs of the page's own result set or shortlist (Jinja globals)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import request, url_for

from portal.shortlist import core

# Parameters of the page that do not describe the result set.
PAGE_ONLY = ("page", "per_page", core.PARAM)


def results_link(endpoint: str, *, keep_list: bool = False, **values) -> str:
    """`endpoint` for the current search: query and filters kept, page dropped (the whole set).

    `values` that are not part of the route (`group="region"`) come back from `url_for` as a query
    string of their own: they are merged into the one query string, and win over the page's."""
    base, _, own = url_for(endpoint, **values).partition("?")
    own_pairs = parse_qsl(own, keep_blank_values=True)
    own_keys = {k for k, _ in own_pairs}
    pairs = own_pairs + [(k, v) for k, v in request.args.items(multi=True)
                         if v != "" and k not in PAGE_ONLY and k not in own_keys]
    shortlist = core.current()
    if keep_list and shortlist:
        pairs.append((core.PARAM, shortlist.param))
    return f"{base}?{urlencode(pairs)}" if pairs else base


def list_link(endpoint: str, **values) -> str:
    """`endpoint` for the current shortlist."""
    return core.with_list(url_for(endpoint, **values), core.current())
