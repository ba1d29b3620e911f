"""gzip from the portal itself: text responses and static files, for browsers that ask for it.

The first-visit budget (≤ 60 kB of HTML, CSS and JS on the wire) assumes compression; the portal
does it itself so that it holds with or without a compressing reverse proxy in front. A proxy may
still do it instead (nginx `gzip on` leaves responses that already carry Content-Encoding alone);
COMPRESSION=0 turns this module off.

**Who gets gzip.** A request whose Accept-Encoding gives `gzip` (or `x-gzip`, or failing those `*`)
a quality above 0 (`accepts_gzip`: the explicit coding wins over `*`, so `gzip;q=0, *` means no).
Every response this module could have compressed (compressible type, not streamed, not excluded)
says `Vary: Accept-Encoding`, compressed or not, so a shared cache keeps the variants apart.

**Dynamic responses** (`compress_response`, an after_request registered first so that it runs
last, after every hook that reads or changes the body: portal.security hashes the inline blocks of
map documents): text types only (TEXT_TYPES, and any `+json` / `+xml`), at COMPRESSION_LEVEL,
when the body is at least COMPRESSION_MIN_BYTES and gzip makes it smaller. Left alone: responses
already encoded, streamed ones (`is_streamed`: the ndjson and CSV exports, the open-data files sent
from disk; compressing a stream would mean buffering it or flushing per line, for little gain on
downloads that are mostly fetched by scripts), partial content (206), 304, HEAD (the body is not
sent: no point compressing it; its headers then describe the identity variant, which HTTP allows
for a HEAD). A strong ETag becomes weak on the gzip variant (W/"…", as nginx does): the bytes differ,
the content is the same. The views' own conditional GET (portal/api/http.py: `make_conditional`,
which compares If-None-Match weakly as RFC 9110 says) then answers a browser revalidating its gzip
copy with 304 before this hook runs, and a Range request can never match a weak tag.

**Level.** zlib level 6 (COMPRESSION_LEVEL) by default. Measured on a 58 kB results page (15,000-
service demo, 2-core machine under a load average of ~6, CPU time of this hook per response):
level 1 costs 0.10 ms for 9.5 kB, level 6 0.41 ms for 8.3 kB (zlib alone: 0.085 and 0.37 ms),
level 9 0.70 ms for 8.26 kB. Level 6 adds ~5 % to the ~8 ms a fresh results page costs and nothing
to a page-cache hit (portal/page_cache.py keeps the gzip bytes with the page it caches, see
`offer`); 1.2 kB (13 %) less per page is ~10 ms for a visitor on a 1 Mbit/s mobile link, more than
the 0.3 ms of CPU. Past 6 the bytes stop shrinking. A CPU-starved host can set 1.

**Static files** (/static: css, js, vendor): the view Flask installs is wrapped (`static_view`).
A gzip-accepting GET or HEAD without Range gets the file's gzip variant (level 9) built in memory
on first request and kept per process, keyed by the file's path, mtime and size: edit a CSS file in
development and the next request compresses the new one, on a fresh clone nothing needs building.
The variant keeps Flask's caching headers (Last-Modified, Cache-Control from
SEND_FILE_MAX_AGE_DEFAULT: `no-cache` by default, i.e. revalidate), gets its own strong ETag (a
hash of the gzip bytes), answers If-None-Match / If-Modified-Since with 304, and does not do Range
(no Accept-Ranges): a Range request gets the identity file with byte ranges, as before.

**BREACH.** Compressing a response that holds a secret next to text an attacker controls (a query
reflected in the page) lets an attacker who sees the encrypted sizes and can make the victim's
browser send requests guess the secret a character at a time. What this portal's pages hold:

* Public pages hold no per-visitor secret except the CSRF token of the "report an error" form
  (/fr/service/<id>/signaler, which echoes the visitor's input when it re-renders with errors).
  Flask-WTF's token is `payload.timestamp.signature`: the payload is the session's
  raw token (learning it is useless: validation checks a signature made with SECRET_KEY), and the
  signature, which is what a forger would need, covers a timestamp in seconds, so it changes every
  second: there is no stable secret to converge on. These pages are compressed.
* The staff area (blueprint `staff`, /fr/personnel, /en/staff, sign-in included) holds unpublished
  records, staff accounts and error reports that may name people, next to reflected input
  (searches, form values), with a session behind it. It is never compressed (UNCOMPRESSED_BLUEPRINTS):
  a few staff pages a day do not need the bytes, and the question is then closed for good.
* No public page depends on who is signed in (no template reads the user), so a staff member's
  cookie adds nothing to a public page that compression could leak.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request
from werkzeug.security import safe_join

DEFAULTS = {"COMPRESSION": True, "COMPRESSION_LEVEL": 6, "COMPRESSION_MIN_BYTES": 1024}  # portal/config.py
STATIC_LEVEL = 9  # once per file and process: the smallest output is worth it
STATIC_MAX_BYTES = 8 * 1024 * 1024  # larger files are served as they are (none today: axe 0.55 MB)
TEXT_TYPES = frozenset({
    "text/html", "text/css", "text/csv", "text/plain", "text/xml", "text/javascript",
    "application/javascript", "application/json", "application/geo+json", "application/ld+json",
    "application/xml", "application/manifest+json", "image/svg+xml",
})
UNCOMPRESSED_BLUEPRINTS = frozenset({"staff"})  # BREACH: see the module docstring
EXTENSION = "portal.compression"
_OFFER = "_compression_offer"


def compressible(mimetype: str | None) -> bool:
    return bool(mimetype) and (mimetype in TEXT_TYPES or mimetype.endswith(("+json", "+xml")))


def accepts_gzip() -> bool:
    """Whether this request's Accept-Encoding allows gzip (RFC 9110 §12.5.3)."""
    explicit = wildcard = None
    for coding, quality in request.accept_encodings:
        coding = coding.lower()
        if coding in ("gzip", "x-gzip"):
            explicit = max(explicit or 0, quality)
        elif coding == "*":
            wildcard = quality
    quality = explicit if explicit is not None else wildcard
    return bool(quality and quality > 0)


