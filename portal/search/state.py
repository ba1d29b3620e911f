"""The results page's state is its query string; this builds the links that change it.

Changing a filter or the sort goes back to page 1 (GOV.UK pagination guidance); links keep every
other parameter, so the language toggle, chips, pagination and "widen the radius" all compose.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from urllib.parse import urlencode

from flask import get_template_attribute, request, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from analyzers.chain import fold
from indexer.engine import FLAG_FACETS
from portal.display import hours as hours_mod
from portal.display import understood
from portal.display.labels import FACET_TITLES, facet_label
from portal.display.summary import HitView, hit_view
from portal.i18n import current_lang, format_number_in, language_name, translations

# Facet name (indexer.engine.FACETS) -> query-string parameter (indexer.request).
FACET_PARAMS = {
    "category": "category",
    "region": "region",
    "municipality": "municipality",
    "language": "language",
    "accessibility": "accessibility",
    "age_group": "age_group",
    **{flag: flag for flag in FLAG_FACETS},
}
# Facets shown as checkboxes, in order (yes/no ones after the categories); municipality lists are
# long, so it comes last.
SHOWN_FACETS = ("category", *FLAG_FACETS, "language", "accessibility", "age_group", "region", "municipality")
FACET_LIMIT = 12
RADII_KM = (2, 5, 10, 25, 50, 100)

ERRORS = {
    "query_too_long": _l("Your search is too long. Use at most 300 characters."),
    "invalid_query": _l("Your search could not be read. Try other words."),
    "unknown_place": _l("We do not know this place. Enter a postal code like H2X 1Y4 or a Québec municipality."),
    "invalid_place": _l("We do not know this place. Enter a postal code like H2X 1Y4 or a Québec municipality."),
    "outside_quebec": _l("This place is outside Québec. Enter a postal code or a municipality in Québec."),
    "too_long": _l("This place name is too long. Enter a postal code or a municipality."),
    "place_outside_quebec": _l("This place is outside Québec. Enter a postal code or a municipality in Québec."),
    "invalid_coordinates": _l("This place is outside Québec. Enter a postal code or a municipality in Québec."),
    "invalid_radius": _l("Choose a distance from the list."),
    "radius_without_place": _l("To search within a distance, enter a postal code or a municipality."),
    "invalid_page": _l("This page of results does not exist."),
    "invalid_sort": _l("Choose an order from the list."),
}
PLACE_ERRORS = {"unknown_place", "invalid_place", "place_outside_quebec", "outside_quebec", "too_long",
                "invalid_coordinates", "radius_without_place"}


class Row(dict):
    """A dict whose keys are also attributes. Jinja reads `row.key` as getattr first, which on a
    plain dict raises and catches AttributeError before trying the key: ~1 µs each, thousands
    of times per results page (facet values)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def error_message(code: str) -> str:
    return str(ERRORS.get(code, _l("Your search could not be run. Check the form and try again.")))


