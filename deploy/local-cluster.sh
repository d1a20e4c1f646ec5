#!/usr/bin/env bash
# A local cluster of Good Package Repo nodes behind HAProxy, on one machine (docs/cluster.md, "Local cluster").
#
#   deploy/local-cluster.sh up [N] [--fresh]   start N nodes (default 2, at most 9) and HAProxy; --fresh first
#                                              deletes the cluster's data under target/ and drops its schema
#   deploy/local-cluster.sh down               stop HAProxy and every node (SIGTERM, SIGKILL after 60 s); data stays
#   deploy/local-cluster.sh kill K             SIGKILL node K (a crash: no clean stop)
#   deploy/local-cluster.sh start K            start node K again on its data and wait until it is ready
#   deploy/local-cluster.sh status             each node's pid and readiness, HAProxy's view of each node
#
# Runs the packaged server (`mvn package liberty:create`: target/gpr.war and the Liberty installation in
# target/liberty/wlp); each node is its own Liberty server (gprnode1..N) in a user directory of its own under
# target/local-cluster/, with its own data directory, and every node's blobs/ is the one shared blob directory.
#
# Environment (read by `up`; later commands reuse what `up` recorded in target/local-cluster/cluster.env):
#   GPR_CLUSTER_BASE_PORT   default 9180: HAProxy listens on it, node K's HTTP port is base+K, its loopback
#                           management port base+10+K, its HTTPS port base+20+K
#   GPR_CLUSTER_LB_PORT     HAProxy's port (default: the base port), on 127.0.0.1
#   GPR_DB_URL              default jdbc:postgresql://127.0.0.1:5432/test?currentSchema=gpr_cluster; the schema
#                           is the URL's currentSchema (created by the first node)
#   GPR_DB_USER / GPR_DB_PASSWORD   default postgres / unused-trust-auth
#   GPR_ADMIN_PASSWORD      password of the first user "admin"; unset: a random one, written to
#                           target/local-cluster/admin-password
#   GPR_CLUSTER_DIR         default target/local-cluster
#   GPR_CLUSTER_START_TIMEOUT  seconds a node may take to be ready (default 300)
#   GPR_CLUSTER_JVM_ARGS    extra JVM options for every node
#   GPR_BLOB_STORE          filesystem (default: the shared blob directory) or s3: blob store "primary" is an S3
#                           store (the nodes import a seed schema deploy/s3proxy.sh writes) on
#   GPR_S3_ENDPOINT         an S3 server's URL (path-style access); unset: `up` starts s3proxy from
#                           target/s3-servers/s3proxy.jar (deploy/s3proxy.sh) on GPR_S3_PORT (default base+30),
#                           objects under target/local-cluster/s3proxy/data, and `down` stops it
#   GPR_S3_BUCKET / GPR_S3_PREFIX   default gpr-blobs / "" (the bucket must exist on an external server)
#   GPR_S3_ACCESS_KEY_ID / GPR_S3_SECRET_ACCESS_KEY   the nodes' credentials (default: what s3proxy.sh accepts)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${GPR_CLUSTER_DIR:-$ROOT/target/local-cluster}
WLP=${GPR_CLUSTER_WLP:-$ROOT/target/liberty/wlp}
WAR=${GPR_CLUSTER_WAR:-$ROOT/target/gpr.war}
USR=$STATE/wlp-usr

die() { echo "local-cluster: $*" >&2; exit 1; }
log() { echo "local-cluster: $*"; }

