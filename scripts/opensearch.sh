#!/usr/bin/env bash
# A local OpenSearch 2.19 built from Maven Central jars (opensearch-node/: no Docker, no tarball).
#
#   ./scripts/opensearch.sh start [--nodes 3]   build once (cached), start, wait, print the URL(s)
#   ./scripts/opensearch.sh stop                stop every node this script started
#   ./scripts/opensearch.sh status              what runs, and the cluster's health
#   ./scripts/opensearch.sh kill N / restart N  SIGKILL node N / start it again (cluster tests)
#
# One node listens on 127.0.0.1:$OPENSEARCH_PORT (default 9200; transport on port + 100) and waits
# for yellow. With --nodes 3 the nodes take ports PORT, PORT+1, PORT+2 (transport + 100), their own
# data folders, discover each other on loopback and the script waits for green. State lives under
# $OPENSEARCH_HOME (default /tmp/portail211-opensearch-$PORT): data, logs, pids. Heap per node:
# $OPENSEARCH_HEAP (default 1g: 15k documents with their completion fields used ~440 MB of a
# 512 MB heap, close to constant GC).
#
# Loopback only, security off: a development and test node, not a production set-up
# (docs/opensearch.md says what production runs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PROJECT=$ROOT/opensearch-node
PORT=${OPENSEARCH_PORT:-9200}
HOME_DIR=${OPENSEARCH_HOME:-/tmp/portail211-opensearch-$PORT}
HEAP=${OPENSEARCH_HEAP:-1g}
CLUSTER=portail211-local
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'opensearch.sh: %s\n' "$*" >&2; exit 1; }

