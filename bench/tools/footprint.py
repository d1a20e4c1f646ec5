#!/usr/bin/env python3
"""Start-up, memory and per-request CPU of our server under one set of JVM options, for comparing settings
(jvm.options / server.env tuning behind docs/performance.md, rows a, f and g). Starts a fresh server with
Native Memory Tracking, times /health/ready (seconds and CPU-seconds), then runs row f's workload in small: a
256 MiB publish (row c), a 4 KiB blob under wrk -t2 -c32 (row a), a 256 MiB blob a few times (row b) and, with
--publish-seconds, 4 KiB publishes of distinct content on 16 and on 1 connection (row d); prints peak RSS (VmHWM
since login, as bench.py's row f), anonymous and file-backed RSS, the NMT summary and a restart time.
Usage: python3 bench/tools/footprint.py --port-base 9700 [--jvm-args "-XX:+UseSerialGC"] [--env MALLOC_ARENA_MAX=2]
       [--config DIR] [--seconds 20] [--publish-seconds 10] [--no-nmt] [--no-restart]
       (after bench/run.sh or mvn package liberty:create has built the server)"""
import sys, os, json, time, subprocess, argparse, hashlib, re
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import bench as B

ap = argparse.ArgumentParser()
ap.add_argument("--port-base", type=int, default=9700)
ap.add_argument("--jvm-args", default="")
ap.add_argument("--env", action="append", default=[], help="NAME=value for server.env (repeatable)")
ap.add_argument("--seconds", type=int, default=20)
ap.add_argument("--big-mib", type=int, default=256)
ap.add_argument("--publish-seconds", type=int, default=0, help="row d: 4 KiB publishes, N s on 16 then N s on 1 connection")
ap.add_argument("--no-nmt", action="store_true")
ap.add_argument("--no-restart", action="store_true")
ap.add_argument("--config", default=str(B.ROOT / "src" / "main" / "liberty" / "config"), help="server.xml, jvm.options, server.env")
ap.add_argument("--war", default=str(B.ROOT / "target" / "gpr.war"))
ap.add_argument("--tmpdir", default=os.environ.get("TMPDIR", "/tmp"))
ap.add_argument("--label", default="")
opts = ap.parse_args()
args = argparse.Namespace(port_base=opts.port_base, tmpdir=opts.tmpdir, profile=False, start_timeout=400, keep=False,
                          big_mib=opts.big_mib, huge_mib=2048, rounds=1, duration=opts.seconds, warmup=5, jvm_warmup=0,
                          pool_segment=24000, config=opts.config, war=opts.war)
