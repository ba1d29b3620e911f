"""The HSDS 3.1 API under /api/hsds (OpenAPI document at /api/hsds/openapi.json).

Every response is JSON (or ndjson), in one language (`locale`, else Accept-Language, else French)
or in the bilingual profile (`profile=bilingual`); see `directory.hsds.openapi.DESCRIPTION` for
the contract as clients read it. Errors are JSON objects, never HTML or a traceback: 400 names the
parameter (a parameter the operation does not take included), 404 for an unknown id or path, 405
for any method but GET/HEAD/OPTIONS, 429 with Retry-After, 503 when the engine is down.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator

from flask import Blueprint, Response, abort, current_app, request, url_for
from werkzeug.exceptions import HTTPException

from directory.db import engine_for
from directory.hsds import openapi, schemas
from directory.hsds.exporter import dumps_ndjson
from directory.hsds.load import Loader
from directory.hsds.schemas import HSDS_VERSION, PROFILE_URI
from directory.models import Service, ServiceAtLocation
from portal.api import params, queries, shapes, version
from portal.api import search as engine_search
from portal.api.http import (
    JSON,
    READ_ONLY,
    allow_cors,
    error_response,
    json_response,
    page_envelope,
    streamed,
)
from portal.api.params import ApiError

bp = Blueprint("api_hsds", __name__, url_prefix="/api/hsds")

CHUNK_CHARS = 64 * 1024  # ndjson response chunk size
_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,100}$")


# -- plumbing -------------------------------------------------------------------------------


def _url() -> str:
    return current_app.config["DATABASE_URL"]


@contextlib.contextmanager
def _connection():
    with engine_for(_url()).connect() as connection:
        yield connection


def _not_found(kind: str) -> ApiError:
    return ApiError(404, "not_found", f"No {kind.replace('_', ' ')} has this id.")


def _filters() -> queries.Filters:
    return queries.Filters(
        organization_id=params.text("organization_id", 100),
        taxonomy_term_id=params.text("taxonomy_term_id", 100),
        taxonomy_id=params.text("taxonomy_id", 100),
        modified_after=params.timestamp("modified_after"),
    )


def _one(shape, kind: str, ident: str, **options) -> Response:
    rep = params.representation()
    if not _ID.match(ident):
        raise _not_found(kind)
    with _connection() as connection:
        items = shape(Loader(connection), [ident], rep.locale, **options)
    if not items:
        raise _not_found(kind)
    return json_response(items[0], last_modified=version.changed_at(_url()),
                         content_language=rep.content_language)


def _page(shape, ids: list[str], total: int, paging: params.Paging, rep: params.Representation,
          understood: dict | None = None, **options) -> Response:
    with _connection() as connection:
        contents = shape(Loader(connection), ids, rep.locale, **options) if ids else []
    envelope = page_envelope(contents, total, paging)
    if understood:
        envelope["search_understanding"] = understood
    return json_response(envelope,
                         last_modified=version.changed_at(_url()),
                         content_language=rep.content_language)


def _sliced(shape, ids: list[str], paging: params.Paging, rep: params.Representation,
            **options) -> Response:
    """A page of a list of ids already in order."""
    window = ids[paging.offset:paging.offset + paging.per_page]
    return _page(shape, window, len(ids), paging, rep, **options)


def _ndjson(shape, ids: list[str], rep: params.Representation, **options) -> Response:
    """Every id, streamed one object per line, a batch at a time (flat memory)."""
    url = _url()
    key, changed = version.version(url)
    etag = hashlib.sha256(f"{request.full_path}|{rep}|{key}".encode()).hexdigest()[:32]

    def lines() -> Iterator[str]:
        # Lines are sent in chunks of about CHUNK_CHARS: one write per chunk for the server, not
        # one per line (15,000 services were 15,000 socket writes).
        with engine_for(url).connect() as connection:
            pending: list[str] = []
            size = 0
            for line in dumps_ndjson(shapes.stream(connection, shape, ids, rep.locale,
                                                   **options)):
                pending.append(line)
                size += len(line)
                if size >= CHUNK_CHARS:
                    yield "".join(pending)
                    pending.clear()
                    size = 0
            if pending:
                yield "".join(pending)

    return streamed(lines(), last_modified=changed, content_language=rep.content_language,
                    etag=etag)


# -- errors and CORS ------------------------------------------------------------------------


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return error_response(error)


def _http_error(error: HTTPException):
    code = (error.name or "error").lower().replace(" ", "_")
    api_error = ApiError(error.code or 500, code, error.description or error.name or "error")
    response = error_response(api_error)
    if error.code == 405 and error.get_headers():
        response.headers["Allow"] = dict(error.get_headers()).get("Allow", "GET, HEAD, OPTIONS")
    if error.code == 429:
        response = error_response(ApiError(429, "rate_limited",
                                           f"Too many requests ({error.description}); retry later."))
    return response


# Registered per status code: the app's own handlers for 404/500 (HTML pages) are registered by
# code, and Flask prefers a handler for the code over a blueprint's handler for a class.
for _code in (400, 401, 403, 404, 405, 406, 413, 414, 429, 431, 500, 501, 503):
    bp.register_error_handler(_code, _http_error)
bp.register_error_handler(HTTPException, _http_error)


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    if isinstance(error, HTTPException):  # pragma: no cover - handled above
        return _http_error(error)
    current_app.logger.exception("HSDS API error")  # the path only; never the client's address
    if current_app.testing and current_app.config.get("PROPAGATE_EXCEPTIONS", True):
        raise error
    return error_response(ApiError(500, "server_error", "Internal error; it has been logged."))


bp.after_request(allow_cors)


@bp.before_request
def _only_declared_parameters():
    """An unknown query parameter is a 400 (portal/api/params.py), before anything else is read;
    not on preflights (they carry the real request's query) nor on unknown paths (404 first)."""
    if request.method == "OPTIONS" or request.endpoint == "api_hsds.unknown":
        return
    prefix = bp.url_prefix or ""
    params.only_declared(request.url_rule.rule.removeprefix(prefix), prefix)


# -- meta -----------------------------------------------------------------------------------


@bp.get("/")
def root():
    return json_response({
        "version": HSDS_VERSION,
        "profile": PROFILE_URI,
        "openapi_url": url_for("api_hsds.openapi_document", _external=True),
        "description": "Portail 211: Québec's 211 directory of community services. "
                       "?locale=fr|en for one language, ?profile=bilingual for both.",
    }, last_modified=None)


@bp.get("/openapi.json")
def openapi_document():
    server = url_for("api_hsds.root", _external=True).rstrip("/")
    return json_response(openapi.document(server))


def _schema_file(document: dict) -> Response:
    response = Response(json.dumps(document, ensure_ascii=False, indent=1), mimetype=JSON)
    from portal.api.http import finish

    return finish(response)


@bp.get("/schema/<path:name>")
def schema_file(name: str):
    """The official HSDS 3.1 schema files, as vendored (referenced by the profile and docs)."""
    if name not in schemas.official_files():
        raise _not_found("schema")
    return _schema_file(schemas.official(name))


@bp.get("/profile/<name>")
def profile_patch(name: str):
    """The bilingual profile's merge patches (RFC 7386), named after the file they modify."""
    patches = schemas.profile_patches()
    if name not in patches:
        raise _not_found("profile file")
    return _schema_file(patches[name])


@bp.get("/profile/schema/<name>")
def profile_schema(name: str):
    """The profile's merged schemas: official schema + patch."""
    if name not in schemas.official_files() or name == "openapi.json":
        raise _not_found("profile schema")
    return _schema_file(schemas.merged(name))


# -- services ---------------------------------------------------------------------------------


def _service_shape():
    minimal, full = params.flag("minimal"), params.flag("full")
    if minimal:
        return shapes.service_minimal
    return shapes.service_full if full else shapes.service_list


@bp.get("/services")
def services():
    rep, paging, fmt = params.representation(), params.paging(), params.output_format()
    search, filters, shape = params.search(), _filters(), _service_shape()
    if search:
        search_request = engine_search.request_for(search, None, None, rep.locale or "fr")
        allowed = None
        if filters.any:
            with _connection() as connection:
                allowed = set(connection.execute(queries.services(connection, filters)).scalars())
        if fmt == "ndjson":
            return _ndjson(shape, engine_search.all_ids(search_request, "service_id", allowed), rep)
        ranked = engine_search.services(search_request, paging, allowed)
        return _page(shape, ranked.ids, ranked.total, paging, rep,
                     engine_search.understanding(search_request, search, ranked))
    with _connection() as connection:
        query = queries.services(connection, filters)
        if fmt == "ndjson":
            ids = list(connection.execute(query.order_by(Service.id)).scalars())
        else:
            total, ids = queries.page_of(connection, query, Service.id, paging.offset,
                                         paging.per_page)
    if fmt == "ndjson":
        return _ndjson(shape, ids, rep)
    return _page(shape, ids, total, paging, rep)


@bp.get("/services/<ident>")
def service(ident: str):
    return _one(shapes.service_full, "service", ident)


# -- service at locations -------------------------------------------------------------------


@bp.get("/service_at_locations")
def service_at_locations():
    rep, paging, fmt = params.representation(), params.paging(), params.output_format()
    search, filters, full = params.search(), _filters(), params.flag("full")
    postcode = params.text("postcode", 100)
    proximity = params.metres("proximity")
    shape = shapes.service_at_location_list
    if search or postcode or proximity is not None:
        search_request = engine_search.request_for(search, postcode, proximity, rep.locale or "fr")
        allowed = None
        if filters.any:
            with _connection() as connection:
                allowed = set(connection.execute(
                    queries.service_at_locations(connection, filters)).scalars())
        if fmt == "ndjson":
            return _ndjson(shape, engine_search.all_ids(search_request, "id", allowed), rep,
                           full=full)
        ranked = engine_search.service_at_locations(search_request, paging, allowed)
        return _page(shape, ranked.ids, ranked.total, paging, rep,
                     engine_search.understanding(search_request, search or "", ranked), full=full)
    with _connection() as connection:
        query = queries.service_at_locations(connection, filters)
        if fmt == "ndjson":
            ids = list(connection.execute(query.order_by(ServiceAtLocation.id)).scalars())
        else:
            total, ids = queries.page_of(connection, query, ServiceAtLocation.id, paging.offset,
                                         paging.per_page)
    if fmt == "ndjson":
        return _ndjson(shape, ids, rep, full=full)
    return _page(shape, ids, total, paging, rep, full=full)


@bp.get("/service_at_locations/<ident>")
def service_at_location(ident: str):
    return _one(shapes.service_at_location_list, "service_at_location", ident, full=True)


# -- organizations --------------------------------------------------------------------------


@bp.get("/organizations")
def organizations():
    rep, paging, fmt = params.representation(), params.paging(), params.output_format()
    search = params.search()
    full, full_service = params.flag("full"), params.flag("full_service")
    with _connection() as connection:
        ids = queries.organizations(connection, search)
    if full or full_service:
        shape, options = shapes.organization_full, {"full_service": full_service}
    else:
        shape, options = shapes.organization_list, {}
    if fmt == "ndjson":
        return _ndjson(shape, ids, rep, **options)
    return _sliced(shape, ids, paging, rep, **options)


@bp.get("/organizations/<ident>")
def organization(ident: str):
    return _one(shapes.organization_full, "organization", ident,
                full_service=params.flag("full_service"))


# -- taxonomies -----------------------------------------------------------------------------


@bp.get("/taxonomies")
def taxonomies():
    rep, paging, fmt = params.representation(), params.paging(), params.output_format()
    search = params.search()
    with _connection() as connection:
        ids = queries.taxonomies(connection, search)
    if fmt == "ndjson":
        return _ndjson(shapes.taxonomies, ids, rep)
    return _sliced(shapes.taxonomies, ids, paging, rep)


@bp.get("/taxonomies/<ident>")
def taxonomy(ident: str):
    return _one(shapes.taxonomies, "taxonomy", ident)


@bp.get("/taxonomy_terms")
def taxonomy_terms():
    rep, paging, fmt = params.representation(), params.paging(), params.output_format()
    search = params.search()
    taxonomy_id, parent_id = params.text("taxonomy_id", 100), params.text("parent_id", 100)
    top_only = params.flag("top_only")
    with _connection() as connection:
        ids = queries.taxonomy_terms(connection, search, taxonomy_id=taxonomy_id,
                                     parent_id=parent_id, top_only=top_only)
    if fmt == "ndjson":
        return _ndjson(shapes.taxonomy_terms, ids, rep)
    return _sliced(shapes.taxonomy_terms, ids, paging, rep)


@bp.get("/taxonomy_terms/<ident>")
def taxonomy_term(ident: str):
    return _one(shapes.taxonomy_terms, "taxonomy_term", ident)


_OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


@bp.route("/", methods=_OTHER_METHODS, defaults={"rest": ""})
@bp.route("/<path:rest>", methods=["GET", "HEAD", *_OTHER_METHODS])
def unknown(rest: str):
    """Anything else under /api/hsds is a JSON 404 (or 405 for another method on a real path),
    not the portal's HTML error page."""
    if request.method not in ("GET", "HEAD"):
        adapter = current_app.url_map.bind_to_environ(request.environ)
        with contextlib.suppress(HTTPException):
            if adapter.match(request.path, method="GET")[0] != "api_hsds.unknown":
                raise ApiError(405, "method_not_allowed",
                               f"{request.method} is not allowed: this API is read-only "
                               f"({READ_ONLY}).")
    abort(404, description="No such path in this API; its paths are listed in "
                           f"{url_for('api_hsds.openapi_document')}.")
