"""PDF directories: a result set or a shortlist as a tagged, paginated PDF (WeasyPrint).

One blueprint (downloads). Configuration: PDF_MAX_SERVICES (default 1,000 services per PDF).
"""

import os

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.pdf.views import bp

    app.config.setdefault("PDF_MAX_SERVICES", int(os.environ.get("PDF_MAX_SERVICES", "1000")))
    app.register_blueprint(bp)
