#!/usr/bin/env python3
"""Server CPU per request of two builds of our server, both running at the same time and measured alternately, so
both meet the same machine load (docs/performance.md, "Issue 13 before/after"). Each REPO is a checkout with its own
`mvn package liberty:create` (its bench.py and Liberty start its server: an old WAR needs its own server.xml).
Modes: a (4 KiB GET, wrk 2 threads 32 connections), d16 / d1 (4 KiB publishes of distinct content on 16 / 1
connections, bench/lua/publish.lua), c (one BIG_MIB publish with curl -T, a new random file per repetition that
both servers receive: its "op" is one MiB, so the rate is MiB/s and the CPU is per MiB; also the CPU of curl and
of the server's request / upload threads per MiB). Per measurement: the JVM's CPU time (utime+stime of
/proc/<pid>/stat) over the requests it answered; medians and the B/A ratio of each A/B pair at the end.
Usage: python3 bench/tools/cpu_ab.py REPO_A REPO_B [REPS (default 5)]
Environment: WAR_A / WAR_B another WAR for that side; ENV_A / ENV_B "K=V,K=V" extra server.env lines;
  JVM_ARGS_AB extra JVM options for both (e.g. -XX:TieredStopAtLevel=1: C1 only, warm in seconds and far less
  noisy on a busy machine), JVM_ARGS_A / JVM_ARGS_B for one side only; JFR=1 a JFR profile of each server over the measured part (A.jfr, B.jfr next to OUT);
  SECS (10) per measurement; WARM (20) seconds of unrecorded a and d16 first; MODES (d16,a,d1);
  PORTS "A_HTTP,A_HTTPS,B_HTTP,B_HTTPS" (default 9580,9581,9800,9801; the management port is HTTP + 5);
  BIG_MIB (256) the mode-c file size; NGINX=1 also measures nginx (PUT, WebDAV, no hash, no sync; port B_HTTP + 1)
  in mode c, as the HTTP receive reference of the same minutes (recorded as "N"); RAW=1 also measures
  bench/tools/RawReceive.java, the least a JVM does to receive the body (no framework, no file), discarding it ("Rd",
  port B_HTTP + 2) and hashing it on the receiving thread ("Rh", port B_HTTP + 3);
  OUT (cpu-ab.json) the results. At the end, each side's peak RSS since its login (VmHWM: row f's figure over
  this workload), its anonymous and file-backed RSS, the peak of the anonymous part (sampled every 100 ms) and the files mapped with the most resident pages; with
  NMT=1 (and -XX:NativeMemoryTracking=summary in JVM_ARGS_AB) also the committed MiB per NMT category."""
import sys, os, time, argparse, importlib.util, statistics, json, subprocess, resource, re, collections, threading
def load(repo, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(repo, "bench", "bench.py"))
    m = importlib.util.module_from_spec(spec); sys.path.insert(0, os.path.join(repo, "bench")); spec.loader.exec_module(m)
    return m
A = load(sys.argv[1], "bench_a"); B = load(sys.argv[2], "bench_b")
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
secs = int(os.environ.get("SECS", "10"))
modes = os.environ.get("MODES", "d16,a,d1").split(",")
out = os.environ.get("OUT", "cpu-ab.json")
ports = [int(p) for p in os.environ.get("PORTS", "9580,9581,9800,9801").split(",")]
def mk(mod, repo, port, https, tag):
    war = os.environ.get("WAR_" + tag) or os.path.join(repo, "target", "gpr.war")
    args = argparse.Namespace(port_base=port, tmpdir="/tmp", profile=False, start_timeout=900, keep=False, big_mib=256,
                              huge_mib=2048, rounds=reps, duration=secs, warmup=5, pool_segment=16000, war=war,
                              config=os.path.join(repo, "src", "main", "liberty", "config"))
    b = mod.Bench(args); b.stamp = f"ab{port}"; b.port["gpr_https"] = https
    env = os.environ.get("ENV_" + tag, "")
    b.extra_env = dict(kv.split("=", 1) for kv in env.split(",") if kv)
    return b
