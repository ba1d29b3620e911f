"""Need understanding in a browser at 360 px: the "Understood" chip is shown in both languages,
fits the screen, and removing it (with htmx) searches the words typed only. Set SCREENSHOT_DIR to
keep the screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from indexer.document import iter_documents
from indexer.understanding import need


@pytest.fixture(scope="module")
def understood(live_server):
    """A need model trained on the live server's directory, as `index rebuild` trains it."""
    need.install(need.train(iter_documents(live_server["database_url"])))
    yield live_server
    need.install(None)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="fr-CA")
    yield context.new_page()
    context.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


@pytest.mark.parametrize(("lang", "path", "q", "title"), [
    ("fr", "/fr/recherche", "je peux pas payer mon compte d'hydro", "Compris dans votre recherche"),
    ("en", "/en/search", "I can't pay my hydro bill", "Understood in your search"),
])
def test_the_understood_need_shows_as_a_removable_chip_at_360_px(understood, phone, lang, path, q, title):
    phone.goto(f"{understood['base']}{path}?q={quote(q)}")
    chips = phone.locator(".chips--understood")
    assert chips.locator(".chips-title").inner_text().strip() == title
    chip = chips.locator("a.chip--need").first
    box = chip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    chip.scroll_into_view_if_needed()
    _shot(phone, f"need-chip-{lang}-360.png")
    chip.click()
    phone.wait_for_url("**keep=need**")
    assert phone.locator(".chip--need").count() == 0
    _shot(phone, f"need-chip-removed-{lang}-360.png")
