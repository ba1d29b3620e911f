"""Widget area: the embeddable search (an <iframe> partners paste) and its configurator page.

One blueprint; its views are the only ones any origin may frame. Until the app has a global
security-headers step, this area also installs the framing headers for every route
(`framing.init_app`: frame-ancestors 'none' + X-Frame-Options DENY by default, 'self' for the map
documents, WIDGET_FRAME_ANCESTORS — default "*" — for the widget). See docs/widget.md.
"""

import os

from flask import Flask


def init_app(app: Flask) -> None:
    from portal import framing
    from portal.widget.views import bp

    app.config.setdefault("WIDGET_FRAME_ANCESTORS", os.environ.get("WIDGET_FRAME_ANCESTORS", "*"))
    app.register_blueprint(bp)
    framing.init_app(app)
