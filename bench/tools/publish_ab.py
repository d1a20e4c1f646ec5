#!/usr/bin/env python3
"""A/B of two builds of our server, side by side on the same machine at the same time (docs/performance.md §3/§4):
REPO_A ("old", port 9580) and REPO_B ("new", port 9800) each built (mvn package liberty:create), both started on
fresh data, warmed (one 256 MiB publish, 15 s of 4 KiB publishes), then REPS alternating repetitions of: one
256 MiB publish (curl -T), 10 s of 4 KiB publishes on 1 connection, 10 s on 16 (wrk, bench/lua/publish.lua).
Prints every repetition, the medians and new/old per repetition.
Usage: python3 bench/tools/publish_ab.py REPO_A REPO_B [REPS (default 5)]"""
import sys, os, time, argparse, importlib.util, statistics, json
def load(repo, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(repo, "bench", "bench.py"))
    m = importlib.util.module_from_spec(spec); sys.path.insert(0, os.path.join(repo, "bench")); spec.loader.exec_module(m)
    return m
A = load(sys.argv[1], "bench_a"); B = load(sys.argv[2], "bench_b")
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
def mk(mod, port):
    args = argparse.Namespace(port_base=port, tmpdir="/tmp", profile=False, start_timeout=900, keep=False, big_mib=256,
                              huge_mib=2048, rounds=reps, duration=10, warmup=5, pool_segment=4000)
    b = mod.Bench(args); b.stamp = f"ab{port}"; return b
a, b = mk(A, 9580), mk(B, 9800)
res = {"old": {"c": [], "d1": [], "d16": []}, "new": {"c": [], "d1": [], "d16": []}}
try:
    a.gpr_start(a.work / "data", "old", fresh_server=True); a.gpr_login()
    b.gpr_start(b.work / "data", "new", fresh_server=True); b.gpr_login()
    big = [B.random_file(b.files / f"big{i}.bin", 256 << 20) for i in range(2)]
    # warm both: two big publishes and 10 s of small ones
    pool = b.make_pool()
    script = os.path.join(sys.argv[2], "bench", "lua", "publish.lua")
    seg = 4000
    def small(srv, conns, first, secs):
        r = B.wrk(f"http://127.0.0.1:{srv.port['gpr']}", conns, conns, secs, script,
                  {"BENCH_MODE": "gpr", "BENCH_POOL": str(pool), "BENCH_THREADS": str(conns), "BENCH_FIRST": str(first),
                   "BENCH_COUNT": str(seg), "BENCH_RUN": f"{srv.stamp}{first}", "BENCH_AUTH": srv.gpr_auth(),
                   "BENCH_HOSTPORT": f"127.0.0.1:{srv.port['gpr']}"}, srv.work / "wrk.json")
        return round(r["created"] / (r["duration_us"] / 1e6), 1)
    for label, srv in (("old", a), ("new", b)):
        srv.gpr_put(f"/v1/ab/warm/1.0.0/x/blob", big[0]); small(srv, 4, 0, 15)
    for rep in range(reps):
        for label, srv in ((("old", a), ("new", b)) if rep % 2 == 0 else (("new", b), ("old", a))):
            f = B.random_file(srv.files / f"c{rep}.bin", 256 << 20)
            st, secs, size = srv.gpr_put(f"/v1/ab/big/1.0.{rep + 1}/x/blob", f)
            res[label]["c"].append(round(size / secs / 1e6, 1)); os.unlink(f)
            res[label]["d1"].append(small(srv, 1, seg * (1 + 2 * rep), 10))
            res[label]["d16"].append(small(srv, 16, seg * (2 + 2 * rep), 10))
            print(rep, label, {k: v[-1] for k, v in res[label].items()}, "load", os.getloadavg(), flush=True)
    for k in ("c", "d1", "d16"):
        o, n = statistics.median(res["old"][k]), statistics.median(res["new"][k])
        print(f"{k}: old median {o}, new median {n}, new/old {n / o:.2f}; per-rep new/old "
              f"{[round(x / y, 2) for x, y in zip(res['new'][k], res['old'][k])]}", flush=True)
    print(json.dumps(res))
finally:
    a.gpr_stop(); b.gpr_stop()
