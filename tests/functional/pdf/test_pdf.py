"""PDF directories: tagged (PDF/UA-1), text in the chosen language, nothing fetched from the network."""

from __future__ import annotations

import re
import subprocess
import zlib

import pytest

from portal.display.contact import phone_link
from portal.pdf.render import StaticOnlyFetcher


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _info(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def test_shortlist_pdf_in_english_has_names_phones_and_english_words(client, service_ids, names, demo_app, tmp_path):
    from indexer.document import documents_for_service

    listed = service_ids[:3]
    response = client.get(f"/en/pdf/list.pdf?s={','.join(listed)}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _text(response.data, tmp_path)
    flat = " ".join(text.split())
    for service_id in listed:
        assert " ".join(names[service_id][1].split()) in flat
        doc = documents_for_service(demo_app.config["DATABASE_URL"], service_id)[0]
        assert phone_link(doc["phones"][0]["number"]).display in text
    assert "My list of services" in text and "Opening hours:" in text
    # Three services: the cover, then the services; no contents page (pdf.views.TOC_SERVICES_MIN).
    assert "Contents" not in text
    assert "Page 2 of" in text
    assert "Heures" not in text


def test_a_directory_of_many_services_has_a_contents_page(client, service_ids, tmp_path):
    from portal.pdf.views import TOC_SERVICES_MIN

    listed = service_ids[:TOC_SERVICES_MIN]
    text = _text(client.get(f"/en/pdf/list.pdf?s={','.join(listed)}").data, tmp_path)
    assert "Contents" in text


def test_results_pdf_in_french_has_a_cover_with_the_query_and_french_words(client, tmp_path):
    response = client.get("/fr/pdf/results.pdf?q=aide&region=06&group=region")
    text = _text(response.data, tmp_path)
    assert "Répertoire des services" in text and "« aide »" in text or "“aide”" in text
    assert "Montréal" in text
    assert "Page 2 de" in text


def _objects(pdf: bytes) -> bytes:
    """The file with every Flate stream inflated (the catalog may sit in an object stream)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(parts)


def test_pdf_is_tagged_pdf_ua(client, service_ids, tmp_path):
    pdf = client.get(f"/fr/pdf/list.pdf?s={service_ids[0]}").data
    objects = _objects(pdf)
    assert b"/StructTreeRoot" in objects
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objects)
    assert re.search(rb"/Lang\s*\(fr-CA\)", objects)
    assert b"pdfuaid" in objects
    info = _info(pdf, tmp_path)
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"Title:\s+Ma liste de services", info)


def test_the_fetcher_serves_static_files_and_refuses_everything_else(demo_app):
    fetcher = StaticOnlyFetcher(demo_app.static_folder)
    assert fetcher("https://portail211.invalid/static/css/print.css").read().startswith(b"/*")
    for url in ("https://example.com/static/css/print.css/../../../etc/passwd",
                "https://portail211.invalid/static/../pyproject.toml", "file:///etc/passwd",
                "https://portail211.invalid/other.css"):
        with pytest.raises(ValueError):
            fetcher(url)
