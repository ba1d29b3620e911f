"""Exports: a result set or a shortlist as CSV (Excel-friendly), HSDS 3.1 JSON or GeoJSON.

One blueprint (downloads only, no pages). `sources` says where services come from (search engine
or shortlist), `writers` turns them into streamed text; both are reused by maps and PDFs.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.exports import links
    from portal.exports.views import bp

    app.register_blueprint(bp)
    app.jinja_env.globals.update(results_link=links.results_link, list_link=links.list_link)
