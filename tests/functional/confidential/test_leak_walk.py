"""The leak walk (docs/confidential-locations.md): every public output of a directory with
confidential locations, none of which may give away a street, a full postal code, coordinates (6
down to 2 decimals), the approximate point, a map marker or a directions link.

The outputs are enumerated from the app's URL map: every route is either walked (OUTPUTS) or listed
in NOT_PUBLIC with the reason, so a new public route without coverage fails
`test_every_route_is_walked_or_explained`. The list of outputs checked is printed (`-s`) and written
to the test's report so its count can be quoted.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

import confidential_directory
from confidential_directory import STAFF_EMAIL, STAFF_PASSWORD

from indexer.document import iter_documents
from indexer.factory import engine_from_config
from indexer.opensearch_query import source as opensearch_source
from portal.opendata import build as opendata

# Routes that are not public outputs of the directory, and why.
NOT_PUBLIC = {
    "static": "the portal's own CSS/JS/images",
    "favicon": "an icon",
    "health.healthz": "liveness: 'ok'",
    "health.readyz": "readiness: engine and database status, no records",
    "api_hsds.unknown": "the API's 404/405 answer for unknown paths and methods",
    "needs.dashboard": "anonymous query-log statistics by region and category: reads no location",
    "needs.chart": "charts of the same statistics",
    "needs.data": "the same statistics as tables",
    "needs.download": "the same statistics as files",
    "needs.gaps": "supply (service counts per region and category) against demand: no location",
    "needs.gaps_pdf": "the same as a PDF",
    "outreach.update": "an organization's signed update link: the organization sees its own records",
    "outreach.confirm": "the same (POST)",
    "outreach.edit": "the same",
    "outreach.end": "the same",
    "outreach.add": "the same (a phone, address or hours proposed for review)",
    "outreach.remove": "the same",
    "outreach.capacity": "the same (its own live counts)",
}
NOT_PUBLIC_PREFIXES = {"staff.": "the curation area: signed-in staff only (checked below)"}


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "walk.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _texts(response, tmp_path) -> Iterator[tuple[str, str]]:
    """(part, text) of a response: a PDF's text, each member of a zip, else the body."""
    if response.mimetype == "application/pdf":
        yield "", _pdf_text(response.data, tmp_path)
    elif response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            for name in archive.namelist():
                yield name, archive.read(name).decode("utf-8")
    else:
        yield "", response.get_data(as_text=True)


