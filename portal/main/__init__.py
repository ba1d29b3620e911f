"""Home page (placeholder shell until the public-portal area lands)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.main.views import bp

    app.register_blueprint(bp)
