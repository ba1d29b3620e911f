"""gunicorn settings for Portail 211 (scripts/serve.sh). Every value can be set by environment.

Sized for a 2-core machine (the reference host):

* gthread workers, WEB_WORKERS=3 processes x WEB_THREADS=2 threads. Rendering Jinja pages is
  CPU-bound Python and holds the GIL, so parallelism comes from processes: cores + 1 keeps both
  cores busy while one worker waits on SQLite or OpenSearch. A second thread covers the waits
  inside a worker (database reads, an OpenSearch round trip, a slow client). More threads only
  queue requests behind one another on the GIL: bench/pages.py (10 clients, cached pages, quiet
  2-core machine) gave p95/p99 of 12/96 ms with 1 thread, 13/154 ms with 2, 35-45/270 ms with 4,
  for the same ~2,200 req/s; bench/load.py throughput did not drop with fewer threads. With
  OpenSearch far away (a slow network), raise WEB_THREADS. More processes only add memory (each
  holds its own tantivy reader and caches); measure with bench/load.py before changing.
* preload_app: the app is imported once in the master, before forking (copy-on-write memory, a
  broken configuration fails at start rather than in every worker). Nothing opens a connection or
  an index at import time: the tantivy index, database pools and the query-log thread are opened
  lazily by each worker; `post_fork` drops any pool inherited from the master anyway.
* timeout 30 s (a worker silent that long is killed and replaced; with gthread the heartbeat comes
  from the worker's main loop, so a slow PDF does not trip it), graceful_timeout 30 s for
  in-flight requests on reload/stop, keepalive 5 s behind a reverse proxy.
* Garbage collection: a worker's heap holds ~120,000 long-lived objects (modules, SQLAlchemy, the
  compiled templates) and then its caches; with CPython's default thresholds a full collection
  walks them all every few hundred requests (measured 90-200 ms, all threads of the worker
  stalled: the p99 of the first load tests), and young collections run several times per page.
  So the master compiles every template, then freezes its heap before forking (the frozen objects
  are never walked again, and stay shared copy-on-write), and each worker raises the young
  threshold to 5,000 (bench/load.py: GC time per request 0.7 ms -> 0.15 ms, longest pause 200 ms ->
  22 ms). Cycles still get collected; workers are recycled by max_requests anyway.
* worker_connections = threads + 4 (WEB_WORKER_CONNECTIONS): a gthread worker accepts connections
  as long as it has fewer than this many, and a keep-alive connection stays with the worker that
  accepted it. With gunicorn's default (1,000) the first worker to wake took a whole burst:
  bench/pages.py (10 keep-alive clients, page cache on) found one worker holding all 10
  connections and serving 3,959 requests while the other two served 38 and 39 (CPU 5.4 s against
  0.1 s): one core busy, ten clients queued behind two threads, p99 521 ms. Capped, a worker stops
  accepting when full (the kernel hands the next connection to another worker) and closes a
  connection after its response once `worker_connections - threads` idle keep-alive ones wait (the
  client reconnects, maybe elsewhere). threads + 2 spread the connections but closed nearly every
  one after its response (two idle ones wait as soon as two are in flight): ~25 % more CPU per
  request in reconnects. Three runs back to back (page cache on, load average ~12 from other
  work): threads + 2: 623 req/s, p99 118 ms; threads + 4: 864 req/s, p99 90 ms, connections
  4/2/4; 1,000: 422 req/s, p99 247 ms, connections 5/5/0. A reverse proxy's pool of upstream
  connections is spread the same way.
* Each worker warms up before accepting (post_worker_init): it opens the search index with a
  lookup (never logged), then collects and freezes its heap, so neither a recycled worker's first
  readers nor a young collection pay for loading the index (WEB_WARM_WORKERS=0 turns it off).
* max_requests 50,000 ± 5,000 jitter: workers are recycled now and then, so a slow leak can't grow
  without bound, and never all at once. Not more often: a new worker spends about 2 s of CPU
  warming up (index, need model, the query log's vocabulary), and at 5,000 the page-cache-on
  bench recycled each worker every ~10 s: p95 1.2 s, p99 1.6 s (bench/pages.py, issue 20).

Privacy by construction (docs/architecture.md, decision 9): the access log has no client address
(%(h)s), no query string (a search for a name, a phone number or a health condition lives there:
%(U)s is the path only), no referrer, no user agent. ACCESS_LOG=0 turns it off entirely.

Proxies: gunicorn's own X-Forwarded-Proto handling is switched off (secure_scheme_headers empty);
the app trusts forwarded headers only when PROXY_FIX_HOPS > 0 (portal/security.py), one mechanism.
"""

