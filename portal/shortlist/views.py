"""The list page (/fr/liste?s=…, /en/list?s=…): the listed services, remove buttons, and ways to
print, download (PDF, CSV, HSDS JSON, GeoJSON, map) and share the list (link, email, SMS).

The page is the list: nothing is stored, so the same URL shows the same list to whoever opens it.
Removing a service is a link to the same page without it (htmx swaps the list in place).
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import quote

from flask import Blueprint, current_app, make_response, render_template
from flask_babel import gettext as _

from indexer.document import iter_documents_for_services
from portal.display import hours as hours_mod
from portal.display.summary import Entry, entries, hit_view
from portal.i18n import current_lang, locale_route
from portal.shortlist import core


def _view(entry: Entry) -> SimpleNamespace:
    hit = SimpleNamespace(document=entry.first, distance_km=None, service_id=entry.service_id, id=entry.first["id"])
    view = hit_view(hit)
    places = [d for d in entry.documents if d.get("address") or d.get("confidential")]
    # The week's hours, for the printed list (as the PDF directory, portal/pdf/render.py).
    week = hours_mod.hours(hours_mod.document_schedules(entry.first.get("schedule") or []),
                          holiday_rule=entry.first.get("holiday_rule"))
    return SimpleNamespace(service_id=entry.service_id, view=view, places=places, week=week)


def share_links(shortlist: core.Shortlist, names: list[str]) -> dict:
    url = core.list_url(shortlist, external=True)
    subject = _("Services from Portail 211")
    sms_text = _("Services from Portail 211:") + " " + url
    body = "\n".join([_("Here are services that may help you:"), *[f"- {n}" for n in names], "", url])
    return {
        "url": url,
        "mailto": f"mailto:?subject={quote(subject)}&body={quote(body)}",
        # RFC 5724; "?body=" is understood by Android and iOS messaging apps.
        "sms": f"sms:?body={quote(sms_text)}",
    }


bp = Blueprint("shortlist", __name__)


def page():
    shortlist = core.current()
    # Unknown or withdrawn ids give no documents (a shared link may outlive a service).
    listed = entries(iter_documents_for_services(current_app.config["DATABASE_URL"], shortlist.ids))
    items = [_view(e) for e in listed]
    missing = len(shortlist) - len(items)
    names = [str(item.view.name) for item in items]
    html = render_template(
        "shortlist/page.html",
        shortlist=shortlist,
        items=items,
        missing=missing,
        share=share_links(shortlist, names) if shortlist else None,
        lang=current_lang(),
    )
    response = make_response(html)
    response.vary.add("HX-Request")
    return response


locale_route(bp, "page", page)