def _outputs(app, directory) -> dict[str, list[tuple[str, dict]]]:
    """Endpoint -> the requests of it the walk makes (path, headers)."""
    services = directory.service_ids
    listed = ",".join(services[:12])
    cities = sorted({s.city for s in directory.secrets})
    city = directory.secret(directory.imported_location_id).city
    docs = [doc for doc in iter_documents(directory.url) if doc["confidential"]]
    sals = sorted(doc["id"] for doc in docs)
    orgs = sorted({doc["organization_id"] for doc in docs})
    indexed = sorted({doc["service_id"] for doc in docs})  # active: on maps (inactive ones 404 there)
    q = quote("violence conjugale")
    hx = {"HX-Request": "true"}
    out: dict[str, list[tuple[str, dict]]] = {}

    def add(endpoint: str, *paths: str, headers: dict | None = None) -> None:
        out.setdefault(endpoint, []).extend((p, headers or {}) for p in paths)

    add("main.root", "/")
    add("main.home", "/fr/", "/en/")
    add("main.privacy", "/fr/confidentialite", "/en/privacy")
    searches = [f"q={q}", f"q={q}&place={quote(city)}", f"q={q}&place={quote(city)}&sort=distance",
                f"q=h%C3%A9bergement&place={quote(city)}&radius=100", "q=violence&place=45.40,-71.95&sort=distance",
                "category=violence.domestic.shelter", f"q={q}&place={quote(cities[0])}&group=service",
                "q=rue", f"q={q}&page=2"]
    for lang, path in (("fr", "/fr/recherche"), ("en", "/en/search")):
        add("search.results", *(f"{path}?{s}" for s in searches))
        add("search.results", *(f"{path}?{s}" for s in searches[:3]), headers=hx)
        suggestions = "/fr/suggestions" if lang == "fr" else "/en/suggestions"
        add("search.suggestions", *(f"{suggestions}?q={t}" for t in ("viol", "maison", "h%C3%A9berg",
                                                                      quote(city[:4]))))
        service = "/fr/service" if lang == "fr" else "/en/service"
        add("service.page", *(f"{service}/{s}" for s in services))
        add("service.report", f"{service}/{services[0]}/{'signaler' if lang == 'fr' else 'report'}")
        add("service.report_thanks", f"{service}/{services[0]}/{'merci' if lang == 'fr' else 'thanks'}")
        carte = "/fr/carte" if lang == "fr" else "/en/map"
        add("maps.results", f"{carte}?q={q}&place={quote(city)}", f"{carte}?category=violence.domestic.shelter")
        add("maps.shortlist", f"{carte}/{'liste' if lang == 'fr' else 'list'}?s={listed}")
        add("maps.service", *(f"{carte}/service/{s}" for s in indexed))
        export = "exporter" if lang == "fr" else "export"
        add("maps.export", f"{carte}/{export}/results.html?q={q}", f"{carte}/{export}/list.html?s={listed}")
        for fmt in ("csv", "json", "geojson"):
            add("exports.download", f"/{lang}/export/results.{fmt}?q={q}&place={quote(city)}",
                f"/{lang}/export/results.{fmt}?category=violence.domestic.shelter",
                f"/{lang}/export/list.{fmt}?s={listed}")
        add("pdf.download", f"/{lang}/pdf/results.pdf?q={q}&group=region", f"/{lang}/pdf/list.pdf?s={listed}")
        add("shortlist.page", f"/{lang}/{'liste' if lang == 'fr' else 'list'}?s={listed}")
        widget = "/fr/widget/recherche" if lang == "fr" else "/en/widget/search"
        add("widget.search", f"{widget}?q={q}&place={quote(city)}", f"{widget}?q=violence")
        add("widget.configurator", f"/{lang}/widget")
        add("crisis.page", "/fr/urgence" if lang == "fr" else "/en/emergency")
        add("opendata.page", "/fr/donnees-ouvertes" if lang == "fr" else "/en/open-data")
    add("widget.theme", "/widget/theme.css")
    add("opendata.download", *(f"/opendata/{f.name}" for f in opendata.FILES))
    api = "/api/hsds"
    add("api_hsds.root", f"{api}/")
    add("api_hsds.openapi_document", f"{api}/openapi.json")
    add("api_hsds.profile_patch", f"{api}/profile/location.json")
    add("api_hsds.profile_schema", f"{api}/profile/schema/location.json")
    add("api_hsds.schema_file", f"{api}/schema/location.json")
    shapes = ("locale=fr", "locale=en", "profile=bilingual")
    for shape in shapes:
        add("api_hsds.services", f"{api}/services?{shape}&format=ndjson", f"{api}/services?{shape}&per_page=100",
            f"{api}/services?{shape}&search=violence&per_page=100")
        add("api_hsds.service", *(f"{api}/services/{s}?{shape}" for s in services))
        add("api_hsds.service_at_locations", f"{api}/service_at_locations?{shape}&format=ndjson",
            f"{api}/service_at_locations?{shape}&search=violence&postcode=J1E1A1&proximity=100000&per_page=100")
        add("api_hsds.service_at_location", *(f"{api}/service_at_locations/{s}?{shape}" for s in sals))
        add("api_hsds.organizations", f"{api}/organizations?{shape}&format=ndjson")
        add("api_hsds.organization", *(f"{api}/organizations/{o}?{shape}" for o in orgs))
        add("api_hsds.taxonomies", f"{api}/taxonomies?{shape}")
        add("api_hsds.taxonomy_terms", f"{api}/taxonomy_terms?{shape}&per_page=100")
    add("api_hsds.taxonomy", f"{api}/taxonomies/{_first_id(app, f'{api}/taxonomies')}")
    add("api_hsds.taxonomy_term", f"{api}/taxonomy_terms/{_first_id(app, f'{api}/taxonomy_terms')}")
    return out


def _first_id(app, path: str) -> str:
    return json.loads(app.test_client().get(path).get_data(as_text=True))["contents"][0]["id"]


def _endpoints(app) -> set[str]:
    # Language pairs register one endpoint per language (`name` and `name_en`): one output each.
    return {rule.endpoint.removesuffix("_en") for rule in app.url_map.iter_rules()}


def _explained(endpoint: str) -> bool:
    return endpoint in NOT_PUBLIC or any(endpoint.startswith(p) for p in NOT_PUBLIC_PREFIXES)


