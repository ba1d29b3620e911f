"""Helpers of the staff tests (a module of its own: test files never import `conftest`, whose
name several test directories share)."""

from __future__ import annotations

import re

PASSWORD = "correct horse battery staple"
EMAILS = {"curator": "curator@211.example.org", "analyst": "analyst@211.example.org",
          "admin": "admin@211.example.org"}


def token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(client, role: str, *, lang: str = "fr", password: str = PASSWORD):
    path = "/fr/personnel/connexion" if lang == "fr" else "/en/staff/login"
    page = client.get(path)
    return client.post(path, data={"csrf_token": token(page.get_data(as_text=True)), "email": EMAILS[role],
                                   "password": password})


def form_values(html: str) -> dict[str, list[str]]:
    """What a browser would send from the page's first `staff-form` form (no button)."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.values: dict[str, list[str]] = {}
            self.inside = False
            self.finished = False
            self.textarea = None
            self.select = None

        def add(self, name, value):
            self.values.setdefault(name, []).append(value)

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form" and not self.finished and "staff-form" in (a.get("class") or ""):
                self.inside = True
            if not self.inside:
                return
            name = a.get("name")
            if tag == "input" and name:
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio"):
                    if "checked" in a:
                        self.add(name, a.get("value") or "y")
                elif kind not in ("submit", "button"):
                    self.add(name, a.get("value") or "")
            elif tag == "textarea" and name:
                self.textarea = name
                self.add(name, "")
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and self.select and "selected" in a:
                self.add(self.select, a.get("value") or "")

        def handle_data(self, data):
            if self.inside and self.textarea:
                self.values[self.textarea][-1] += data

        def handle_endtag(self, tag):
            if tag == "textarea":
                self.textarea = None
            elif tag == "select":
                self.select = None
            elif tag == "form" and self.inside:
                self.inside = False
                self.finished = True

    parser = Parser()
    parser.feed(html)
    # A textarea's first newline is not part of its value (HTML parsing rule).
    return {k: [v[1:] if v.startswith("\n") else v for v in items] for k, items in parser.values.items()}