# Settings: what `up` recorded wins over the environment, so kill/start/status/down act on the running cluster.
load_settings() {
  if [ "${1:-}" != from-env ] && [ -f "$STATE/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$STATE/cluster.env"
  fi
  BASE_PORT=${BASE_PORT:-${GPR_CLUSTER_BASE_PORT:-9180}}
  LB_PORT=${LB_PORT:-${GPR_CLUSTER_LB_PORT:-$BASE_PORT}}
  NODES=${NODES:-0}
  DB_URL=${DB_URL:-${GPR_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test?currentSchema=gpr_cluster}}
  DB_USER=${DB_USER:-${GPR_DB_USER:-postgres}}
  DB_PASSWORD=${DB_PASSWORD:-${GPR_DB_PASSWORD:-unused-trust-auth}}
  START_TIMEOUT=${START_TIMEOUT:-${GPR_CLUSTER_START_TIMEOUT:-300}}
  JVM_EXTRA=${JVM_EXTRA:-${GPR_CLUSTER_JVM_ARGS:-}}
  BLOB_STORE=${BLOB_STORE:-${GPR_BLOB_STORE:-filesystem}}
  S3_ENDPOINT=${S3_ENDPOINT:-${GPR_S3_ENDPOINT:-}}
  S3_OWN=${S3_OWN:-}
  S3_PORT=${S3_PORT:-${GPR_S3_PORT:-$((BASE_PORT + 30))}}
  S3_BUCKET=${S3_BUCKET:-${GPR_S3_BUCKET:-gpr-blobs}}
  S3_PREFIX=${S3_PREFIX:-${GPR_S3_PREFIX:-}}
  S3_KEY_ID=${S3_KEY_ID:-${GPR_S3_ACCESS_KEY_ID:-gprlocal}}
  S3_SECRET=${S3_SECRET:-${GPR_S3_SECRET_ACCESS_KEY:-gprlocal-secret-key}}
  DB_SCHEMA=$(printf '%s' "$DB_URL" | sed -n 's/.*[?&]currentSchema=\([A-Za-z0-9_]*\).*/\1/p')
}

save_settings() {
  mkdir -p "$STATE"
  {
    printf 'BASE_PORT=%q\nLB_PORT=%q\nNODES=%q\n' "$BASE_PORT" "$LB_PORT" "$NODES"
    printf 'DB_URL=%q\nDB_USER=%q\nDB_PASSWORD=%q\n' "$DB_URL" "$DB_USER" "$DB_PASSWORD"
    printf 'START_TIMEOUT=%q\nJVM_EXTRA=%q\n' "$START_TIMEOUT" "$JVM_EXTRA"
    printf 'BLOB_STORE=%q\nS3_ENDPOINT=%q\nS3_OWN=%q\nS3_PORT=%q\n' "$BLOB_STORE" "$S3_ENDPOINT" "$S3_OWN" "$S3_PORT"
    printf 'S3_BUCKET=%q\nS3_PREFIX=%q\nS3_KEY_ID=%q\nS3_SECRET=%q\n' "$S3_BUCKET" "$S3_PREFIX" "$S3_KEY_ID" "$S3_SECRET"
  } >"$STATE/cluster.env"
  chmod 600 "$STATE/cluster.env"
}

http_port() { echo $((BASE_PORT + $1)); }
mgmt_port() { echo $((BASE_PORT + 10 + $1)); }
https_port() { echo $((BASE_PORT + 20 + $1)); }
node_name() { echo "gprnode$1"; }
pid_file() { echo "$STATE/node$1.pid"; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
node_pid() { local f; f=$(pid_file "$1"); [ -f "$f" ] && cat "$f" || true; }
haproxy_pid() { [ -f "$STATE/haproxy.pid" ] && head -n1 "$STATE/haproxy.pid" || true; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The HTTP status of GET http://127.0.0.1:PORT/PATH, 000 when nothing answers.
http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1$2" 2>/dev/null || true; }

admin_password() {
  if [ -n "${GPR_ADMIN_PASSWORD:-}" ]; then
    printf '%s' "$GPR_ADMIN_PASSWORD"
  elif [ -f "$STATE/admin-password" ]; then
    cat "$STATE/admin-password"
  else
    local p
    p="Cluster-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    (umask 077 && printf '%s' "$p" >"$STATE/admin-password")
    printf '%s' "$p"
  fi
}

check_node_number() {
  [[ ${1:-} =~ ^[1-9]$ ]] || die "node number must be 1..9, not '${1:-}'"
  [ "$1" -le "$NODES" ] || die "node $1 does not exist: the cluster has $NODES node(s) (run 'up' first)"
}

require_build() {
  [ -x "$WLP/bin/server" ] || die "no Liberty installation at $WLP: run 'mvn package liberty:create' first"
  [ -f "$WAR" ] || die "no $WAR: run 'mvn package liberty:create' first"
  ls "$WLP/usr/shared/resources/jdbc/"*.jar >/dev/null 2>&1 \
    || die "no JDBC drivers in $WLP/usr/shared/resources/jdbc: run 'mvn package liberty:create' first"
  ls "$WLP/usr/shared/resources/gpr-lib/"*.jar >/dev/null 2>&1 \
    || die "no application libraries in $WLP/usr/shared/resources/gpr-lib: run 'mvn package liberty:create' first"
}

require_haproxy() {
  command -v haproxy >/dev/null 2>&1 && return
  log "installing the Debian package haproxy"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "haproxy is missing and neither root nor sudo is available"
    sudo=sudo
  fi
  # policy-rc.d: install without starting Debian's own haproxy service (it would take port 80/its default config)
  local policy=/usr/sbin/policy-rc.d added=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy" && added=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq haproxy >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq haproxy >/dev/null; } \
    || { if [ -n "$added" ]; then $sudo rm -f "$policy"; fi; die "could not install haproxy"; }
  if [ -n "$added" ]; then $sudo rm -f "$policy"; fi
  command -v haproxy >/dev/null 2>&1 || die "haproxy is still missing after apt-get install"
}

# One server.env assignment. The shipped server.env enables Liberty's variable expansion (it is run as a shell
# script), so every value is single-quoted: a password with spaces, quotes or `$` stays what it is.
env_line() {
  printf "%s='%s'\n" "$1" "$(printf '%s' "$2" | sed "s/'/'\\\\''/g")"
}

# A fresh Liberty server definition for node K (configuration and application; its data stays).
prepare_node() {
  local k=$1 srv
  srv="$USR/servers/$(node_name "$k")"
  rm -rf "$srv"
  mkdir -p "$srv/apps" "$STATE/node$k/data" "$STATE/blobs" "$USR/shared/resources/jdbc" "$USR/shared/resources/gpr-lib"
  cp "$ROOT/src/main/liberty/config/server.xml" "$ROOT/src/main/liberty/config/jvm.options" "$srv/"
  cp "$WAR" "$srv/apps/gpr.war"
  cp "$WLP/usr/shared/resources/jdbc/"*.jar "$USR/shared/resources/jdbc/"
  cp "$WLP/usr/shared/resources/gpr-lib/"*.jar "$USR/shared/resources/gpr-lib/"
  # the shared blob directory: every node's blob store root (/data/blobs in the schema) is the same directory
  local blobs="$STATE/node$k/data/blobs"
  if [ ! -L "$blobs" ]; then
    if [ -d "$blobs" ]; then rmdir "$blobs" 2>/dev/null || true; fi
    [ -e "$blobs" ] && die "$blobs exists and is not the link to the shared blob directory"
    ln -s "$STATE/blobs" "$blobs"
  fi
  local shipped="$ROOT/src/main/liberty/config/server.env"
  {
    [ -f "$shipped" ] && cat "$shipped" && echo
    env_line HTTP_PORT "$(http_port "$k")"
    env_line HTTPS_PORT "$(https_port "$k")"
    # server.xml's default (${http.port+5}) does not follow HTTP_PORT from the environment: set it per node
    env_line GPR_MANAGEMENT_PORT "$(mgmt_port "$k")"
    env_line GPR_DATA_DIR "$STATE/node$k/data"
    env_line GPR_CLUSTER_MODE "cluster"
    env_line GPR_CLUSTER_NODE_ID "node$k"
    env_line GPR_DB_KIND "postgresql"
    env_line GPR_DB_URL "$DB_URL"
    env_line GPR_DB_USER "$DB_USER"
    env_line GPR_DB_PASSWORD "$DB_PASSWORD"
    env_line GPR_DB_DATASOURCE "org.postgresql.ds.PGSimpleDataSource"
    [ -n "$DB_SCHEMA" ] && env_line GPR_DB_SCHEMA "$DB_SCHEMA"
    env_line GPR_ADMIN_PASSWORD "$(admin_password)"
    if [ "$BLOB_STORE" = s3 ]; then
      # blob store "primary" in the bucket (the seed schema, imported once); staging stays in each node's data
      env_line GPR_SEED_SCHEMA "$STATE/schema-s3.json"
      env_line GPR_S3_PRIMARY_ACCESS_KEY_ID "$S3_KEY_ID"
      env_line GPR_S3_PRIMARY_SECRET_ACCESS_KEY "$S3_SECRET"
    fi
  } >"$srv/server.env"
  chmod 600 "$srv/server.env"
}

# Starts node K in the background (`server run` exec's the JVM, so the recorded pid is the JVM's).
launch_node() {
  local k=$1 pid
  pid=$(node_pid "$k")
  if alive "$pid"; then
    log "node $k already running (pid $pid)"
    return
  fi
  port_busy "$(http_port "$k")" && die "port $(http_port "$k") for node $k is taken by another process"
  port_busy "$(mgmt_port "$k")" && die "management port $(mgmt_port "$k") for node $k is taken by another process"
  prepare_node "$k"
  touch "$STATE/node$k.log"
  wc -c <"$STATE/node$k.log" >"$STATE/node$k.logstart"
  (
    export WLP_USER_DIR="$USR"
    unset JVM_ARGS
    [ -n "$JVM_EXTRA" ] && export JVM_ARGS="$JVM_EXTRA"
    exec setsid "$WLP/bin/server" run "$(node_name "$k")" </dev/null >>"$STATE/node$k.log" 2>&1
  ) &
  echo $! >"$(pid_file "$k")"
  log "node $k starting: pid $!, http://127.0.0.1:$(http_port "$k"), log $STATE/node$k.log"
}

await_node() {
  local k=$1 deadline pid
  deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    pid=$(node_pid "$k")
    alive "$pid" || { tail -n 30 "$STATE/node$k.log" >&2 || true; die "node $k (pid $pid) exited while starting; log: $STATE/node$k.log"; }
    [ "$(http_status "$(http_port "$k")" /health/ready)" = 200 ] && { log "node $k ready"; return; }
    # the JVM stays up when the application fails to start: Liberty's messages say so
    if tail -c +"$(( $(cat "$STATE/node$k.logstart" 2>/dev/null || echo 0) + 1 ))" "$STATE/node$k.log" \
        | grep -q -e 'CWWKZ0012I' -e 'CWWKZ0002E' -e 'CWWKE0005E'; then
      tail -n 40 "$STATE/node$k.log" >&2 || true
      die "the application on node $k failed to start; log: $STATE/node$k.log"
    fi
    sleep 1
  done
  tail -n 30 "$STATE/node$k.log" >&2 || true
  die "node $k not ready within ${START_TIMEOUT}s; log: $STATE/node$k.log"
}

stop_node() {
  local k=$1 pid
  pid=$(node_pid "$k")
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do alive "$pid" || break; sleep 1; done
    if alive "$pid"; then
      log "node $k did not stop within 60 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "node $k stopped"
  fi
  rm -f "$(pid_file "$k")"
}

write_haproxy_config() {
  local k
  {
    cat <<EOF
# Written by deploy/local-cluster.sh: round robin over the nodes, each checked on /health/ready every second.
global
  maxconn 2000
  stats socket $STATE/haproxy.sock mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 5m
  timeout server 5m
  timeout http-request 60s
  # a request whose connection to a dead node fails goes to another node
  retries 2
  option redispatch
  option http-server-close

frontend gpr
  bind 127.0.0.1:$LB_PORT
  # Liberty's virtual host takes the node's own port, 80 and 443 in Host: pass the host name without the
  # balancer's port (as port 80), the original in X-Forwarded-Host
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  http-request set-header Host %[req.hdr(host),field(1,:)]
  default_backend nodes

backend nodes
  balance roundrobin
  option httpchk
  http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost
  http-check expect status 200
  default-server check inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
EOF
    for k in $(seq 1 "$NODES"); do
      echo "  server node$k 127.0.0.1:$(http_port "$k")"
    done
  } >"$STATE/haproxy.cfg"
  haproxy -c -q -f "$STATE/haproxy.cfg" || die "haproxy rejected $STATE/haproxy.cfg"
}

start_haproxy() {
  local pid
  pid=$(haproxy_pid)
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.5; done
  fi
  port_busy "$LB_PORT" && die "port $LB_PORT for HAProxy is taken by another process"
  write_haproxy_config
  rm -f "$STATE/haproxy.pid"
  haproxy -D -p "$STATE/haproxy.pid" -f "$STATE/haproxy.cfg" || die "haproxy did not start"
  local deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(http_status "$LB_PORT" /health/ready)" = 200 ] && { log "HAProxy ready: http://127.0.0.1:$LB_PORT"; return; }
    sleep 0.5
  done
  die "HAProxy on port $LB_PORT does not route to a ready node within 30 s"
}

stop_haproxy() {
  local pid
  pid=$(haproxy_pid)
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.5; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
    log "HAProxy stopped"
  fi
  rm -f "$STATE/haproxy.pid"
}

# HAProxy's view of each node (UP/DOWN/MAINT) from its stats socket.
haproxy_states() {
  [ -S "$STATE/haproxy.sock" ] || return 0
  python3 - "$STATE/haproxy.sock" <<'EOF' 2>/dev/null || true
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"show stat\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
for line in data.decode().splitlines():
    f = line.split(",")
    if len(f) > 17 and f[0] == "nodes" and f[1] not in ("BACKEND", "FRONTEND"):
        print(f"  haproxy {f[1]}: {f[17]}")
EOF
}

# GPR_BLOB_STORE=s3: the S3 server (s3proxy when no GPR_S3_ENDPOINT is given) and the seed schema naming it.
prepare_s3() {
  case $BLOB_STORE in
    filesystem) return 0 ;;
    s3) ;;
    *) die "GPR_BLOB_STORE is filesystem or s3, not '$BLOB_STORE'" ;;
  esac
  if [ -z "$S3_ENDPOINT" ]; then
    S3_OWN=1
    S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
    GPR_S3_ACCESS_KEY_ID=$S3_KEY_ID GPR_S3_SECRET_ACCESS_KEY=$S3_SECRET \
      "$ROOT/deploy/s3proxy.sh" start "$STATE/s3proxy" "$S3_PORT" "$S3_BUCKET" | sed 's/^/local-cluster: /'
  fi
  "$ROOT/deploy/s3proxy.sh" schema "$ROOT/seed/schema.json" "$STATE/schema-s3.json" "$S3_ENDPOINT" "$S3_BUCKET" \
    "$S3_PREFIX" | sed 's/^/local-cluster: /'
  save_settings
}

