"""The results page (/fr/recherche, /en/search): a plain GET form, enhanced by htmx.

The query string is the whole state (query, place, filters, sort, page), so every result page can
be bookmarked, shared and reached with the back button. An htmx request gets the results region
alone; a history restore (back button after htmx swaps) and every other request get the full page.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, make_response, render_template, request
from flask_htmx import HTMX  # noqa: F401  (documented type of current_app.htmx)

from portal import search_service
from portal.crisis.banner import active_banner
from portal.i18n import current_content_lang, current_lang, locale_route
from portal.page_cache import Page, expiry
from portal.search import cache, state

bp = Blueprint("search", __name__)


def wants_fragment() -> bool:
    htmx = current_app.htmx
    return bool(htmx) and not htmx.history_restore_request


def results():
    lang = current_lang()
    search = state.SearchState(request.args)
    fragment = wants_fragment()
    response = error = key = page = None
    pages = cache.page_cache()
    try:
        # One card per service, at its best location for the query; the count says services.
        search_request = search_service.parse(request.args, lang, group_by_service=True)
        if pages is not None:
            key = search_service.page_key(fragment, active_banner())
            page = pages.get(key, dt.datetime.now(dt.UTC)) if key is not None else None
        # Logged once, a cached page included; SearchUnavailable → the 503 page.
        response = search_service.search(search_request, search_service.WEB,
                                         cached=page.response if page is not None else None)
    except search_service.InvalidSearch as invalid:
        error = invalid.code
    if page is not None:
        return _html_response(page.body, page.status)
    template = "search/_results.html" if fragment else "search/page.html"
    result = state.ResultView(response, search, search_request) if response else None
    html = render_template(
        template,
        search=search,
        result=result,
        error=error,
        error_message=state.error_message(error) if error else None,
        error_code_is_place=error in state.PLACE_ERRORS,
        fragment=fragment,
    )
    status = 400 if error and not fragment else 200
    if key is not None and result is not None:
        body = html.encode("utf-8")
        pages.put(key, Page(body, status, response,
                            expiry(result.now, pages.seconds,
                                   [*(h.hours for h in result.hits), *(c for h in result.hits for c in h.capacities)])))
        return _html_response(body, status)
    return _html_response(html, status)


def _html_response(html: str | bytes, status: int):
    resp = make_response(html, status)
    # The same URL answers with a fragment or a page depending on this header.
    resp.vary.add("HX-Request")
    return resp


locale_route(bp, "results", results)


# -- autocomplete ----------------------------------------------------------------------------------
#
# The search box's <datalist>: htmx asks for the <option> elements as the reader types. A plain
# lookup, never a search: nothing goes to the needs query log, and an engine that cannot answer
# gives no suggestions (the form still works) rather than an error (portal.search_service.suggest).

SUGGEST_MIN_CHARS = 2
SUGGEST_MAX_CHARS = 100
SUGGEST_LIMIT = 8
SUGGEST_KINDS = ("service", "category")


def suggestions():
    from markupsafe import escape

    lang = current_content_lang()
    q = " ".join((request.args.get("q") or "")[:SUGGEST_MAX_CHARS].split())
    options: list[str] = []
    if len(q) >= SUGGEST_MIN_CHARS:
        seen = set()
        for suggestion in search_service.suggest(q, lang, SUGGEST_LIMIT * 2):
            text = suggestion.text
            if suggestion.kind not in SUGGEST_KINDS or suggestion.locale != lang or text in seen:
                continue
            seen.add(text)
            options.append(f'<option value="{escape(text)}"></option>')
            if len(options) >= SUGGEST_LIMIT:
                break
    resp = make_response("\n".join(options), 200)
    resp.mimetype = "text/html"
    resp.headers["Cache-Control"] = "private, max-age=300"
    return resp


locale_route(bp, "suggestions", suggestions)
