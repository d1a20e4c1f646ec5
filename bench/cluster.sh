#!/usr/bin/env bash
# Cluster benchmark (docs/cluster.md, "Benchmark"): replica lag at 200 publishes/s, CPU per 4 KiB GET on a cluster
# node vs a single node, 4 KiB publishes at 16 connections through HAProxy on 2 nodes vs a single node (and CNCF
# Distribution when docker-registry is installed). Results: bench/results/cluster-<time>.{json,md}.
# Needs the packaged server (built when missing), PostgreSQL at GPR_DB_URL's address (default the local test
# database, schema gpr_bench_cluster) and haproxy (deploy/local-cluster.sh installs it). About 12-14 minutes (5 of
# them warm-up: unmeasured publishes so that every row measures JIT-compiled servers).
#   bench/cluster.sh [--lag-seconds 60] [--seconds 20] [--rounds 2] [--base-port 9280] [--single-port 9290]
#                    [--rows lag,cpu,publish] [--war target/gpr.war] [--warm-seconds 150]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/cluster.py "$@"
