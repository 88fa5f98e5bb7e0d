#!/usr/bin/env bash
# A Parley cluster on one machine, behind HAProxy, from the built jar (./mvnw -B package -DskipTests):
#
#   docker/local-cluster.sh up           backends, three nodes, the balancer; then http://localhost:8080
#   docker/local-cluster.sh status       which processes run and whether each node is ready
#   docker/local-cluster.sh stop NODE    drain one node (parley drain: unready, clients move, exit)
#   docker/local-cluster.sh kill NODE    kill -9 one node
#   docker/local-cluster.sh start NODE   start one node again
#   docker/local-cluster.sh down         stop everything
#
# Nodes: a and b run gateway+chat behind the balancer; c runs auth+chat+media+notify+story (it answers only
# /health, /ready and /metrics over HTTP). One "parley backends" process holds the embedded
# PostgreSQL, Redis and Kafka they share; media objects are in one local store directory (the
# gateways serve it, the media node checks it) with one signing secret. HAProxy is installed from
# Debian's packages when missing (as root).
#
# Settings (environment): CLUSTER_DIR (data/local-cluster), PARLEY_JAR (node/target/parley.jar),
# LB_PORT (8080), NODE_PORTS ("8081 8082 8083"), HAZELCAST_PORTS ("5701 5702 5703"),
# BACKEND_PORTS ("15432 16379 19092": PostgreSQL, Redis, Kafka), JAVA_OPTS (-Xmx384m). Any PARLEY_*
# variable set here reaches every node (PARLEY_LOG_FORMAT=json, PARLEY_DRAIN_UNREADY_DELAY_MS, ...).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLUSTER_DIR="$(mkdir -p "${CLUSTER_DIR:-$ROOT/data/local-cluster}" && cd "${CLUSTER_DIR:-$ROOT/data/local-cluster}" && pwd)"
PARLEY_JAR="${PARLEY_JAR:-$ROOT/node/target/parley.jar}"
LB_PORT="${LB_PORT:-8080}"
read -r -a NODE_PORTS <<< "${NODE_PORTS:-8081 8082 8083}"
read -r -a HAZELCAST_PORTS <<< "${HAZELCAST_PORTS:-5701 5702 5703}"
read -r -a BACKEND_PORTS <<< "${BACKEND_PORTS:-15432 16379 19092}"
JAVA_OPTS="${JAVA_OPTS:--Xmx384m}"
NODES=(a b c)
WAIT_SECONDS="${WAIT_SECONDS:-180}"

roles_of() { case "$1" in a|b) echo gateway,chat ;; c) echo auth,chat,media,notify,story ;; esac; }
index_of() { case "$1" in a) echo 0 ;; b) echo 1 ;; c) echo 2 ;; *) echo "Unknown node $1 (a, b or c)" >&2; exit 2 ;; esac; }
members() { local m=() p; for p in "${HAZELCAST_PORTS[@]}"; do m+=("127.0.0.1:$p"); done; (IFS=,; echo "${m[*]}"); }

# The HTTP status of GET http://127.0.0.1:PORT/PATH, with bash alone (no curl on a bare machine).
http_status() {
  local status
  status="$( {
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
    read -r -t 5 line <&3 && echo "$line" | awk '{print $2}'
  } 2>/dev/null )"
  echo "${status:-000}"
}

wait_until_ready() {
  local what="$1" port="$2" deadline=$((SECONDS + WAIT_SECONDS))
  until [[ "$(http_status "$port" /ready)" == 200 ]]; do
    if (( SECONDS > deadline )); then
      echo "$what did not become ready on port $port within ${WAIT_SECONDS}s; see $CLUSTER_DIR/*.log" >&2
      exit 1
    fi
    sleep 0.3
  done
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_backends() {
  if alive "$CLUSTER_DIR/backends.pid"; then return; fi
  rm -f "$CLUSTER_DIR/backends/backends.env"
  PARLEY_POSTGRES_EMBEDDED_PORT="${BACKEND_PORTS[0]}" PARLEY_REDIS_EMBEDDED_PORT="${BACKEND_PORTS[1]}" \
  PARLEY_KAFKA_EMBEDDED_PORT="${BACKEND_PORTS[2]}" \
    nohup java $JAVA_OPTS -jar "$PARLEY_JAR" backends --data-dir "$CLUSTER_DIR/backends" \
    >> "$CLUSTER_DIR/backends.log" 2>&1 &
  echo $! > "$CLUSTER_DIR/backends.pid"
}

wait_for_backends() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until [[ -f "$CLUSTER_DIR/backends/backends.env" ]]; do
    if ! alive "$CLUSTER_DIR/backends.pid" || (( SECONDS > deadline )); then
      echo "The backends did not start; see $CLUSTER_DIR/backends.log" >&2
      exit 1
    fi
    sleep 0.3
  done
}

