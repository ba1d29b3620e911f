"""The public privacy page says, in both languages, what the log keeps, for how long and the rules
that protect readers, with the figures the code applies (docs/privacy.md)."""

from __future__ import annotations

from needs_support import make_app


def test_the_privacy_page_states_the_rules_with_the_configured_figures(sqlite_url):
    app = make_app(sqlite_url, NEEDS_RAW_RETENTION_DAYS=90)
    client = app.test_client()
    fr = client.get("/fr/confidentialite").get_data(as_text=True)
    en = client.get("/en/privacy").get_data(as_text=True)
    assert "Loi 25" in fr and "Law 25" in en
    assert "supprimées après 90 jours" in fr and "deleted after 90 days" in en
    assert "au moins 3 services" in fr and "at least 3 services" in en
    assert "au moins 10 recherches" in fr and "at least 10 searches on at least 3 different days" in en
    assert "65+" in en and "211, 811, 911" in en
    for html in (fr, en):  # the footer links to it, in the page's language
        assert 'href="/fr/confidentialite"' in html or 'href="/en/privacy"' in html
    assert 'hreflang="en"' in fr and 'href="http://localhost/en/privacy"' in fr
