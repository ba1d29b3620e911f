"""Downloads of a result set or a shortlist: CSV, HSDS JSON, GeoJSON, streamed.

/<lang>/export/results.<fmt>?<the results page's query string>
/<lang>/export/list.<fmt>?s=<id>,<id>

The response body is a generator run inside the request context (`stream_with_context`): the
first bytes leave before the last service is read, and memory holds one engine page at a time.
An invalid search is refused before streaming starts (400), since a stream cannot change its
status once sent.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, current_app, request, stream_with_context, url_for

from portal import locales, search_service
from portal.exports import sources, writers
from portal.i18n import current_lang, locale_route

bp = Blueprint("exports", __name__)

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}


def filename(lang: str, source: str, fmt: str) -> str:
    return f"portail211-{locales.word(source, lang)}-{dt.date.today().isoformat()}.{fmt}"


def download(source: str, fmt: str):
    page_lang = current_lang()
    lang = locales.content_lang(page_lang)
    if source == sources.RESULTS:
        try:
            sources.search_request(request.args, lang)
        except search_service.InvalidSearch:
            abort(400)
    docs = sources.documents(source, request.args, lang)
    database_url = current_app.config["DATABASE_URL"]

    def service_url(service_id: str) -> str:
        return url_for("service.page", service_id=service_id, _external=True)

    if fmt == "csv":
        body = writers.iter_csv(docs, page_lang, service_url)
    elif fmt == "geojson":
        body = writers.iter_geojson(docs, lang, service_url)
    else:
        body = writers.iter_hsds(docs, database_url, lang)
    # content_type, not mimetype: werkzeug appends a charset to a text/* mimetype, a second one here.
    response = Response(stream_with_context(body), content_type=MIMETYPES[fmt])
    name = filename(page_lang, source, fmt)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


locale_route(bp, "download", download)
