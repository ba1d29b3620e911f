#!/usr/bin/env bash
# One command that installs what the tests need (Debian's Chromium, PostgreSQL, Lucene and a JDK
# for the analysis parity test), starts a throwaway PostgreSQL, and runs the whole suite:
# unit, functional (SQLite and PostgreSQL), browser (e2e). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/lib.sh
apt_install chromium postgresql liblucene8-java default-jdk-headless fonts-dejavu-core poppler-utils
bash scripts/postgres.sh
export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgresql+psycopg://portal@127.0.0.1:54329/postgres}
exec .venv/bin/python -m pytest -n 2 --dist loadfile -p no:cacheprovider "$@"
