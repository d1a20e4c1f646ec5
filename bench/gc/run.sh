#!/usr/bin/env bash
# The garbage collection benchmark: 1 M blob files, most referenced by artifact documents, some not, then
# collections in a standalone JVM over the server's own classes (see GcBench.java and bench/README.md, "GC").
#
#   bench/gc/run.sh [--blobs N] [--xmx SIZE] [--dir DIR] [--keep]
#
# Defaults: 1 000 000 blobs (90 % referenced, 0.5 % of them by versions retention expires, 10 % orphans),
# -Xmx256m (the server's heap), data in a fresh temporary directory that is deleted at the end unless --keep.
# Results: one JSON line per phase on stdout and in bench/results/gc-<UTC time>.jsonl.
set -euo pipefail
cd "$(dirname "$0")/../.."

BLOBS=1000000
XMX=256m
DIR=""
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --blobs) BLOBS="$2"; shift 2 ;;
    --xmx) XMX="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# 90 % of the blobs belong to artifacts: packages of 50 versions (the shipped keep_last_n_versions), and one
# package in 18 has 5 versions more, which retention deletes. The other 10 % are orphans.
REFERENCED=$(( BLOBS * 9 / 10 ))
EXTRA_PACKAGES=$(( REFERENCED / 900 ))
EXTRA_VERSIONS=5
PACKAGES=$(( (REFERENCED - EXTRA_PACKAGES * EXTRA_VERSIONS) / 50 ))
ARTIFACTS=$(( PACKAGES * 50 + EXTRA_PACKAGES * EXTRA_VERSIONS ))
ORPHANS=$(( BLOBS - ARTIFACTS ))

[ -n "$DIR" ] || DIR="$(mktemp -d "${TMPDIR:-/tmp}/gpr-gc-bench.XXXXXX")"
mkdir -p "$DIR"
NEED_KIB=$(( BLOBS * 6 + 4 * 1024 * 1024 ))   # a 4 KiB block and an inode per file, the LMDB file, slack
FREE_KIB=$(df -Pk "$DIR" | awk 'NR==2 {print $4}')
if [ "$FREE_KIB" -lt "$NEED_KIB" ]; then
  echo "not enough free disk in $DIR: $(( FREE_KIB / 1024 )) MiB free, need ~$(( NEED_KIB / 1024 )) MiB" >&2
  exit 1
fi
cleanup() { if [ "$KEEP" = 0 ]; then rm -rf "$DIR"; else echo "data kept in $DIR" >&2; fi; }
trap cleanup EXIT

mvn -q -o -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-gc.classpath >/dev/null \
  || mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-gc.classpath >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-gc.classpath)"
mkdir -p target/bench-gc
javac -nowarn -d target/bench-gc -cp "$CP" $(find bench/gc/src -name '*.java')
CP="target/bench-gc:$CP"
JAVA=(java "-Xmx$XMX" --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
      -cp "$CP" com.goodpackagerepo.bench.GcBench)

mkdir -p bench/results
OUT="bench/results/gc-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
echo "{\"phase\":\"setup\",\"blobs\":$BLOBS,\"artifacts\":$ARTIFACTS,\"packages\":$PACKAGES,\"extra_packages\":$EXTRA_PACKAGES,\"orphans\":$ORPHANS,\"xmx\":\"$XMX\",\"cpus\":$(nproc),\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee "$OUT"
java -Xmx1g --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp "$CP" \
  com.goodpackagerepo.bench.GcBench build "$DIR" "$PACKAGES" 50 "$EXTRA_PACKAGES" "$EXTRA_VERSIONS" "$ORPHANS" | tee -a "$OUT"
echo "{\"phase\":\"disk\",\"data_mib\":$(du -sm "$DIR" | cut -f1),\"lmdb_mib\":$(du -sm "$DIR/meta" | cut -f1)}" | tee -a "$OUT"
# a dry run (reports, deletes nothing), the real run, then a run with nothing left to collect
"${JAVA[@]}" collect "$DIR" dry 0 | tee -a "$OUT"
"${JAVA[@]}" collect "$DIR" real 0 | tee -a "$OUT"
"${JAVA[@]}" collect "$DIR" real 0 | tee -a "$OUT"
# the same steady-state run in a 64 MiB heap: the mark is the LMDB reference index, nothing grows with the store
"${JAVA[@]/-Xmx$XMX/-Xmx64m}" collect "$DIR" real 0 | sed 's/"phase":"collect"/"phase":"collect-64m"/' | tee -a "$OUT"
echo "results in $OUT" >&2
