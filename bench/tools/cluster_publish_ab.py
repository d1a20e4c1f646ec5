#!/usr/bin/env python3
"""A/B of durable 4 KiB publishes on two running local clusters (deploy/local-cluster.sh, e.g. one on main's WAR
and one on a branch's, each with its own GPR_CLUSTER_BASE_PORT, GPR_CLUSTER_DIR and schema on the same
PostgreSQL): rounds alternate A, B, A, B… with the other cluster idle, 16 connections through each HAProxy; per
round the publishes/s, the JVM CPU per publish by thread role (both nodes), PostgreSQL's and HAProxy's CPU and the
PostgreSQL commits per publish (bench/cluster.py's measure_publishes). Warm both first (--warm-rounds): a cluster
JVM keeps compiling the publish path for minutes after a start.

  bench/tools/cluster_publish_ab.py --a 9380 --a-schema gpr_a --b 9480 --b-schema gpr_b --password P \\
      [--rounds 4] [--seconds 30] [--warm-rounds 3]
"""
import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import cluster as C  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for side in ("a", "b"):
        p.add_argument(f"--{side}", type=int, required=True, help=f"cluster {side.upper()}'s HAProxy port (nodes +1, +2)")
        p.add_argument(f"--{side}-schema", required=True, help=f"cluster {side.upper()}'s PostgreSQL schema")
    p.add_argument("--password", required=True, help="the admin password of both clusters")
    p.add_argument("--db", default="jdbc:postgresql://127.0.0.1:5432/test")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--warm-rounds", type=int, default=3)
    args = p.parse_args()
    sides = {}
    for side in ("a", "b"):
        port = getattr(args, side)
        sides[side] = dict(port=port, auth=C.login(port, args.password),
                           pids=(C.jvm_pid(port + 1), C.jvm_pid(port + 2)),
                           db=f"{args.db}?currentSchema={getattr(args, side + '_schema')}")
    rows = {"a": [], "b": []}
    for r in range(args.warm_rounds + args.rounds):
        for side, s in sides.items():
            warm = r < args.warm_rounds
            row = C.measure_publishes(s["port"], s["auth"], args.seconds, 16, f"ab{side}{r}", pids=s["pids"],
                                      db_url=None if warm else s["db"])
            C.log(("warm " if warm else "") + f"{side.upper()} round {r + 1}: " + json.dumps(row))
            if not warm:
                rows[side].append(row)
    print("| median of %d rounds | A | B |" % args.rounds)
    print("|---|---|---|")
    for key in ("per_s", "cpu_ms_per_publish", "commits_per_publish", "wal_syncs_per_publish"):
        print(f"| {key} | " + " | ".join(str(statistics.median(x[key] for x in rows[s])) for s in ("a", "b")) + " |")
    for role in rows["a"][0]["cpu_ms_per_publish_by_role"]:
        print(f"| CPU ms per publish: {role} | " + " | ".join(
            str(round(statistics.median(x["cpu_ms_per_publish_by_role"][role] for x in rows[s]), 3))
            for s in ("a", "b")) + " |")


if __name__ == "__main__":
    main()
