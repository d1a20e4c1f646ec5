#!/usr/bin/env bash
# bench/run.sh — the benchmark in one command (see bench/README.md):
#   installs what it needs (Debian packages, Verdaccio 6.8 from npm into bench/verdaccio/node_modules),
#   builds our server if its build is missing or older than the sources, then runs bench/bench.py, which
#   starts every server on loopback, measures, stops only what it started and writes bench/results/.
# Examples: bench/run.sh                 every row (about 45 minutes on 2 cores, most of it row e)
#           bench/run.sh --rows a,b      only rows a and b
#           bench/run.sh --quick         a 5-minute smoke test of every row at small sizes
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have nginx || need+=(nginx)
have wrk || need+=(wrk)
have docker-registry || need+=(docker-registry)
have curl || need+=(curl)
have python3 || need+=(python3)
have openssl || need+=(openssl)
have node || need+=(nodejs)
have npm || need+=(npm)
have javac || need+=(openjdk-17-jdk-headless)
have mvn || need+=(maven)
if ((${#need[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "== installing Debian packages: ${need[*]}"
  # Packages like nginx and docker-registry start a system service on install (ports 80 and 5000); the
  # benchmark starts its own instances, so keep the package scripts from starting theirs.
  made_policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
  [[ -z $made_policy ]] || $sudo rm -f /usr/sbin/policy-rc.d
fi

if [[ ! -x bench/verdaccio/node_modules/.bin/verdaccio ]]; then
  echo "== installing Verdaccio 6.8 into bench/verdaccio/node_modules"
  (cd bench/verdaccio && npm install --no-audit --no-fund --no-package-lock --loglevel=warn)
fi

if [[ -n ${BENCH_REBUILD:-} || ! -f target/gpr.war || ! -x target/liberty/wlp/bin/server ]] \
   || [[ -n $(find src pom.xml seed db-migrations -newer target/gpr.war -type f -print -quit) ]]; then
  echo "== building our server (mvn package liberty:create, tests skipped)"
  mvn -B -ntp -q package -DskipTests liberty:create
fi

exec python3 bench/bench.py "$@"
