#!/usr/bin/env bash
# bench/ab.sh REV [ROWS] — before/after in one run: builds REV (the "before", e.g. main's last landed commit) in a
# temporary worktree, builds the working tree (the "after"), then runs bench.py for ROWS (default a,d) alternately
# before, after, before, after — each with every peer, so both builds meet the same machine load — and prints the
# medians side by side. Results: bench/results/ab-<stamp>-{before,after}-{1,2}.{json,md}.
# AB_PAIRS (default 2) before/after pairs; AB_ROUNDS (default 3) interleaved rounds inside each bench.py run.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/ab.sh REV [ROWS]}
rows=${2:-a,d}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
old=$(mktemp -d "${TMPDIR:-/tmp}/gpr-ab-XXXXXX")
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"' EXIT
git worktree add -q --detach "$old" "$rev"
echo "== building the before build ($rev)"
(cd "$old" && mvn -B -ntp -q package -DskipTests)
cp "$old/target/gpr.war" "$old/gpr-before.war"
echo "== building the after build (working tree)"
mvn -B -ntp -q package -DskipTests liberty:create
for i in $(seq 1 "${AB_PAIRS:-2}"); do
  python3 bench/bench.py --rows "$rows" --rounds "${AB_ROUNDS:-3}" --war "$old/gpr-before.war" --config "$old/src/main/liberty/config" --name "ab-$stamp-before-$i"
  python3 bench/bench.py --rows "$rows" --rounds "${AB_ROUNDS:-3}" --name "ab-$stamp-after-$i"
done
python3 bench/tools/ab_summary.py bench/results/ab-"$stamp"-*.json