def test_every_route_is_walked_or_explained(walked):
    app, directory = walked
    outputs = _outputs(app, directory)
    missing = sorted(e for e in _endpoints(app) if e not in outputs and not _explained(e))
    assert not missing, f"public routes the leak walk does not cover (add them to OUTPUTS or NOT_PUBLIC): {missing}"
    assert not set(outputs) & set(NOT_PUBLIC)


def test_no_public_output_gives_a_confidential_location_away(walked, tmp_path, capsys):
    app, directory = walked
    client = app.test_client()
    checked: list[str] = []
    found: list[str] = []
    for endpoint, requests in sorted(_outputs(app, directory).items()):
        for path, headers in requests:
            response = client.get(path, headers=headers)
            # A walk that got an error page checked nothing: every output must answer.
            assert response.status_code in (200, 302), f"{path}: {response.status_code}"
            for part, text in _texts(response, tmp_path):
                name = f"{endpoint} {path}{' ' + part if part else ''}{' (htmx)' if headers else ''}"
                checked.append(name)
                found += [f"{name}: {leak}" for leak in confidential_directory.leaks(text, directory)]
    with capsys.disabled():
        print(f"\nleak walk: {len(checked)} outputs checked over {len(_outputs(app, directory))} routes, "
              f"{len(directory.secrets)} confidential locations, {len(found)} leaks")
        for name in checked:
            print("  checked", name)
    assert not found, "\n".join(found[:50])
    assert len(checked) > 300


def test_service_pages_of_confidential_services_have_no_marker_directions_or_street(walked):
    app, directory = walked
    client = app.test_client()
    docs = list(iter_documents(directory.url))  # read once: read per service, this test took 84 s
    only_confidential = [s for s in directory.service_ids
                         if all(d["confidential"] for d in docs if d["service_id"] == s)]
    assert only_confidential
    for service_id in only_confidential:
        for lang in ("fr", "en"):
            html = client.get(f"/{lang}/service/{service_id}").get_data(as_text=True)
            assert "openstreetmap.org/directions" not in html and "geo:" not in html
            assert 'class="map-frame"' not in html  # no map of the service
            assert ("Adresse confidentielle" if lang == "fr" else "Confidential address") in html
            jsonld = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
            assert '"geo"' not in jsonld and "streetAddress" not in jsonld and "postalCode" not in jsonld
        # The service's phones stay: contact goes through the intake line.
        doc = next((d for d in docs if d["service_id"] == service_id), None)
        if doc is not None and doc["phones"]:
            assert "tel:" in client.get(f"/fr/service/{service_id}").get_data(as_text=True)
        # Its map document, if fetched anyway, has no marker: the markers' data link to service pages.
        if doc is not None:
            response = client.get(f"/fr/carte/service/{service_id}")
            assert response.status_code == 200 and f"/service/{service_id}" not in response.get_data(as_text=True)


def test_results_say_the_town_and_a_coarse_distance(walked):
    app, directory = walked
    client = app.test_client()
    html = client.get(f"/fr/recherche?q={quote('violence conjugale')}&place=Sherbrooke&sort=distance"
                      ).get_data(as_text=True)
    assert "à Sherbrooke" in html and "à environ " in html
    english = client.get(f"/en/search?q={quote('violence conjugale')}&place=Sherbrooke&sort=distance"
                         ).get_data(as_text=True)
    assert "in Sherbrooke" in english and "about " in english and " km away" in english


def test_index_documents_hold_only_the_approximate_point(walked):
    """What both engines index: the embedded engine's stored documents, and the OpenSearch source
    built from the same documents (opensearch_query.source, what a bulk request sends)."""
    app, directory = walked
    engine = engine_from_config(app.config)
    docs = list(iter_documents(directory.url))
    confidential = [d for d in docs if d["confidential"]]
    assert {d["location_id"] for d in confidential} == {s.location_id for s in directory.secrets}
    for doc in confidential:
        secret = directory.secret(doc["location_id"])
        assert doc["address"] is None and doc["postal_code"] == secret.postal_code[:3]
        assert (doc["lat"], doc["lon"]) == secret.approx
        for text in (json.dumps(doc, ensure_ascii=False), json.dumps(opensearch_source(doc), ensure_ascii=False)):
            assert not [leak for leak in confidential_directory.leaks(text, directory)
                        if not leak.startswith("approximate point")]
    from indexer.engine import SearchRequest

    # The street is not even searchable: a search for it finds nothing, suggests nothing.
    for token in ("Zyxwvuts", "Qjxkvbureau", "Plmoknij"):
        assert engine.search(SearchRequest(locale="fr", q=token)).total == 0
        assert not engine.suggest(token[:5], "fr")

    stored = engine.search(SearchRequest(locale="fr", q="violence conjugale", per_page=100)).hits
    assert stored and all(not confidential_directory.leaks(json.dumps(h.document, ensure_ascii=False), directory)
                          or h.document["confidential"] for h in stored)
    for hit in stored:
        if hit.document["confidential"]:
            assert hit.document["address"] is None and hit.document["lat"] == directory.secret(
                hit.document["location_id"]).approx[0]