build() {  # compile the launcher and copy every jar into target/lib, once per pom/source change
  local hash
  hash=$(cat "$PROJECT/pom.xml" "$PROJECT"/src/main/java/org/portail211/node/*.java | sha256sum | cut -c1-16)
  if [ -f "$PROJECT/target/.built" ] && [ "$(cat "$PROJECT/target/.built")" = "$hash" ]; then return; fi
  command -v mvn >/dev/null || { source "$ROOT/scripts/lib.sh"; apt_install maven; }
  command -v "$JAVA" >/dev/null || { source "$ROOT/scripts/lib.sh"; apt_install openjdk-17-jdk-headless; }
  say "building the OpenSearch node from Maven Central (first time only)"
  rm -rf "$PROJECT/target/lib"
  # Maven prints colour codes even in batch mode: all of its output goes to stderr, so stdout
  # carries nothing but the URL(s) callers read.
  (cd "$PROJECT" && mvn -q -B -ntp -Dstyle.color=never package -DskipTests) >&2 || die "maven build failed"
  echo "$hash" > "$PROJECT/target/.built"
}

node_dir() { echo "$HOME_DIR/node-$1"; }
pid_of() { local f; f="$(node_dir "$1")/pid"; [ -f "$f" ] && cat "$f" || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
node_count() { [ -f "$HOME_DIR/nodes" ] && cat "$HOME_DIR/nodes" || echo 1; }

url_of() { echo "http://127.0.0.1:$((PORT + $1 - 1))"; }

urls() {
  local n i out=""
  n=$(node_count)
  for i in $(seq 1 "$n"); do out="${out:+$out,}$(url_of "$i")"; done
  echo "$out"
}

start_node() {  # start_node I N — node I of N, in the background, its output in node-I/out.log
  local i=$1 n=$2 dir http transport seeds="" masters="" j
  dir=$(node_dir "$i")
  alive "$i" && return 0
  http=$((PORT + i - 1)); transport=$((PORT + 100 + i - 1))
  mkdir -p "$dir/home/config" "$dir/data" "$dir/logs"
  cp "$PROJECT/config/log4j2.properties" "$dir/home/config/"
  : > "$dir/home/config/opensearch.yml"
  local discovery=(-Dp211.discovery.type=single-node)
  if [ "$n" -gt 1 ]; then
    for j in $(seq 1 "$n"); do
      seeds="${seeds:+$seeds,}127.0.0.1:$((PORT + 100 + j - 1))"
      masters="${masters:+$masters,}node-$j"
    done
    discovery=(-Dp211.discovery.seed_hosts="$seeds" -Dp211.cluster.initial_cluster_manager_nodes="$masters")
  fi
  # setsid: the node outlives this script and is not killed with the caller's process group.
  setsid "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.disable.jmx=true -Dopensearch.networkaddress.cache.ttl=60 \
    -cp "$PROJECT/target/classes:$PROJECT/target/lib/*" \
    -Dp211.path.home="$dir/home" -Dp211.path.data="$dir/data" -Dp211.path.logs="$dir/logs" \
    -Dp211.cluster.name="$CLUSTER" -Dp211.node.name="node-$i" \
    -Dp211.network.host=127.0.0.1 -Dp211.http.port="$http" -Dp211.transport.port="$transport" \
    -Dp211.cluster.routing.allocation.disk.threshold_enabled=false \
    "${discovery[@]}" \
    org.portail211.node.LocalNode > "$dir/out.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
}

wait_for() {  # wait_for STATUS — poll the first live node until the cluster reaches STATUS
  local status=$1 deadline=$((SECONDS + ${OPENSEARCH_START_TIMEOUT:-120})) i n
  n=$(node_count)
  while [ $SECONDS -lt $deadline ]; do
    for i in $(seq 1 "$n"); do
      alive "$i" || continue
      if curl -fsS "$(url_of "$i")/_cluster/health?wait_for_status=$status&timeout=1s" 2>/dev/null \
          | grep -q "\"timed_out\":false"; then
        return 0
      fi
    done
    for i in $(seq 1 "$n"); do
      alive "$i" || { tail -20 "$(node_dir "$i")/out.log" >&2 || true; die "node $i exited during start-up"; }
    done
    sleep 1
  done
  die "the cluster did not reach $status within ${OPENSEARCH_START_TIMEOUT:-120} s (logs under $HOME_DIR)"
}

cmd_start() {
  local n=1
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes) n=${2:?--nodes needs a number}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ $n =~ ^[1-9]$ ]] || die "--nodes takes 1 to 9"
  build
  if [ -f "$HOME_DIR/nodes" ] && [ "$(node_count)" != "$n" ]; then
    cmd_stop >/dev/null
    rm -rf "$HOME_DIR"  # a different topology: start from empty data folders
  fi
  mkdir -p "$HOME_DIR"
  echo "$n" > "$HOME_DIR/nodes"
  local i
  for i in $(seq 1 "$n"); do start_node "$i" "$n"; done
  say "waiting for the cluster ($n node(s), logs under $HOME_DIR)"
  if [ "$n" -gt 1 ]; then wait_for green; else wait_for yellow; fi
  urls
}

cmd_stop() {
  local i pid n stopped=0
  [ -d "$HOME_DIR" ] || { echo "not running"; return 0; }
  n=$(node_count)
  for i in $(seq 1 "$n"); do
    pid=$(pid_of "$i")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"; stopped=$((stopped + 1))
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$(node_dir "$i")/pid"
  done
  echo "stopped $stopped node(s)"
}

cmd_status() {
  local i n running=0
  [ -f "$HOME_DIR/nodes" ] || { echo "no local OpenSearch under $HOME_DIR"; return 3; }
  n=$(node_count)
  for i in $(seq 1 "$n"); do
    if alive "$i"; then
      running=$((running + 1)); echo "node-$i: running (pid $(pid_of "$i"), $(url_of "$i"))"
    else
      echo "node-$i: stopped"
    fi
  done
  [ "$running" -gt 0 ] || return 3
  for i in $(seq 1 "$n"); do
    alive "$i" && curl -fsS "$(url_of "$i")/_cat/health?v" 2>/dev/null && return 0
  done
  return 0
}

cmd_kill() {  # SIGKILL one node: what a crashed machine looks like to the cluster
  local i=${1:?node number}
  alive "$i" || die "node $i is not running"
  kill -9 "$(pid_of "$i")"; rm -f "$(node_dir "$i")/pid"
  echo "killed node-$i"
}

cmd_restart() {  # start one node of the existing cluster again (its data folder is kept)
  local i=${1:?node number}
  start_node "$i" "$(node_count)"
  echo "started node-$i"
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) urls ;;
  build) build ;;
  kill) cmd_kill "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  *) echo "usage: $0 start [--nodes N] | stop | status | url | build | kill N | restart N" >&2; exit 2 ;;
esac
