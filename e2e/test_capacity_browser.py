"""Live capacity in Chromium at 360 px, in French and English: an organization publishes a count
through its update link (published at once), the service page says it with its age, a count past
its unit's limit says "availability to be confirmed" and never its number, and "places available
now" finds the fresh one. Screenshots go to CAPACITY_SHOTS (default /work/notes/s4/shots when it
can be written, else a temporary directory); axe checks the pages.

Its own small directory and server (module scope): the test changes records."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from pathlib import Path

import pytest
from axe_audit import describe, run_axe
from werkzeug.serving import make_server

from directory import capacity, migrate
from directory.db import session_scope
from directory.demo import generator
from directory.models import Service
from directory.outreach import links
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app
from tests.smtp_server import free_port

WIDTH = 360


def _shots() -> Path:
    wanted = Path(os.environ.get("CAPACITY_SHOTS", "/work/notes/s4/shots"))
    try:
        wanted.mkdir(parents=True, exist_ok=True)
        return wanted
    except OSError:
        return Path(tempfile.mkdtemp(prefix="capacity-shots-"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("capacity-e2e")
    url = f"sqlite:///{tmp / 'demo.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=80, seed=18)
    now = dt.datetime.now(dt.UTC)
    with session_scope(url) as session:
        fresh, stale, earlier = session.query(Service).filter(Service.status == "active").order_by(
            Service.name_fr).limit(3)
        fresh.name_fr, fresh.name_en = "Refuge de la Montagne", "Mountain Shelter"
        stale.name_fr, stale.name_en = "Refuge du Vieux-Port", "Old Port Shelter"
        earlier.name_fr, earlier.name_en = "Refuge Saint-Roch", "Saint-Roch Shelter"
        capacity.set_capacity(session, stale, "beds", 9, 30, by="e2e", when=now - dt.timedelta(hours=50))
        capacity.set_capacity(session, earlier, "beds", 4, 25, by="e2e", when=now - dt.timedelta(hours=2, minutes=5))
        ids = {"fresh": fresh.id, "stale": stale.id, "earlier": earlier.id, "organization": fresh.organization_id}
    port = free_port()
    app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(tmp / "index"), "SEARCH_ENGINE": "embedded",
                      "PUBLIC_URL": f"http://127.0.0.1:{port}"})
    engine_from_config(app.config).rebuild(iter_documents(url))
    with session_scope(url) as session:
        _, token = links.make_link(session, session.get(Service, ids["fresh"]).organization,
                                   secret=app.config["SECRET_KEY"], by="e2e")
    srv = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield {"base": f"http://127.0.0.1:{port}", "token": token, **ids}
    srv.shutdown()


def test_published_through_the_link_then_shown_fresh_and_stale_in_both_languages(browser, server):
    shots = _shots()
    context = browser.new_context(viewport={"width": WIDTH, "height": 800}, locale="fr-CA", bypass_csp=True)
    page = context.new_page()
    base, token = server["base"], server["token"]

    page.goto(f"{base}/fr/mise-a-jour/{token}/services/{server['fresh']}/capacite")
    assert not run_axe(page), describe(run_axe(page))
    page.select_option("#unit", "beds")
    page.fill("#available", "25")
    page.fill("#maximum", "20")
    page.get_by_role("button", name="Publier le nombre").click()
    assert "Le nombre disponible ne peut pas dépasser le maximum." in page.content()
    page.screenshot(path=str(shots / "capacity-0-link-refused-fr-360.png"), full_page=True)
    page.fill("#available", "12")
    page.get_by_role("button", name="Publier le nombre").click()
    page.wait_for_selector("#result")
    assert "le nombre est publié" in page.locator("#result").inner_text()

    texts = {}
    for lang, path, name in (("fr", "service", "fresh"), ("en", "service", "fresh"),
                             ("fr", "service", "earlier"), ("en", "service", "earlier"),
                             ("fr", "service", "stale"), ("en", "service", "stale")):
        page.goto(f"{base}/{lang}/{path}/{server[name]}")
        found = page.locator("ul.capacity").inner_text().replace("\u00a0", " ")
        texts[(lang, name)] = found
        violations = run_axe(page)
        assert not violations, describe(violations)
        page.screenshot(path=str(shots / f"capacity-service-{name}-{lang}-360.png"), full_page=False)
    assert texts[("fr", "fresh")] == "12 lits disponibles · mis à jour à l’instant"
    assert texts[("en", "fresh")] == "12 beds available · updated just now"
    assert texts[("fr", "earlier")] == "4 lits disponibles · mis à jour il y a 2 h"
    assert texts[("en", "earlier")] == "4 beds available · updated 2 hrs ago"
    assert texts[("fr", "stale")] == "Disponibilité à confirmer · mis à jour il y a 2 j"
    assert texts[("en", "stale")] == "Availability to be confirmed · updated 2 days ago"

    page.goto(f"{base}/fr/recherche?q=refuge&available_now=1")
    results = page.locator("#result-list").inner_text()
    assert "Refuge de la Montagne" in results and "Refuge Saint-Roch" in results
    assert "Refuge du Vieux-Port" not in results
    page.screenshot(path=str(shots / "capacity-results-available-now-fr-360.png"), full_page=False)
    context.close()
