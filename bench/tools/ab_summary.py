#!/usr/bin/env python3
"""Prints the row a and row d medians of bench/ab.sh's result files side by side (before vs after)."""
import json
import statistics
import sys
from collections import defaultdict


def figures(rows):
    out = {}
    a = rows.get("a", {}).get("servers", {})
    if "gpr" in a:
        out["a req/s"] = a["gpr"]["req_s"]
        out["a p99 ms"] = a["gpr"]["p99_ms"]
        out["a CPU ms/req"] = a["gpr"].get("server_cpu_ms_per_req")
        if "registry" in a:
            out["a ours/Distribution"] = a["gpr"]["req_s"] / a["registry"]["req_s"]
    d = rows.get("d", {}).get("servers", {})
    if "gpr" in d:
        out["d seq publishes/s"] = d["gpr"]["sequential"]["per_s"]
        out["d 16-conn publishes/s"] = d["gpr"]["concurrent16"]["per_s"]
        if "registry" in d:
            out["d seq ours/Distribution"] = d["gpr"]["sequential"]["per_s"] / d["registry"]["sequential"]["per_s"]
            out["d 16 ours/Distribution"] = d["gpr"]["concurrent16"]["per_s"] / d["registry"]["concurrent16"]["per_s"]
    return out


def main(paths):
    by_side = defaultdict(lambda: defaultdict(list))
    for path in sorted(paths):
        side = "before" if "-before-" in path else "after"
        for key, value in figures(json.load(open(path))["rows"]).items():
            if value is not None:
                by_side[side][key].append(value)
    keys = sorted(set(by_side["before"]) | set(by_side["after"]))
    print("| figure | before (runs) | after (runs) | after/before (medians) |")
    print("|---|---|---|---|")
    for key in keys:
        b, a = by_side["before"].get(key, []), by_side["after"].get(key, [])
        mb = statistics.median(b) if b else None
        ma = statistics.median(a) if a else None
        ratio = f"{ma / mb:.2f}" if mb and ma else "n/a"
        print(f"| {key} | {', '.join(f'{v:.2f}' for v in b)} | {', '.join(f'{v:.2f}' for v in a)} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1:])
