"""Every output link of a results page, followed: each gives what it says (issue 17, part 5).

A results page for a query with filters offers PDFs (by category, by region), CSV, HSDS JSON,
GeoJSON, "export this map", the map beside the list, and a shortlist. The test reads the links from
the page itself (not rebuilt from the routes: the bug was in how the page built them, "…/results.pdf
?group=region?q=…" printed the whole directory by category) and checks each against the result set
the page lists, page by page, and against the grouping the link names.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
import subprocess
from collections import Counter
from urllib.parse import parse_qs, urlsplit

from directory import geo, taxonomy
from indexer.document import documents_for_service

QUERY = "/fr/recherche?q=aide&region=06&region=03"
FILTER_REGIONS = {"06", "03"}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _hrefs(fragment: str) -> list[tuple[str, str]]:
    """(href, link text) of every link in an HTML fragment, entities decoded."""
    return [(html_lib.unescape(href), re.sub(r"<[^>]+>", "", text).strip())
            for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', fragment, re.S)]


def _listed_services(client, url: str) -> set[str]:
    """The service ids the results page lists, following its "Next" links to the last page."""
    found: set[str] = set()
    while url:
        page = client.get(url).get_data(as_text=True)
        found |= set(re.findall(rf'class="result-name"><a href="/fr/service/({UUID})', page))
        after = re.search(r'<a href="([^"]+)"[^>]*rel="next"', page)
        url = html_lib.unescape(after.group(1)) if after else ""
    return found


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "links.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _contents(text: str) -> Counter:
    """The PDF's table of contents: group title -> number of services."""
    return Counter({title.strip(): int(n) for title, n in re.findall(r"^(\S.*?) \((\d+) services?\)", text, re.M)})


def _expected_groups(database_url: str, ids: set[str], by: str) -> tuple[Counter, dict[str, set[str]]]:
    """Per service, the group titles it may fall under (a service at several places in the filtered
    regions may be filed under any of them), and the count when each has only one."""
    regions, by_code = geo.regions(), taxonomy.by_code()
    allowed: dict[str, set[str]] = {}
    for service_id in ids:
        docs = [d for d in documents_for_service(database_url, service_id) if d["region_code"] in FILTER_REGIONS]
        if by == "region":
            allowed[service_id] = {regions[d["region_code"]].name_fr for d in docs}
        else:
            tops = sorted(c for c in docs[0]["category_codes"] if c in by_code and by_code[c].depth == 0)
            allowed[service_id] = {by_code[tops[0]].name_fr}
    return Counter(next(iter(t)) for t in allowed.values() if len(t) == 1), allowed


def test_every_output_link_of_a_results_page_gives_the_results_it_names(client, demo_app, tmp_path):
    page = client.get(QUERY).get_data(as_text=True)
    listed = _listed_services(client, QUERY)
    assert 10 <= len(listed) <= 200, "the query gives a contents page and fits in one PDF"
    tools = re.search(r'<details class="downloads">(.*?)</details>', page, re.S)
    assert tools, "the results page offers its downloads"
    links = dict((text, href) for href, text in _hrefs(tools.group(1)))
    iframe = html_lib.unescape(re.search(r'<iframe class="map-frame" src="([^"]+)"', page).group(1))
    links["Carte des résultats"] = iframe
    checked = []
    for text, href in links.items():
        parts = urlsplit(href)
        assert parts.query.count("?") == 0 and "?" not in parts.path, f"{text}: one query string: {href}"
        args = parse_qs(parts.query)
        assert args.get("q") == ["aide"] and sorted(args.get("region", [])) == ["03", "06"], \
            f"{text}: the link keeps the query and its filters: {href}"
        response = client.get(href)
        assert response.status_code == 200, f"{text}: {href} -> {response.status_code}"
        body = response.get_data()
        if text.startswith("Répertoire PDF"):
            by = "region" if "région" in text else "category"
            assert args.get("group", ["category"]) == [by]
            pdf = _pdf_text(body, tmp_path)
            assert re.search(rf"Classés par\s+{'Région' if by == 'region' else 'Catégorie'}", pdf), text
            assert re.search(rf"Services\s+{len(listed)}\b", pdf), f"{text}: the same number of services"
            assert "Région : Montréal; Région : Capitale-Nationale" in pdf, f"{text}: the filters on the cover"
            contents = _contents(pdf)
            single, allowed = _expected_groups(demo_app.config["DATABASE_URL"], listed, by)
            assert sum(contents.values()) == len(listed), f"{text}: every result once in the contents"
            titles = set().union(*allowed.values())
            assert set(contents) <= titles, f"{text}: groups are {by} names: {set(contents) - titles}"
            for title, count in single.items():
                assert contents[title] >= count, f"{text}: {title}"
        elif text.startswith("Tableur"):
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
            assert {row[0] for row in rows[1:]} == listed, text
        elif "HSDS JSON" in text:
            assert {s["id"] for s in json.loads(body)} == listed, text
        elif "GeoJSON" in text:
            features = json.loads(body)["features"]
            assert {f["properties"]["service_id"] for f in features} == listed, text
        elif text.startswith("Carte"):
            mapped = set(re.findall(rf"/fr/service/({UUID})", body.decode()))
            # Confidential locations have no marker (docs/confidential-locations.md): the results
            # with a point are those the GeoJSON download gives a geometry.
            geojson = next(h for h in links.values() if ".geojson" in urlsplit(h).path)
            located = {f["properties"]["service_id"] for f in client.get(geojson).get_json(force=True)["features"]
                       if f["geometry"] is not None}
            assert located and located <= listed
            assert mapped == located, f"{text}: the map's markers are the results"
        else:
            raise AssertionError(f"an output link this test does not check yet: {text} {href}")
        checked.append(text)
    assert len(checked) == 7, checked


def test_the_shortlist_links_of_a_results_page_keep_the_search_and_list_the_service(client):
    page = client.get(QUERY).get_data(as_text=True)
    toggle = next(href for href, _ in _hrefs(page) if "&s=" in href or "?s=" in href)
    added = parse_qs(urlsplit(toggle).query)
    assert added["q"] == ["aide"] and sorted(added["region"]) == ["03", "06"], toggle
    service_id = added["s"][0]
    after = client.get(toggle).get_data(as_text=True)
    view = next(href for href, text in _hrefs(after) if text.startswith("Voir ma liste"))
    listing = client.get(view).get_data(as_text=True)
    assert f"/fr/service/{service_id}" in listing
    for href, text in _hrefs(listing):
        if "/export/list.csv" in href:
            rows = list(csv.reader(io.StringIO(client.get(href).get_data().decode("utf-8-sig")), delimiter=";"))
            assert {row[0] for row in rows[1:]} == {service_id}, text
            break
    else:
        raise AssertionError("the list page offers its CSV")