b = B.Bench(args)
b.stamp = "footprint"
b.extra_env = dict(e.split("=", 1) for e in opts.env)
jvm = ((opts.jvm_args + " ") if opts.jvm_args else "") + ("" if opts.no_nmt else "-XX:NativeMemoryTracking=summary")
out = {"label": opts.label, "jvm_args": opts.jvm_args, "env": b.extra_env, "config": opts.config, "load_start": B.loadavg()}
try:
    out["ready_s"] = round(b.gpr_start(b.work / "data", "fp", fresh_server=True, jvm_args=jvm.strip()), 2)
    out["ready_cpu_s"] = b.start_cpu
    pid = b.procs["gpr"].pid
    out["rss_at_ready_mib"] = round(B.status_kb(pid, "VmRSS") / 1024, 1)
    b.gpr_login()
    B.reset_peak_rss(pid)
    blob = B.random_file(b.files / "blob4k.bin", 4096)
    path = "/v1/bench/small/1.0.0/x/blob"
    b.gpr_put(path, blob)
    big = B.random_file(b.files / "big.bin", opts.big_mib * B.MiB)
    b.gpr_put("/v1/bench/big/1.0.0/x/blob", big)
    url = f"http://127.0.0.1:{b.port['gpr']}{path}"
    B.wrk(url, 2, 32, 10, B.BENCH / "lua" / "get.lua", {"BENCH_AUTH": b.gpr_auth()}, b.work / "wrk.json")  # warm-up
    cpu0 = B.cpu_seconds(pid)
    res = B.wrk(url, 2, 32, opts.seconds, B.BENCH / "lua" / "get.lua", {"BENCH_AUTH": b.gpr_auth()}, b.work / "wrk.json")
    cpu = B.cpu_seconds(pid) - cpu0
    good = res["requests"] - res["errors"]["status"]
    out["a_req_s"] = round(good / (res["duration_us"] / 1e6), 1)
    out["a_p99_ms"] = res["latency_us"]["p99"] / 1000
    out["a_cpu_ms_per_req"] = round(cpu * 1000 / max(good, 1), 3)
    speeds = []
    for _ in range(3):
        status, secs, size = B.curl_get(f"http://127.0.0.1:{b.port['gpr']}/v1/bench/big/1.0.0/x/blob",
                                        ["Authorization: " + b.gpr_auth()])
        speeds.append(round(size / secs / 1e6, 1))
    out["b_mb_s"] = speeds
    if opts.publish_seconds:
        pool = b.make_pool()
        for i, conns in enumerate((16, 1)):
            c0 = B.cpu_seconds(pid)
            r = B.wrk(f"http://127.0.0.1:{b.port['gpr']}", conns, conns, opts.publish_seconds, B.BENCH / "lua" / "publish.lua",
                      {"BENCH_MODE": "gpr", "BENCH_POOL": str(pool), "BENCH_THREADS": str(conns),
                       "BENCH_FIRST": str(i * args.pool_segment), "BENCH_COUNT": str(args.pool_segment),
                       "BENCH_RUN": f"{b.run_id}{i}", "BENCH_AUTH": b.gpr_auth(),
                       "BENCH_HOSTPORT": f"127.0.0.1:{b.port['gpr']}"}, b.work / "wrk.json")
            out[f"d{conns}_per_s"] = round(r["created"] / (r["duration_us"] / 1e6), 1)
            out[f"d{conns}_cpu_ms_per_publish"] = round((B.cpu_seconds(pid) - c0) * 1000 / max(r["created"], 1), 3)
    out["peak_rss_mib"] = round(B.status_kb(pid, "VmHWM") / 1024, 1)
    out["rss_mib"] = round(B.status_kb(pid, "VmRSS") / 1024, 1)
    out["rss_anon_mib"] = round((B.status_kb(pid, "RssAnon") or 0) / 1024, 1)
    out["rss_file_mib"] = round((B.status_kb(pid, "RssFile") or 0) / 1024, 1)
    out["threads"] = B.status_kb(pid, "Threads")
    if not opts.no_nmt:
        nmt = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
        cats = {}
        for m in re.finditer(r"-\s+([A-Za-z ]+?) \(reserved=(\d+)KB, committed=(\d+)KB\)", nmt):
            cats[m.group(1).strip()] = round(int(m.group(3)) / 1024, 1)
        total = re.search(r"Total: reserved=(\d+)KB, committed=(\d+)KB", nmt)
        out["nmt_committed_mib"] = cats
        out["nmt_total_committed_mib"] = round(int(total.group(2)) / 1024, 1) if total else None
    b.gpr_stop()
    if opts.no_restart:
        raise SystemExit(0)
    out["restart_s"] = round(b.gpr_start(b.work / "data", "fp2", jvm_args=jvm.strip()), 2)
    out["restart_cpu_s"] = b.start_cpu
    b.gpr_stop()
finally:
    B.stop_all()
    out["load_end"] = B.loadavg()
    print(json.dumps(out), flush=True)
    import shutil
    for name in ("gpr-fp.log", "gpr-fp2.log"):
        if (b.work / name).exists() and opts.label:
            shutil.copy(b.work / name, f"/tmp/footprint-{opts.label}-{name}")
    shutil.rmtree(b.work, ignore_errors=True)
