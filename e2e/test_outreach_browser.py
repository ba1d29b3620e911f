"""The freshness loop in a real browser, at 360 px: `flask outreach remind` sends its e-mails to a
real SMTP server (aiosmtpd on loopback), the link read from the received message is followed in
Chromium, the organization says "everything is still accurate" and proposes one change, a curator
accepts it in the review queue, and the public page and search show it (the live index, no
rebuild). Then a phone added through a link (a whole new record) is accepted and shows on the public
page and in the service's search document. Screenshots of each step go to OUTREACH_SHOTS (default
/work/notes/shots when it can be written, else a temporary directory); axe checks the
organization's pages and the queue.

Its own small demo directory and server (module scope): the loop changes records, which the other
browser tests' shared directory must not see."""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from axe_audit import describe, run_axe
from werkzeug.serving import make_server

from directory import accounts, migrate
from directory.db import session_scope
from directory.demo import generator
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app
from tests.smtp_server import SMTPServer, free_port

PASSWORD = "e2e curator passphrase"
CURATOR = "curator-outreach@211.example.org"
WIDTH = 360


def _shots() -> Path:
    wanted = Path(os.environ.get("OUTREACH_SHOTS", "/work/notes/shots"))
    try:
        wanted.mkdir(parents=True, exist_ok=True)
        return wanted
    except OSError:
        return Path(tempfile.mkdtemp(prefix="outreach-shots-"))


@pytest.fixture(scope="module")
def loop_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("outreach-e2e")
    url = f"sqlite:///{tmp / 'demo.sqlite'}"
    migrate.upgrade(url)
    generator.build(url, services=80, seed=18)
    with session_scope(url) as session:
        accounts.create(session, CURATOR, PASSWORD, role="curator")
    port = free_port()
    with SMTPServer() as smtp:
        app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(tmp / "index"), "SEARCH_ENGINE": "embedded",
                          "PUBLIC_URL": f"http://127.0.0.1:{port}", **smtp.config()})
        engine_from_config(app.config).rebuild(iter_documents(url))
        server = make_server("127.0.0.1", port, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield {"base": f"http://127.0.0.1:{port}", "app": app, "url": url, "smtp": smtp}
        server.shutdown()


def _context(browser):
    return browser.new_context(viewport={"width": WIDTH, "height": 800}, locale="fr-CA", bypass_csp=True)


def _wait_for_text(page, url, needle, timeout_s=2.0) -> float:
    started = time.monotonic()
    while True:
        page.goto(url)
        if needle in page.content():
            return time.monotonic() - started
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"{needle!r} not found at {url} within {timeout_s} s")
        time.sleep(0.1)


def _wait_for_phone_in_index(engine, name: str, service_id: str, number: str, timeout_s: float = 2.0) -> float:
    """Seconds until the service's search document lists the phone (the live index, no rebuild)."""
    from indexer.engine import SearchRequest

    started = time.monotonic()
    while True:
        hits = engine.search(SearchRequest(q=name, facets=False, per_page=50)).hits
        if any(number in (p.get("number") or "") for h in hits if h.service_id == service_id
               for p in (h.document.get("phones") or [])):
            return time.monotonic() - started
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"{number} not in the search document of {service_id} within {timeout_s} s")
        time.sleep(0.1)


def _signed_in(browser, base: str):
    staff = _context(browser).new_page()
    staff.goto(base + "/fr/personnel/connexion")
    staff.fill("#email", CURATOR)
    staff.fill("#password", PASSWORD)
    staff.keyboard.press("Enter")
    staff.wait_for_url("**/fr/personnel/")
    return staff


