"""Security headers on every response, and what the app trusts about the proxy in front of it.

One `after_request` sets, on every route (pages, fragments, API, static files, error pages):

* Content-Security-Policy: everything from the portal's own origin, no inline script or style
  (htmx is configured by a <meta> tag, portal.js has no inline handlers, JSON-LD is data and is not
  executed), images also from `data:` and the map tile host (MAP_TILE_URL), no plugins, forms
  posted to the portal only. `frame-ancestors` follows the view's framing policy
  (`portal.framing.frame_policy`): 'none' by default, 'self' for map documents, partners
  (WIDGET_FRAME_ANCESTORS) for the widget; X-Frame-Options says the same to old browsers.
* Map documents (blueprint `maps`) carry folium's inline script and style by design (they are
  separate documents for that reason, see portal/maps/build.py): their policy allows exactly those
  blocks by SHA-256 hash, computed from the response body, never 'unsafe-inline'. Only these
  blueprints get hashes (HASHED_INLINE_BLUEPRINTS): hashing whatever a page contains would also
  allow an injected script.
* Referrer-Policy no-referrer (a search for "violence conjugale" must not leak to a partner's
  site through the Referer header), Permissions-Policy (geolocation for the portal itself only,
  "near me"; camera, microphone and the rest off), X-Content-Type-Options nosniff,
  Cross-Origin-Opener-Policy same-origin.
* Strict-Transport-Security only on requests that arrived over TLS. Behind a TLS-terminating proxy,
  `request.is_secure` is true only when PROXY_FIX_HOPS > 0 installs werkzeug's ProxyFix, so that a
  client cannot claim `X-Forwarded-Proto: https` to a server that is not behind a proxy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

EXTENSION = "portal.security"
HASHED_INLINE_BLUEPRINTS = frozenset({"maps"})

PERMISSIONS_POLICY = ", ".join([
    "geolocation=(self)",
    "camera=()",
    "microphone=()",
    "payment=()",
    "usb=()",
    "interest-cohort=()",
])

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?P<q>["'])(?P<value>.*?)(?P=q)""", re.S | re.I)
_DATA_SCRIPT = re.compile(r"""type=["']?application/(ld\+)?json""", re.I)


def tile_origin(tile_url: str) -> str | None:
    """`https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = re.sub(r"^\{[a-z]+\}\.", "*.", parts.netloc)
    if "{" in host:  # a template in the middle of the host: allow the scheme's whole host family
        return None
    return f"{parts.scheme}://{host}"


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_hashes(html: str) -> tuple[list[str], list[str], bool]:
    """(script hashes, style hashes, has style attributes) of an HTML document's inline blocks."""
    scripts = [_sha256(m["body"]) for m in _INLINE_SCRIPT.finditer(html)
               if m["body"].strip() and not _DATA_SCRIPT.search(m["attrs"])]
    styles = [_sha256(m["body"]) for m in _INLINE_STYLE.finditer(html) if m["body"].strip()]
    attributes = sorted({_sha256(m["value"]) for m in _STYLE_ATTRIBUTE.finditer(html)})
    return sorted(set(scripts)), sorted(set(styles)) + attributes, bool(attributes)


def content_security_policy(frame_ancestors: str, *, tile: str | None = None,
                            script_hashes: list[str] = (), style_hashes: list[str] = (),
                            style_attributes: bool = False) -> str:
    img = ["'self'", "data:"] + ([tile] if tile else [])
    script = ["'self'", *script_hashes]
    style = ["'self'", *style_hashes] + (["'unsafe-hashes'"] if style_attributes else [])
    directives = [
        "default-src 'self'",
        f"script-src {' '.join(script)}",
        f"style-src {' '.join(style)}",
        f"img-src {' '.join(img)}",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ]
    return "; ".join(directives)


def _frame_ancestors() -> tuple[str, str | None]:
    from portal import framing

    return framing.ancestors(g.get("frame_policy", framing.NONE))


def apply_security_headers(response: Response) -> Response:
    config = current_app.config
    ancestors, x_frame_options = _frame_ancestors()
    hashes: tuple[list[str], list[str], bool] = ([], [], False)
    if (request.blueprint in HASHED_INLINE_BLUEPRINTS and response.mimetype == "text/html"
            and not response.direct_passthrough):
        hashes = inline_hashes(response.get_data(as_text=True))
    response.headers["Content-Security-Policy"] = content_security_policy(
        ancestors, tile=tile_origin(config.get("MAP_TILE_URL") or ""),
        script_hashes=hashes[0], style_hashes=hashes[1], style_attributes=hashes[2])
    if x_frame_options:
        response.headers["X-Frame-Options"] = x_frame_options
    else:
        response.headers.pop("X-Frame-Options", None)  # the widget: CSP alone names its framers
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = f"max-age={int(config.get('HSTS_SECONDS', 31536000))}"
    return response


def init_app(app: Flask) -> None:
    from flask_wtf.csrf import CSRFProtect

    # Every POST (report an error, staff forms) needs the form's CSRF token.
    CSRFProtect(app)
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    # Registered before the areas, so it runs after their after_request hooks (Flask runs them in
    # reverse order) and has the last word; portal.framing defers to it (one mechanism).
    app.after_request(apply_security_headers)
    app.extensions[EXTENSION] = True
