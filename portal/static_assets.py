"""Versioned static URLs: `/static/css/portal.css?v=<content hash>`, cached by browsers for a year.

Without a version, every page view re-validates each stylesheet and script (Flask's default
`Cache-Control: no-cache`): three conditional requests per page, each a round trip, which costs
most on the slow mobile links 211's callers often have. With the file's content hash in the URL, a
browser keeps the file for a year without asking (`immutable`) and a changed file gets a new URL.

The hash is computed once per process and file, and again when the file's mtime or size changes
(an edit in development shows at once). A request whose `v` is not the file's current hash (a page
cached before a deployment asking for the old version) gets today's file with the default headers,
never a year-long promise.
"""

from __future__ import annotations

import hashlib
import os
import threading

from flask import Flask, Response, current_app, redirect, request, url_for

YEAR = 365 * 24 * 3600
_lock = threading.Lock()
_versions: dict[str, tuple[int, int, str]] = {}  # path -> (mtime_ns, size, hash)
# (static folder, filename) -> the file's real path, or None outside the folder: two realpath
# calls cost more than the rest of a page's ten static URLs together. Bounded: a filename can come
# from a request (`_long_cache`), and a path has many spellings.
_paths: dict[tuple[str, str], str | None] = {}
_PATHS_KEPT = 512


def _real_path(folder: str, filename: str) -> str | None:
    key = (folder, filename)
    if key in _paths:
        return _paths[key]
    path: str | None = os.path.realpath(os.path.join(folder, filename))
    if not path.startswith(os.path.realpath(folder) + os.sep):
        path = None
    if len(_paths) < _PATHS_KEPT:
        _paths[key] = path
    return path


def asset_version(filename: str) -> str | None:
    """First 12 hex digits of the file's SHA-256; None when it is not a file under static/."""
    path = _real_path(current_app.static_folder or "", filename)
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    known = _versions.get(path)
    if known is not None and known[:2] == (st.st_mtime_ns, st.st_size):
        return known[2]
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:12]
    with _lock:
        _versions[path] = (st.st_mtime_ns, st.st_size, digest)
    return digest


def static_url(filename: str, external: bool = False) -> str:
    version = asset_version(filename)
    if version is None:
        return url_for("static", filename=filename, _external=external)
    return url_for("static", filename=filename, v=version, _external=external)


def _long_cache(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    wanted = request.args.get("v")
    filename = (request.view_args or {}).get("filename")
    if wanted and filename and wanted == asset_version(filename):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        response.expires = None
    return response


FAVICON = "img/favicon.svg"


def favicon():
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: a permanent
    redirect to the SVG mark (its plain URL, which a permanent redirect can keep pointing at)."""
    return redirect(url_for("static", filename=FAVICON), code=301)


def init_app(app: Flask) -> None:
    app.after_request(_long_cache)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
