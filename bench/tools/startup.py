#!/usr/bin/env python3
"""Start-up and crash-recovery timings of our server (docs/performance.md, "Start-up and recovery").

Each round starts the server with `server run` (exec's java: the child is the JVM) and times the launch to
GET /health/ready = 200, for a fresh install (new server directory and data), a restart after a clean stop and a
restart after `kill -9`. With --jvm-args-b the rounds alternate between two JVM settings (A, B, A, B, ...), so
that the load of a shared machine hits both alike. Liberty's own milestones come from messages.log.

  python3 bench/tools/startup.py --rounds 5 --port 2770 [--jvm-args-b "-XX:SharedArchiveFile=..."]
  python3 bench/tools/startup.py --war-b other.war --config-b DIR    # another application and configuration as B

A HotSpot class-data-sharing archive of a started server (docs/operations.md, "Faster start-up: a class-data-sharing
archive"): one start with -XX:ArchiveClassesAtExit, a few publishes, a clean stop (the JVM writes it at exit):

  python3 bench/tools/startup.py --make-archive /path/gpr.jsa
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WLP = ROOT / "target" / "liberty" / "wlp"
CONFIG = ROOT / "src" / "main" / "liberty" / "config"
CDS_FLAGS = "-XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent"
MILESTONES = {"CWWKE0001I": "launched", "CWWKF0012I": "features", "CWWKZ0001I": "app", "CWWKF0011I": "started"}


def cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def milestones(log):
    """Seconds from the first line of messages.log of this start to each milestone."""
    out, first = {}, None
    if not log.exists():
        return out
    for line in log.read_text(errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        t = rec.get("ibm_datetime")
        mid = rec.get("ibm_messageId")
        if t is None:
            continue
        ts = time.mktime(time.strptime(t[:19], "%Y-%m-%dT%H:%M:%S")) + int(t[20:23]) / 1000
        first = ts if first is None else first
        if mid in MILESTONES and MILESTONES[mid] not in out:
            out[MILESTONES[mid]] = round(ts - first, 1)
    return out


class Server:
    def __init__(self, work, name, port, war, config=CONFIG):
        self.usr = work / "wlp-usr"
        self.dir = self.usr / "servers" / name
        self.name, self.port, self.war, self.config = name, port, war, Path(config)
        self.proc = None

    def create(self):
        if self.dir.exists():
            shutil.rmtree(self.dir)
        (self.dir / "apps").mkdir(parents=True)
        for f in self.config.iterdir():
            if f.is_file():
                shutil.copy(f, self.dir / f.name)
        shutil.copy(self.war, self.dir / "apps" / "gpr.war")
        # the installation's shared libraries (JDBC drivers, the application's libraries)
        for lib in (WLP / "usr" / "shared" / "resources").iterdir():
            if lib.is_dir():
                shutil.copytree(lib, self.usr / "shared" / "resources" / lib.name, dirs_exist_ok=True)

    def start(self, jvm_args, timeout=600):
        log = self.dir / "logs" / "messages.log"
        if log.exists():
            log.unlink()
        env = dict(os.environ, WLP_USER_DIR=str(self.usr), HTTP_PORT=str(self.port), HTTPS_PORT=str(self.port + 1),
                   GPR_MANAGEMENT_PORT=str(self.port + 5), GPR_DATA_DIR=str(self.dir / "data"),
                   GPR_ADMIN_PASSWORD="Startup-Bench-Passphrase-1")
        env.pop("JVM_ARGS", None)
        if jvm_args:
            env["JVM_ARGS"] = jvm_args
        t0 = time.monotonic()
        self.proc = subprocess.Popen([str(WLP / "bin" / "server"), "run", self.name], env=env,
                                     stdout=open(self.dir.parent / f"{self.name}.out", "a"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited during start (see {self.dir}/logs)")
            if ready(self.port):
                return time.monotonic() - t0, cpu_seconds(self.proc.pid), milestones(log)
            time.sleep(0.1)
        raise RuntimeError("not ready")

    def stop(self, hard):
        if hard:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        else:
            self.proc.send_signal(signal.SIGTERM)  # Liberty's shutdown hook stops the server cleanly
            self.proc.wait(timeout=120)
        self.proc = None


def publish(port, n):
    """n small publishes as the admin, so the crash interrupts a store with data (and an H2 file in use)."""
    import base64
    req = urllib.request.Request(f"http://127.0.0.1:{port}/auth/login", method="POST",
                                 data=json.dumps({"username": "admin", "password": "Startup-Bench-Passphrase-1"}).encode(),
                                 headers={"Content-Type": "application/json"})
    token = json.load(urllib.request.urlopen(req))["token"]
    for i in range(n):
        r = urllib.request.Request(f"http://127.0.0.1:{port}/v1/startup/app/1.0.{time.time_ns()}/x/blob", method="PUT",
                                   data=f"payload {i}".encode(), headers={"Authorization": "Bearer " + token})
        urllib.request.urlopen(r).read()


def main():
    global WLP
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--port", type=int, default=2770)
    ap.add_argument("--work", default="/tmp/gpr-startup-bench")
    ap.add_argument("--war", default=str(ROOT / "target" / "gpr.war"))
    ap.add_argument("--jvm-args-a", default="")
    ap.add_argument("--jvm-args-b", default=None, help="a second setting; rounds alternate A and B")
    ap.add_argument("--modes", default="fresh,restart,crash")
    ap.add_argument("--config-b", default=None, help="server config directory (server.xml, jvm.options) of setting B "
                    "(default: src/main/liberty/config, as for A); with it, rounds alternate A and B")
    ap.add_argument("--war-b", default=None, help="the application of setting B (default: --war)")
    ap.add_argument("--wlp", default=str(WLP), help="the Liberty installation (a copy, so a build cannot change it mid-run)")
    ap.add_argument("--make-archive", metavar="JSA", help="only write a CDS archive of a started server to JSA")
    args = ap.parse_args()
    work = Path(args.work)
    WLP = Path(args.wlp)
    if args.make_archive:
        srv = Server(work, "gprarchive", args.port, Path(args.war))
        srv.create()
        # Liberty starts with its own -javaagent: HotSpot archives (and later maps) only with this diagnostic flag
        print(srv.start(f"{CDS_FLAGS} -XX:ArchiveClassesAtExit={Path(args.make_archive).resolve()}"), flush=True)
        publish(args.port, 20)
        srv.stop(hard=False)
        return 0
    two = args.jvm_args_b is not None or args.config_b is not None
    two = two or args.war_b is not None
    settings = [("A", args.jvm_args_a, CONFIG, args.war)] + (
        [("B", args.jvm_args_b or "", args.config_b or CONFIG, args.war_b or args.war)] if two else [])
    results = []
    for rnd in range(args.rounds):
        for label, jvm, config, war in settings:
            srv = Server(work, "gprstart" + label.lower(), args.port, Path(war), config)
            srv.create()
            row = {"round": rnd + 1, "setting": label}
            secs, cpu, ms = srv.start(jvm)
            row["fresh"] = (round(secs, 1), round(cpu, 1), ms)
            publish(args.port, 20)
            srv.stop(hard=False)
            for mode in args.modes.split(",")[1:]:
                secs, cpu, ms = srv.start(jvm)
                row[mode] = (round(secs, 1), round(cpu, 1), ms)
                publish(args.port, 20)
                srv.stop(hard=(mode == "restart"))  # the restart ends with a kill -9, so the next start is a crash's
            load = os.getloadavg()[0]
            row["load"] = round(load, 1)
            results.append(row)
            print(json.dumps(row), flush=True)
    for label, _, _, _ in settings:
        for mode in args.modes.split(","):
            vals = sorted(r[mode][0] for r in results if r["setting"] == label and mode in r)
            if vals:
                print(f"{label} {mode}: median {vals[len(vals) // 2]} s, min {vals[0]}, max {vals[-1]} ({len(vals)} runs)")


if __name__ == "__main__":
    sys.exit(main())
