#!/usr/bin/env bash
# A local S3 server for an S3 blob store: s3proxy (org.gaul:s3proxy, the jar `mvn test` copies to
# target/s3-servers/s3proxy.jar) with its file system backend, on 127.0.0.1. No container engine, no network.
#
#   deploy/s3proxy.sh start DIR PORT [BUCKET...]  start s3proxy (objects under DIR/data/BUCKET/KEY, pid DIR/s3proxy.pid,
#                                                 log DIR/s3proxy.log); creates the buckets; waits until it answers;
#                                                 an instance an earlier start left in DIR is stopped first
#   deploy/s3proxy.sh stop DIR                    stop it (SIGTERM, SIGKILL after 20 s)
#   deploy/s3proxy.sh schema SEED OUT ENDPOINT BUCKET [PREFIX]
#                                                 write OUT: the schema SEED with blob store "primary" as an S3 store
#                                                 in BUCKET at ENDPOINT (path style, keys sha256/ab/<digest>); a server
#                                                 imports it on first start with GPR_SEED_SCHEMA=OUT
#
# Environment: GPR_S3_ACCESS_KEY_ID / GPR_S3_SECRET_ACCESS_KEY (default gprlocal / gprlocal-secret-key) are the
# credentials s3proxy accepts; S3PROXY_JAR (default target/s3-servers/s3proxy.jar); JAVA (default java).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${S3PROXY_JAR:-$ROOT/target/s3-servers/s3proxy.jar}
KEY_ID=${GPR_S3_ACCESS_KEY_ID:-gprlocal}
SECRET=${GPR_S3_SECRET_ACCESS_KEY:-gprlocal-secret-key}

die() { echo "s3proxy: $*" >&2; exit 1; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

cmd_stop() {
  local dir=$1 pid
  [ -f "$dir/s3proxy.pid" ] || return 0
  pid=$(cat "$dir/s3proxy.pid")
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.5; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
    echo "s3proxy: stopped (pid $pid)"
  fi
  rm -f "$dir/s3proxy.pid"
}

cmd_start() {
  local dir=$1 port=$2; shift 2
  [ -f "$JAR" ] || die "$JAR is missing: run 'mvn test-compile' (it copies the S3 servers to target/s3-servers)"
  [[ $port =~ ^[0-9]+$ ]] || die "port must be a number, not '$port'"
  mkdir -p "$dir/data"
  dir=$(cd "$dir" && pwd)
  cmd_stop "$dir"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is taken by another process"
  local bucket
  # the file system backend's buckets are directories under its base directory
  for bucket in "$@"; do mkdir -p "$dir/data/$bucket"; done
  (umask 077 && cat >"$dir/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$KEY_ID
s3proxy.credential=$SECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
EOF
  )
  (
    cd "$dir"
    exec setsid "${JAVA:-java}" -Xmx192m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" \
      --properties "$dir/s3proxy.conf" </dev/null >>"$dir/s3proxy.log" 2>&1
  ) &
  echo $! >"$dir/s3proxy.pid"
  local deadline=$((SECONDS + 180)) pid=$!
  while [ $SECONDS -lt $deadline ]; do
    alive "$pid" || { tail -n 20 "$dir/s3proxy.log" >&2; die "s3proxy exited at start; log $dir/s3proxy.log"; }
    case $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/" || true) in
      000) sleep 0.5 ;;
      *) echo "s3proxy: http://127.0.0.1:$port ready (pid $pid, objects in $dir/data)"; return 0 ;;
    esac
  done
  cmd_stop "$dir"
  die "s3proxy did not answer on port $port within 180 s; log $dir/s3proxy.log"
}

cmd_schema() {
  local seed=$1 out=$2 endpoint=$3 bucket=$4 prefix=${5:-}
  [ -f "$seed" ] || die "no seed schema at $seed"
  mkdir -p "$(dirname "$out")"
  python3 - "$seed" "$out" "$endpoint" "$bucket" "$prefix" <<'EOF'
import json, sys
seed, out, endpoint, bucket, prefix = sys.argv[1:6]
with open(seed) as f:
    schema = json.load(f)
store = schema["storage"]["blob_stores"]["primary"]
s3 = {"kind": "s3", "bucket": bucket, "prefix": prefix, "endpoint": endpoint, "region": "us-east-1",
      "path_style": True}
for keep in ("addressing", "limits"):
    if keep in store:
        s3[keep] = dict(store[keep])
# One directory level under sha256/: s3proxy's file system backend keeps a directory per key level (empty ones
# too, after deletes) and lists every one of them, so the seed's two levels (65536 directories) make listings slow.
s3.setdefault("addressing", {})["path_template"] = "sha256/{digest:0:2}/{digest}"
schema["storage"]["blob_stores"]["primary"] = s3
with open(out, "w") as f:
    json.dump(schema, f, indent=2)
EOF
  echo "s3proxy: wrote $out (blob store primary in bucket $bucket at $endpoint)"
}

case ${1:-} in
  start) [ $# -ge 3 ] || die "start DIR PORT [BUCKET...]"; shift; cmd_start "$@" ;;
  stop) [ $# -eq 2 ] || die "stop DIR"; cmd_stop "$2" ;;
  schema) [ $# -ge 5 ] || die "schema SEED OUT ENDPOINT BUCKET [PREFIX]"; shift; cmd_schema "$@" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
