"""Portal fixtures: an app on a fresh migrated SQLite database, and a client that checks every page.

Every HTML response the client receives is checked (`check_page`): a non-empty <title>, `<html
lang>` matching the URL's language, unique ids, every `for`/`aria-*`/`#fragment` reference pointing
at an id on the page, and every form action routed by the app for the form's method.
StrictUndefined makes a misspelt template variable raise, and TESTING propagates it as a failure.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import portal_factories as factories
import pytest
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed, NotFound

from portal import create_app
from portal.locales import UI_LOCALES


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.refs: list[tuple[str, str]] = []
        self.forms: list[tuple[str, str]] = []
        self.html_lang: str | None = None
        self.title = ""
        self._in_title = False
        self._in_template_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "title":
            self._in_title = True
        if "id" in a:
            self.ids.append(a["id"])
        for name in ("for", "aria-labelledby", "aria-describedby", "aria-controls"):
            for ref in (a.get(name) or "").split():
                self.refs.append((name, ref))
        href = a.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.refs.append(("href", href[1:]))
        if tag == "form":
            self.forms.append(((a.get("method") or "get").upper(), a.get("action") or ""))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def check_page(app, path: str, html: str) -> _Page:
    page = _Page()
    page.feed(html)
    assert page.title.strip(), f"{path}: empty <title>"
    tags = {code: locale.html for code, locale in UI_LOCALES.items()}
    expected = tags.get(path.strip("/").split("/", 1)[0])
    assert page.html_lang in tags.values(), f"{path}: <html lang> is {page.html_lang!r}"
    if expected:
        assert page.html_lang == expected, f"{path}: <html lang={page.html_lang}> on a {expected} URL"
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert not duplicates, f"{path}: duplicate ids {sorted(duplicates)}"
    missing = [(attr, ref) for attr, ref in page.refs if ref not in page.ids]
    assert not missing, f"{path}: references to missing ids {missing}"
    adapter = app.url_map.bind("localhost")
    for method, action in page.forms:
        assert action, f"{path}: a form without an action"
        try:
            adapter.match(urlsplit(action).path, method=method)
        except (NotFound, MethodNotAllowed):
            pytest.fail(f"{path}: form action {method} {action} is not routed")
    return page


class CheckedClient(FlaskClient):
    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 302 and response.status_code != 303:
            path = args[0] if args and isinstance(args[0], str) else kwargs.get("path", "/")
            html = response.get_data(as_text=True)
            if html.lstrip().lower().startswith("<!doctype html>"):
                check_page(self.application, urlsplit(path).path, html)
            else:  # an htmx fragment: no <html> or <title> of its own, but ids must stay unique
                fragment = _Page()
                fragment.feed(html)
                assert len(fragment.ids) == len(set(fragment.ids)), f"{path}: duplicate ids in fragment"
        return response


@pytest.fixture
def app_config() -> dict:
    """Extra settings for `app`; a test module overrides it (test_third_locale.py)."""
    return {}


@pytest.fixture
def app(sqlite_url, app_config):
    factories.load_taxonomy(sqlite_url)
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "CACHE_SECONDS": 0,
                      "SERVER_NAME": "localhost", **app_config})
    app.test_client_class = CheckedClient
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_service(sqlite_url):
    def make(**kwargs):
        return factories.service(sqlite_url, **kwargs)

    return make


@pytest.fixture
def make_organization(sqlite_url):
    def make(**kwargs):
        return factories.organization(sqlite_url, **kwargs)

    return make


@pytest.fixture
def indexed(app, make_organization, make_service, tmp_path):
    """Three services (food aid twice, French classes) indexed by the embedded engine."""
    from indexer.document import iter_documents
    from indexer.factory import engine_from_config

    app.config["INDEX_PATH"] = str(tmp_path / "index")
    org = make_organization()
    make_service(organization_id=org)
    make_service(organization_id=org, name_fr="Dépannage alimentaire", name_en="Emergency food",
                 languages=("fr",))
    make_service(name_fr="Cours de français", name_en="French classes",
                 categories=("education",), free=False)
    engine_from_config(app.config).rebuild(iter_documents(app.config["DATABASE_URL"]))
    return app
