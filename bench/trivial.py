"""The reference page for bench/pages.py: a trivial Flask route rendering a 20-item Jinja page.

Served by the same production server (scripts/serve.sh with gunicorn.conf.py: same workers,
threads, hooks and compression-free WSGI stack) in the same run as the portal, so the portal's
figures can be printed as ratios to it: what the server, the machine and the load of the moment
give any Flask page, against what the portal's own work costs.

    scripts/serve.sh bench.trivial:app
"""

from __future__ import annotations

from flask import Flask, render_template
from jinja2 import DictLoader

PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
<ol>{% for item in items %}
<li><h2><a href="/item/{{ item.id }}">{{ item.name }}</a></h2><p>{{ item.text }}</p></li>{% endfor %}
</ol></main></body></html>
"""

ITEMS = [{"id": i, "name": f"Service {i}", "text": f"Description du service {i} & de ses <horaires>."}
         for i in range(1, 21)]

app = Flask(__name__)
app.jinja_loader = DictLoader({"page.html": PAGE})


@app.get("/fr/recherche")
@app.get("/en/search")
def page():
    return render_template("page.html", title="Résultats", items=ITEMS)
