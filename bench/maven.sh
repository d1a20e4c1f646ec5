#!/usr/bin/env bash
# Maven row of the benchmark (docs/maven.md, "Benchmark"): resolving a project with N dependencies (jar + pom
# each) from an empty local repository through our server vs the same files served by nginx in the same
# layout, and `mvn deploy` time of the multi-module test project. One run; results in bench/results/maven-*.txt.
#
#   GPR_URL=http://localhost:9600 GPR_USER=admin GPR_TOKEN=gpr_… bench/maven.sh [N]
#
# Needs a running server (the token needs read+write), nginx and Maven on PATH. Starts nginx on
# ${NGINX_PORT:-9650} with its own prefix directory and stops exactly that process at exit. Plugins are read
# from ~/.m2/repository (as a file: plugin repository), so nothing is downloaded when the main build has run.
set -euo pipefail
N=${1:-50}
: "${GPR_URL:?set GPR_URL}" "${GPR_USER:?set GPR_USER}" "${GPR_TOKEN:?set GPR_TOKEN}"
NGINX_PORT=${NGINX_PORT:-9650}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gpr-maven-bench.XXXXXX")
GROUP="bench.maven.r$(date +%s)"
GPATH=${GROUP//./\/}
NGINX_PID=""
cleanup() { if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== generating $N artifacts (jar + pom) under $GROUP"
mkdir -p "$WORK/www/maven/releases" "$WORK/src"
for i in $(seq 1 "$N"); do
  a="dep$i"; d="$WORK/www/maven/releases/$GPATH/$a/1.0.0"; mkdir -p "$d" "$WORK/src/$a"
  head -c $((20000 + i * 500)) /dev/urandom > "$WORK/src/$a/payload.bin"
  (cd "$WORK/src/$a" && jar cf "$d/$a-1.0.0.jar" payload.bin)
  cat > "$d/$a-1.0.0.pom" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>$GROUP</groupId><artifactId>$a</artifactId><version>1.0.0</version></project>
POM
  for f in "$d"/*; do sha1sum "$f" | cut -d' ' -f1 > "$f.sha1"; md5sum "$f" | cut -d' ' -f1 > "$f.md5"; done
done

echo "== uploading them to our server (PUT, like a deploy)"
start=$(date +%s.%N)
for i in $(seq 1 "$N"); do
  for ext in jar pom; do
    f="$GPATH/dep$i/1.0.0/dep$i-1.0.0.$ext"
    curl -fsS -o /dev/null -u "$GPR_USER:$GPR_TOKEN" -T "$WORK/www/maven/releases/$f" "$GPR_URL/maven/releases/$f"
  done
done
upload=$(echo "$(date +%s.%N) - $start" | bc)

echo "== nginx on 127.0.0.1:$NGINX_PORT serving the same layout"
chmod -R a+rX "$WORK"   # nginx's workers run as an unprivileged user
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log;
events { worker_connections 256; }
http { access_log off; sendfile on; server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; } }
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" & NGINX_PID=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/maven/releases/$GPATH/dep1/1.0.0/dep1-1.0.0.pom" && break; sleep 0.1; done

deps=""
for i in $(seq 1 "$N"); do deps="$deps<dependency><groupId>$GROUP</groupId><artifactId>dep$i</artifactId><version>1.0.0</version></dependency>"; done
mkdir -p "$WORK/consumer"
cat > "$WORK/consumer/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench.consumer</groupId><artifactId>consumer</artifactId><version>1.0.0</version>
<properties><maven.compiler.release>17</maven.compiler.release></properties>
<dependencies>$deps</dependencies>
<build><plugins><plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
<plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin></plugins></build></project>
POM

settings() { # $1 = repository URL
  sed -e "s|@USER@|$GPR_USER|g" -e "s|@TOKEN@|$GPR_TOKEN|g" -e "s|@REPO_URL@|$1|g" \
      -e "s|@PLUGIN_REPO@|file://$HOME/.m2/repository|g" "$ROOT/src/test/resources/maven-it/settings.xml" > "$WORK/settings.xml"
}
resolve() { # $1 = label, $2 = repository URL
  settings "$2"; rm -rf "$WORK/repo-$1" "$WORK/consumer/target"
  # Warm the plugins into this local repository first, so the timed run measures dependency resolution only.
  mkdir -p "$WORK/warm"; sed -e "s|<dependencies>.*</dependencies>||" "$WORK/consumer/pom.xml" > "$WORK/warm/pom.xml"
  (cd "$WORK/warm" && mvn -B -q -ntp -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo-$1" compile >/dev/null)
  local s; s=$(date +%s.%N)
  (cd "$WORK/consumer" && mvn -B -q -ntp -Dstyle.color=never -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo-$1" compile >&2)
  echo "$(date +%s.%N) - $s" | bc
}
echo "== resolving $N dependencies from an empty local repository"
ours=$(resolve ours "$GPR_URL/maven/releases")
theirs=$(resolve nginx "http://127.0.0.1:$NGINX_PORT/maven/releases")

echo "== mvn deploy of the multi-module test project"
P="$WORK/producer"; cp -r "$ROOT/src/test/resources/maven-it/producer" "$P"
find "$P" -type f -exec sed -i -e "s|@GROUP@|$GROUP|g" -e "s|@VERSION@|1.0.0|g" {} +
settings "$GPR_URL/maven/releases"
(cd "$P" && mvn -B -q -ntp -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo-deploy" -DskipTests install >/dev/null)
s=$(date +%s.%N)
(cd "$P" && mvn -B -q -ntp -Dstyle.color=never -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo-deploy" -DskipTests -Dgpr.url="$GPR_URL" deploy >&2)
deploy=$(echo "$(date +%s.%N) - $s" | bc)

mkdir -p "$HERE/results"
out="$HERE/results/maven-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "maven row, $(date -u), $(nproc) cores, N=$N dependencies (jar+pom each, 20-45 KiB jars)"
  printf "upload %d files with curl PUT (sequential):   %6.2f s\n" $((2 * N)) "$upload"
  printf "resolve via our server (mvn compile):        %6.2f s\n" "$ours"
  printf "resolve via nginx, same layout:              %6.2f s\n" "$theirs"
  printf "mvn deploy, 3-module project (7 files):      %6.2f s\n" "$deploy"
} | tee "$out"
