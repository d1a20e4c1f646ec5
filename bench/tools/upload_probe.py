#!/usr/bin/env python3
"""Where a large publish spends its time inside our server (docs/performance.md, "Issue 21 item 4"): starts ours
(bench.py's set-up, shipped server.xml and jvm.options), warms the upload path, then publishes one new BIG_MIB
random file under each probe and writes the outputs to OUTDIR:
  strace-c.txt     strace -f -c: syscall counts and time per call of every thread during the upload;
  reads.txt        strace -f -e read,write,pwrite64 of the upload: histogram of the sizes the socket reads
                   returned and the file writes wrote, per thread;
  perf.txt         perf record -e cpu-clock -g of the JVM during the upload: kernel and JVM symbols (JIT-compiled
                   Java shows as [unknown]; JFR covers the Java side), per thread name;
  vmstat.txt       /proc/vmstat deltas over a plain upload: page-cache reclaim done by the writing thread itself
                   (pgscan_direct / allocstall) against kswapd's, pages dirtied and written;
Usage: python3 bench/tools/upload_probe.py OUTDIR [PORT (default 9590)]
Environment: BIG_MIB (256); ENV "K=V,K=V" extra server.env lines; WARM (4) unrecorded 64 MiB publishes first."""
import collections
import importlib.util
import os
import re
import subprocess
import sys
import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
B = importlib.util.module_from_spec(spec)
sys.path.insert(0, str(ROOT / "bench"))
spec.loader.exec_module(B)

out = Path(sys.argv[1]).resolve()
out.mkdir(parents=True, exist_ok=True)
port = int(sys.argv[2]) if len(sys.argv) > 2 else 9590
big_mib = int(os.environ.get("BIG_MIB", "256"))
args = argparse.Namespace(port_base=port, https_port=port + 363, tmpdir="/tmp", profile=False, start_timeout=900,
                          keep=False, big_mib=big_mib, war=str(ROOT / "target" / "gpr.war"),
                          config=str(ROOT / "src" / "main" / "liberty" / "config"))
b = B.Bench(args)
b.extra_env = dict(kv.split("=", 1) for kv in os.environ.get("ENV", "").split(",") if kv)
uploads = 0


def upload(f):
    global uploads
    uploads += 1
    status, secs, _ = b.gpr_put(f"/v1/bench/probe/1.0.{uploads}/x/blob", f)
    return f"{status} in {secs:.2f}s ({f.stat().st_size / secs / 1e6:.0f} MB/s)"


def under(argv_prefix, f):
    """One upload while a tracer/profiler runs attached to the JVM; returns the upload's line."""
    tracer = subprocess.Popen(argv_prefix, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        import time
        time.sleep(2)  # let it attach to every thread
        line = upload(f)
    finally:
        tracer.send_signal(2)
        _, err = tracer.communicate(timeout=600)
    return line, err


def size_histogram(trace, pid_names):
    """{(thread, call): Counter(size bucket)} from an strace -f log of read/write/pwrite64."""
    hist = collections.defaultdict(collections.Counter)
    for line in trace.splitlines():
        # a call another thread interrupted is split into "call(... <unfinished ...>" and "<... call resumed>) = n"
        m = (re.match(r"(\d+)\s+(read|write|pwrite64)\(\d+,.*\)\s+=\s+(\d+)", line)
             or re.match(r"(\d+)\s+<\.\.\. (read|write|pwrite64) resumed>.*\)\s+=\s+(\d+)", line))
        if not m:
            continue
        tid, call, size = int(m.group(1)), m.group(2), int(m.group(3))
        bucket = 1 << max(0, size - 1).bit_length() if size else 0
        hist[(pid_names.get(tid, str(tid)), call)][bucket] += 1
    return hist


def vmstat():
    return {k: int(v) for k, v in (line.split() for line in Path("/proc/vmstat").read_text().splitlines())}


def thread_names(pid):
    names = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            names[int(t)] = Path(f"/proc/{pid}/task/{t}/comm").read_text().strip()
        except OSError:
            pass
    return names


try:
    b.gpr_start(b.work / "data", "probe", fresh_server=True)
    b.gpr_login()
    pid = b.procs["gpr"].pid
    warm = B.random_file(b.files / "warm.bin", 64 * B.MiB)
    for _ in range(int(os.environ.get("WARM", "4"))):
        print("warm-up", upload(warm), flush=True)
    files = [B.random_file(b.files / f"big{i}.bin", big_mib * B.MiB) for i in range(4)]
    vm0 = vmstat()
    line = upload(files[0])
    vm1 = vmstat()
    reclaim = {k: vm1[k] - vm0.get(k, 0) for k in vm1
               if k.startswith(("pgscan_direct", "pgsteal_direct", "allocstall", "pgscan_kswapd", "nr_dirtied",
                                "nr_written")) and vm1[k] != vm0.get(k, 0)}
    (out / "vmstat.txt").write_text(f"# upload {line}; /proc/vmstat deltas over it (direct reclaim = page-cache pages "
                                    f"freed by the writing thread itself)\n"
                                    + "".join(f"{k} {v}\n" for k, v in sorted(reclaim.items())))
    print("plain", line, reclaim, flush=True)

    line, err = under(["strace", "-f", "-c", "-p", str(pid)], files[1])
    (out / "strace-c.txt").write_text(f"# upload {line}\n{err}")
    print("strace -c", line, flush=True)

    names = thread_names(pid)
    trace_file = b.work / "reads.strace"
    line, _ = under(["strace", "-f", "-qq", "-e", "trace=read,write,pwrite64", "-o", str(trace_file), "-p", str(pid)],
                    files[2])
    names.update(thread_names(pid))
    hist = size_histogram(trace_file.read_text(), names)
    lines = [f"# upload {line}; calls by returned size (upper bound of the power-of-two bucket), per thread"]
    for (thread, call), counter in sorted(hist.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(counter.values())
        lines.append(f"{thread:24s} {call:8s} {total:7d} calls: "
                     + ", ".join(f"<={k // 1024 if k >= 1024 else k}{'K' if k >= 1024 else ''} {v}"
                                 for k, v in sorted(counter.items())))
    (out / "reads.txt").write_text("\n".join(lines) + "\n")
    print("strace reads", line, flush=True)

    perf_data = b.work / "perf.data"
    line, _ = under(["perf", "record", "-e", "cpu-clock", "-F", "999", "-g", "-p", str(pid), "-o", str(perf_data)],
                    files[3])
    report = subprocess.run(["perf", "report", "-i", str(perf_data), "--no-children", "--sort", "comm,dso,sym",
                             "--stdio", "-g", "none", "--percent-limit", "0.5"], capture_output=True, text=True).stdout
    by_thread = subprocess.run(["perf", "report", "-i", str(perf_data), "--no-children", "--sort", "comm,dso",
                                "--stdio", "-g", "none", "--percent-limit", "1"], capture_output=True, text=True).stdout
    (out / "perf.txt").write_text(f"# upload {line}\n# by thread and object\n{by_thread}\n# by symbol\n{report}")
    print("perf", line, flush=True)
finally:
    b.gpr_stop()
    B.stop_all()
