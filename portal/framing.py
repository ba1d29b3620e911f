"""Who may put a portal page in a frame: nobody by default, the portal itself for map documents,
any partner (or WIDGET_FRAME_ANCESTORS) for the widget.

The app-wide security-headers step (portal/security.py) writes the whole Content-Security-Policy,
`frame-ancestors` included, from the policy the view declared with `@frame_policy(...)` and
`ancestors()` below: one mechanism. The after_request here is only installed for an app built
without that step: it then sets `frame-ancestors` and `X-Frame-Options` alone (an existing CSP
without frame-ancestors gets the directive appended).
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, current_app, g

NONE, SELF, WIDGET = "none", "self", "widget"


def frame_policy(policy: str):
    """Declare who may frame the view's page (SELF or WIDGET; the default is NONE)."""
    if policy not in (NONE, SELF, WIDGET):
        raise ValueError(policy)

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            g.frame_policy = policy
            return view(*args, **kwargs)

        return wrapped

    return decorate


def ancestors(policy: str) -> tuple[str, str | None]:
    """(frame-ancestors source list, X-Frame-Options or None)."""
    if policy == WIDGET:
        allowed = current_app.config.get("WIDGET_FRAME_ANCESTORS") or "*"
        return allowed, None  # X-Frame-Options cannot say "these origins"; CSP alone decides
    if policy == SELF:
        return "'self'", "SAMEORIGIN"
    return "'none'", "DENY"


def apply_frame_policy(response):
    source_list, xfo = ancestors(g.get("frame_policy", NONE))
    csp = response.headers.get("Content-Security-Policy")
    if not csp:
        response.headers["Content-Security-Policy"] = f"frame-ancestors {source_list}"
    elif "frame-ancestors" not in csp:
        response.headers["Content-Security-Policy"] = f"{csp.rstrip('; ')}; frame-ancestors {source_list}"
    if xfo:
        response.headers.setdefault("X-Frame-Options", xfo)
    else:
        response.headers.pop("X-Frame-Options", None)
    return response


def init_app(app: Flask) -> None:
    if "portal.security" in app.extensions:
        return  # portal.security applies the frame policy with the rest of the CSP
    app.after_request(apply_frame_policy)
