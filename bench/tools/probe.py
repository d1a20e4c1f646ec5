#!/usr/bin/env python3
"""Probes behind docs/performance.md (not part of run.sh; needs strace): starts our server on port 9490 with
Native Memory Tracking and a JFR recording from launch, prints NMT at readiness, counts the sync system calls of
20 sequential 4 KiB publishes with strace, runs the 2 GiB round trip of row f and prints NMT again. The JFR file
and the strace log stay in the printed work directory; analyse start-up with tools/jfr_top.py.
Usage: python3 bench/tools/probe.py   (after bench/run.sh has built the server)"""
import sys, os, json, time, subprocess, argparse, hashlib
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import bench as B
args = argparse.Namespace(port_base=9490, tmpdir=os.environ.get("TMPDIR", "/tmp"), profile=False, start_timeout=400, keep=True,
                          big_mib=256, huge_mib=2048, rounds=1, duration=10, warmup=5)
b = B.Bench(args)
b.stamp = "probe"
jfr = str(b.work / "startup.jfr")
print("work directory:", b.work, flush=True)
secs = b.gpr_start(b.work / "data", "probe", fresh_server=True,
                   jvm_args=f"-XX:NativeMemoryTracking=summary -XX:StartFlightRecording=filename={jfr},settings=profile")
print("ready", secs, "cpu", b.start_cpu, flush=True)
pid = str(b.procs["gpr"].pid)
subprocess.run(["jcmd", pid, "JFR.dump", "name=1", f"filename={jfr}"], capture_output=True)
subprocess.run(["jcmd", pid, "JFR.stop", "name=1"], capture_output=True)
print(subprocess.run(["jcmd", pid, "VM.native_memory", "summary"], capture_output=True, text=True).stdout[:3000])
b.gpr_login()
# fsyncs per small publish: strace every thread of the JVM during 20 sequential publishes
st = subprocess.Popen(["strace", "-f", "-qq", "-p", pid, "-e", "trace=fsync,fdatasync,msync,rename,renameat,renameat2",
                       "-o", str(b.work / "gpr.strace")])
time.sleep(5)
for i in range(20):
    f = B.random_file(b.files / f"p{i}.bin", 4096)
    b.gpr_put(f"/v1/probe/small/1.0.{i}/x/blob", f)
time.sleep(2)
st.terminate(); st.wait()
print("strace done", flush=True)
B.reset_peak_rss(int(pid))
B.SAMPLER.pid = int(pid); B.SAMPLER.phase = "f"; B.SAMPLER.start()
res = b.row_f_transfers()
print(json.dumps(res), flush=True)
print(subprocess.run(["jcmd", pid, "VM.native_memory", "summary"], capture_output=True, text=True).stdout[:4000])
print("status:", open(f"/proc/{pid}/status").read().split("VmPeak")[1][:600])
b.gpr_stop()
