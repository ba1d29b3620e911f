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
