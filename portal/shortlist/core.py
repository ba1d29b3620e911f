"""A shortlist is a list of service ids carried in the URL (`?s=<id>,<id>`), never stored.

Why the URL and not a cookie or an account: a social worker shares the list by sending its link
(email, SMS, a note in a file), the link opens the same list on any device, and the portal keeps
nothing about the person (docs/architecture.md, decision 9). Pages that offer "add to my list"
(results, service page, the list itself) read `s` from their own query string and write it into
every link they build, so the list follows the person while they search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import request, url_for
from werkzeug.datastructures import MultiDict

from portal.locales import UI_LOCALES

PARAM = "s"
# The search the list was opened from (a results page's path and query), so that the list page's
# "find more services" goes back to it.
BACK_PARAM = "from"
# Enough for a day's referrals; ~3,700 characters of URL at most, which every browser and SMS app
# accepts.
MAX_SERVICES = 100
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_\-]{0,63}$")


@dataclass(frozen=True)
class Shortlist:
    ids: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: str | None) -> Shortlist:
        """Unknown shapes are dropped, duplicates removed, order kept, at most MAX_SERVICES."""
        ids: list[str] = []
        for part in (raw or "").replace(" ", ",").split(","):
            part = part.strip()
            if part and _ID.match(part) and part not in ids:
                ids.append(part)
        return cls(tuple(ids[:MAX_SERVICES]))

    @classmethod
    def from_args(cls, args) -> Shortlist:
        return cls.parse(",".join(args.getlist(PARAM)) if hasattr(args, "getlist") else args.get(PARAM))

    @property
    def param(self) -> str:
        return ",".join(self.ids)

    def __contains__(self, service_id: object) -> bool:
        return service_id in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    def __bool__(self) -> bool:
        return bool(self.ids)

    def adding(self, service_id: str) -> Shortlist:
        if service_id in self.ids or len(self.ids) >= MAX_SERVICES:
            return self
        return Shortlist((*self.ids, service_id))

    def removing(self, service_id: str) -> Shortlist:
        return Shortlist(tuple(i for i in self.ids if i != service_id))

    def toggled(self, service_id: str) -> Shortlist:
        return self.removing(service_id) if service_id in self else self.adding(service_id)

    @property
    def full(self) -> bool:
        return len(self.ids) >= MAX_SERVICES


def current() -> Shortlist:
    return Shortlist.from_args(request.args)


def with_list(url: str, shortlist: Shortlist) -> str:
    """`url` (no query string of its own) with the list as its only parameter."""
    return f"{url}?{urlencode({PARAM: shortlist.param})}" if shortlist else url


def list_url(shortlist: Shortlist | None = None, *, external: bool = False, back: bool = False) -> str:
    """The list page; `back`: remember this results page as the search to return to."""
    shortlist = current() if shortlist is None else shortlist
    url = with_list(url_for("shortlist.page", _external=external), shortlist)
    if not back or request.endpoint != "search.results":
        return url
    args = MultiDict(request.args)
    args.poplist(PARAM)
    query = urlencode([(k, v) for k, v in args.items(multi=True) if v != ""])
    here = url_for("search.results") + (f"?{query}" if query else "")
    return f"{url}{'&' if '?' in url else '?'}{urlencode({BACK_PARAM: here})}"


def search_url(shortlist: Shortlist | None = None) -> str:
    """The search to go back to, with the list: the query of the `from` parameter if it is one of
    this site's results pages (a path, never another site: no scheme, no host), in this page's
    language; else a new search."""
    shortlist = current() if shortlist is None else shortlist
    back = urlsplit(request.args.get(BACK_PARAM) or "")
    pairs: list[tuple[str, str]] = []
    results_paths = {url_for("search.results", lang=code) for code in UI_LOCALES}
    if not (back.scheme or back.netloc) and back.path in results_paths:
        pairs = [(k, v) for k, v in parse_qsl(back.query) if k != PARAM and v != ""]
    if shortlist:
        pairs.append((PARAM, shortlist.param))
    path = url_for("search.results")
    return f"{path}?{urlencode(pairs)}" if pairs else path


def this_page_with(shortlist: Shortlist, *, drop: tuple[str, ...] = ()) -> str:
    """The current page, every parameter kept (query, filters, page), the list replaced."""
    args = MultiDict(request.args)
    args.poplist(PARAM)
    for name in drop:
        args.poplist(name)
    pairs = [(k, v) for k, v in args.items(multi=True) if v != ""]
    if shortlist:
        pairs.append((PARAM, shortlist.param))
    base = url_for(request.endpoint, **(request.view_args or {}))
    return f"{base}?{urlencode(pairs)}" if pairs else base


def toggle_url(service_id: str) -> str:
    return this_page_with(current().toggled(service_id))


def service_url(service_id: str) -> str:
    """A service page that keeps the list."""
    return with_list(url_for("service.page", service_id=service_id), current())
