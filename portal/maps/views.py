"""Map documents: a result set, a shortlist and a service, each a whole HTML page for an <iframe>,
and "export this map" (the same document as a download a partner can host).

These are the only portal pages that contain inline script (folium's), which is why they are
separate documents (see portal.maps.build). They may be framed by the portal itself only.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from directory.public_location import public_point
from portal import locales, search_service
from portal.exports import sources
from portal.framing import frame_policy
from portal.i18n import current_content_lang, current_lang, html_lang, locale_route, localized
from portal.shortlist import core as shortlist
from portal.static_assets import static_url

bp = Blueprint("maps", __name__)


def _points(docs, *, external: bool) -> list:
    # folium (and pandas with it) load on the first map, not at start-up.
    from portal.maps.build import Point

    points = []
    for doc in docs:
        point = public_point(doc)  # no marker for a confidential location
        if point is None:
            continue
        if external:
            url = url_for("service.page", service_id=doc["service_id"], _external=True)
        else:
            url = shortlist.service_url(doc["service_id"])
        points.append(Point(point[0], point[1], str(localized(doc, "name")), url))
    return points


def _text(title: str, count: int):
    from portal.maps.build import MapText

    return MapText(
        title=title,
        label=ngettext("Map of %(num)s place. The list on the page gives the same services.",
                       "Map of %(num)s places. The list on the page gives the same services.", count),
        zoom_in=_("Zoom in"),
        zoom_out=_("Zoom out"),
        cluster=_("%(n)s services"),
    )


def _document(docs, title: str, *, external: bool = False) -> str:
    from portal.maps.build import render_map

    config = current_app.config
    points = _points(docs, external=external)
    return render_map(
        points, _text(title, len(points)), html_lang(),
        asset_url=lambda path: static_url(path, external=external),
        tile_url=config.get("MAP_TILE_URL") or "", attribution=config.get("MAP_TILE_ATTRIBUTION") or "",
    )


def _html(body: str) -> Response:
    response = Response(body, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _result_docs():
    try:
        request_ = sources.search_request(request.args, current_content_lang())
    except search_service.InvalidSearch:
        abort(400)
    return search_service.iter_documents(request_, current_app.config["MAP_MAX_POINTS"])


@frame_policy("self")
def results():
    return _html(_document(_result_docs(), _("Map of the results")))


@frame_policy("self")
def shortlist_map():
    docs = sources.documents(sources.LIST, request.args, current_content_lang())
    return _html(_document(docs, _("Map of my list")))


@frame_policy("self")
def service(service_id: str):
    from indexer.document import documents_for_service

    docs = documents_for_service(current_app.config["DATABASE_URL"], service_id)
    if not docs:
        abort(404)
    return _html(_document(docs, _("Map: %(name)s", name=localized(docs[0], "name"))))


def export(source: str):
    """A standalone map file: Leaflet, markercluster and the map's CSS are referenced by absolute
    URLs of this portal (one small file for the partner to host, always the versions the portal
    tested, cached by browsers); tiles come from MAP_TILE_URL as on the portal."""
    if source == sources.RESULTS:
        docs = _result_docs()
        title = _("Map of the results")
    else:
        docs = sources.documents(sources.LIST, request.args, current_content_lang())
        title = _("Map of my list")
    response = _html(_document(docs, title, external=True))
    name = locales.word("map", current_lang())
    response.headers["Content-Disposition"] = f'attachment; filename="portail211-{name}.html"'
    return response


locale_route(bp, "results", results)
locale_route(bp, "shortlist", shortlist_map)
locale_route(bp, "service", service)
locale_route(bp, "export", export)
