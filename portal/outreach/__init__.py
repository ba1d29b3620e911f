"""The organizations' side of the freshness loop (directory/outreach): their update pages, opened
by a signed link (views.py, forms.py), and the `flask --app portal outreach` commands (links,
remind; commands.py). The curators' side (review queue, links, the loop's health) is in the staff
area, portal/staff/outreach.py. See docs/outreach.md."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.outreach.commands import outreach_cli
    from portal.outreach.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(outreach_cli)
