"""The open-data page and the bulk downloads.

The page is a full page per language; the files are language-neutral URLs (/opendata/<file>)
that harvesters can keep. Downloads are served from the live version directory with conditional
GET (ETag = the file's SHA-256 from the manifest, Last-Modified = its generation time) and CORS
open; when no version exists yet they answer 503 "being prepared" with Retry-After, while a
background build runs (`build.ensure`).
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, send_file, url_for

from portal.api.http import allow_cors, dumps
from portal.i18n import locale_route
from portal.opendata import build, root_path

bp = Blueprint("opendata", __name__)

PREPARING_SECONDS = 60


def _state():
    return build.ensure(current_app.config["DATABASE_URL"], root_path())


def page():
    manifest, fresh = _state()
    files = []
    if manifest is not None:
        for spec in build.FILES:
            entry = manifest.file(spec.name)
            if entry is not None:
                files.append({**entry, "url": url_for("opendata.download", name=spec.name)})
    return render_template(
        "opendata/page.html", manifest=manifest, fresh=fresh, files=files,
        licences=build.LICENCES,
        api_url=url_for("api_hsds.root"),
        openapi_url=url_for("api_hsds.openapi_document"),
        manifest_url=url_for("opendata.download", name=build.MANIFEST),
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
    manifest, _fresh = _state()
    if manifest is None:
        return _preparing()
    path = manifest.path / name
    if name == build.MANIFEST:
        media_type, etag = "application/json", manifest.version
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