def gzip_bytes(data: bytes, level: int) -> bytes:
    """A gzip member (RFC 1952) of `data`; no name and mtime 0, so equal input gives equal bytes."""
    return zlib.compress(data, level, wbits=31)


def offer(body: bytes, compressed: Callable[[int], bytes]) -> None:
    """Tell the hook that, if this request's response body is `body`, `compressed(level)` is its gzip.

    For a cache of rendered bodies (portal/page_cache.py): it compresses a page once and keeps the
    result, instead of this hook compressing the same bytes again on every hit. No-op when the
    response turns out to be something else.
    """
    setattr(g, _OFFER, (body, compressed))


def _enabled() -> bool:
    return bool(current_app.config["COMPRESSION"])


# -- dynamic responses ------------------------------------------------------------------------------


def compress_response(response: Response) -> Response:
    known = g.pop(_OFFER, None)
    if not _enabled() or request.blueprint in UNCOMPRESSED_BLUEPRINTS:
        return response
    if (response.content_encoding or response.is_streamed or response.direct_passthrough
            or not compressible(response.mimetype)):
        return response
    response.vary.add("Accept-Encoding")
    status = response.status_code
    if status == 304:
        _weaken_if_asked(response)
        return response
    if (status < 200 or status in (204, 206) or request.method == "HEAD"
            or "Content-Range" in response.headers or not accepts_gzip()):
        return response
    data = response.get_data()
    if len(data) < int(current_app.config["COMPRESSION_MIN_BYTES"]):
        return response
    level = int(current_app.config["COMPRESSION_LEVEL"])
    if known is not None and (known[0] is data or known[0] == data):
        compressed = known[1](level)
    else:
        compressed = gzip_bytes(data, level)
    if len(compressed) >= len(data):
        return response
    response.set_data(compressed)  # Content-Length follows
    response.content_encoding = "gzip"
    tag, weak = response.get_etag()
    if tag and not weak:
        response.set_etag(tag, weak=True)
    return response


def _weaken_if_asked(response: Response) -> None:
    """A 304 for a client revalidating its gzip copy (W/"x") names the tag it matched."""
    tag, weak = response.get_etag()
    if tag and not weak and f'W/"{tag}"' in request.headers.get("If-None-Match", ""):
        response.set_etag(tag, weak=True)


# -- static files -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    stamp: tuple[int, int]  # (mtime_ns, size) of the file it was made from
    mtime: float
    body: bytes | None  # None: gzip does not make this file smaller
    etag: str


class StaticVariants:
    """gzip variants of static files, built on first request, rebuilt when the file changes."""

    def __init__(self, level: int = STATIC_LEVEL) -> None:
        self.level = level
        self._variants: dict[str, Variant] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> Variant | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        found = self._variants.get(path)
        if found is not None and found.stamp == stamp:
            return found if found.body is not None else None
        if st.st_size > STATIC_MAX_BYTES:
            return None
        with open(path, "rb") as file:
            data = file.read()
        after = os.stat(path)
        if (after.st_mtime_ns, after.st_size) != stamp or len(data) != st.st_size:
            return None  # being written: serve the file as it is, compress it next time
        body = gzip_bytes(data, self.level)
        variant = Variant(stamp, st.st_mtime, body if len(body) < len(data) else None,
                          hashlib.sha256(body).hexdigest()[:32] + "-gzip")
        with self._lock:
            self._variants[path] = variant
        return variant if variant.body is not None else None

    def __len__(self) -> int:
        return len(self._variants)


def static_view(app: Flask, original: Callable[..., Response]) -> Callable[..., Response]:
    variants = StaticVariants()
    app.extensions[EXTENSION] = variants

    def static(filename: str) -> Response:
        mimetype = mimetypes.guess_type(filename)[0]
        if not compressible(mimetype) or not _enabled():
            return original(filename=filename)
        if request.method in ("GET", "HEAD") and "Range" not in request.headers and accepts_gzip():
            path = safe_join(str(app.static_folder), filename)
            variant = variants.get(path) if path is not None and os.path.isfile(path) else None
            if variant is not None:
                return _static_response(app, filename, mimetype, variant)
        response = original(filename=filename)
        response.vary.add("Accept-Encoding")
        return response

    return static


def _static_response(app: Flask, filename: str, mimetype: str, variant: Variant) -> Response:
    response = Response(variant.body, mimetype=mimetype)
    response.content_encoding = "gzip"
    response.vary.add("Accept-Encoding")
    response.last_modified = variant.mtime
    # The same caching headers werkzeug's send_file gives the identity file.
    response.cache_control.no_cache = True
    max_age = app.get_send_file_max_age(filename)
    if max_age is not None:
        if max_age > 0:
            response.cache_control.no_cache = None
            response.cache_control.public = True
        response.cache_control.max_age = max_age
        response.expires = int(time.time() + max_age)
    response.set_etag(variant.etag)
    return response.make_conditional(request)  # 304; no Range on this variant (accept_ranges off)


def init_app(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    if not 1 <= int(app.config["COMPRESSION_LEVEL"]) <= 9:
        raise ValueError(f"COMPRESSION_LEVEL must be 1 to 9, not {app.config['COMPRESSION_LEVEL']!r}")
    if app.has_static_folder and "static" in app.view_functions:
        app.view_functions["static"] = static_view(app, app.view_functions["static"])
    app.after_request(compress_response)
