"""The production server: scripts/serve.sh starts gunicorn with gunicorn.conf.py, answers, refuses to
start without SECRET_KEY, and its access log holds no client address and no query string."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_sh_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    done = subprocess.run(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 2 and "SECRET_KEY" in done.stderr


def test_gunicorn_serves_and_logs_no_client_address_nor_query(demo, tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    env = dict(os.environ, SECRET_KEY="test-secret", PORT=str(port), HOST="127.0.0.1",
               DATABASE_URL=demo["url"], INDEX_PATH=str(demo["index"]), PORTAL_INSTANCE_PATH=str(tmp_path),
               WEB_WORKERS="2", WEB_THREADS="2")
    with open(log, "w") as out:
        server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        with urllib.request.urlopen(f"{base}/readyz", timeout=10) as response:
            assert response.status == 200
        secret = "819-555-0199"
        with urllib.request.urlopen(f"{base}/fr/recherche?q=violence+{secret}", timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    text = log.read_text()
    access = [line for line in text.splitlines() if '"GET ' in line]
    assert any('"GET /fr/recherche"' in line for line in access), text
    assert "127.0.0.1" not in "\n".join(access)
    assert secret not in text and "violence" not in text