class SearchState:
    def __init__(self, args: MultiDict) -> None:
        self.args = MultiDict(args)
        self.q = (self.args.get("q") or "").strip()
        self.place = (self.args.get("place") or "").strip()
        self.sort = self.args.get("sort") or "relevance"
        self.radius = self.args.get("radius") or ""

    @cached_property
    def base_url(self) -> str:
        """This language's results path (/fr/recherche), built once per request."""
        return url_for("search.results")

    def url(self, args: MultiDict | None = None) -> str:
        args = self.args if args is None else args
        pairs = [(k, v) for k, v in args.items(multi=True) if v != ""]
        base = self.base_url
        return f"{base}?{urlencode(pairs)}" if pairs else base

    def _copy(self, *, keep_page: bool = False) -> MultiDict:
        args = MultiDict(self.args)
        if not keep_page:
            args.poplist("page")
        return args

    def page_url(self, page: int) -> str:
        args = self._copy()
        if page > 1:
            args["page"] = str(page)
        return self.url(args)

    def without(self, param: str, value: str | None = None) -> str:
        args = self._copy()
        values = args.poplist(param)
        if value is not None:
            for kept in values:
                if kept != value:
                    args.add(param, kept)
        return self.url(args)

    def replace(self, **changes: str) -> str:
        args = self._copy()
        for key, value in changes.items():
            args.poplist(key)
            if value:
                args[key] = value
        return self.url(args)

    def keep_url(self, stage: str) -> str:
        """The same search with a query-understanding stage switched off (`keep`, indexer/request)."""
        args = self._copy()
        if stage not in args.getlist("keep"):
            args.add("keep", stage)
        return self.url(args)

    @property
    def kept(self) -> list[str]:
        """The stages switched off, carried by the form as hidden fields (filters, sort)."""
        return [v for v in dict.fromkeys(self.args.getlist("keep")) if v in ("place", "need", "spelling")]

    def selected(self, param: str) -> list[str]:
        return [v for v in self.args.getlist(param) if v]

    @cached_property
    def filters(self) -> list[dict]:
        """Applied filters as removable chips (the state does not change during a request)."""
        chips = []
        for facet, param in FACET_PARAMS.items():
            for value in self.selected(param):
                chips.append(Row({"facet": facet, "title": FACET_TITLES[facet], "label": facet_label(facet, value),
                                  "url": self.without(param, value)}))
        if self.args.get("open_now"):
            chips.append(Row({"facet": "open_now", "title": _l("Hours"), "label": _l("Open now"),
                              "url": self.without("open_now")}))
        if self.args.get("available_now"):
            chips.append(Row({"facet": "available_now", "title": _l("Capacity"), "label": _l("Places available now"),
                              "url": self.without("available_now")}))
        if self.radius and self.place:
            chips.append(Row({"facet": "radius", "title": _l("Distance"),
                              "label": _l("Within %(km)s km", km=self.radius), "url": self.without("radius")}))
        return chips

    @property
    def clear_filters_url(self) -> str:
        args = MultiDict()
        for key in ("q", "place", "sort"):
            if self.args.get(key):
                args[key] = self.args[key]
        return self.url(args)

    @property
    def has_filters(self) -> bool:
        return bool(self.filters)

    def wider_radius_url(self) -> str | None:
        if not (self.place and self.radius):
            return None
        try:
            current = float(self.radius)
        except ValueError:
            return None
        bigger = next((r for r in RADII_KM if r > current), None)
        return self.replace(radius=str(bigger)) if bigger else self.without("radius")


def text_html(value) -> Markup:
    """components/text.html `text(value)` for a span without class, without a macro call."""
    if value is None:
        return Markup("")
    if value.fallback:
        return Markup('<span lang="%s">%s</span>') % (value.lang, value)
    return escape(value)


# Rendered "Open now – closes at 17 h" / "Closed now – opens Monday at 9 h" paragraphs, by language
# and status: a few hundred distinct ones, each rendered once by the components/service.html macro.
_STATUS_HTML: dict[tuple, Markup] = {}


def status_html(lang: str, status) -> Markup:
    if not (status.open_now or status.next_opening):
        return Markup("")
    closes, upcoming = status.closes_at, status.next_opening
    key = (lang, status.open_now,
           (closes.closes, closes.all_day) if closes else None,
           (upcoming.start.weekday(), upcoming.opens) if upcoming else None)
    found = _STATUS_HTML.get(key)
    if found is None:
        if len(_STATUS_HTML) > 10_000:
            _STATUS_HTML.clear()
        found = _STATUS_HTML[key] = get_template_attribute("components/service.html", "open_status")(status)
    return found


_SAFE_ID = re.compile(r"^[0-9A-Za-z_\-]+$")


class PageLinks:
    """The links every result repeats, built from prefixes made once per request.

    Same answers as portal.shortlist.core (`current`, `toggle_url`, `service_url`), which build
    each link with url_for and a fresh copy of the query string (~150 µs a result); the results
    template hands these to the shortlist macro in its context.
    """

    def __init__(self) -> None:
        from portal.shortlist import core

        self.core = core
        self.shortlist = core.current()
        args = MultiDict(request.args)
        args.poplist(core.PARAM)
        self.query = urlencode([(k, v) for k, v in args.items(multi=True) if v != ""])
        self.here = url_for(request.endpoint, **(request.view_args or {}))
        self.service_prefix = url_for("service.page", service_id="__ID__").split("__ID__")
        self.list_query = f"?{urlencode({core.PARAM: self.shortlist.param})}" if self.shortlist else ""

    def current(self):
        return self.shortlist

    def toggle_url(self, service_id: str) -> str:
        toggled = self.shortlist.toggled(service_id)
        query = self.query
        if toggled:
            list_pair = urlencode({self.core.PARAM: toggled.param})
            query = f"{query}&{list_pair}" if query else list_pair
        return f"{self.here}?{query}" if query else self.here

    def service_url(self, service_id: str) -> str:
        if len(self.service_prefix) != 2 or not _SAFE_ID.match(service_id):
            return self.core.service_url(service_id)
        return f"{self.service_prefix[0]}{service_id}{self.service_prefix[1]}{self.list_query}"


