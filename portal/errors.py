"""Error pages in the reader's language, always with the 211 number, never a traceback.

The language comes from the path prefix (a 404 under /en/ is in English), else from the reader's
cookie or browser, like `/`.
"""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound

from portal.i18n import lang_from_path, preferred_lang


def _ensure_lang() -> None:
    if not g.get("lang"):
        g.lang = lang_from_path(request.path) or preferred_lang()


def render_error(kind: str, status: int):
    _ensure_lang()
    response = render_template("errors/error.html", kind=kind, status=status)
    return response, status


def _not_found(_error: NotFound):
    return render_error("not_found", 404)


def _csrf(_error: CSRFError):
    return render_error("expired_form", 400)


def _http(error: HTTPException):
    if error.code and error.code >= 500:
        return render_error("server", error.code)
    return render_error("bad_request", error.code or 400)


def _server(_error: Exception):
    # Flask has already logged the exception; the reader only gets the friendly page.
    return render_error("server", 500)


def _search_unavailable(_error: Exception):
    return render_error("search_unavailable", 503)


def init_app(app: Flask) -> None:
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(InternalServerError, _server)
    try:
        from indexer.engine import SearchUnavailable
    except ImportError:  # pragma: no cover - the engine interface ships with the project
        return
    app.register_error_handler(SearchUnavailable, _search_unavailable)
