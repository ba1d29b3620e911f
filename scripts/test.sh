#!/usr/bin/env bash
# One command that installs what the tests need (Debian's Chromium, PostgreSQL, a JDK and Maven),
# type-checks the code (mypy, configured in pyproject.toml: a type error fails the run), starts a
# throwaway PostgreSQL and a real OpenSearch node built from Maven Central jars
# (scripts/opensearch.sh), and runs the whole suite: unit, functional (SQLite and PostgreSQL),
# live OpenSearch (one node, and a 3-node cluster the cluster tests start themselves), browser
# (e2e). Extra arguments go to pytest. CI=true turns every missing test resource into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/lib.sh
say "type check (mypy --strict on analyzers, directory, indexer, needs)"
.venv/bin/mypy
say "lint (ruff: pyflakes, pycodestyle with the 120-character line rule, imports, bugbear, pyupgrade)"
.venv/bin/ruff check --quiet .
# ranx compiles its measures with numba on first use (~20 s) and caches the result beside its code:
# compiled once here, each pytest worker loads them instead of compiling them again.
.venv/bin/python -c 'from indexer.evaluate import measure; measure({"q": {"d": 3}}, {"q": ["d"]})'
apt_install chromium postgresql openjdk-17-jdk-headless maven fonts-dejavu-core poppler-utils
bash scripts/postgres.sh
export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgresql+psycopg://portal@127.0.0.1:54329/postgres}

# The live tier's node: the one OPENSEARCH_URL names, or ours on 127.0.0.1:${OPENSEARCH_PORT:-9200},
# stopped at the end when this script started it.
started_node=""
if [ -z "${OPENSEARCH_URL:-}" ]; then
  bash scripts/opensearch.sh status >/dev/null 2>&1 || started_node=yes
  OPENSEARCH_URL=$(bash scripts/opensearch.sh start | tail -1)
  export OPENSEARCH_URL
  say "OpenSearch for the live tests at $OPENSEARCH_URL"
fi
status=0
# --durations: the slowest tests in every log, to keep the suite under its 15-minute budget.
.venv/bin/python -m pytest -n 2 --dist loadfile -p no:cacheprovider --durations=40 "$@" || status=$?
if [ -n "$started_node" ]; then bash scripts/opensearch.sh stop >/dev/null || true; fi
exit $status
