#!/usr/bin/env python3
"""Hot methods of a JFR recording: top frames (self) and inclusive counts of jdk.ExecutionSample (Java code on
CPU) and jdk.NativeMethodSample (threads in native code: socket I/O, fsync, LMDB), plus lock and I/O events.
Usage: bench/tools/jfr_top.py RECORDING.jfr [--top 25] [--filter com.goodpackagerepo]"""
import argparse
import collections
import json
import subprocess


def frames(event):
    out = []
    for fr in (event.get("values", {}).get("stackTrace") or {}).get("frames", []):
        m = fr.get("method", {})
        out.append(f"{m.get('type', {}).get('name', '?')}.{m.get('name', '?')}".replace("/", "."))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("recording")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--filter", default="com.goodpackagerepo", help="package for the 'first own frame' table")
    args = p.parse_args()
    for kind in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
        raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", kind, args.recording],
                             capture_output=True, text=True, check=True).stdout
        events = json.loads(raw)["recording"]["events"]
        top, incl, own = collections.Counter(), collections.Counter(), collections.Counter()
        for e in events:
            st = frames(e)
            if not st:
                continue
            top[st[0]] += 1
            for f in set(st):
                incl[f] += 1
            mine = next((f for f in st if f.startswith(args.filter)), None)
            own[mine or "(no own frame)"] += 1
        n = max(len(events), 1)
        print(f"\n== {kind}: {len(events)} samples")
        print("-- top frame (self)")
        for f, c in top.most_common(args.top):
            print(f"{100 * c / n:5.1f}%  {f}")
        print("-- inclusive")
        for f, c in incl.most_common(args.top):
            print(f"{100 * c / n:5.1f}%  {f}")
        print(f"-- first {args.filter} frame on the stack")
        for f, c in own.most_common(args.top):
            print(f"{100 * c / n:5.1f}%  {f}")
        print(f"-- inclusive, {args.filter} frames only")
        for f, c in [(f, c) for f, c in incl.most_common() if f.startswith(args.filter)][:args.top]:
            print(f"{100 * c / n:5.1f}%  {f}")


if __name__ == "__main__":
    main()