import gc
import os

bind = os.environ.get("BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
wsgi_app = "portal:create_app()"
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", "3"))
threads = int(os.environ.get("WEB_THREADS", "2"))
preload_app = True
timeout = int(os.environ.get("WEB_TIMEOUT_SECONDS", "30"))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT_SECONDS", "30"))
keepalive = int(os.environ.get("WEB_KEEPALIVE_SECONDS", "5"))
worker_connections = int(os.environ.get("WEB_WORKER_CONNECTIONS", str(threads + 4)))
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
backlog = int(os.environ.get("WEB_BACKLOG", "2048"))
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "portail211"

secure_scheme_headers: dict[str, str] = {}
forwarded_allow_ips = "127.0.0.1,::1"

errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
accesslog = "-" if os.environ.get("ACCESS_LOG", "1").lower() not in {"0", "false", "no", "off"} else None
# time, method, path without query string, status, bytes, duration (ms). No client address.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


GC_THRESHOLDS = (int(os.environ.get("WEB_GC_THRESHOLD", "5000")), 20, 100)


def pre_fork(server, worker):
    """Before the first fork: compile the templates once, then freeze the master's heap."""
    if not getattr(server, "_portal_frozen", False):
        app = server.app.wsgi()
        for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith((".html", ".xml", ".txt"))):
            app.jinja_env.get_template(name)
        gc.collect()
        gc.freeze()
        server._portal_frozen = True


def post_fork(server, worker):
    """Forget database connections the master may have opened while loading the app."""
    from directory import db

    for engine in list(db._engines.values()):
        engine.dispose(close=False)
    gc.set_threshold(*GC_THRESHOLDS)
    if WORKER_STATS_DIR:
        _record_gc_pauses(worker)


def post_worker_init(worker):
    """Before the worker accepts its first connection: open the index (a lookup, never logged),
    then freeze what that loaded, so no reader waits behind a cold worker nor a walk of its heap."""
    if os.environ.get("WEB_WARM_WORKERS", "1").lower() in {"0", "false", "no", "off"}:
        return
    app = worker.wsgi
    if getattr(app, "import_name", None) != "portal":  # another app (bench/trivial.py)
        return
    try:
        with app.app_context():
            from indexer.engine import SearchRequest
            from portal import search_service

            search_service.lookup(SearchRequest(q="", per_page=1))
            # What the first real search would otherwise build while readers wait: the need model
            # (indexer/understanding/need.py, ~0.35 s) and the query log's vocabulary of known
            # words (needs/vocabulary.py, ~1.6 s CPU at 15k services).
            from indexer.understanding import need

            need.understand("aide")
            query_log = app.extensions.get("query_log")
            if query_log is not None and query_log.enabled:
                query_log.vocabulary.get()
    except Exception:  # noqa: BLE001 (a missing index or an outage: the worker serves its error pages)
        worker.log.warning("worker warm-up failed; the first request opens the index", exc_info=True)
    gc.collect()
    gc.freeze()


# -- worker statistics for the benchmarks (bench/pages.py) ------------------------------------------
# WEB_WORKER_STATS_DIR=<dir>: each worker times its garbage collections (gc.callbacks: wall and
# CPU time) and, when it stops, writes its request count and those pauses (with when they started)
# to <dir>/worker-<pid>.json. Off by default.

WORKER_STATS_DIR = os.environ.get("WEB_WORKER_STATS_DIR", "")


def _record_gc_pauses(worker):
    import time

    pauses = worker._portal_gc_pauses = []  # (started at, generation, wall ms, CPU ms)
    started = [0.0, 0.0, 0.0]

    def timing(phase, info):
        if phase == "start":
            started[:] = [time.time(), time.perf_counter(), time.thread_time()]
        else:
            pauses.append((started[0], info["generation"], (time.perf_counter() - started[1]) * 1000,
                           (time.thread_time() - started[2]) * 1000))

    gc.callbacks.append(timing)


def worker_exit(server, worker):
    if not WORKER_STATS_DIR:
        return
    import json

    stats = {"pid": worker.pid, "requests": worker.nr, "gc": getattr(worker, "_portal_gc_pauses", [])}
    with open(os.path.join(WORKER_STATS_DIR, f"worker-{worker.pid}.json"), "w", encoding="utf-8") as out:
        json.dump(stats, out)
