"""Raw response headers as a client receives them, from both servers the project runs: gunicorn
with gunicorn.conf.py (scripts/serve.sh) and werkzeug's development server (`flask run`, the
docker-compose portal). The test client cannot see these: the server adds its own `Date`.

* one `Date` (werkzeug's conditional responses added a second one under the development server);
* no `Retry-After` on a success (Flask-Limiter put one on every API response);
* CSV downloads say `Content-Type: text/csv; charset=utf-8`, once (it had two charsets).
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal import create_app

ROOT = Path(__file__).resolve().parents[3]
CSV = "text/csv; charset=utf-8"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _wait(port: int, path: str, status: int = 200, seconds: float = 90) -> http.client.HTTPResponse:
    deadline = time.monotonic() + seconds
    while True:
        try:
            response = _get(port, path)
            if response.status == status:
                return response
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{path} never answered {status}"
        time.sleep(0.3)


@pytest.fixture(scope="module")
def gunicorn_port(demo, tmp_path_factory):
    instance = tmp_path_factory.mktemp("gunicorn-instance")
    port = free_port()
    env = dict(os.environ, SECRET_KEY="test-secret", PORT=str(port), HOST="127.0.0.1",
               DATABASE_URL=demo["url"], INDEX_PATH=str(demo["index"]),
               PORTAL_INSTANCE_PATH=str(instance), WEB_WORKERS="1", WEB_THREADS="2", ACCESS_LOG="0")
    log = instance / "server.log"
    with open(log, "w") as out:
        server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait(port, "/healthz", seconds=60)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


@pytest.fixture(scope="module")
def development_port(demo, tmp_path_factory):
    app = create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"]),
                      "OPENDATA_PATH": str(tmp_path_factory.mktemp("dev-opendata")),
                      "SECRET_KEY": "test-secret"})
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture(params=["gunicorn", "development"])
def port(request):
    return request.getfixturevalue(f"{request.param}_port")


def _one_date(response, where: str) -> None:
    assert len(response.headers.get_all("Date") or []) == 1, (where, response.headers.items())


def test_one_date_and_no_retry_after_on_successes(port):
    for path in ("/api/hsds/services?per_page=2", "/api/hsds/openapi.json", "/fr/",
                 "/fr/recherche?q=aide", "/static/css/portal.css", "/healthz"):
        response = _get(port, path)
        assert response.status == 200, path
        _one_date(response, path)
        assert response.headers.get("Retry-After") is None, path
    first = _get(port, "/api/hsds/taxonomies")
    again = _get(port, "/api/hsds/taxonomies", {"If-None-Match": first.headers["ETag"]})
    assert again.status == 304
    _one_date(again, "304")
    assert again.headers.get("Retry-After") is None
    refused = _get(port, "/api/hsds/services?proximity=5")
    assert refused.status == 400 and refused.headers.get("Retry-After") is None
    _one_date(refused, "400")


def test_csv_downloads_say_text_csv_utf8_once(port):
    export = _get(port, "/fr/export/results.csv?q=aide")
    assert export.status == 200
    assert export.headers.get_all("Content-Type") == [CSV]
    _one_date(export, "export")
    # The open-data files are built in the background on first request: 503 with Retry-After until
    # then (a refusal may say when to come back).
    first = _get(port, "/opendata/portail211-services.csv")
    if first.status == 503:
        assert first.headers.get_all("Retry-After") and first.headers.get_all("Date") == [
            first.headers["Date"]]
    opendata = _wait(port, "/opendata/portail211-services.csv")
    assert opendata.headers.get_all("Content-Type") == [CSV]
    _one_date(opendata, "open data")
