"""Shortlists live in the URL: add and remove links, the list page, sharing."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from portal.shortlist.core import MAX_SERVICES, Shortlist


def test_the_list_parameter_is_cleaned_deduplicated_and_capped():
    assert Shortlist.parse("a1, b2,a1,,<script>").ids == ("a1", "b2")
    assert len(Shortlist.parse(",".join(f"id{i}" for i in range(300)))) == MAX_SERVICES


def _add_link(html: str, ident_fragment: str = "") -> str:
    match = re.search(rf'<a id="sl-[^"]*{ident_fragment}[^"]*" class="shortlist-toggle[^"]*" href="([^"]+)"', html)
    return match.group(1).replace("&amp;", "&")


def test_add_links_keep_the_search_and_add_the_service(client):
    page = client.get("/fr/recherche?q=aide&page=2").get_data(as_text=True)
    link = _add_link(page)
    query = parse_qs(urlsplit(link).query)
    assert query["q"] == ["aide"] and query["page"] == ["2"] and len(query["s"]) == 1
    after = client.get(link).get_data(as_text=True)
    assert "Voir ma liste (1 service)" in after or "View my list (1 service)" in after
    assert f'name="s" value="{query["s"][0]}"' in after, "a new search keeps the list"


def test_list_page_shows_services_removes_one_and_shares_the_link(client, service_ids, names):
    first, second = service_ids[:2]
    page = client.get(f"/fr/liste?s={first},{second}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert names[first][0] in html and names[second][0] in html
    remove = re.search(rf'<a id="sl-{first}"[^>]*href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(remove).query)["s"] == [second]
    after = client.get(remove).get_data(as_text=True)
    assert names[first][0] not in after and names[second][0] in after
    mailto = unquote(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert names[first][0] in mailto and f"http://localhost/fr/liste?s={first}%2C{second}" in mailto
    assert re.search(r'href="sms:\?body=[^"]+"', html)
    assert f"/fr/pdf/list.pdf?s={first}%2C{second}" in html
    assert f"/fr/export/list.csv?s={first}%2C{second}" in html


def test_an_empty_list_explains_how_to_add_services(client):
    html = client.get("/en/list").get_data(as_text=True)
    assert "Your list is empty." in html


def test_service_page_offers_add_and_keeps_the_list_in_its_link(client, service_ids):
    first, second = service_ids[:2]
    html = client.get(f"/en/service/{second}?s={first}").get_data(as_text=True)
    link = _add_link(html, "service")
    assert parse_qs(urlsplit(link).query)["s"] == [f"{first},{second}"]
    assert f"/en/list?s={first}" in html


def test_without_javascript_no_list_item_is_left_empty(client, service_ids):
    """Script-only buttons (print, copy) hide their whole list item: no empty bullet without JS."""
    html = client.get(f"/fr/liste?s={service_ids[0]}").get_data(as_text=True)
    assert not re.search(r"<li>\s*<[a-z]+\b[^>]*\shidden[\s>]", html), "a shown <li> holding only a hidden element"
    assert re.search(r"<li hidden>\s*<button[^>]*data-print", html)
    assert re.search(r"<li hidden>\s*<button[^>]*data-copy", html)


def test_add_without_javascript_returns_to_the_same_result(client):
    page = client.get("/fr/recherche?q=aide").get_data(as_text=True)
    link = _add_link(page)
    anchor = urlsplit(link).fragment
    assert anchor.startswith("result-") and f'<li class="result" id="{anchor}">' in page
    # The anchor is for the browser's address only; htmx asks for the fragment without it.
    assert re.search(r'hx-get="[^"#]+" data-keep-focus', page)
    after = client.get(link).get_data(as_text=True)
    assert f'id="{anchor}"' in after, "the card is on the page the link opens"


def test_printed_list_shows_the_weeks_hours_not_open_now(client, service_ids):
    html = client.get(f"/en/list?s={service_ids[0]}").get_data(as_text=True)
    printed = re.search(r'<li class="print-only">(.*?)</li>', html, re.S).group(1)
    assert printed.startswith("Opening hours:")
    assert re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday):|Open 24 hours|Not listed", printed)
    assert "Open now" not in printed and "Closed now" not in printed
    from pathlib import Path

    import portal

    css = (Path(portal.__file__).parent.parent / "static/css/print.css").read_text()
    assert ".shortlist-item .screen-only { display: none" in css and ".shortlist-item .print-only" in css


def _find_more(html: str) -> str:
    return re.search(r'<a href="([^"]+)">(?:Find more services|Trouver d’autres services|Trouver d\'autres services)',
                     html).group(1).replace("&amp;", "&")


def test_find_more_services_returns_to_the_search_the_list_was_opened_from(client, service_ids):
    first = service_ids[0]
    results = client.get(f"/en/search?q=help&language=fr&sort=name&page=2&s={first}").get_data(as_text=True)
    view = re.search(r'<p class="shortlist-bar"><a href="([^"]+)"', results).group(1).replace("&amp;", "&")
    assert urlsplit(view).path == "/en/list" and parse_qs(urlsplit(view).query)["s"] == [first]
    listed = client.get(view).get_data(as_text=True)
    back = urlsplit(_find_more(listed))
    assert back.path == "/en/search"
    assert parse_qs(back.query) == {"q": ["help"], "language": ["fr"], "sort": ["name"], "page": ["2"], "s": [first]}
    # Removing a service from the list keeps the way back.
    remove = re.search(rf'<a id="sl-{first}"[^>]*href="([^"]+)"', listed).group(1).replace("&amp;", "&")
    assert "from=" in remove


def test_find_more_services_never_leaves_the_site(client, service_ids):
    first = service_ids[0]
    for hostile in ("https://evil.example/en/search?q=x", "//evil.example/en/search?q=x", "/en/list?q=x",
                    "javascript:alert(1)", "/\\evil.example/en/search?q=x"):
        html = client.get("/en/list", query_string={"s": first, "from": hostile}).get_data(as_text=True)
        assert _find_more(html) == f"/en/search?s={first}", hostile
    # The French list page goes back to the French search, with the query of an English one.
    html = client.get("/fr/liste", query_string={"s": first, "from": "/en/search?q=food"}).get_data(as_text=True)
    assert _find_more(html) == f"/fr/recherche?q=food&s={first}"
