#!/usr/bin/env bash
# Production server: gunicorn (gthread workers, settings and their reasons in gunicorn.conf.py).
# Configuration is by environment variables (README, "Production"): SECRET_KEY (required),
# DATABASE_URL, SEARCH_ENGINE, INDEX_PATH, OPENSEARCH_URL, BIND or HOST/PORT (127.0.0.1:8000),
# WEB_WORKERS, WEB_THREADS, PROXY_FIX_HOPS, ACCESS_LOG…
# Run migrations and build the index before (scripts/run.sh does both, or see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SECRET_KEY:-}" ]; then
  echo "serve.sh: set SECRET_KEY (e.g. export SECRET_KEY=\$(python3 -c 'import secrets; print(secrets.token_hex(32))'))" >&2
  exit 2
fi
exec .venv/bin/gunicorn --config gunicorn.conf.py "$@"  # an argument names another app (bench/trivial.py)
