"""The open-data page at 360 px: its file table is readable, no word broken across two lines
(the body's overflow-wrap: anywhere once let the table squeeze a column to a letter or two)."""

from __future__ import annotations

import pytest

from portal.opendata import build

# Every run of letters (a word, or a file name's part between its <wbr> break points) in the
# table, with the number of lines it spans; hyphens end a part (a line may break after one).
_SPLIT_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('.opendata-files'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[^\\s-]+-?/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def opendata(live_server, tmp_path_factory):
    app = live_server["app"]
    before = app.config.get("OPENDATA_PATH")
    root = tmp_path_factory.mktemp("opendata")
    app.config["OPENDATA_PATH"] = str(root)
    build.build(live_server["database_url"], root)
    yield root
    app.config["OPENDATA_PATH"] = before


@pytest.mark.parametrize("path", ["/fr/donnees-ouvertes", "/en/open-data"])
def test_open_data_table_at_360px_breaks_no_word(browser, live_server, opendata, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server["base"] + path)
        assert page.locator(".opendata-files tbody tr").count() == len(build.FILES)
        assert page.evaluate(_SPLIT_WORDS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # Stacked: the size is labelled, since the column headers are hidden.
        assert page.locator(".opendata-label").first.is_visible()
    finally:
        context.close()
