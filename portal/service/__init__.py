"""Service pages: everything the directory holds about one service, and "report an error"."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.service.views import bp

    app.register_blueprint(bp)