a = mk(A, sys.argv[1], ports[0], ports[1], "A"); b = mk(B, sys.argv[2], ports[2], ports[3], "B")
srv = {"A": a, "B": b}
res = {k: {m: [] for m in modes} for k in srv}
script = os.path.join(sys.argv[2], "bench", "lua", "publish.lua")
get_script = os.path.join(sys.argv[2], "bench", "lua", "get.lua")
big_mib = int(os.environ.get("BIG_MIB", "256"))
if "c" in modes and os.environ.get("NGINX"):
    srv["N"] = b; res["N"] = {"c": []}
raw = {}
if "c" in modes and os.environ.get("RAW"):
    for k, how, port in (("Rd", "discard", ports[2] + 2), ("Rh", "hash", ports[2] + 3)):
        raw[k] = (port, B.Proc(k, ["java", os.path.join(sys.argv[2], "bench", "tools", "RawReceive.java"), str(port), how],
                               b.work / f"{k}.log"))
        srv[k] = b; res[k] = {"c": []}
def cpu(s):
    return B.cpu_seconds(s.procs["gpr"].pid)
def threads(pid):
    """{thread id: (name, CPU seconds, of which in the kernel)} of a JVM."""
    tick = os.sysconf("SC_CLK_TCK"); out = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{t}/stat") as f:
                st = f.read()
        except OSError:
            continue
        fields = st.rsplit(")", 1)[1].split()
        out[t] = (st[st.index("(") + 1:st.rindex(")")], (int(fields[11]) + int(fields[12])) / tick, int(fields[12]) / tick)
    return out
def thread_cpu(before, after):
    """CPU seconds between two threads() snapshots per thread kind — the request threads, the upload pipeline's
    stages (upload-hash / upload-write / upload-flush: its threads name themselves for their stage), the rest of
    the JVM — each also as kind_sys, the part spent in the kernel (socket reads, file writes)."""
    out = {}
    for t, (name, total, sys_) in after.items():
        _, total0, sys0 = before.get(t, (name, 0.0, 0.0))
        kind = ("request" if name.startswith("Default Executo") else name[len("upload-"):]
                if name in ("upload-hash", "upload-write", "upload-flush")
                else "upload" if name.startswith("blob-upload") else "other")  # builds before the stage names
        out[kind] = out.get(kind, 0.0) + total - total0
        out[kind + "_sys"] = out.get(kind + "_sys", 0.0) + sys_ - sys0
    return out
big_files = []
def big_file(i):
    while len(big_files) <= i:
        big_files.append(B.random_file(b.files / f"big{len(big_files)}.bin", big_mib * B.MiB))
    return big_files[i]
def upload(k, i, record=True, f=None):
    """One mode-c publish of big_file(i) (or f) to server k; MiB/s, CPU per MiB of the server, its threads, curl."""
    s = srv[k]; f = f or big_file(i)
    mib = f.stat().st_size / B.MiB
    pid = raw[k][1].pid if k in raw else s.procs["nginx" if k == "N" else "gpr"].pid
    c0 = B.cpu_seconds(pid); t0 = threads(pid) if k in ("A", "B") else None
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if k in raw:
        status, secs, _ = B.curl_put(f"http://127.0.0.1:{raw[k][0]}/x", f, [])
    elif k == "N":
        status, secs, _ = B.curl_put(f"http://127.0.0.1:{s.port['nginx']}/upload/{s.run_id}-{i}.bin", f, [])
    else:
        counter[k] += 1
        status, secs, _ = s.gpr_put(f"/v1/bench/up/1.0.{counter[k]}/x/blob", f)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    c = B.cpu_seconds(pid) - c0
    curl_cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    row = {"status": status, "per_s": round(mib / secs, 1), "n": mib, "cpu_ms_per_op": round(c * 1000 / mib, 4),
           "curl_cpu_ms_per_mib": round(curl_cpu * 1000 / mib, 4), "load": os.getloadavg()[0]}
    if t0 is not None:
        row["threads_cpu_ms_per_mib"] = {x: round(v * 1000 / mib, 4) for x, v in sorted(thread_cpu(t0, threads(pid)).items())}
    if record:
        res[k]["c"].append(row)
    print(f"{k} c    {row['per_s']:8.1f} MiB/s  cpu {row['cpu_ms_per_op']:.3f} ms/MiB  curl {row['curl_cpu_ms_per_mib']:.3f}"
          f"  threads {row.get('threads_cpu_ms_per_mib', '')}  status {status}  load {row['load']:.1f}", flush=True)