drop_schema() {
  [ -n "$DB_SCHEMA" ] || die "--fresh: GPR_DB_URL names no currentSchema to drop"
  command -v psql >/dev/null 2>&1 || die "--fresh needs psql to drop schema $DB_SCHEMA"
  local hostport db host port
  hostport=$(printf '%s' "$DB_URL" | sed -n 's#^jdbc:postgresql://\([^/]*\)/.*#\1#p')
  db=$(printf '%s' "$DB_URL" | sed -n 's#^jdbc:postgresql://[^/]*/\([^?]*\).*#\1#p')
  host=${hostport%%:*}; port=${hostport##*:}; [ "$port" = "$hostport" ] && port=5432
  PGPASSWORD=$DB_PASSWORD PGOPTIONS=--client-min-messages=warning psql -q -h "$host" -p "$port" -U "$DB_USER" -d "$db" -v ON_ERROR_STOP=1 \
    -c "DROP SCHEMA IF EXISTS \"$DB_SCHEMA\" CASCADE" || die "could not drop schema $DB_SCHEMA"
  log "dropped schema $DB_SCHEMA"
}

cmd_up() {
  local n=2 fresh=""
  for a in "$@"; do
    case $a in
      --fresh) fresh=1 ;;
      [1-9]) n=$a ;;
      *) die "up [N] [--fresh]: N is 1..9, not '$a'" ;;
    esac
  done
  require_build
  require_haproxy
  load_settings
  local k
  if [ "$NODES" -gt 0 ]; then
    for k in $(seq 1 "$NODES"); do
      alive "$(node_pid "$k")" && [ "$n" != "$NODES" ] && die "a cluster of $NODES node(s) is running: 'down' first"
    done
  fi
  if [ -n "$fresh" ]; then
    cmd_down >/dev/null 2>&1 || true
    rm -rf "$STATE"
  fi
  # a new cluster takes its settings from the environment, not from an earlier run's cluster.env
  unset BASE_PORT LB_PORT NODES DB_URL DB_USER DB_PASSWORD START_TIMEOUT JVM_EXTRA
  unset BLOB_STORE S3_ENDPOINT S3_OWN S3_PORT S3_BUCKET S3_PREFIX S3_KEY_ID S3_SECRET
  load_settings from-env
  [ -n "$fresh" ] && drop_schema
  mkdir -p "$STATE"
  NODES=$n
  save_settings
  admin_password >/dev/null
  # every node at once: the first start of several nodes is a case the cluster must get right (one seed import,
  # one bootstrap admin, one signing key)
  trap 'if [ -z "${UP_DONE:-}" ]; then log "up failed: stopping what it started"; cmd_down >/dev/null 2>&1; fi' EXIT
  prepare_s3
  for k in $(seq 1 "$n"); do launch_node "$k"; done
  for k in $(seq 1 "$n"); do await_node "$k"; done
  start_haproxy
  UP_DONE=1
  local where="in $STATE/admin-password"
  [ -n "${GPR_ADMIN_PASSWORD:-}" ] && where="from GPR_ADMIN_PASSWORD"
  log "cluster of $n node(s) up; load balancer http://127.0.0.1:$LB_PORT; admin password $where"
  [ "$BLOB_STORE" = s3 ] && log "blobs in S3 bucket $S3_BUCKET at $S3_ENDPOINT"
  return 0
}

