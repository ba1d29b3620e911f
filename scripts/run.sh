#!/usr/bin/env bash
# One command from a fresh clone to the portal at http://127.0.0.1:5000 on the embedded engine,
# with the demo directory loaded and indexed. Idempotent: a second run starts in seconds.
# SEARCH_ENGINE=opensearch serves on OpenSearch (a local node when OPENSEARCH_URL is unset), with
# the embedded index as its fallback. PORTAL_MODE=production serves with gunicorn
# (scripts/serve.sh, port 8000, needs SECRET_KEY) instead of Flask's development server.
set -euo pipefail
cd "$(dirname "$0")/.."
# SEARCH_ENGINE=opensearch without OPENSEARCH_URL: a local node built from Maven Central jars.
if [ "${SEARCH_ENGINE:-embedded}" = "opensearch" ] && [ -z "${OPENSEARCH_URL:-}" ]; then
  OPENSEARCH_URL=$(bash scripts/opensearch.sh start | tail -1)
  export OPENSEARCH_URL
  export OPENSEARCH_REPLICAS=${OPENSEARCH_REPLICAS:-0}  # one node: a replica could never be placed
  echo "OpenSearch at $OPENSEARCH_URL (./scripts/opensearch.sh stop to stop it)"
fi
bash scripts/setup.sh
FLASK=.venv/bin/flask
$FLASK --app portal directory demo --if-empty
$FLASK --app portal needs demo --if-empty
$FLASK --app portal index rebuild --if-missing
$FLASK --app portal opendata build
if [ "${PORTAL_MODE:-}" = "production" ]; then
  echo "Portail 211 (gunicorn) at http://127.0.0.1:${PORT:-8000}/  (Ctrl+C to stop)"
  exec bash scripts/serve.sh
fi
echo "Portail 211 at http://127.0.0.1:${PORT:-5000}/  (Ctrl+C to stop)"
exec $FLASK --app portal run --host 127.0.0.1 --port "${PORT:-5000}"
