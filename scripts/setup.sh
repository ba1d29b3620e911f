#!/usr/bin/env bash
# Idempotent set-up shared by run.sh and test.sh: virtual env, Python and npm dependencies, the
# vendored front-end assets, database migrations. Each step is skipped when its inputs have not
# changed (stamps under .venv/), so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv
STAMPS=$VENV/.stamps

source scripts/lib.sh

stamp_ok() { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }
stamp_set() { mkdir -p "$STAMPS"; echo "$2" > "$STAMPS/$1"; }

# Python 3.11+ (the machine's python3 is 3.11 here; Debian's python3-venv otherwise).
PY=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
  say "creating virtual env"
  "$PY" -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; "$PY" -m venv "$VENV"; }
  "$VENV/bin/pip" install -q --upgrade pip
fi

# WeasyPrint needs pango; node/npm fetch the front-end assets.
apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
command -v npm >/dev/null || apt_install nodejs npm

deps_hash=$(sha256sum pyproject.toml | cut -c1-16)
if ! stamp_ok python "$deps_hash"; then
  say "installing Python dependencies"
  "$VENV/bin/pip" install -q -e ".[test]"
  stamp_set python "$deps_hash"
fi

npm_hash=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
if ! stamp_ok npm "$npm_hash" || [ ! -d static/vendor ]; then
  say "installing front-end assets from the npm registry"
  npm ci --no-audit --no-fund --ignore-scripts --silent
  rm -rf static/vendor && mkdir -p static/vendor
  cp node_modules/htmx.org/dist/htmx.min.js static/vendor/
  cp -r node_modules/leaflet/dist static/vendor/leaflet
  cp -r node_modules/leaflet.markercluster/dist static/vendor/markercluster
  cp node_modules/axe-core/axe.min.js static/vendor/
  stamp_set npm "$npm_hash"
fi

mkdir -p instance
"$VENV/bin/flask" --app portal db upgrade >/dev/null
