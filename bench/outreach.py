"""The freshness loop's speed: the daily reminder run over the whole demo directory, and an
organization's update page with 50 services.

    .venv/bin/python bench/outreach.py --instance /tmp/p211-load   # a 15k demo built before (read only)
    .venv/bin/python bench/outreach.py                             # builds a 15,000-service demo first

The instance's SQLite database is COPIED to a temporary directory (the instance is never written),
migrated to the latest schema, then:

1. `flask outreach remind --dry-run` (the CLI, in process): the daily run (due within 30 days) and
   the whole directory (`--due-within 365`: every organization with an active service); wall and
   CPU time;
2. `flask outreach remind --due-within 365` to a real SMTP server (aiosmtpd on loopback, in its own
   process like any mail server): messages the server received, wall and CPU time of the run; then
   the same command again (the same day: nothing more is sent) to show a rerun's cost;
3. one organization given 50 services (their organization_id moved, in the copy), its update
   page (`/fr/mise-a-jour/<token>`) requested through the app 40 times after 5 warm-up requests:
   p50, p95 and max.

Prints figures; asserts nothing (docs/architecture.md). Targets (issue 18): the reminder run over
the 15k demo (6,000+ organizations) <= 60 s, dry run and sent; the update page with 50 services
<= 100 ms. The machine's load average is printed with them: on a shared machine they are noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = """
import sys, time
sys.path.insert(0, {root!r})
from tests.smtp_server import SMTPServer
with SMTPServer(port={port}) as smtp:
    print("ready", flush=True)
    sys.stdin.readline()  # until the bench closes our stdin
    print(len(smtp.received.messages), flush=True)
"""


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _database(instance: Path | None, tmp: Path) -> str:
    target = tmp / "portail211.sqlite"
    if instance is not None:
        source = instance / "portail211.sqlite"
        if not source.exists():
            sys.exit(f"{source} not found")
        shutil.copyfile(source, target)
    else:
        from bench.load import build_directory  # builds a 15,000-service demo

        build_directory(tmp)
    url = f"sqlite:///{target}"
    from directory import migrate

    migrate.upgrade(url)
    return url


def _timed(runner, args: list[str]) -> tuple[str, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = runner.invoke(args=args)
    if result.exception:
        raise result.exception
    return result.output.strip(), time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instance", type=Path, help="a demo instance (its portail211.sqlite is copied)")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from directory.db import session_scope
    from directory.models import Organization, Service
    from portal import create_app
    from tests.smtp_server import free_port

    with tempfile.TemporaryDirectory(prefix="bench-outreach-") as tmp:
        url = _database(args.instance, Path(tmp))
        with session_scope(url) as session:
            organizations = session.scalar(select(func.count()).select_from(Organization))
            services = session.scalar(select(func.count()).select_from(Service))
        print(f"directory: {services:,} services, {organizations:,} organizations (copy in {tmp})")
        print(f"load average before: {_load()} ({os.cpu_count()} CPUs)")

        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER.format(root=str(ROOT), port=port)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert server.stdout.readline().strip() == "ready"
        app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(Path(tmp) / "index"), "MAIL_SERVER": "127.0.0.1",
                          "MAIL_PORT": port, "OUTREACH_PAGE_RATE_LIMIT": "100000/hour",
                          "OUTREACH_CLIENT_RATE_LIMIT": "100000/minute"})
        runner = app.test_cli_runner()
        try:
            # The daily run (due within 30 days), then every organization with an active service
            # (--due-within 365: the whole directory), sent, then rerun the same day.
            output, wall, cpu = _timed(runner, ["outreach", "remind", "--dry-run"])
            print(f"\n1. dry run, default (30 days):  {wall:6.1f} s wall, {cpu:6.1f} s CPU  | {output}")
            output, wall, cpu = _timed(runner, ["outreach", "remind", "--dry-run", "--due-within", "365"])
            print(f"   dry run, whole directory:     {wall:6.1f} s wall, {cpu:6.1f} s CPU  | {output}")
            output, wall, cpu = _timed(runner, ["outreach", "remind", "--due-within", "365"])
            print(f"2. sent, whole directory:        {wall:6.1f} s wall, {cpu:6.1f} s CPU  | {output}")
            output, wall2, cpu2 = _timed(runner, ["outreach", "remind", "--due-within", "365"])
            print(f"   rerun the same day:           {wall2:6.1f} s wall, {cpu2:6.1f} s CPU  | {output}")
        finally:
            server.stdin.close()
            received = server.stdout.readline().strip()
            server.wait(timeout=30)
        print(f"   the SMTP server received {received} messages; load average: {_load()}")

        page_timings(app, url)


def page_timings(app, url: str) -> None:
    from sqlalchemy import select, update

    from directory.db import session_scope
    from directory.models import Organization, Service
    from directory.outreach import links

    with session_scope(url) as session:
        organization = session.scalar(select(Organization).order_by(Organization.id).limit(1))
        ids = list(session.scalars(select(Service.id).where(Service.status == "active").order_by(Service.id).limit(50)))
        session.execute(update(Service).where(Service.id.in_(ids)).values(organization_id=organization.id))
        _, token = links.make_link(session, organization, secret=app.config["SECRET_KEY"], by="bench")
    client = app.test_client()
    path = f"/fr/mise-a-jour/{token}"
    first = client.get(path)
    html = first.get_data(as_text=True)
    assert first.status_code == 200, first.status_code
    shown = html.count('name="services"')
    for _ in range(4):
        client.get(path)
    times = []
    cpu = time.process_time()
    for _ in range(40):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    cpu_ms = (time.process_time() - cpu) / len(times) * 1000
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"\n3. update page with {shown} services ({len(html) // 1024} kB): p50 {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms over {len(times)} requests, {cpu_ms:.1f} ms CPU per request; "
          f"load average: {_load()}")


if __name__ == "__main__":
    main()
