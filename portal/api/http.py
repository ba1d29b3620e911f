"""HTTP behaviour shared by the API and the downloads: JSON bodies, the HSDS Page envelope,
conditional GET (ETag + Last-Modified → 304), CORS for GET, and JSON errors.

ETags are strong hashes of the body, so they are right whatever changed; `Last-Modified` is the
directory's last change (`version.changed_at`), which moves whenever any record does.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable

from flask import Response, current_app, request

from portal.api.params import ApiError, Paging

JSON = "application/json"
NDJSON = "application/x-ndjson"
READ_ONLY = "GET, HEAD, OPTIONS"  # the only methods of the API and the downloads
EXPOSED = ("ETag, Last-Modified, Retry-After, Content-Language, X-RateLimit-Limit, "
           "X-RateLimit-Remaining, X-RateLimit-Reset")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def page_envelope(contents: list, total: int, paging: Paging) -> dict:
    """The HSDS `Page` object around `contents` (openapi.json components/schemas/Page)."""
    total_pages = max(1, math.ceil(total / paging.per_page)) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def json_response(obj, *, last_modified: dt.datetime | None = None,
                  content_language: str | None = None, status: int = 200) -> Response:
    response = Response(dumps(obj), status=status, mimetype=JSON)
    return finish(response, last_modified=last_modified, content_language=content_language)


def finish(response: Response, *, last_modified: dt.datetime | None = None,
           content_language: str | None = None) -> Response:
    """Caching headers on a successful response, then a 304 when the client already has it."""
    if content_language:
        response.headers["Content-Language"] = content_language
    response.vary.add("Accept-Language")
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config.get("API_CACHE_SECONDS", 60)
    if last_modified is not None:
        if last_modified.tzinfo is None:
            last_modified = last_modified.replace(tzinfo=dt.UTC)
        response.last_modified = last_modified
    if not response.is_streamed:
        response.add_etag()
    return response.make_conditional(request)


def streamed(lines: Iterable[str], *, last_modified: dt.datetime | None = None,
             content_language: str | None = None, etag: str | None = None) -> Response:
    """An ndjson stream; its ETag (when given) is computed from what determines its content."""
    response = Response(lines, mimetype=NDJSON)
    # Otherwise make_conditional() computes a Content-Length by draining the generator into a
    # list: the whole export in memory, and not one byte sent before the last line is written.
    response.automatically_set_content_length = False
    if etag:
        response.set_etag(etag)
    return finish(response, last_modified=last_modified, content_language=content_language)


def error_response(error: ApiError) -> Response:
    response = Response(dumps(error.body()), status=error.status, mimetype=JSON)
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    if error.status == 405:
        response.headers["Allow"] = READ_ONLY
    response.cache_control.no_store = True
    return response


def server_headers(response: Response) -> Response:
    """App-wide (every route, not only the API): the headers only the server, or a refusal, may set.

    * `Date` is the WSGI server's (gunicorn, werkzeug's development server). werkzeug's
      `make_conditional` adds one too (the API's conditional GET, `send_file`, static files): the
      development server then sent two Date headers (gunicorn drops the application's).
    * `Retry-After` means "come back later": Flask-Limiter puts it on every response of a
      rate-limited route, 200 included, so it is kept only on 429 and 503.
    """
    response.headers.pop("Date", None)
    if response.status_code not in (429, 503):
        response.headers.pop("Retry-After", None)
    return response


def allow_cors(response: Response) -> Response:
    """Anyone may read the open data from a browser; only GET (and HEAD, preflight) exist here."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":
        response.headers["Allow"] = READ_ONLY  # not the other methods views.unknown answers 405 to
        response.headers["Access-Control-Allow-Methods"] = READ_ONLY
        response.headers["Access-Control-Allow-Headers"] = (
            "Accept, Accept-Language, If-None-Match, If-Modified-Since")
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
