"""Open data is never half-built: each set is built in its own folder and switched to whole, so a
failed, killed or concurrent build leaves the previous set live, the page's links read the set the
page describes, a changed directory gets new files in the background while the old ones serve, and
the page says when the next set will be ready (portal/opendata/build.py's docstring).

SQLite only: the switch is files and a lock, the same whatever the database; this module's
`demo_url` replaces the API conftest's SQLite + PostgreSQL pair, so nothing here is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_time
from sqlalchemy import update

from directory.db import engine_for
from directory.models import Service
from portal.opendata import build
from tests.functional.api.conftest import make_app, sqlite_demo


@pytest.fixture(scope="module")
def demo_url(_sqlite_template, tmp_path_factory) -> str:
    return sqlite_demo(_sqlite_template, tmp_path_factory)


def test_a_changed_directory_gets_new_files_in_the_background_while_the_old_ones_serve(
        demo_url, api_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'copy.sqlite'}"
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "copy.sqlite")
    app = make_app(url, Path(api_app.config["INDEX_PATH"]), OPENDATA_PATH=str(tmp_path / "od"))
    client = app.test_client()
    # Nothing built yet: 503 "being prepared", and a build starts in the background.
    first = client.get("/opendata/portail211-services.csv")
    assert first.status_code in (503, 200)
    if first.status_code == 503:
        assert first.headers["Retry-After"] and first.get_json()["error"] == "being_prepared"
    build._running[str(tmp_path / "od")].join(60)
    old = build.current(tmp_path / "od")
    assert client.get("/opendata/portail211-services.csv").status_code == 200
    with engine_for(url).begin() as connection:
        connection.execute(update(Service).values(name_fr="Nouveau nom")
                           .where(Service.id == connection.execute(Service.__table__.select()
                                                                   .limit(1)).first().id))
    page = client.get("/fr/donnees-ouvertes").get_data(as_text=True)
    assert "nouveaux fichiers" in page or "new files" in page
    build._running[str(tmp_path / "od")].join(60)
    new = build.current(tmp_path / "od")
    assert new.version != old.version
    assert "Nouveau nom" in (new.path / "portail211-services.csv").read_text(encoding="utf-8-sig")


@pytest.fixture
def private(api_app, tmp_path):
    """An app whose open data lives in this test's folder, with one complete set built."""
    root = tmp_path / "od"
    app = make_app(api_app.config["DATABASE_URL"], Path(api_app.config["INDEX_PATH"]),
                   OPENDATA_PATH=str(root))
    first = build.build(app.config["DATABASE_URL"], root)
    return app, root, first