cmd_down() {
  load_settings
  stop_haproxy
  local k
  for k in $(seq 1 9); do [ -f "$(pid_file "$k")" ] && stop_node "$k"; done
  # the S3 server last: nodes may still be writing while they stop
  if [ -n "${S3_OWN:-}" ]; then "$ROOT/deploy/s3proxy.sh" stop "$STATE/s3proxy" | sed 's/^/local-cluster: /'; fi
  return 0
}

cmd_kill() {
  load_settings
  check_node_number "${1:-}"
  local pid
  pid=$(node_pid "$1")
  alive "$pid" || die "node $1 is not running"
  kill -KILL "$pid"
  for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && die "node $1 (pid $pid) survived SIGKILL"
  rm -f "$(pid_file "$1")"
  log "node $1 killed (SIGKILL, pid $pid)"
}

cmd_start() {
  load_settings
  check_node_number "${1:-}"
  require_build
  launch_node "$1"
  await_node "$1"
}

cmd_status() {
  load_settings
  [ "$NODES" -gt 0 ] || { echo "no cluster (run 'up')"; return 0; }
  local k pid state rc=0
  for k in $(seq 1 "$NODES"); do
    pid=$(node_pid "$k")
    if alive "$pid"; then
      case $(http_status "$(http_port "$k")" /health/ready) in
        200) state=ready ;; 000) state=starting ;; *) state=not-ready ;;
      esac
    else
      state=down; pid=-; rc=1
    fi
    echo "node$k  http://127.0.0.1:$(http_port "$k")  pid $pid  $state"
  done
  pid=$(haproxy_pid)
  if alive "$pid"; then
    echo "haproxy  http://127.0.0.1:$LB_PORT  pid $pid  $( [ "$(http_status "$LB_PORT" /health/ready)" = 200 ] && echo ready || echo no-ready-node)"
    haproxy_states
  else
    echo "haproxy  http://127.0.0.1:$LB_PORT  down"; rc=1
  fi
  return $rc
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  kill) cmd_kill "${2:-}" ;;
  start) cmd_start "${2:-}" ;;
  status) cmd_status ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