def same_names(items: list[HitView]) -> list[HitView]:
    """The cards whose name another card of the page also has (case and accents aside): their
    title line then names the organization and town, so the page's headings (which a screen
    reader lists alone) tell them apart."""
    by_name: dict[str, list[HitView]] = {}
    for item in items:
        by_name.setdefault(fold(str(item.name)).strip(), []).append(item)
    return [item for group in by_name.values() if len(group) > 1 for item in group]


class ResultView:
    def __init__(self, response, search: SearchState, search_request=None) -> None:
        self.response = response
        self.search = search
        self.search_request = search_request
        lang = current_lang()
        # What the typed words were taken to mean (portal/display/understood.py).
        self.understood = understood.chips(search_request, lang, search.keep_url)
        self.correction = understood.correction(search_request, response, search.q, search.keep_url)
        self.total = response.total
        self.page = response.page
        self.pages = response.pages
        self.suggestion = response.suggestion
        self.now = dt.datetime.now(hours_mod.TZ)
        lang = current_lang()
        self.hits = [hit_view(h, self.now, lang) for h in response.hits]
        self.first = (response.page - 1) * response.per_page + 1 if response.total else 0
        self.last = min(response.total, response.page * response.per_page)

    @cached_property
    def links(self) -> PageLinks:
        return PageLinks()

    @cached_property
    def understood_needs(self) -> list[dict[str, str]]:
        """The categories need understanding boosted for this query (the same cached answer the
        query plan used, from the words left once a place was taken out), each shown beside the
        place chips (search/_understood.html) with a link that searches without it (`keep=need`)."""
        request = self.search_request
        if request is None or not request.q.strip() or not request.understand_need:
            return []
        from indexer.understanding import need

        lang = current_lang()
        url = self.search.keep_url("need")
        return [{"label": facet_label("category", code, lang), "url": url} for code in need.understand(request.q).codes]

    @cached_property
    def rows(self) -> list[HitView]:
        """The hits with their display strings precomputed, for the results list."""
        lang = current_lang()
        links = self.links
        for item in self.hits:
            item.name_html = text_html(item.name)
            item.organization_html = text_html(item.organization)
            item.status_html = status_html(lang, item.hours)
            item.languages_text = ", ".join(language_name(code) for code in item.languages)
            item.service_url = links.service_url(item.hit.service_id)
            item.listed = item.hit.service_id in links.shortlist
            item.toggle_url = links.toggle_url(item.hit.service_id)
        for item in same_names(self.hits):
            item.name_context = ", ".join(str(x) for x in (item.organization, item.municipality) if x)
        return self.hits

    @cached_property
    def facet_groups(self) -> list[dict]:
        return self.facets()

    def facets(self) -> list[dict]:
        out = []
        lang, catalog = current_lang(), translations()
        for facet in SHOWN_FACETS:
            values = self.response.facets.get(facet) or []
            param = FACET_PARAMS[facet]
            selected = set(self.search.selected(param))
            # Selected values stay visible even with a count of 0, so they can be unticked.
            shown = [v for v in values if v.count or v.value in selected or v.selected]
            shown.sort(key=lambda v: (not (v.selected or v.value in selected), -v.count))
            if facet in FLAG_FACETS:
                shown = [v for v in shown if v.value in ("true", "True", "1")]
            if not shown:
                continue
            out.append(Row({
                "facet": facet, "param": param, "title": FACET_TITLES[facet],
                "values": [self._facet_value(facet, param, v, selected, lang, catalog) for v in shown[:FACET_LIMIT]],
                "more": max(0, len(shown) - FACET_LIMIT),
            }))
        return out

    @staticmethod
    def _facet_value(facet: str, param: str, v, selected: set[str], lang: str, catalog) -> dict:
        value = "true" if facet in FLAG_FACETS else v.value
        return Row({"value": value, "count": v.count,
                "selected": v.selected or v.value in selected or (facet in FLAG_FACETS and bool(selected)),
                "label": facet_label(facet, v.value, lang),
                # What the template printed with filters: the input id, the count and its unit. Facets
                # count locations (a service at three places counts three times), the results count
                # services: the unit says so.
                "input_id": f"f-{param}-{value.replace(' ', '_').replace('.', '_')}",
                "count_text": format_number_in(v.count, lang),
                "unit": Markup(catalog.ungettext("location", "locations", v.count))})

    def page_numbers(self) -> list[int | None]:
        """1 … 4 5 [6] 7 8 … 20; None marks a gap."""
        pages, current = self.pages, self.page
        wanted = {1, pages, *range(current - 2, current + 3)}
        out: list[int | None] = []
        for n in range(1, pages + 1):
            if n in wanted:
                if out and out[-1] is not None and n - out[-1] > 1:
                    out.append(None)
                out.append(n)
        return out