start_node() {
  local node="$1" i; i="$(index_of "$node")"
  if alive "$CLUSTER_DIR/$node.pid"; then echo "Node $node runs already"; return; fi
  set -a
  # shellcheck disable=SC1091
  . "$CLUSTER_DIR/backends/backends.env"
  set +a
  PARLEY_MEDIA_LOCAL_DIR="$CLUSTER_DIR/media" PARLEY_MEDIA_LOCAL_SECRET="$(cat "$CLUSTER_DIR/keys/media-local.secret")" \
  PARLEY_HTTP_HOST=127.0.0.1 PARLEY_HTTP_TRUST_FORWARDED_HEADERS=true PARLEY_CLUSTER_NAME="parley-local-$LB_PORT" \
    nohup java $JAVA_OPTS -jar "$PARLEY_JAR" --node-name "$node" --roles "$(roles_of "$node")" \
    --data-dir "$CLUSTER_DIR/$node" --key-dir "$CLUSTER_DIR/keys" --http-port "${NODE_PORTS[$i]}" \
    --cluster --cluster-host 127.0.0.1 --cluster-port "${HAZELCAST_PORTS[$i]}" --members "$(members)" \
    >> "$CLUSTER_DIR/$node.log" 2>&1 &
  echo $! > "$CLUSTER_DIR/$node.pid"
}

start_balancer() {
  if alive "$CLUSTER_DIR/haproxy.pid"; then return; fi
  bash "$ROOT/docker/install-haproxy.sh"
  PARLEY_LB_BIND="127.0.0.1:$LB_PORT" PARLEY_GATEWAY_1="127.0.0.1:${NODE_PORTS[0]}" \
  PARLEY_GATEWAY_2="127.0.0.1:${NODE_PORTS[1]}" \
    haproxy -D -f "$ROOT/docker/haproxy/haproxy.cfg" -p "$CLUSTER_DIR/haproxy.pid" 2>> "$CLUSTER_DIR/haproxy.log"
}

stop_pid() {
  local file="$1" signal="$2"
  if alive "$file"; then
    local pid; pid="$(cat "$file")"
    kill "-$signal" "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$file"
}

case "${1:-}" in
  up)
    [[ -f "$PARLEY_JAR" ]] || { echo "No $PARLEY_JAR: build it first (./mvnw -B package -DskipTests)" >&2; exit 1; }
    mkdir -p "$CLUSTER_DIR/keys"
    if ! ls "$CLUSTER_DIR/keys"/*.key.pem >/dev/null 2>&1; then
      java -jar "$PARLEY_JAR" rotate-keys --key-dir "$CLUSTER_DIR/keys" >/dev/null
    fi
    if [[ ! -s "$CLUSTER_DIR/keys/media-local.secret" ]]; then
      # 32 random bytes, base64url: the HMAC key of the local media store's signed URLs.
      (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$CLUSTER_DIR/keys/media-local.secret")
    fi
    mkdir -p "$CLUSTER_DIR/media"
    start_backends
    start_balancer
    wait_for_backends
    for node in "${NODES[@]}"; do start_node "$node"; done
    for node in "${NODES[@]}"; do wait_until_ready "Node $node" "${NODE_PORTS[$(index_of "$node")]}"; done
    wait_until_ready "The balancer" "$LB_PORT"
    echo "Parley cluster up: http://localhost:$LB_PORT (nodes a b c; logs in $CLUSTER_DIR)"
    ;;
  start)
    start_node "${2:?start which node?}"
    wait_until_ready "Node $2" "${NODE_PORTS[$(index_of "$2")]}"
    ;;
  stop)
    index_of "${2:?stop which node?}" >/dev/null
    java -jar "$PARLEY_JAR" drain --data-dir "$CLUSTER_DIR/$2"
    rm -f "$CLUSTER_DIR/$2.pid"
    ;;
  kill)
    index_of "${2:?kill which node?}" >/dev/null
    stop_pid "$CLUSTER_DIR/$2.pid" KILL
    ;;
  status)
    for node in "${NODES[@]}"; do
      if alive "$CLUSTER_DIR/$node.pid"; then
        echo "node $node: pid $(cat "$CLUSTER_DIR/$node.pid"), /ready $(http_status "${NODE_PORTS[$(index_of "$node")]}" /ready)"
      else
        echo "node $node: stopped"
      fi
    done
    alive "$CLUSTER_DIR/backends.pid" && echo "backends: pid $(cat "$CLUSTER_DIR/backends.pid")" || echo "backends: stopped"
    alive "$CLUSTER_DIR/haproxy.pid" && echo "balancer: port $LB_PORT, /ready $(http_status "$LB_PORT" /ready)" || echo "balancer: stopped"
    ;;
  down)
    for node in "${NODES[@]}"; do
      if alive "$CLUSTER_DIR/$node.pid"; then kill -TERM "$(cat "$CLUSTER_DIR/$node.pid")" 2>/dev/null || true; fi
    done
    for node in "${NODES[@]}"; do stop_pid "$CLUSTER_DIR/$node.pid" TERM; done
    stop_pid "$CLUSTER_DIR/haproxy.pid" TERM
    stop_pid "$CLUSTER_DIR/backends.pid" TERM
    echo "Parley cluster down"
    ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
