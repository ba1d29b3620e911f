"""Service pages: everything the directory holds about one service, and "report an error"."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.service import cache
    from portal.service.views import bp

    cache.init_app(app)
    app.register_blueprint(bp)
