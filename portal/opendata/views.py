"""The open-data page and the bulk downloads.

The page is a full page per language; the files are language-neutral URLs (/opendata/<file>)
that harvesters can keep, served from the live set. The page's own links pin the set it describes
(`?set=<set>`), so the sizes and counts it shows are those of the files it links to even when a
new set is switched to between the page and the click (a pinned set that is gone redirects to the
live file). Downloads have conditional GET (ETag = the file's SHA-256 from the manifest,
Last-Modified = its generation time) and open CORS; when no set exists yet they answer 503 "being
prepared" with Retry-After, while a background build runs (`build.ensure`). The page says when
the next set will be ready (`build.next_update`).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from flask import Blueprint, current_app, redirect, render_template, request, send_file, url_for
from flask_babel import to_user_timezone

from portal.api.http import allow_cors, dumps
from portal.i18n import locale_route
from portal.opendata import build, root_path

bp = Blueprint("opendata", __name__)

PREPARING_SECONDS = 60
# Where a file name may wrap on a narrow screen: after a hyphen, before the extension's dot.
_NAME_BREAKS = re.compile(r"(?<=-)|(?=\.)")


def _state():
    return build.ensure(current_app.config["DATABASE_URL"], root_path())


def _ready_time(upcoming: build.Building | None, now: dt.datetime) -> dt.time | None:
    """When the next set should be live, as a local time rounded up to the minute; None when it
    cannot be told (first build) or is overdue (this build takes longer than the last one)."""
    ready = upcoming.ready_at if upcoming is not None else None
    if ready is None or ready < now:
        return None
    local = to_user_timezone(ready)
    if local.second or local.microsecond:
        local += dt.timedelta(minutes=1)
    return local.time().replace(second=0, microsecond=0)


def page():
    manifest, fresh = _state()
    files = []
    if manifest is not None:
        for spec in build.FILES:
            entry = manifest.file(spec.name)
            if entry is not None:
                files.append({**entry, "name_parts": _NAME_BREAKS.split(spec.name),
                              "url": url_for("opendata.download", name=spec.name,
                                             set=manifest.set_id)})
    now = dt.datetime.now(dt.UTC)
    upcoming = build.next_update(root_path(), manifest, fresh, now)
    build_minutes = max(1, math.ceil(manifest.seconds / 60)) if manifest is not None else None
    return render_template(
        "opendata/page.html", manifest=manifest, fresh=fresh, files=files,
        building=upcoming is not None, ready_time=_ready_time(upcoming, now),
        build_minutes=build_minutes,
        licences=build.LICENCES,
        api_url=url_for("api_hsds.root"),
        openapi_url=url_for("api_hsds.openapi_document"),
        manifest_url=url_for("opendata.download", name=build.MANIFEST,
                             set=manifest.set_id if manifest is not None else None),
    )


locale_route(bp, "page", page)


def _preparing():
    body = {"error": "being_prepared",
            "message": "The open-data files are being prepared; retry in a minute."}
    response = current_app.response_class(dumps(body), status=503, mimetype="application/json")
    response.headers["Retry-After"] = str(PREPARING_SECONDS)
    response.cache_control.no_store = True
    return response


def _missing():
    body = {"error": "not_found", "message": "No such open-data file."}
    return current_app.response_class(dumps(body), status=404, mimetype="application/json")


@bp.get("/opendata/<name>")
def download(name: str):
    if name not in build.FILE_SPECS and name != build.MANIFEST:
        return _missing()
    pinned = request.args.get("set")
    if pinned is not None:
        manifest = build.published(root_path(), pinned)
        if manifest is None:  # an older set, pruned since the page was loaded
            return redirect(url_for("opendata.download", name=name), code=302)
    else:
        manifest, _fresh = _state()
    if manifest is None:
        return _preparing()
    path = manifest.path / name
    if name == build.MANIFEST:
        media_type, etag = "application/json", manifest.set_id
    else:
        entry = manifest.file(name)
        if entry is None or not path.exists():
            return _preparing()
        media_type, etag = build.FILE_SPECS[name].media_type, entry["sha256"][:32]
    response = send_file(path, mimetype=media_type, as_attachment=name != build.MANIFEST,
                         download_name=name, conditional=True, etag=etag,
                         last_modified=manifest.generated_at, max_age=300)
    response.content_type = media_type  # as given: werkzeug adds a second charset to text/csv's
    response.cache_control.public = True
    return response


bp.after_request(allow_cors)
