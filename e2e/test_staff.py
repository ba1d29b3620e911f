"""The staff area in a real browser: sign in, edit, find the change in public search within 2 s,
history and undo, crisis banner on public pages until its end, a new account's one-time password
replaced at its first sign-in; axe on every staff page visited."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from axe_audit import describe, run_axe

PASSWORD = "e2e curator passphrase"


@pytest.fixture(scope="module")
def staff_accounts(live_server):
    from directory import accounts
    from directory.db import session_scope

    emails = {"curator": "curator-e2e@211.example.org", "admin": "admin-e2e@211.example.org"}
    with session_scope(live_server["database_url"]) as session:
        for role, email in emails.items():
            if accounts.find(session, email) is None:
                accounts.create(session, email, PASSWORD, role=role)
    return emails


def _sign_in(page, base, email):
    page.goto(base + "/fr/personnel/connexion")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/personnel/")


def _wait_for_text(page, url, needle, timeout_s=2.0) -> float:
    started = time.monotonic()
    while True:
        page.goto(url)
        if needle in page.content():
            return time.monotonic() - started
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"{needle!r} not found at {url} within {timeout_s} s")
        time.sleep(0.1)


def test_curator_edits_a_name_finds_it_in_search_then_undoes_it(page, live_server, staff_accounts, sample_service_id):
    base = live_server["base"]
    _sign_in(page, base, staff_accounts["curator"])
    page.goto(f"{base}/fr/personnel/services/{sample_service_id}")
    violations = run_axe(page)
    assert not violations, describe(violations)
    original = page.input_value("#name_fr")
    marker = "Zephyrin" + uuid.uuid4().hex[:6]
    page.fill("#name_fr", f"{original} {marker}")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    page.wait_for_load_state()
    # The save has committed and returned: the public results page must show it within 2 s.
    _wait_for_text(page, f"{base}/fr/recherche?q={marker}", marker, timeout_s=2.0)

    page.goto(f"{base}/fr/personnel/historique/service/{sample_service_id}")
    violations = run_axe(page)
    assert not violations, describe(violations)
    assert marker in page.content()
    page.locator("form.inline-form button", has_text="Annuler").first.click()
    page.get_by_role("alertdialog").get_by_role("button", name="Annuler la modification").click()
    page.wait_for_url("**/historique/service/*")
    page.wait_for_load_state()
    assert page.locator(".staff-table tbody tr").count() >= 2  # the undo is a new entry, history kept
    page.goto(f"{base}/fr/service/{sample_service_id}")
    assert page.locator("#service-name").inner_text().strip() == original
    page.goto(f"{base}/fr/recherche?q={marker}")
    assert marker not in page.locator("main").inner_text()


def test_undo_asks_in_a_dialog_and_cancel_or_escape_changes_nothing(page, live_server, staff_accounts,
                                                                   sample_service_id):
    base = live_server["base"]
    _sign_in(page, base, staff_accounts["curator"])
    history = f"{base}/fr/personnel/historique/service/{sample_service_id}"
    page.goto(history)
    rows = page.locator(".staff-table tbody tr").count()
    undo = page.locator("form[data-confirm] button", has_text="Annuler").first
    dialog = page.get_by_role("alertdialog", name="Veuillez confirmer")
    for close in ("Escape", "Ne rien changer"):
        undo.click()
        assert dialog.is_visible() and "Annuler cette modification" in dialog.inner_text()
        assert page.evaluate("document.activeElement.hasAttribute('data-confirm-cancel')")  # the safe default
        violations = run_axe(page)
        assert not violations, describe(violations)
        if close == "Escape":
            page.keyboard.press("Escape")
        else:
            dialog.get_by_role("button", name=close).click()
        assert not dialog.is_visible()
        assert page.evaluate("document.activeElement.closest('form[data-confirm]') !== null")  # focus back
    assert page.url == history  # nothing was posted
    page.reload()
    assert page.locator(".staff-table tbody tr").count() == rows


def test_edit_form_errors_move_focus_to_the_summary(page, live_server, staff_accounts, sample_service_id):
    base = live_server["base"]
    _sign_in(page, base, staff_accounts["curator"])
    page.goto(f"{base}/fr/personnel/services/{sample_service_id}")
    page.fill("#name_fr", "")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'name_fr'"
                           " || location.hash === '#name_fr'")
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_crisis_banner_appears_on_public_pages_and_disappears_after_its_end(page, live_server, staff_accounts):
    from indexer.schedule import MONTREAL

    base = live_server["base"]
    _sign_in(page, base, staff_accounts["admin"])
    page.goto(base + "/fr/personnel/crise")
    violations = run_axe(page)
    assert not violations, describe(violations)
    now = dt.datetime.now(MONTREAL)
    end = now + dt.timedelta(seconds=8)
    page.fill("#title_fr", "Tempête hivernale")
    page.fill("#title_en", "Winter storm")
    page.fill("#message_fr", "Haltes-chaleur ouvertes toute la nuit.")
    page.fill("#starts_at", (now - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#ends_at", end.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Publier").click()
    page.wait_for_load_state()
    for path, title in (("/fr/", "Tempête hivernale"), ("/en/search?q=food", "Winter storm")):
        page.goto(base + path)
        assert page.locator(".crisis-banner h2").inner_text().strip() == title
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.goto(base + "/fr/urgence")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.goto(base + "/fr/personnel/comptes")  # the admins' accounts page, before and after a creation
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.fill("#email", f"e2e-{uuid.uuid4().hex[:6]}@211.example.org")
    page.fill("#name", "Bénévole")
    page.locator("#name").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".one-time-password").inner_text().strip()
    violations = run_axe(page)
    assert not violations, describe(violations)
    time.sleep(max(0.0, (end - dt.datetime.now(MONTREAL)).total_seconds()) + 1)
    page.goto(base + "/fr/")
    assert page.locator(".crisis-banner").count() == 0


def test_curator_edits_an_address_and_a_phone_by_keyboard_and_every_page_is_axe_clean(
        page, live_server, staff_accounts, sample_service_id):
    from sqlalchemy import select

    from directory.db import session_scope
    from directory.models import Address, ServiceAtLocation

    base = live_server["base"]
    with session_scope(live_server["database_url"]) as session:
        location_id = session.scalar(select(ServiceAtLocation.location_id)
                                     .where(ServiceAtLocation.service_id == sample_service_id))
        address_id = session.scalar(select(Address.id).where(Address.location_id == location_id))
    _sign_in(page, base, staff_accounts["curator"])
    location = f"{base}/fr/personnel/services/{sample_service_id}/lieux/{location_id}"
    for url in (location, f"{location}/adresses/{address_id}", f"{location}/adresses/nouvelle",
                f"{location}/telephones/nouveau",
                f"{base}/fr/personnel/services/{sample_service_id}/telephones/nouveau",
                f"{base}/fr/personnel/verification", f"{base}/fr/personnel/verification?sort=appearances",
                f"{base}/en/staff/review", f"{base}/fr/personnel/historique/location/{location_id}"):
        page.goto(url)
        violations = run_axe(page)
        assert not violations, (url, describe(violations))

    # The address: a wrong postal code, the error summary takes focus, then a keyboard-only fix.
    page.goto(f"{location}/adresses/{address_id}")
    page.fill("#postal_code", "12345")
    page.locator("#postal_code").press("Enter")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'postal_code'"
                           " || location.hash === '#postal_code'")
    page.fill("#postal_code", "h2x1y4")
    page.locator("#postal_code").press("Enter")
    page.wait_for_url("**#addresses-title")
    assert "H2X 1Y4" in page.locator("main").inner_text()

    # A phone number added on the service, typed in any common form, shown normalised.
    page.goto(f"{base}/fr/personnel/services/{sample_service_id}/telephones/nouveau")
    page.fill("#number", "+1 (819) 555-0211")
    page.fill("#description_fr", "Ligne de nuit")
    page.locator("#number").press("Enter")
    page.wait_for_url("**#phones-title")
    assert "819 555-0211" in page.locator("main").inner_text()
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_a_new_account_replaces_its_one_time_password_at_first_sign_in(page, live_server, staff_accounts):
    base = live_server["base"]
    _sign_in(page, base, staff_accounts["admin"])
    page.goto(base + "/fr/personnel/comptes")
    email = f"recrue-{uuid.uuid4().hex[:6]}@211.example.org"
    page.fill("#email", email)
    page.fill("#name", "Nouvelle recrue")
    page.select_option("#role", "curator")
    page.locator("#name").press("Enter")
    page.wait_for_load_state()
    one_time = page.locator(".one-time-password").inner_text().strip()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/fr/personnel/connexion")

    page.fill("#email", email)
    page.fill("#password", one_time)
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/personnel/mot-de-passe")
    notice = page.get_by_role("region", name="Choisissez votre propre mot de passe pour continuer")
    assert notice.is_visible()
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.goto(base + "/fr/personnel/verification")  # anywhere else leads back here
    page.wait_for_url("**/fr/personnel/mot-de-passe")

    new = "a passphrase of my very own"
    page.fill("#current_password", one_time)
    page.fill("#new_password", one_time)  # the same one is refused, with the focus on the summary
    page.fill("#confirm_password", one_time)
    page.locator("#confirm_password").press("Enter")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.fill("#current_password", one_time)
    page.fill("#new_password", new)
    page.fill("#confirm_password", new)
    page.locator("#confirm_password").press("Enter")
    page.wait_for_url("**/fr/personnel/")
    assert "Votre mot de passe est changé" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Fiches à revoir", exact=True).is_visible()  # the staff area is open
    violations = run_axe(page)
    assert not violations, describe(violations)
