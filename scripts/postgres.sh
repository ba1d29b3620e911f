#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests (Debian's postgresql), on a Unix socket and
# 127.0.0.1:54329, owned by an unprivileged user since the server refuses to run as root.
# Prints nothing on success; idempotent.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
DATA=${PORTAL_PGDATA:-/tmp/portail211-pg}
PORT=${PORTAL_PGPORT:-54329}
RUN_AS=postgres
id -u "$RUN_AS" >/dev/null 2>&1 || useradd --system --home "$DATA" "$RUN_AS"
if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA" && chown "$RUN_AS" "$DATA"
  su "$RUN_AS" -s /bin/sh -c "$PGBIN/initdb -D $DATA -U portal --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! su "$RUN_AS" -s /bin/sh -c "$PGBIN/pg_ctl -D $DATA status" >/dev/null 2>&1; then
  su "$RUN_AS" -s /bin/sh -c "$PGBIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >/dev/null
fi