try:
    if "N" in srv:
        b.nginx_start()
    for k, s in srv.items():
        if k not in ("A", "B"):
            continue
        s.gpr_start(s.work / "data", k, fresh_server=True,
                    jvm_args=(os.environ.get("JVM_ARGS_AB", "") + " " + os.environ.get("JVM_ARGS_" + k, "")).strip())
        s.gpr_login(); B.reset_peak_rss(s.procs["gpr"].pid)
    peak_anon = {k: 0 for k in srv}
    def sample_anon():  # VmHWM is anonymous + file-backed; the anonymous peak alone needs sampling
        while True:
            for k, s in srv.items():
                if k in ("A", "B") and "gpr" in s.procs:
                    peak_anon[k] = max(peak_anon[k], B.status_kb(s.procs["gpr"].pid, "RssAnon") or 0)
            time.sleep(0.1)
    threading.Thread(target=sample_anon, daemon=True).start()
    pool = b.make_pool() if set(modes) - {"c"} else None
    blob = B.random_file(b.files / "blob4k.bin", 4096)
    for k, s in srv.items():
        if k in ("A", "B"):
            s.gpr_put("/v1/bench/small/1.0.0/x/blob", blob)
    seg = 16000
    counter = {'A': 0, 'B': 0}
    def run(k, mode, seconds, record=True):
        if mode == "c":
            return upload(k, run.rep, record)
        s = srv[k]
        port = s.port["gpr"]
        t0 = time.time()
        c0 = cpu(s)
        if mode == "a":
            r = B.wrk(f"http://127.0.0.1:{port}/v1/bench/small/1.0.0/x/blob", 2, 32, seconds, get_script,
                      {"BENCH_AUTH": s.gpr_auth()}, b.work / "wrk.json")
            n = r["requests"] - r["errors"]["status"]
        else:
            conns = 16 if mode == "d16" else 1
            first = seg * counter[k]; counter[k] += 1
            r = B.wrk(f"http://127.0.0.1:{port}", conns, conns, seconds, script,
                      {"BENCH_MODE": "gpr", "BENCH_POOL": str(pool), "BENCH_THREADS": str(conns),
                       "BENCH_FIRST": str(first), "BENCH_COUNT": str(seg),
                       "BENCH_RUN": f"{s.run_id}{counter[k]}", "BENCH_AUTH": s.gpr_auth(),
                       "BENCH_HOSTPORT": f"127.0.0.1:{port}"}, b.work / "wrk.json")
            n = r["created"]
        c = cpu(s) - c0
        rate = n / (r["duration_us"] / 1e6)
        row = {"reused": r.get("reused_content", 0), "per_s": round(rate, 1), "n": n, "cpu_ms_per_op": round(c * 1000 / max(n, 1), 4), "load": os.getloadavg()[0],
               "t0": round(t0, 3), "t1": round(time.time(), 3)}  # wall clock, to cut a JFR recording by mode
        if record:
            res[k][mode].append(row)
        print(f"{k} {mode:4s} {rate:8.1f}/s  cpu {row['cpu_ms_per_op']:.3f} ms/op  load {row['load']:.1f}", flush=True)
    # pool needs enough segments
    print("warm-up", flush=True)
    for k in ("A", "B"):
        if modes != ["c"]:
            run(k, "a", int(os.environ.get("WARM", "20")), False); run(k, "d16", int(os.environ.get("WARM", "20")), False)
    if "c" in modes:  # the JIT compiles the receive, hash and write paths (SHA-256 is intrinsic only in C2)
        warm = B.random_file(b.files / "warm.bin", 64 * B.MiB)
        for _ in range(int(os.environ.get("WARM_C", "6"))):
            for k in srv:
                upload(k, 0, False, warm)
    if os.environ.get("JFR"):
        for k, s in srv.items():
            subprocess.run(["jcmd", str(s.procs["gpr"].pid), "JFR.start", "name=ab", "settings=profile"], check=True,
                           capture_output=True)
    for i in range(reps):
        run.rep = i
        order = ["A", "B"] if i % 2 == 0 else ["B", "A"]
        for mode in modes:
            for k in order + ([x for x in srv if x not in ("A", "B")] if mode == "c" else []):
                run(k, mode, secs)
    if os.environ.get("JFR"):
        for k, s in srv.items():
            subprocess.run(["jcmd", str(s.procs["gpr"].pid), "JFR.stop", "name=ab", f"filename={os.path.join(os.path.dirname(os.path.abspath(out)), k + '.jfr')}"],
                           check=True, capture_output=True)
    print("\nmedians (B/A)")
    summ = {}
    for mode in modes:
        ca = statistics.median(x["cpu_ms_per_op"] for x in res["A"][mode]); cb = statistics.median(x["cpu_ms_per_op"] for x in res["B"][mode])
        ra = statistics.median(x["per_s"] for x in res["A"][mode]); rb = statistics.median(x["per_s"] for x in res["B"][mode])
        ratios = sorted(y["cpu_ms_per_op"] / x["cpu_ms_per_op"] for x, y in zip(res["A"][mode], res["B"][mode]))
        summ[mode] = {"A_cpu": ca, "B_cpu": cb, "A_rate": ra, "B_rate": rb}
        rate_ratios = sorted(y["per_s"] / x["per_s"] for x, y in zip(res["A"][mode], res["B"][mode]))
        print(f"{mode:4s} cpu ms/op A {ca:.3f} B {cb:.3f} B/A {cb/ca:.2f} (pair ratios {', '.join(f'{r:.2f}' for r in ratios)}) | rate A {ra:.0f} B {rb:.0f} B/A {rb/ra:.2f} (pair ratios {', '.join(f'{r:.2f}' for r in rate_ratios)})")
        if mode == "c":
            for k in srv:
                rows = res[k]["c"]
                kinds = sorted({x for r in rows for x in r.get("threads_cpu_ms_per_mib", {})})
                th = {x: statistics.median(r["threads_cpu_ms_per_mib"].get(x, 0) for r in rows) for x in kinds}
                summ["c"][k] = {"rate": statistics.median(r["per_s"] for r in rows), "cpu": statistics.median(r["cpu_ms_per_op"] for r in rows),
                                "curl_cpu": statistics.median(r["curl_cpu_ms_per_mib"] for r in rows), "threads": th}
                print(f"   {k}: {summ['c'][k]['rate']:.0f} MiB/s, server {summ['c'][k]['cpu']:.3f} ms/MiB {th}, curl {summ['c'][k]['curl_cpu']:.3f} ms/MiB")
    for k, s in srv.items():
        if k not in ("A", "B"):
            continue
        pid = s.procs["gpr"].pid
        summ["rss_" + k] = {f: round((B.status_kb(pid, f) or 0) / 1024, 1) for f in ("VmHWM", "VmRSS", "RssAnon", "RssFile")}
        summ["rss_" + k]["sampled_peak_RssAnon"] = round(peak_anon[k] / 1024, 1)
        print(f"{k} peak RSS {summ['rss_' + k]['VmHWM']} MiB (now {summ['rss_' + k]['VmRSS']}: anon "
              f"{summ['rss_' + k]['RssAnon']}, file {summ['rss_' + k]['RssFile']}; anon peak "
              f"{summ['rss_' + k]['sampled_peak_RssAnon']})")
        files, name = collections.Counter(), None
        for line in open(f"/proc/{pid}/smaps"):
            head = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                name = head[5] if len(head) > 5 and head[5].startswith("/") else None
            elif name and head[0] == "Rss:":
                files[name] += int(head[1])
        summ["rss_files_" + k] = {f: round(kb / 1024, 1) for f, kb in files.most_common(5)}
        print(f"{k} file mappings by RSS MiB: {summ['rss_files_' + k]}")
        if os.environ.get("NMT"):
            nmt = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
            summ["nmt_" + k] = {m.group(1).strip(): round(int(m.group(2)) / 1024, 1) for m in
                                re.finditer(r"-\s+([A-Za-z ]+?) \(reserved=\d+KB, committed=(\d+)KB\)", nmt)}
            total = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", nmt)
            summ["nmt_" + k]["Total"] = round(int(total.group(1)) / 1024, 1) if total else None
            print(f"{k} NMT committed MiB: {summ['nmt_' + k]}")
    json.dump({"rounds": res, "summary": summ, "argv": sys.argv, "env": {k: os.environ.get(k) for k in ("WAR_A", "WAR_B", "ENV_A", "ENV_B", "JVM_ARGS_AB", "JVM_ARGS_A", "JVM_ARGS_B")}}, open(out, "w"), indent=1)
finally:
    for s in srv.values():
        s.gpr_stop()
    B.stop_all()