def test_remind_follow_the_link_confirm_propose_accept_then_public(browser, loop_server):
    shots = _shots()
    base, smtp = loop_server["base"], loop_server["smtp"]
    result = loop_server["app"].test_cli_runner().invoke(args=["outreach", "remind"])
    assert result.exit_code == 0, result.output
    sent = int(re.search(r"sent (\d+)", result.output).group(1))
    assert sent > 0 and len(smtp.received.messages) == sent

    message = smtp.received.messages[0]
    body = message.get_content()
    link = re.search(re.escape(base) + r"/fr/mise-a-jour/\S+", body).group(0)
    (shots / "outreach-0-email.txt").write_text(f"To: {message['To']}\nSubject: {message['Subject']}\n\n{body}")

    org_context = _context(browser)
    page = org_context.new_page()
    page.goto(link)
    assert page.locator("h1").inner_text().startswith("Mettre à jour votre fiche")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.screenshot(path=str(shots / "outreach-1-update-page-360.png"), full_page=True)

    page.get_by_role("button", name="Tout est toujours exact").click()
    page.wait_for_selector("#result")
    assert "toujours exact aujourd'hui" in page.locator("#result").inner_text()
    page.screenshot(path=str(shots / "outreach-2-still-accurate-360.png"))

    page.get_by_role("link", name="Proposer des modifications à ce service").first.click()
    violations = run_axe(page)
    assert not violations, describe(violations)
    service_id = page.url.rstrip("/").rsplit("/", 1)[1]
    marker = "Zorblax" + uuid.uuid4().hex[:5]
    page.fill("#description_fr", f"Nouvel horaire d'été et ateliers {marker} pour les familles.")
    page.screenshot(path=str(shots / "outreach-3-proposal-form-360.png"))
    page.get_by_role("button", name="Envoyer pour vérification").click()
    page.wait_for_selector("#result")
    assert "transmises" in page.locator("#result").inner_text()
    public_url = f"{base}/fr/service/{service_id}"
    visitor = org_context.new_page()
    visitor.goto(public_url)
    assert marker not in visitor.content()  # not public before a curator accepts it

    staff = _signed_in(browser, base)
    staff.goto(base + "/fr/personnel/propositions")
    violations = run_axe(staff)
    assert not violations, describe(violations)
    row = staff.locator("tr", has_text=marker)
    staff.screenshot(path=str(shots / "outreach-4-review-queue-360.png"), full_page=True)
    row.get_by_role("button", name="Accepter").click()
    staff.wait_for_url("**/fr/personnel/propositions**")
    assert "Publié." in staff.content()

    waited = _wait_for_text(visitor, public_url, marker)
    visitor.screenshot(path=str(shots / "outreach-5-public-page-360.png"), full_page=True)
    waited_search = _wait_for_text(visitor, f"{base}/fr/recherche?q={marker}", marker)
    visitor.screenshot(path=str(shots / "outreach-6-search-360.png"))
    print(f"\naccepted change public after {waited:.2f} s, in search after {waited_search:.2f} s; "
          f"{sent} reminders sent; screenshots in {shots}")
    with session_scope(loop_server["url"]) as session:
        from sqlalchemy import select

        from directory.models import Metadata, Service

        assert session.get(Service, service_id).verified_on is not None
        who = set(session.scalars(select(Metadata.updated_by).where(Metadata.resource_id == service_id)))
        assert CURATOR in who and any(w.startswith("organization via signed link") for w in who)
    org_context.close()


def test_add_a_phone_through_the_link_then_the_curator_accepts_and_the_public_page_shows_it(browser, loop_server):
    """A whole new phone row: proposed through the link (the staff form), shown in full in the
    queue, accepted, then on the public page and in the search document (live index)."""
    from sqlalchemy import select

    from directory.models import Service

    shots = _shots()
    base, app = loop_server["base"], loop_server["app"]
    with session_scope(loop_server["url"]) as session:
        service = session.scalars(select(Service).where(Service.status == "active").order_by(Service.id)).first()
        service_id, organization_id, name = service.id, service.organization_id, service.name_fr
    made = app.test_cli_runner().invoke(args=["outreach", "links", organization_id])
    assert made.exit_code == 0, made.output
    link = re.search(re.escape(base) + r"/fr/mise-a-jour/\S+", made.output).group(0)
    number = f"438 555-01{uuid.uuid4().int % 100:02d}"
    marker = "Ligne " + uuid.uuid4().hex[:6]

    org_context = _context(browser)
    page = org_context.new_page()
    page.goto(link)
    page.locator(f'a[href*="/ajouter/phone/service/{service_id}"]').click()
    assert page.locator("h1").inner_text().startswith("Nouveau numéro de téléphone")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.fill("#number", number)
    page.fill("#description_fr", marker)
    page.screenshot(path=str(shots / "outreach-7-add-phone-form-360.png"), full_page=True)
    page.get_by_role("button", name="Envoyer pour vérification").click()
    page.wait_for_selector("#result")
    assert "l'ajoutera après vérification" in page.locator("#result").inner_text()
    assert f"{number} (en attente de vérification)" in page.content()
    public_url = f"{base}/fr/service/{service_id}"
    shown = f"({number[:3]}) {number[4:]}"  # how the public page writes it
    visitor = org_context.new_page()
    visitor.goto(public_url)
    assert shown not in visitor.content()  # not public before a curator accepts it

    staff = _signed_in(browser, base)
    staff.goto(base + "/fr/personnel/propositions")
    violations = run_axe(staff)
    assert not violations, describe(violations)
    row = staff.locator("tr", has_text=marker)
    assert "Nouveau numéro de téléphone" in row.inner_text() and number in row.inner_text()
    row.scroll_into_view_if_needed()
    staff.screenshot(path=str(shots / "outreach-8-queue-new-phone-360.png"))
    started = time.monotonic()
    row.get_by_role("button", name="Accepter").click()
    staff.wait_for_url("**/fr/personnel/propositions**")
    assert "Publié." in staff.content()
    accepted_in = time.monotonic() - started

    waited = _wait_for_text(visitor, public_url, shown)
    visitor.locator(f"text={shown}").first.scroll_into_view_if_needed()
    visitor.screenshot(path=str(shots / "outreach-9-public-page-new-phone-360.png"), full_page=True)
    in_index = _wait_for_phone_in_index(engine_from_config(app.config), name, service_id, number)
    print(f"\nnew phone: accept click to queue page {accepted_in:.2f} s, then on the public page after {waited:.2f} s "
          f"and in the search document after {in_index:.2f} s; screenshots in {shots}")
    org_context.close()
