#!/usr/bin/env python3
"""Counts the sync system calls per 4 KiB publish with strace (needs strace): starts our server from REPO's build
on a fresh data directory (port PORT, HTTPS PORT+363), makes 10 unrecorded publishes, then traces 40 sequential
publishes and 160 over 16 connections, classifying fsync/fdatasync by what they sync (staging file, directory,
LMDB data file) and counting LMDB's O_DSYNC meta-page writes; prints the server CPU per publish too.
Usage: python3 bench/tools/publish_syncs.py [REPO (default: this checkout)] [PORT (default 9490)]"""
import sys, os, time, subprocess, argparse, threading, collections, re
repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
port = int(sys.argv[2]) if len(sys.argv) > 2 else 9490
sys.path.insert(0, os.path.join(repo, "bench"))
import bench as B
args = argparse.Namespace(port_base=port, tmpdir="/tmp", profile=False, start_timeout=900, keep=False,
                          big_mib=256, huge_mib=2048, rounds=1, duration=10, warmup=5,
                          war=os.path.join(repo, "target", "gpr.war"),
                          config=os.path.join(repo, "src", "main", "liberty", "config"))
b = B.Bench(args)
b.stamp = "syncs"
try:
    secs = b.gpr_start(b.work / "data", "syncs", fresh_server=True)
    print("ready", secs, flush=True)
    pid = str(b.procs["gpr"].pid)
    b.gpr_login()
    for i in range(10):
        b.gpr_put(f"/v1/warm/w/1.0.{i}/x/blob", B.random_file(b.files / f"w{i}.bin", 4096))
    def traced(label, n, threads):
        files = [B.random_file(b.files / f"{label}{i}.bin", 4096) for i in range(n)]
        out = b.work / f"{label}.strace"
        st = subprocess.Popen(["strace", "-f", "-qq", "-y", "-s", "0", "-p", pid, "-e",
                               "trace=fsync,fdatasync,msync,sync_file_range,rename,renameat,renameat2,pwrite64,openat",
                               "-o", str(out)])
        time.sleep(4)
        def cpu():
            f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
        c0 = cpu()
        t0 = time.time()
        def worker(k):
            for i in range(k, n, threads):
                b.gpr_put(f"/v1/{label}/p{i % 7}/1.0.{i}/x/blob", files[i])
        ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
        [t.start() for t in ts]; [t.join() for t in ts]
        el = time.time() - t0
        cpu_ms = (cpu() - c0) * 1000 / n
        time.sleep(2)
        st.terminate(); st.wait()
        c = collections.Counter()
        for line in open(out):
            m = re.match(r"\d+\s+(\w+)\((\d+)<([^>]*)>(.*)", line)
            if not m:
                continue
            call, path, rest = m.group(1), m.group(3), m.group(4)
            if call == "openat":
                continue
            if call == "pwrite64":
                if path.endswith("data.mdb"):
                    mm = re.search(r",\s*(\d+)(\)|\s*<unfinished)", rest)
                    if mm and int(mm.group(1)) < 8192:
                        c["lmdb meta page write (O_DSYNC)"] += 1
                continue
            kind = "lmdb" if path.endswith("data.mdb") else ("staging file" if ".staging" in path else
                   ("blob file" if re.search(r"/[0-9a-f]{64}$", path) else "directory"))
            c[f"{call} {kind}"] += 1
        print(f"{label}: {n} publishes on {threads} connection(s) in {el:.1f}s, {cpu_ms:.1f} ms server CPU/publish (strace on): " +
              ", ".join(f"{k} {v} ({v / n:.2f}/publish)" for k, v in sorted(c.items())), flush=True)
    traced("seq", 40, 1)
    traced("conc", 160, 16)
finally:
    b.gpr_stop()
