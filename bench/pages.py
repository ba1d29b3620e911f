"""Public portal over HTTP: search-page latency at 10 clients, first-visit weight, other hosts.

    .venv/bin/python bench/pages.py                           # builds a 15,000-service demo in a temp dir
    .venv/bin/python bench/pages.py --instance /tmp/p211-load # reuses (or builds once) a directory there
    .venv/bin/python bench/pages.py --seconds 20 --connections 10 --page-cache both
    .venv/bin/python bench/pages.py --instance /tmp/p211-load --checkout /tmp/old  # the "before"

Starts the production server the README documents (scripts/serve.sh: gunicorn with
gunicorn.conf.py) on a free loopback port against the demo directory (built by bench/load.py's
`build_directory`), then:

1. latency: wrk (Debian package, driven by bench/wrk.py, shared with bench/load.py) with
   `--connections` clients for `--seconds` over a fixed list of search URLs (French and English,
   text only, filters, places with and without a radius, page 2, some htmx fragment requests);
   every request says `Accept-Encoding: gzip` like a browser, so the server compresses
   (portal/compression.py) and that cost is in the figures; prints requests/s, p50/p95/p99 and the
   bytes per response on the wire. `--page-cache both` runs it with the results-page cache
   (portal/search/cache.py) on, off (SEARCH_PAGE_CACHE_SECONDS=0), and with every cache off (the
   engine's response cache too: SEARCH_RESPONSE_CACHE_SIZE=0, what a long tail of distinct searches
   gets), each against a freshly started server, after a trivial Flask route rendering a 20-item
   Jinja page (bench/trivial.py) under the same server: a summary prints the portal's figures as
   ratios to it. For each run, per gunicorn worker: the keep-alive connections it holds (sampled
   twice from /proc), its CPU seconds and RSS, and (WEB_WORKER_STATS_DIR, gunicorn.conf.py) the
   requests it served and its GC pauses during the run: what explains a latency tail. Goals (issue
   20): page cache off >= 600 req/s and p95 <= 30 ms, page cache on p99 <= 60 ms;
2. first visit: the home page and a results page as landed on, plus the CSS and JS they reference
   (what a first visit downloads, map tiles excluded), requested like a browser (`Accept-Encoding:
   gzip`): for each, the raw size and the bytes the server actually sent (body; Content-Encoding
   named), the total as served against the 60 kB target, and the response headers apart. When
   something came back uncompressed (COMPRESSION=0: a reverse proxy is meant to compress), it also
   prints what a gzip-on proxy would send (nginx `gzip on; gzip_types text/css
   application/javascript`, level 6; nginx's default is 1);
3. other hosts: parses every page fetched (and the CSS, and the map document the results page
   frames) for scripts, styles, images, iframes, fonts, media, preloads and CSS url()/@import that
   point at another host. Map tiles (MAP_TILE_URL) are listed apart: the one allowed exception.

Prints figures; asserts nothing (docs/architecture.md). Targets (issue "public portal"): search-page
p95 <= 40 ms at 10 clients; first visit <= 60 kB compressed of HTML, CSS and JS; no request to
another host.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import wrk  # noqa: E402  (bench/ is a namespace package under ROOT; stdlib imports only)


def _load_bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def _load():
    """bench/load.py: the demo directory and server helpers (loaded when run, not on import)."""
    return _load_bench_module("load")

SEARCHES = [
    # (language, parameters): a fixed, readable list; every one is requested in turn.
    ("fr", [("q", "banque alimentaire")]),
    ("fr", [("q", "aide")]),
    ("fr", [("q", "logement"), ("place", "Montréal")]),
    ("fr", [("q", "hébergement d'urgence"), ("place", "Québec"), ("radius", "25")]),
    ("fr", [("q", "itinérance"), ("place", "H2X 1Y4"), ("radius", "10"), ("free", "1")]),
    ("fr", [("q", "emploi"), ("region", "06")]),
    ("fr", [("q", "aînés"), ("region", "03"), ("language", "en")]),
    ("fr", [("q", "santé mentale"), ("place", "Sherbrooke")]),
    ("fr", [("q", "dépannage alimentaire"), ("region", "06"), ("region", "13")]),
    ("fr", [("q", "aide aux devoirs"), ("page", "2")]),
    ("fr", [("q", "")]),
    ("fr", [("q", "banqe alimentair")]),
    ("fr", [("q", "clinique d'impôts"), ("place", "Laval"), ("radius", "5")]),
    ("fr", [("q", "transport"), ("place", "Gatineau"), ("sort", "distance")]),
    ("fr", [("q", "répit"), ("free", "1")]),
    ("fr", [("q", "aide"), ("open_now", "1")]),
    ("en", [("q", "food bank")]),
    ("en", [("q", "mental health"), ("place", "Montréal"), ("radius", "10")]),
    ("en", [("q", "housing"), ("region", "06"), ("language", "en")]),
    ("en", [("q", "employment"), ("sort", "name")]),
]
FRAGMENT_EVERY = 4  # every 4th request is an htmx swap (HX-Request: the results region alone)

def search_paths() -> list[str]:
    return [f"/{lang}/{'recherche' if lang == 'fr' else 'search'}?{urlencode(params)}" for lang, params in SEARCHES]


# -- the server ----------------------------------------------------------------------------------


class Server:
    """scripts/serve.sh (gunicorn, gunicorn.conf.py) on a free loopback port, in its own session;
    `app` names another WSGI app for the same server (bench/trivial.py's reference page)."""

    checkout = ROOT  # the portal's checkout (--checkout: another one, for a before/after)

    def __init__(self, instance: Path, extra_env: dict[str, str], app: str | None = None) -> None:
        self.port = _load().free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.stats_dir = tempfile.TemporaryDirectory(prefix="p211-workers-")
        env = dict(os.environ, PORTAL_INSTANCE_PATH=str(instance),
                   DATABASE_URL=f"sqlite:///{instance / 'portail211.sqlite'}", INDEX_PATH=str(instance / "index"),
                   SEARCH_ENGINE="embedded", SECRET_KEY=os.urandom(16).hex(), PORT=str(self.port),
                   HOST="127.0.0.1", ACCESS_LOG="0", LOG_LEVEL="warning",
                   WEB_WORKER_STATS_DIR=self.stats_dir.name, **extra_env)
        root = ROOT if app else self.checkout  # the reference page is this checkout's
        self.process = subprocess.Popen(["bash", str(root / "scripts" / "serve.sh"), *([app] if app else [])],
                                        env=env, cwd=root, start_new_session=True)
        self.exit_stats: list[dict] = []

    def __enter__(self) -> Server:
        if self.process.args[2:]:  # another app: no health endpoint, its page answers
            self._wait_page()
        else:
            _load().wait_ready(self.base)
        return self

    def _wait_page(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if fetch(self.base + search_paths()[0])[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the reference app did not answer on {self.base}")

    def workers(self) -> list[int]:
        """The gunicorn workers' pids (bash execs gunicorn: the process is the master)."""
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return sorted(int(pid) for pid in children.split())

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        for path in sorted(Path(self.stats_dir.name).glob("worker-*.json")):
            self.exit_stats.append(json.loads(path.read_text()))
        self.stats_dir.cleanup()


# -- per-worker figures from /proc (Linux) ---------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def connections_per_worker(port: int, pids: list[int]) -> dict[int, int]:
    """Established client connections each worker holds on the server's port (its keep-alive
    share: a connection stays with the worker that accepted it)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(fields[9])
    out = {}
    for pid in pids:
        count = 0
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    link = os.readlink(fd)
                except OSError:
                    continue
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    count += 1
        except OSError:
            pass
        out[pid] = count
    return out


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Language": "fr-CA", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


# -- latency -------------------------------------------------------------------------------------


def latency_phase(instance: Path, label: str, env: dict[str, str], args, app: str | None = None) -> dict:
    with Server(instance, env, app) as server:
        for path in search_paths():  # warm-up: every worker opens its index reader, fills its caches
            fetch(server.base + path)
        wrk.run(server.base, search_paths(), 3, args.connections, args.threads, fragment_every=FRAGMENT_EVERY)
        pids = server.workers()
        cpu_before = {pid: cpu_seconds(pid) for pid in pids}
        sampled: list[dict[int, int]] = []

        def sample() -> None:  # the keep-alive connections each worker holds, twice during the run
            for _ in range(2):
                time.sleep(args.seconds / 3)
                sampled.append(connections_per_worker(server.port, server.workers()))

        sampler = threading.Thread(target=sample, daemon=True)
        load_before = os.getloadavg()
        window = [time.time()]
        sampler.start()
        result = wrk.run(server.base, search_paths(), args.seconds, args.connections, args.threads,
                         fragment_every=FRAGMENT_EVERY)
        window.append(time.time())
        load_after = os.getloadavg()
        sampler.join()
        after = server.workers()
        cpu = {pid: cpu_seconds(pid) - cpu_before.get(pid, 0.0) for pid in after}
        rss = {pid: rss_mb(pid) for pid in after}
    rps = result["requests"] / result["seconds"]
    errors = wrk.errors(result)
    print(f"\n{label}: {args.connections} clients, {result['seconds']:.0f} s, "
          f"{len(SEARCHES)} URLs (1 in {FRAGMENT_EVERY} an htmx fragment)")
    print(f"  {result['requests']:,} requests = {rps:,.0f} req/s; errors {errors}")
    print(f"  latency ms: p50 {result['p50']:.1f}  p90 {result['p90']:.1f}  p95 {result['p95']:.1f}  "
          f"p99 {result['p99']:.1f}  max {result['max']:.1f}  mean {result['mean']:.1f}")
    print(f"  on the wire (Accept-Encoding: gzip): {result['bytes'] / max(result['requests'], 1) / 1000:.1f} kB"
          " per response, headers included")
    print(f"  load average before {load_before[0]:.1f}, after {load_after[0]:.1f} ({os.cpu_count()} CPUs)")
    recycled = sorted(set(pids) - set(after))
    if recycled:
        print(f"  {len(recycled)} worker(s) recycled during the run (max_requests): {recycled}")
    print("  per worker (alive at the end): keep-alive connections held (two samples) | CPU s in the run | "
          "RSS MB | requests served (from start) | GC during the run: collections, wall ms total / longest "
          "(CPU ms of the longest)")
    exits = {stats["pid"]: stats for stats in server.exit_stats}
    pauses: list[list] = []
    for pid in after:
        held = "/".join(str(s.get(pid, 0)) for s in sampled)
        stats = exits.get(pid, {})
        mine = [p for p in stats.get("gc", []) if window[0] <= p[0] <= window[1]]
        pauses += mine
        gc_text = "  ".join(
            f"gen{g} {len(of)}× {sum(p[2] for p in of):.0f}/{max(of, key=lambda p: p[2])[2]:.1f}"
            f" ({max(of, key=lambda p: p[2])[3]:.1f})"
            for g in (0, 1, 2) if (of := [p for p in mine if p[1] == g]))
        print(f"    pid {pid}: {held:>5} conns | {cpu[pid]:5.1f} s | {rss[pid]:6.1f} MB | "
              f"{stats.get('requests', '?'):>6} req | {gc_text or 'no collection'}")
    over = [p for p in pauses if p[2] > result["p99"] / 2]
    if pauses:
        print(f"  GC pauses longer than half the p99 ({result['p99'] / 2:.0f} ms): {len(over)} of {len(pauses)}")
    return {"label": label, "rps": rps, "errors": errors, **{k: result[k] for k in ("p50", "p95", "p99", "max")},
            "rss": sum(rss.values()) / max(len(rss), 1)}


def ratio_table(rows: list[dict]) -> None:
    """The portal's figures beside the trivial page's of the same run (first row)."""
    reference = rows[0]
    print(f"\nsummary (ratios to {reference['label']}, same server and run):")
    print(f"  {'':32} {'req/s':>14} {'p50 ms':>12} {'p95 ms':>12} {'p99 ms':>12} {'RSS/worker MB':>14}")
    for row in rows:
        cells = []
        for key in ("rps", "p50", "p95", "p99"):
            value = row[key]
            ratio = value / reference[key] if reference[key] else 0.0
            cells.append(f"{value:8.1f} ×{ratio:4.1f}" if row is not reference else f"{value:13.1f}")
        print(f"  {row['label']:32} {cells[0]:>14} {cells[1]:>12} {cells[2]:>12} {cells[3]:>12} {row['rss']:14.1f}")
    goals = {"page cache off": "goal: >= 600 req/s and p95 <= 30 ms", "page cache on": "goal: p99 <= 60 ms"}
    for row in rows[1:]:
        goal = goals.get(row["label"])
        if goal:
            print(f"  {row['label']}: {row['rps']:.0f} req/s, p95 {row['p95']:.1f} ms, "
                  f"p99 {row['p99']:.1f} ms ({goal})")


# -- first visit and other hosts ------------------------------------------------------------------

# Elements whose URL the browser fetches on its own (anchors and forms are navigation, not requests).
FETCHED = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "input": ("src",), "image": ("href",),
}
LINK_FETCHED = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                "manifest", "dns-prefetch", "preconnect", "mask-icon"}


class Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[tuple[str, str]] = []  # (what, url)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & LINK_FETCHED and values.get("href"):
                self.fetched.append((f"link rel={values['rel']}", values["href"]))
                if "stylesheet" in rels:
                    self.styles.append(values["href"])
        for attribute in FETCHED.get(tag, ()):
            value = values.get(attribute, "")
            for url in re.split(r",\s*", value) if attribute == "srcset" else [value]:
                url = url.split()[0] if url.strip() else ""
                if url:
                    self.fetched.append((f"{tag} {attribute}", url))
                    if tag == "script":
                        self.scripts.append(url)
        if values.get("style"):
            self.inline_styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_styles.append(data)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def foreign(url: str, page_url: str, own_host: str) -> str | None:
    """The other host `url` (relative to `page_url`) points at, or None."""
    absolute = urljoin(page_url, url)
    parts = urlsplit(absolute)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return None
    if parts.netloc and parts.netloc != own_host:
        return parts.netloc
    return None


BROWSER = {"Accept-Encoding": "gzip"}  # urllib does not decode it: the bodies are the wire bytes
TARGET_BYTES = 60_000


def gz(body: bytes, level: int) -> int:
    return len(gzip.compress(body, compresslevel=level, mtime=0))


def _decoded(headers: dict[str, str], body: bytes) -> bytes:
    return gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body


def first_visit(base: str, tile_host: str | None) -> None:
    own_host = urlsplit(base).netloc
    landing = {"home page": "/fr/", "results page": search_paths()[2]}
    problems: list[str] = []
    checked = 0
    print("\nfirst visit (a new browser, Accept-Encoding: gzip: HTML + the CSS and JS it references; "
          "map tiles excluded)")
    for label, path in landing.items():
        url = base + path
        status, headers, body = fetch(url, BROWSER)
        html = _decoded(headers, body)
        refs = Refs()
        refs.feed(html.decode("utf-8"))
        rows = [(path, html, body, headers)]
        for asset in refs.styles + refs.scripts:
            if foreign(asset, url, own_host):
                continue
            _, asset_headers, asset_body = fetch(urljoin(url, asset), BROWSER)
            rows.append((urlsplit(asset).path, _decoded(asset_headers, asset_body), asset_body, asset_headers))
        print(f"  {label} {path} ({status})")
        total_raw = total_served = total_headers = total_proxy = 0
        uncompressed = []
        for name, raw, served, served_headers in rows:
            encoding = served_headers.get("content-encoding", "identity")
            header_bytes = sum(len(k) + len(v) + 4 for k, v in served_headers.items()) + len("HTTP/1.1 200 OK\r\n\r\n")
            total_raw, total_served = total_raw + len(raw), total_served + len(served)
            total_headers += header_bytes
            total_proxy += gz(raw, 6) if encoding == "identity" else len(served)
            if encoding == "identity":
                uncompressed.append(name)
            print(f"    {name[:60]:<60} {len(raw) / 1000:7.1f} kB raw  "
                  f"{len(served) / 1000:6.1f} kB served ({encoding})")
        verdict = "within" if total_served <= TARGET_BYTES else "OVER"
        print(f"    {'total':<60} {total_raw / 1000:7.1f} kB raw  {total_served / 1000:6.1f} kB served: "
              f"{verdict} the target (<= {TARGET_BYTES / 1000:.0f} kB compressed); "
              f"headers {total_headers / 1000:.1f} kB more")
        if uncompressed:
            print(f"    sent uncompressed: {', '.join(uncompressed)}; a gzip-on reverse proxy (level 6) would "
                  f"bring the total to {total_proxy / 1000:.1f} kB")

    # Other hosts: every page above, its CSS, and the map document the results page frames.
    to_check = [base + p for p in landing.values()] + [base + "/en/", base + search_paths()[-3]]
    seen: set[str] = set()
    while to_check:
        url = to_check.pop()
        if url in seen or len(seen) > 40:
            continue
        seen.add(url)
        status, headers, body = fetch(url, BROWSER)
        text = _decoded(headers, body).decode("utf-8", "replace")
        checked += 1
        kind = headers.get("content-type", "")
        if "css" in kind:
            for match in CSS_URL.finditer(text):
                ref = match.group(1) or match.group(2)
                host = foreign(ref, url, own_host)
                if host:
                    problems.append(f"{urlsplit(url).path}: CSS {ref}")
            continue
        if "html" not in kind:
            continue
        refs = Refs()
        refs.feed(text)
        for what, ref in refs.fetched:
            host = foreign(ref, url, own_host)
            if host:
                problems.append(f"{urlsplit(url).path}: <{what}> {ref}")
            elif what.startswith(("link rel=stylesheet", "iframe")):
                to_check.append(urljoin(url, ref))
        for style in refs.inline_styles:
            for match in CSS_URL.finditer(style):
                ref = match.group(1) or match.group(2)
                if foreign(ref, url, own_host):
                    problems.append(f"{urlsplit(url).path}: inline style {ref}")
    tile_problems = [p for p in problems if tile_host and tile_host in p]
    other = [p for p in problems if p not in tile_problems]
    print(f"\nother hosts: {checked} documents checked (pages, their CSS, the results map document)")
    if other:
        print(f"  {len(other)} references to another host:")
        for problem in other[:30]:
            print(f"    {problem}")
    else:
        print("  none (scripts, styles, images, iframes, fonts, media and CSS url() all on this host)")
    if tile_problems:
        print(f"  map tiles from {tile_host} (MAP_TILE_URL, the allowed exception): {len(tile_problems)} references")


def tile_origin_host() -> str | None:
    from portal.config import Config

    url = getattr(Config, "MAP_TILE_URL", "") or ""
    host = urlsplit(url.replace("{s}", "a")).netloc
    return host or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instance", type=Path, help="directory for the database and index (default: temp)")
    parser.add_argument("--services", type=int, default=15_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--page-cache", choices=["on", "off", "both"], default="both",
                        help="results-page cache (SEARCH_PAGE_CACHE_SECONDS) during the latency run; "
                             "'off' also runs with the engine's response cache off (SEARCH_RESPONSE_CACHE_SIZE=0)")
    parser.add_argument("--latency-only", action="store_true", help="skip the first-visit and other-host checks")
    parser.add_argument("--checkout", type=Path,
                        help="serve the portal of this checkout (its scripts/serve.sh, gunicorn.conf.py and code): "
                             "the 'before' of a before/after; the reference page stays this checkout's")
    args = parser.parse_args()
    if args.checkout:
        Server.checkout = args.checkout.resolve()
        print(f"portal served from {Server.checkout}")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    temporary = None
    instance = args.instance
    if instance is None:
        temporary = tempfile.TemporaryDirectory(prefix="portail211-pages-")
        instance = Path(temporary.name)
    instance = instance.resolve()
    try:
        _load().build_directory(instance, args.services)
        started = time.perf_counter()
        if not args.latency_only:
            with Server(instance, {}) as server:
                first_visit(server.base, tile_origin_host())
        phases = {"on": [("page cache on", {})],
                  "off": [("page cache off", {"SEARCH_PAGE_CACHE_SECONDS": "0"}),
                          ("every cache off", {"SEARCH_PAGE_CACHE_SECONDS": "0", "SEARCH_RESPONSE_CACHE_SIZE": "0"})]}
        phases["both"] = phases["on"] + phases["off"]
        rows = [latency_phase(instance, "trivial Flask page (bench/trivial.py)", {}, args, app="bench.trivial:app")]
        for label, env in phases[args.page_cache]:
            rows.append(latency_phase(instance, label, env, args))
        ratio_table(rows)
        print(f"\n(bench/pages.py ran {time.perf_counter() - started:.0f} s; "
              f"gunicorn workers {os.environ.get('WEB_WORKERS', 'default (3)')} x threads "
              f"{os.environ.get('WEB_THREADS', 'default (2)')})")
    finally:
        if temporary is not None:
            temporary.cleanup()


if __name__ == "__main__":
    main()