def _assert_whole(manifest) -> None:
    """Every file the manifest lists is there with the size and checksum it states."""
    assert {f["name"] for f in manifest.data["files"]} == {f.name for f in build.FILES}
    for entry in manifest.data["files"]:
        path = manifest.path / entry["name"]
        assert path.stat().st_size == entry["bytes"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["name"]


def _set_seconds(manifest, seconds: float) -> None:
    """Pretend the set took `seconds` to build: the next build announces that much."""
    data = {**manifest.data, "seconds": seconds}
    (manifest.path / build.MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def _page_links(html: str) -> list[str]:
    return re.findall(r'href="(/opendata/[^"]+)"', html.replace("&amp;", "&"))


def test_a_build_that_fails_midway_leaves_the_previous_set_live_and_whole(private, monkeypatch):
    app, root, first = private
    written = []

    def failing_row(service):
        written.append(service["id"])
        if len(written) == 25:
            raise RuntimeError("disk full")
        return build_csv_row(service)

    build_csv_row = build.csv_row
    monkeypatch.setattr(build, "csv_row", failing_row)
    with pytest.raises(RuntimeError, match="disk full"):
        build.build(app.config["DATABASE_URL"], root, force=True)
    assert len(written) == 25  # it died with its files half-written
    live = build.current(root)
    assert live.set_id == first.set_id
    _assert_whole(live)
    assert not list(root.glob(".tmp-*")) and not (root / build.STATE).exists()
    client = app.test_client()
    for url in _page_links(client.get("/en/open-data").get_data(as_text=True)):
        assert f"set={first.set_id}" in url
        assert client.get(url).status_code == 200

    # A build killed outright (no except clause runs) leaves its folder and BUILDING file: the
    # page does not believe it (nobody holds the lock) and the next build removes them.
    monkeypatch.setattr(build, "csv_row", build_csv_row)
    killed = root / ".tmp-20990101T000000-deadbeef"
    killed.mkdir()
    (killed / "portail211-services.csv").write_text("id\n1\n")
    (root / build.STATE).write_text(json.dumps({"set": "20990101T000000-deadbeef",
                                                "started_at": "2099-01-01T00:00:00+00:00",
                                                "expected_seconds": 60}))
    assert build.building(root) is None
    html = client.get("/en/open-data").get_data(as_text=True)
    assert "These files are up to date" in html and "being prepared" not in html
    again = build.build(app.config["DATABASE_URL"], root)
    assert again.set_id == first.set_id  # nothing changed: nothing rebuilt
    assert not killed.exists() and not (root / build.STATE).exists()


def test_the_page_and_its_links_read_one_set_while_a_new_one_is_built(private, monkeypatch):
    app, root, first = private
    _set_seconds(first, 1800)
    started, release = threading.Event(), threading.Event()
    original_row = build.csv_row

    def slow_row(service):
        started.set()
        assert release.wait(120)
        return original_row(service)

    monkeypatch.setattr(build, "csv_row", slow_row)
    builder = threading.Thread(target=build.build, args=(app.config["DATABASE_URL"], root),
                               kwargs={"force": True})
    builder.start()
    try:
        assert started.wait(60)
        assert build.building(root) is not None
        client = app.test_client()
        for path in ("/fr/donnees-ouvertes", "/en/open-data"):
            html = client.get(path).get_data(as_text=True)
            links = _page_links(html)
            assert len(links) == len(build.FILES) + 1  # the files and the manifest
            assert all(f"set={first.set_id}" in link for link in links), links
            french = path.startswith("/fr")
            services = format(first.data["counts"]["services"], ",").replace(",", "\u00a0" if french else ",")
            assert f"{services} services" in html
            assert ("Prochaine mise à jour\u00a0: vers" in html) if french else ("Next update: around" in html)
        for link in links:
            response = client.get(link)
            assert response.status_code == 200, link
            name = link.split("?")[0].rsplit("/", 1)[1]
            if name != build.MANIFEST:
                assert hashlib.sha256(response.get_data()).hexdigest() == first.file(name)["sha256"]
        assert client.get("/opendata/manifest.json").get_json()["set"] == first.set_id
    finally:
        release.set()
        builder.join(120)
    second = build.current(root)
    assert second.set_id != first.set_id
    _assert_whole(second)
    client = app.test_client()
    # The links of a page loaded before the switch still give the files it listed.
    for link in links:
        assert client.get(link).status_code == 200
    assert all(f"set={second.set_id}" in link
               for link in _page_links(client.get("/fr/donnees-ouvertes").get_data(as_text=True)))
    # Two switches later that set is gone: its links lead to the live files.
    monkeypatch.setattr(build, "csv_row", original_row)
    third = build.build(app.config["DATABASE_URL"], root, force=True)
    assert not first.path.exists() and second.path.exists() and third.path.exists()
    response = client.get(links[0])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(links[0].split("?")[0])
    assert client.get("/opendata/portail211-services.csv?set=../../etc").status_code == 302


def test_concurrent_builds_take_turns_and_leave_one_whole_live_set(private):
    app, root, first = private
    results, errors = [], []

    def run():
        try:
            results.append(build.build(app.config["DATABASE_URL"], root, force=True))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors and len({m.set_id for m in results}) == 2
    live = build.current(root)
    assert live.set_id in {m.set_id for m in results}
    _assert_whole(live)
    assert len([p for p in root.iterdir() if p.is_dir()]) == 2  # the live set and the one before
    assert not list(root.glob(".tmp-*"))


def _local_clock(when: dt.datetime, lang: str) -> str:
    local = when.astimezone(ZoneInfo("America/Montreal"))
    if local.second or local.microsecond:
        local += dt.timedelta(minutes=1)
    clock = local.time().replace(second=0, microsecond=0)
    if lang == "fr":
        return f"{clock.hour} h" + (f" {clock.minute:02d}" if clock.minute else "")
    return format_time(clock, "short", locale="en_CA")


def test_the_page_says_when_the_next_set_will_be_ready_in_both_languages(private):
    app, root, first = private
    _set_seconds(first, 90)
    client = app.test_client()
    fr = client.get("/fr/donnees-ouvertes").get_data(as_text=True)
    en = client.get("/en/open-data").get_data(as_text=True)
    assert ("Ces fichiers sont à jour. Après chaque modification du répertoire, de nouveaux "
            "fichiers sont prêts en 2 minutes environ.") in fr
    assert ("These files are up to date. After each change to the directory, new files are ready "
            "in about 2 minutes.") in en

    started = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(seconds=30)
    (root / build.STATE).write_text(json.dumps({"set": "x", "started_at": started.isoformat(),
                                                "expected_seconds": 1800}))
    with build._lock(root):  # as a build in another process holds it
        fr = client.get("/fr/donnees-ouvertes").get_data(as_text=True)
        en = client.get("/en/open-data").get_data(as_text=True)
        ready = started + dt.timedelta(seconds=1800)
        assert f"Prochaine mise à jour\u00a0: vers {_local_clock(ready, 'fr')}." in fr
        assert f"Next update: around {_local_clock(ready, 'en')}." in en
        assert re.search(r"Next update: around \d{1,2}:\d\d\u202f[ap]\.m\.", en)
        assert "De nouveaux fichiers sont en préparation." in fr
        # Longer than the last build took: no time it cannot keep.
        late = started - dt.timedelta(hours=1)
        (root / build.STATE).write_text(json.dumps({"set": "x", "started_at": late.isoformat(),
                                                    "expected_seconds": 1800}))
        fr = client.get("/fr/donnees-ouvertes").get_data(as_text=True)
        en = client.get("/en/open-data").get_data(as_text=True)
        assert "Prochaine mise à jour" not in fr and "Next update" not in en
        assert "Ils remplaceront ceux-ci dès qu’ils seront complets." in fr
        assert "They will replace these files as soon as they are complete." in en