def test_the_imported_coordinates_are_kept_for_staff_only(walked):
    """An import whose confidential location carries coordinates: the directory keeps them (staff see
    them), the public never does (the walk above covers the imported shelter too)."""
    app, directory = walked
    from sqlalchemy import select

    from directory.db import session_scope
    from directory.models import Location

    secret = directory.secret(directory.imported_location_id)
    with session_scope(directory.url) as session:
        location = session.get(Location, directory.imported_location_id)
        assert location.confidential and (location.latitude, location.longitude) == (secret.lat, secret.lon)
        assert session.scalar(select(Location.transportation_fr).where(Location.id == location.id))
    client = app.test_client()
    edit = f"/fr/personnel/services/{directory.imported_service_id}/lieux/{directory.imported_location_id}"
    assert client.get(edit).status_code in (302, 303, 401, 403)  # not without signing in
    page = client.get("/fr/personnel/connexion").get_data(as_text=True)
    token = page.split('name="csrf_token"')[1].split('value="')[1].split('"')[0]
    client.post("/fr/personnel/connexion", data={"csrf_token": token, "email": STAFF_EMAIL,
                                                  "password": STAFF_PASSWORD})
    html = client.get(edit).get_data(as_text=True)
    assert secret.street.split(", ")[1] in html  # the street, to staff
    assert f"{secret.lat:.4f}" in html.replace(",", ".")  # the coordinates, to staff
    checkbox = html.split('id="confidential"')[0].rsplit("<input", 1)[1] + html.split('id="confidential"')[1][:60]
    assert "checked" in checkbox
    # Signed in or not, the public pages stay the same: staff see addresses in the staff area only.
    public = client.get(f"/fr/service/{directory.imported_service_id}").get_data(as_text=True)
    assert not confidential_directory.leaks(public, directory)



def test_the_leak_finder_sees_every_form_of_a_leak():
    """The walk is only as good as its finder: each way an output could give a location away is
    found, inside markup, CSV and longer numbers alike, and near misses are not."""
    Secret, Directory = confidential_directory.Secret, confidential_directory.Directory
    directory = Directory("unused", secrets=[
        Secret("a", "7100, rue Zyxwvuts-0", "J1H9Z0", 50.40123457, -75.90234567, (45.404321, -71.889876), "Sherbrooke"),
        Secret("b", "7101, rue Zyxwvuts-1", "G8P1Z9", 50.42253457, -75.93944567, None, "Chibougamau")])
    found = confidential_directory.leaks
    assert found('<p data-x="Zyxwvuts">', directory) == ["street text 'zyxwvuts'"]
    for postal in ("J1H 9Z0", "j1h9z0", "J1H-9Z0", "J1H%209Z0", "J1H\u00a09Z0"):
        assert found(f"<td>{postal}</td>", directory) == ["postal code J1H9Z0"], postal
    # From 4 decimals a number alone is the point, rounded or cut, with a point or a comma.
    assert found("lat=50.4012", directory) == ["coordinate of a at 4 decimals"]
    for text in ("150.40123", "x,-75.9023,y", "[50,401235]", '"-75.902346"'):
        assert any(leak.startswith("coordinate of a") for leak in found(text, directory)), text
    assert any(leak.startswith("coordinate of b") for leak in found("-75.9394", directory))
    # At 2-3 decimals only a latitude and a longitude close together are a point.
    assert found("50.40,-75.90", directory) == ["coordinates of a at 2 decimals"]
    assert found("50.40" + " " * 400 + "-75.90", directory) == []
    assert found("45.4043 -71.8899", directory) == ["approximate point of a"]
    assert found("50.41 -75.91 45.40 -71.88 J1H 9Z1", directory) == []
