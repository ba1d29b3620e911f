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


def _established_per_worker(port: int, master: int) -> dict[int, int]:
    """Client connections each gunicorn worker holds on `port` (from /proc: sockets in state
    ESTABLISHED on the server's port, matched to the workers' file descriptors)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(fields[9])
    workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    held = {}
    for pid in map(int, workers):
        links = []
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                links.append(os.readlink(fd))
            except OSError:
                pass
        held[pid] = sum(1 for link in links if link.startswith("socket:[") and link[8:-1] in inodes)
    return held


def test_a_burst_of_keep_alive_connections_is_spread_over_the_workers(demo, tmp_path):
    """gunicorn.conf.py's worker_connections (threads + 4): a gthread worker otherwise accepts every
    connection of a burst, and keep-alive keeps them there (bench/pages.py: one worker of three
    served 99 % of the requests, the latency tail of issue 20)."""
    import http.client

    port = free_port()
    env = dict(os.environ, SECRET_KEY="test-secret", PORT=str(port), HOST="127.0.0.1", ACCESS_LOG="0",
               DATABASE_URL=demo["url"], INDEX_PATH=str(demo["index"]), PORTAL_INSTANCE_PATH=str(tmp_path),
               WEB_WORKERS="3", WEB_THREADS="2")
    env.pop("WEB_WORKER_CONNECTIONS", None)
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    sockets = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        time.sleep(1)  # every worker warmed and polling its listener
        sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(9)]  # the burst
        time.sleep(1)
        held = _established_per_worker(port, server.pid)
        assert sum(held.values()) == 9, held
        assert max(held.values()) <= 6, held  # worker_connections = threads + 4
        assert sum(1 for n in held.values() if n) >= 2, held
        # Every connection is served, keep-alive or not.
        for sock in sockets:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        for sock in sockets:
            response = http.client.HTTPResponse(sock)
            response.begin()
            assert response.status == 200
            response.read()
    finally:
        for sock in sockets:
            sock.close()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
