"""PDF directories of a result set or a shortlist (/<lang>/pdf/results.pdf?…, /<lang>/pdf/list.pdf?s=…).

`group=category` (default) or `group=region` chooses the table of contents. At most PDF_MAX_SERVICES
services (the first ones, in the results page's order) go into one PDF; the cover says so.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from portal import locales, search_service
from portal.display import summary
from portal.exports import sources
from portal.i18n import current_content_lang, current_lang, locale_route
from portal.search.state import SearchState

bp = Blueprint("pdf", __name__)
GROUPS = ("category", "region")
# Up to this many services, the table of contents lists each one with its page (WeasyPrint resolves
# every page reference in an extra layout pass: 500 entries cost ~8 s).
TOC_SERVICES_MAX = 100
# A short directory (a shortlist of a few services) is read page by page: a contents page would only
# add a sheet of paper. The table of contents starts at this many services.
TOC_SERVICES_MIN = 10


def build_pdf(source: str, args) -> bytes:
    from portal.pdf import render  # WeasyPrint loads on the first PDF, not at start-up

    lang = current_content_lang()
    limit = current_app.config["PDF_MAX_SERVICES"]
    if source == sources.RESULTS:
        try:
            search_request = sources.search_request(args, lang)
        except search_service.InvalidSearch:
            abort(400)
        total = search_service.count(search_request)
        docs = search_service.iter_documents(search_request)
        entries = []
        found = set()
        for doc in docs:  # stop reading once `limit` distinct services are in
            if doc["service_id"] not in found:
                if len(found) >= limit:
                    break
                found.add(doc["service_id"])
            entries.append(doc)
        entries = summary.entries(entries)
    else:
        entries = summary.entries(sources.documents(sources.LIST, args, lang))
        total = len(entries)
    by = args.get("group") if args.get("group") in GROUPS else "category"
    groups = render.group(entries, by, _("Other services"),
                          lambda sid: url_for("service.page", service_id=sid, _external=True))
    search = SearchState(args)
    html = render_template(
        "pdf/directory.html",
        source=source,
        search=search,
        groups=groups,
        count=len(entries),
        total=total,
        truncated=source == sources.RESULTS and total > len(entries) and len(entries) >= limit,
        group_by=by,
        toc_services_max=TOC_SERVICES_MAX,
        with_contents=len(entries) >= TOC_SERVICES_MIN,
        today=dt.date.today(),
        css_url=url_for("static", filename="css/print.css"),
    )
    return render.write_pdf(html, current_app.static_folder, current_app.static_url_path)


def download(source: str):
    pdf = build_pdf(source, request.args)
    response = Response(pdf, mimetype="application/pdf")
    word = locales.word("directory", current_lang())
    response.headers["Content-Disposition"] = f'inline; filename="portail211-{word}-{dt.date.today().isoformat()}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


locale_route(bp, "download", download)
