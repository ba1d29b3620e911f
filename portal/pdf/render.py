"""A directory of services as a tagged PDF (WeasyPrint, PDF/UA-1), in the page's language.

The PDF is rendered from HTML (templates/pdf/directory.html) and static/css/print.css: a cover
(query, filters, date), a table of contents grouped by category or region with page numbers
(`target-counter`), then each service with address, phone, hours, eligibility and the date it was
last verified. Tags come from the markup: headings, lists, tables, `lang` (also on French text in an
English PDF), the <title>.

Nothing is fetched from the network: `StaticOnlyFetcher` serves the app's static files from disk and
refuses every other URL; fonts are Debian's (fonts-dejavu-core), found by fontconfig.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from directory import geo, taxonomy
from portal.display import hours as hours_mod
from portal.display.contact import phone_link
from portal.display.summary import Entry
from portal.i18n import current_lang, localized

# Any host: the HTML's relative URLs resolve against it and the fetcher only looks at the path.
BASE_URL = "https://portail211.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serve `<static_url_path>/<file>` from `static_folder`; refuse everything else."""

    def __init__(self, static_folder: str | Path, static_url_path: str = "/static") -> None:
        super().__init__(fail_on_errors=False)
        self.root = Path(static_folder).resolve()
        self.prefix = static_url_path.rstrip("/") + "/"

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        path = posixpath.normpath(unquote(parts.path))
        if parts.scheme not in ("http", "https") or not path.startswith(self.prefix):
            raise ValueError(f"not a static file of the portal: {url}")
        target = (self.root / path[len(self.prefix):]).resolve()
        if self.root not in target.parents or not target.is_file():
            raise ValueError(f"no such static file: {url}")
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=target.read_bytes(), headers={"Content-Type": mime})


@dataclass
class Place:
    address: str | None
    municipality: str | None
    postal_code: str | None  # the FSA only for a confidential location
    confidential: bool = False


@dataclass
class ServiceSheet:
    anchor: str
    service_id: str
    name: object
    organization: object
    places: list[Place]
    phones: list
    hours: hours_mod.Hours
    eligibility: object
    verified_on: dt.date | None
    url: str


@dataclass
class Group:
    anchor: str
    title: str
    services: list[ServiceSheet] = field(default_factory=list)


def _category_group(doc: dict, lang: str) -> tuple[str, str]:
    by_code = taxonomy.by_code()
    tops = sorted(c for c in doc.get("category_codes") or [] if c in by_code and by_code[c].depth == 0)
    if not tops:
        return "~", ""
    category = by_code[tops[0]]
    return category.code, localized(category, "name", lang) or ""


def _region_group(doc: dict, lang: str) -> tuple[str, str]:
    region = geo.regions().get(doc.get("region_code") or "")
    if region is None:
        return "~", ""
    return region.code, localized(region, "name", lang) or ""


def sheet(entry: Entry, index: int, url: str) -> ServiceSheet:
    doc = entry.first
    phones, seen = [], set()
    for d in entry.documents:
        for p in d.get("phones") or []:
            if p.get("number") and (p["number"], p.get("extension")) not in seen:
                seen.add((p["number"], p.get("extension")))
                phones.append(phone_link(p["number"], p.get("extension")))
    places = [Place(d.get("address"), d.get("municipality"), d.get("postal_code"), bool(d.get("confidential")))
              for d in entry.documents if d.get("address") or d.get("municipality")]
    return ServiceSheet(
        anchor=f"s{index}", service_id=entry.service_id, name=localized(doc, "name"),
        organization=localized(doc, "organization"), places=places, phones=phones[:3],
        hours=hours_mod.hours(hours_mod.document_schedules(doc.get("schedule") or []),
                             holiday_rule=doc.get("holiday_rule")),
        eligibility=localized(doc, "eligibility"),
        verified_on=dt.date.fromisoformat(doc["verified_on"]) if doc.get("verified_on") else None, url=url,
    )


def group(entries: Iterable[Entry], by: str, other_title: str, url_for_service) -> list[Group]:
    """Services grouped by top category (or region), groups in alphabetical order of their title,
    services by name within a group; anything unclassified last."""
    lang = current_lang()
    key_of = _region_group if by == "region" else _category_group
    groups: dict[str, Group] = {}
    for index, entry in enumerate(entries, start=1):
        key, title = key_of(entry.first, lang)
        found = groups.get(key)
        if found is None:
            found = groups[key] = Group(anchor=f"g-{key.replace('.', '-')}", title=title or other_title)
        found.services.append(sheet(entry, index, url_for_service(entry.service_id)))
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "~", kv[1].title.casefold()))
    for _, g in ordered:
        g.services.sort(key=lambda s: str(s.name).casefold())
    return [g for _, g in ordered]


def write_pdf(html: str, static_folder: str, static_url_path: str = "/static") -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher(static_folder, static_url_path))
    return document.write_pdf(pdf_variant="pdf/ua-1")
