#!/usr/bin/env python3
"""GC, JIT, CPU and allocation totals of a JFR recording (the part of the JVM's CPU that hot-method samples
do not show). Usage: bench/tools/jfr_summary.py RECORDING.jfr [REQUESTS]  (REQUESTS: to print per-request figures)"""
import json
import subprocess
import sys


def events(rec, kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, rec], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)["recording"]["events"]


def seconds(v):
    # JFR JSON durations look like "PT0.0123S"
    if isinstance(v, str) and v.startswith("PT"):
        return float(v[2:-1]) if v.endswith("S") else 0.0
    return float(v or 0)


def main():
    rec = sys.argv[1]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else None
    gcs = events(rec, "jdk.GarbageCollection")
    pauses = sum(seconds(e["values"]["sumOfPauses"]) for e in gcs)
    longest = max((seconds(e["values"]["longestPause"]) for e in gcs), default=0)
    cpu = events(rec, "jdk.CPULoad")
    user = [e["values"]["jvmUser"] for e in cpu]
    system = [e["values"]["jvmSystem"] for e in cpu]
    total = [e["values"]["machineTotal"] for e in cpu]
    comp = events(rec, "jdk.Compilation")
    comp_secs = sum(seconds(e["values"]["duration"]) for e in comp)
    alloc = events(rec, "jdk.ObjectAllocationSample")
    weight = sum(int(e["values"]["weight"]) for e in alloc)
    span = len(cpu) or 1
    print(f"CPU load samples: {len(cpu)}; JVM user {100 * sum(user) / span:.1f}% + system {100 * sum(system) / span:.1f}%"
          f" of the machine; machine total {100 * sum(total) / span:.1f}%")
    print(f"GC: {len(gcs)} collections, pauses {pauses * 1000:.0f} ms in total, longest {longest * 1000:.0f} ms")
    print(f"JIT: {len(comp)} compilations over the threshold, {comp_secs:.1f} s")
    print(f"allocation (sampled weight): {weight / 1e6:.0f} MB" +
          (f", {weight / requests / 1024:.0f} KiB per request" if requests else ""))


if __name__ == "__main__":
    main()
