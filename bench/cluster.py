#!/usr/bin/env python3
"""Cluster benchmark (issue #14; docs/cluster.md, "Benchmark"). Python standard library only.

On `deploy/local-cluster.sh up 2` (its own temporary cluster directory and PostgreSQL schema), measures:
  lag      replica lag at a steady publish rate on node 1 (default 200/s): for each publish, the time from its 201
           on node 1 to the moment node 2 answers 200 for the same key (a poller on node 2 retries every 2 ms),
           p50 / p99 / max; plus node 2's gpr_cluster_replica_seconds_behind samples
  cpu      server CPU-seconds (utime+stime of the JVM, /proc) per 4 KiB GET on cluster node 2 and on a single
           node (H2 + LMDB, the same WAR), the same client load on each, and the ratio
  publish  durable 4 KiB publishes/s at 16 connections through HAProxy (2 nodes) and on the single node, and
           on CNCF Distribution (docker-registry) when it is installed
Writes bench/results/cluster-<UTC time>.json and .md. Stops everything it started (the cluster with
`local-cluster.sh down`, its own single node and registry by pid). Meant to finish within 14 minutes; the first
5 minutes publish for --warm-seconds on the cluster and on the single node, unmeasured, so that the rows compare servers
whose JITs have compiled the publish path (a cold cluster measured half its warm rate).

  bench/cluster.sh                        # the full run (main runs this on an idle machine)
  bench/cluster.sh --seconds 5 --lag-seconds 10   # a short smoke run
"""
import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench as B  # noqa: E402  (Proc, req, wait_http, cpu_seconds, the single-node server set-up)

ROOT = B.ROOT
CLUSTER = ROOT / "deploy" / "local-cluster.sh"
BLOB = 4096


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class Client:
    """One keep-alive connection."""

    def __init__(self, port, auth):
        self.port, self.auth = port, auth
        self.conn = None

    def call(self, method, path, body=None):
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                headers = {"Authorization": self.auth}
                if body is not None:
                    headers["Content-Type"] = "application/octet-stream"
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                resp.read()
                return resp.status
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 2:
                    return 0
        return 0


def login(port, admin_password):
    status, _, body = B.req("POST", port, "/auth/login", {"username": "admin", "password": admin_password})
    if status != 200:
        raise RuntimeError(f"admin login on {port} failed: {status} {body[:200]}")
    admin = json.loads(body)["token"]
    user_pw = "bench-user-" + secrets.token_urlsafe(12)
    status, _, body = B.req("POST", port, "/admin/users",
                            {"username": "bencher", "password": user_pw, "scopes": ["read", "write"]},
                            headers={"Authorization": "Bearer " + admin})
    if status == 409:
        status, _, body = B.req("PUT", port, "/admin/users/bencher", {"password": user_pw},
                                headers={"Authorization": "Bearer " + admin})
    if status not in (200, 201):
        raise RuntimeError(f"creating the bench user failed: {status} {body[:200]}")
    status, _, body = B.req("POST", port, "/auth/login", {"username": "bencher", "password": user_pw})
    if status != 200:
        raise RuntimeError(f"bench user login failed: {status} {body[:200]}")
    return "Bearer " + json.loads(body)["token"]


def jvm_pid(port):
    """The pid listening on 127.0.0.1:port (the node's JVM), from /proc/net/tcp and the fds of our processes."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            for line in open(table).read().splitlines()[1:]:
                f = line.split()
                if int(f[1].rsplit(":", 1)[1], 16) == port and f[3] == "0A":
                    inode = f[9]
                    break
        except OSError:
            pass
        if inode:
            break
    if not inode:
        return None
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return int(pid)
        except OSError:
            continue
    return None


def stat_seconds(raw):
    """utime + stime in seconds from the text of a /proc/<pid>[/task/<tid>]/stat file."""
    fields = raw.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        return stat_seconds(f.read())


# JVM threads by role, from their names in /proc/<pid>/task/*/stat (Liberty's request threads are its executor's)
# (the kernel keeps 15 characters of a thread's name)
ROLES = (("request", "Default Executo"), ("tail", "gpr-cluster-tai"), ("jit", "CompilerThre"))


def role_cpu(pid):
    """CPU-seconds of the JVM by thread role: tail, jit and other from the live threads; request is the rest of the
    process's total, because Liberty's executor ends idle request threads (an ended thread leaves its CPU only in
    the process's figure)."""
    out = dict.fromkeys([r for r, _ in ROLES] + ["other"], 0.0)
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for t in tasks:
        try:
            with open(f"/proc/{pid}/task/{t}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        role = next((r for r, prefix in ROLES if prefix in name), "other")
        if role != "request":
            out[role] += stat_seconds(raw)
    out["request"] = process_cpu(pid) - sum(out.values())
    return out


def command_cpu(prefix):
    """CPU-seconds of every process whose command line starts with `prefix` (PostgreSQL's, HAProxy)."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")[0].decode(errors="replace")
            if os.path.basename(cmd).startswith(prefix) or cmd.startswith(prefix):
                total += process_cpu(pid)
        except OSError:
            continue
    return total


def cpu_breakdown(pids):
    """Per-role JVM CPU of `pids` (summed), PostgreSQL's processes, HAProxy and this client, in CPU-seconds."""
    out = {}
    for pid in pids:
        for role, v in role_cpu(pid).items():
            out[role] = out.get(role, 0.0) + v
    out["postgresql"] = command_cpu("postgres")
    out["haproxy"] = command_cpu("haproxy")
    t = os.times()
    out["client"] = t.user + t.system
    return out


def metric(port, name):
    try:
        status, _, body = B.req("GET", port, "/metrics", timeout=10)
    except OSError:
        return None
    for line in body.decode(errors="replace").splitlines():
        if line.startswith(name) and not line.startswith("#"):
            try:
                return float(line.rsplit(" ", 1)[1])
            except ValueError:
                return None
    return None


# ------------------------------------------------------------------ measurements

def measure_lag(p1, p2, auth, rate, seconds, run_id, metrics_port):
    """Open-loop publishes at `rate`/s on node 1 (8 threads); 4 followers GET each acknowledged key on node 2
    every 2 ms from the moment of its 201 until it answers 200."""
    import queue
    lags, failures, behind = [], [0], []
    lock = threading.Lock()
    total = int(rate * seconds)
    start = time.monotonic() + 0.5
    body = os.urandom(BLOB)
    stop = threading.Event()
    acked = queue.Queue()

    def follower():
        c2 = Client(p2, auth)
        while True:
            item = acked.get()
            if item is None:
                return
            path, at = item
            while c2.call("GET", path) != 200:
                if time.monotonic() - at > 30:
                    with lock:
                        failures[0] += 1
                    break
                time.sleep(0.002)
            else:
                with lock:
                    lags.append(time.monotonic() - at)

    def publisher(k, threads):
        c1 = Client(p1, auth)
        for i in range(k, total, threads):
            due = start + i / rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            path = f"/v1/bench/lag-{run_id}/1.0.{i}/x/blob"
            if c1.call("PUT", path, body[:-8] + i.to_bytes(8, "big")) == 201:
                acked.put((path, time.monotonic()))
            else:
                with lock:
                    failures[0] += 1

    def sampler():
        while not stop.wait(0.5):
            v = metric(metrics_port, "gpr_cluster_replica_seconds_behind")
            if v is not None:
                behind.append(v)

    threading.Thread(target=sampler, daemon=True).start()
    followers = [threading.Thread(target=follower) for _ in range(4)]
    publishers = [threading.Thread(target=publisher, args=(k, 8)) for k in range(8)]
    t0 = time.monotonic()
    for t in followers + publishers:
        t.start()
    for t in publishers:
        t.join()
    elapsed = time.monotonic() - t0
    for _ in followers:
        acked.put(None)
    for t in followers:
        t.join()
    stop.set()
    return {"target_rate": rate, "publishes": total, "achieved_rate": round(total / max(elapsed, 1e-9), 1),
            "readable_on_node2": len(lags), "failures": failures[0],
            "lag_ms": {"p50": ms(pct(lags, 50)), "p99": ms(pct(lags, 99)), "max": ms(max(lags) if lags else None)},
            "metric_seconds_behind": {"max": max(behind) if behind else None, "samples": len(behind)},
            "note": "lag = from node 1's 201 to node 2's first 200 for the key (followers GET every 2 ms, so it "
                    "includes up to one GET round trip); achieved_rate below target means node 1 could not take "
                    "the rate on this machine"}


def ms(v):
    return None if v is None else round(v * 1000, 1)


def measure_get_cpu(port, pid, auth, path, seconds, conns=8):
    """CPU-seconds of the JVM per GET while `conns` client threads GET `path` for `seconds`."""
    count, errors = [0], [0]
    lock = threading.Lock()
    stop = [0.0]

    def worker():
        c = Client(port, auth)
        n = e = 0
        while time.monotonic() < stop[0]:
            if c.call("GET", path) == 200:
                n += 1
            else:
                e += 1
        with lock:
            count[0] += n
            errors[0] += e

    warm = time.monotonic() + min(5, seconds)
    c = Client(port, auth)
    while time.monotonic() < warm:
        c.call("GET", path)
    cpu0 = process_cpu(pid)
    stop[0] = time.monotonic() + seconds
    threads = [threading.Thread(target=worker) for _ in range(conns)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu = process_cpu(pid) - cpu0
    elapsed = time.monotonic() - t0
    return {"requests": count[0], "errors": errors[0], "req_s": round(count[0] / elapsed, 1),
            "server_cpu_s": round(cpu, 2), "cpu_us_per_get": round(cpu / max(count[0], 1) * 1e6, 1)}


def pg_counters(db_url):
    """PostgreSQL's commits (pg_stat_database of the bench database) and WAL flushes (pg_stat_wal: wal_sync,
    the fsyncs of the WAL; wal_write as well), or None without psql / on PostgreSQL before 14."""
    if not db_url.startswith("jdbc:postgresql://") or not shutil.which("psql"):
        return None
    hostport, db = db_url[len("jdbc:postgresql://"):].split("?", 1)[0].split("/", 1)
    host, _, port = hostport.partition(":")
    sql = ("SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),"
           " wal_sync, wal_write FROM pg_stat_wal")
    try:
        out = subprocess.run(["psql", "-h", host, "-p", port or "5432", "-U", "postgres", "-d", db, "-Atc", sql],
                             capture_output=True, text=True, timeout=30)
        commits, syncs, writes = (int(x) for x in out.stdout.strip().split("|"))
        return {"commits": commits, "wal_syncs": syncs, "wal_writes": writes}
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def measure_publishes(port, auth, seconds, conns, prefix, registry=False, pids=(), db_url=None):
    """Distinct 4 KiB publishes from `conns` connections for `seconds`; 201s per second. With `pids`: the server
    CPU per publish (those JVMs); with `db_url`: PostgreSQL commits and WAL fsyncs per publish, less an idle
    window of the same length measured just before (the database is shared with other users)."""
    idle = None
    if db_url:
        before = pg_counters(db_url)
        time.sleep(min(seconds, 5))
        after = pg_counters(db_url)
        if before and after:
            idle = {k: (after[k] - before[k]) / min(seconds, 5) for k in before}
    cpu0 = sum(process_cpu(pid) for pid in pids)
    roles0 = cpu_breakdown(pids) if pids else None
    pg0 = pg_counters(db_url) if db_url else None
    ok, bad = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(k):
        c = Client(port, auth)
        n = e = i = 0
        base = os.urandom(BLOB - 16)
        while time.monotonic() < stop:
            data = base + k.to_bytes(8, "big") + i.to_bytes(8, "big")
            if registry:
                good = registry_push(c, prefix, data)
            else:
                good = c.call("PUT", f"/v1/bench/{prefix}-t{k}/1.0.{i}/x/blob", data) == 201
            n, e, i = n + good, e + (not good), i + 1
        with lock:
            ok[0] += n
            bad[0] += e

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    row = {"connections": conns, "publishes": ok[0], "errors": bad[0], "per_s": round(ok[0] / elapsed, 1)}
    if pids:
        row["cpu_ms_per_publish"] = round((sum(process_cpu(pid) for pid in pids) - cpu0) / max(ok[0], 1) * 1e3, 2)
        roles1 = cpu_breakdown(pids)
        # where the CPU of one publish went: JVM threads by role (all of `pids`), the database, the proxy, the client
        row["cpu_ms_per_publish_by_role"] = {k: round((roles1[k] - roles0[k]) / max(ok[0], 1) * 1e3, 3)
                                             for k in roles1}
    pg1 = pg_counters(db_url) if pg0 else None
    if pg1:
        for k in pg0:
            extra = pg1[k] - pg0[k] - (idle[k] * elapsed if idle else 0)
            row[k + "_per_publish"] = round(extra / max(ok[0], 1), 3)
    return row


def registry_push(c, repo, data):
    import hashlib
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    c.conn = c.conn or http.client.HTTPConnection("127.0.0.1", c.port, timeout=60)
    try:
        c.conn.request("POST", f"/v2/{repo}/blobs/uploads/")
        r = c.conn.getresponse()
        r.read()
        if r.status != 202:
            return False
        loc = r.getheader("Location")
        sep = "&" if "?" in loc else "?"
        path = loc.split("127.0.0.1:%d" % c.port, 1)[-1]
        c.conn.request("PUT", f"{path}{sep}digest={digest}", body=data,
                       headers={"Content-Type": "application/octet-stream"})
        r = c.conn.getresponse()
        r.read()
        return r.status == 201
    except (OSError, http.client.HTTPException):
        c.conn = None
        return False


# ------------------------------------------------------------------ servers

def cluster(cmd, env, timeout=900):
    log("local-cluster.sh", *cmd)
    out = subprocess.run([str(CLUSTER)] + cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"local-cluster.sh {' '.join(cmd)} failed: {out.stdout[-2000:]} {out.stderr[-2000:]}")
    return out.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base-port", type=int, default=9280, help="cluster: HAProxy on it, node K on base+K")
    p.add_argument("--single-port", type=int, default=9290, help="the single node's HTTP port (HTTPS +1, management +5)")
    p.add_argument("--registry-port", type=int, default=9298, help="Distribution (when docker-registry is installed)")
    p.add_argument("--db-url", default="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=gpr_bench_cluster")
    p.add_argument("--rate", type=float, default=200, help="publishes/s for the lag measurement")
    p.add_argument("--lag-seconds", type=float, default=60)
    p.add_argument("--seconds", type=float, default=20, help="length of each GET/publish measurement")
    p.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the CPU and publish rows")
    p.add_argument("--start-timeout", type=int, default=300)
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    p.add_argument("--war", default=str(ROOT / "target" / "gpr.war"),
                   help="the WAR the cluster nodes and the single node run (default target/gpr.war; an older build's"
                        " for a before/after comparison)")
    p.add_argument("--rows", default="lag,cpu,publish", help="which rows to measure (comma-separated)")
    p.add_argument("--warm-seconds", type=float, default=150,
                   help="unmeasured publishes (16 connections) through the cluster and on the single node before any"
                        " row, so the rows measure JIT-compiled servers (0: none)")
    args = p.parse_args()
    rows = set(args.rows.split(","))

    for tool in ("haproxy",):
        if not shutil.which(tool):
            log(f"{tool} missing: local-cluster.sh installs it (needs root or sudo)")
    war = Path(args.war)
    if not war.exists() or not B.WLP.exists():
        log("building the server (mvn package -DskipTests liberty:create)")
        subprocess.run(["mvn", "-q", "package", "-DskipTests", "liberty:create"], cwd=ROOT, check=True)

    work = Path(tempfile.mkdtemp(prefix="gpr-cluster-bench-"))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    password = "bench-" + secrets.token_urlsafe(18)
    env = dict(os.environ, GPR_CLUSTER_BASE_PORT=str(args.base_port), GPR_DB_URL=args.db_url,
               GPR_ADMIN_PASSWORD=password, GPR_CLUSTER_DIR=str(work / "cluster"),
               GPR_CLUSTER_START_TIMEOUT=str(args.start_timeout), GPR_CLUSTER_WAR=str(war))
    results = {"started": stamp, "load_at_start": os.getloadavg(), "args": vars(args), "rows": {}}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    single = registry = None
    up = False
    t_start = time.monotonic()
    try:
        cluster(["up", "2", "--fresh"], env)
        up = True
        lb, n1, n2 = args.base_port, args.base_port + 1, args.base_port + 2
        auth = login(n1, password)
        pid2 = jvm_pid(n2)
        log(f"cluster up: HAProxy {lb}, node 1 {n1}, node 2 {n2} (JVM pid {pid2})")

        # the single node: bench.py's own set-up (H2 + LMDB, the shipped server.xml and jvm.options)
        ns = argparse.Namespace(port_base=args.single_port, tmpdir=str(work), config=str(ROOT / "src/main/liberty/config"),
                                war=str(war), start_timeout=args.start_timeout, profile=False,
                                https_port=args.single_port + 1)  # its management port is single_port + 5
        single = B.Bench(ns)
        single.gpr_password = password
        single.gpr_start(single.work / "data", "single")
        single_auth = login(args.single_port, password)
        pid_single = single.procs["gpr"].pid

        blob = os.urandom(BLOB)
        for port, a in ((n1, auth), (args.single_port, single_auth)):
            st = Client(port, a).call("PUT", "/v1/bench/get/1.0.0/x/blob", blob)
            if st not in (201, 409):
                raise RuntimeError(f"publishing the GET blob on {port} answered {st}")

        if args.warm_seconds > 0:
            # both JVMs of the cluster (and the single node) compile the publish path for minutes after a start;
            # without this the rows measured the JIT as much as the servers (docs/cluster.md)
            for name, port, a, pids in (("cluster", lb, auth, (jvm_pid(n1), pid2)),
                                        ("single node", args.single_port, single_auth, (pid_single,))):
                w = measure_publishes(port, a, args.warm_seconds, 16, f"warm-{name[0]}", pids=pids)
                log(f"warm-up {name}: {w['per_s']}/s, {w['cpu_ms_per_publish']} CPU ms per publish")
                results.setdefault("warm_up", {})[name] = w

        if "lag" in rows:
            log(f"lag: {args.rate}/s for {args.lag_seconds}s (publish on node 1, read on node 2)")
            results["rows"]["lag"] = measure_lag(n1, n2, auth, args.rate, args.lag_seconds, secrets.token_hex(3),
                                                 args.base_port + 12)  # node 2's management port (/metrics)
            log(json.dumps(results["rows"]["lag"]))

        cpu = {"cluster_node2": [], "single": []}
        pubs = {"cluster_haproxy_2_nodes": [], "single": []}
        if shutil.which("docker-registry"):
            registry = start_registry(work, args.registry_port)
            pubs["distribution"] = []
        pid1 = jvm_pid(n1)
        for r in range(args.rounds):
            if "cpu" in rows:
                cpu["cluster_node2"].append(measure_get_cpu(n2, pid2, auth, "/v1/bench/get/1.0.0/x/blob", args.seconds))
                cpu["single"].append(measure_get_cpu(args.single_port, pid_single, single_auth,
                                                     "/v1/bench/get/1.0.0/x/blob", args.seconds))
                log(f"cpu round {r + 1}: cluster {cpu['cluster_node2'][-1]} single {cpu['single'][-1]}")
            if "publish" not in rows:
                continue
            pubs["cluster_haproxy_2_nodes"].append(measure_publishes(lb, auth, args.seconds, 16, f"c{r}",
                                                                     pids=(pid1, pid2), db_url=args.db_url))
            pubs["single"].append(measure_publishes(args.single_port, single_auth, args.seconds, 16, f"s{r}",
                                                    pids=(pid_single,)))
            if registry:
                pubs["distribution"].append(measure_publishes(args.registry_port, "", args.seconds, 16,
                                                              f"bench/r{r}", registry=True))
            log(f"publish round {r + 1}: " + ", ".join(f"{k} {v[-1]['per_s']}/s" for k, v in pubs.items()))
        med = lambda rows, key: statistics.median(x[key] for x in rows)  # noqa: E731
        if "publish" in rows:
            pr = {"rounds": pubs, **{k + "_per_s": med(v, "per_s") for k, v in pubs.items()}}
            for key in ("cpu_ms_per_publish", "commits_per_publish", "wal_syncs_per_publish", "wal_writes_per_publish"):
                for k, v in pubs.items():
                    if v and all(key in x for x in v):
                        pr[f"{k}_{key}"] = round(med(v, key), 3)
            for k, v in pubs.items():
                if v and all("cpu_ms_per_publish_by_role" in x for x in v):
                    pr[f"{k}_cpu_ms_per_publish_by_role"] = {
                        role: round(statistics.median(x["cpu_ms_per_publish_by_role"][role] for x in v), 3)
                        for role in v[0]["cpu_ms_per_publish_by_role"]}
            pr["ratio_cluster_single"] = round(pr["cluster_haproxy_2_nodes_per_s"] / max(pr["single_per_s"], 1e-9), 2)
            if "distribution_per_s" in pr:
                pr["ratio_cluster_distribution"] = round(pr["cluster_haproxy_2_nodes_per_s"]
                                                         / max(pr["distribution_per_s"], 1e-9), 2)
            results["rows"]["publish16"] = pr
        if "cpu" in rows:
            results["rows"]["cpu_per_get"] = {
                "rounds": cpu, "cluster_us": round(med(cpu["cluster_node2"], "cpu_us_per_get"), 1),
                "single_us": round(med(cpu["single"], "cpu_us_per_get"), 1)}
            results["rows"]["cpu_per_get"]["ratio_cluster_single"] = round(
                results["rows"]["cpu_per_get"]["cluster_us"] / max(results["rows"]["cpu_per_get"]["single_us"], 1e-9), 2)
    finally:
        if registry:
            registry.stop()
        if single:
            single.gpr_stop()
        if up:
            try:
                cluster(["down"], env, timeout=300)
            except Exception as e:  # noqa: BLE001
                log(f"stopping the cluster: {e}")
        results["seconds"] = round(time.monotonic() - t_start, 1)
        results["load_at_end"] = os.getloadavg()
        out = ROOT / "bench" / "results" / f"cluster-{stamp}"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
        out.with_suffix(".md").write_text(markdown(results))
        log(f"results: {out}.json and {out}.md")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")


def start_registry(work, port):
    d = work / "registry"
    d.mkdir(parents=True, exist_ok=True)
    conf = d / "config.yml"
    conf.write_text(f"version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: {d}/data\n"
                    f"http:\n  addr: 127.0.0.1:{port}\n")
    proc = B.Proc("registry", ["docker-registry", "serve", str(conf)], work / "registry.log")
    B.wait_http(port, "/v2/", proc, 30)
    return proc


def markdown(res):
    rows = res.get("rows", {})
    lines = [f"# Cluster benchmark {res['started']}", "",
             f"Load average at start {res['load_at_start']}, at end {res.get('load_at_end')}; {res.get('seconds')} s.", ""]
    if "lag" in rows:
        lag = rows["lag"]
        lines += ["| replica lag at %s publishes/s | p50 ms | p99 ms | max ms | achieved/s | failures |" % lag["target_rate"],
                  "|---|---|---|---|---|---|",
                  f"| node 1 → node 2 | {lag['lag_ms']['p50']} | {lag['lag_ms']['p99']} | {lag['lag_ms']['max']} | "
                  f"{lag['achieved_rate']} | {lag['failures']} |", ""]
    if "cpu_per_get" in rows:
        c = rows["cpu_per_get"]
        lines += ["| 4 KiB GET | server CPU µs per GET |", "|---|---|",
                  f"| cluster node 2 | {c['cluster_us']} |", f"| single node | {c['single_us']} |",
                  f"| ratio | {c['ratio_cluster_single']} |", ""]
    if "publish16" in rows:
        pr = rows["publish16"]
        lines += ["| 4 KiB publishes, 16 connections | per s | server CPU ms per publish | PostgreSQL commits per"
                  " publish | WAL fsyncs per publish |", "|---|---|---|---|---|"]
        for k in ("cluster_haproxy_2_nodes", "single", "distribution"):
            if k + "_per_s" in pr:
                extra = " | ".join(str(pr.get(f"{k}_{m}_per_publish", "")) for m in ("cpu_ms", "commits", "wal_syncs"))
                lines.append(f"| {k.replace('_', ' ')} | {pr[k + '_per_s']} | {extra} |")
        lines += [f"| cluster / single | {pr['ratio_cluster_single']} |"]
        if "ratio_cluster_distribution" in pr:
            lines.append(f"| cluster / Distribution | {pr['ratio_cluster_distribution']} |")
        roles = {k: pr[f"{k}_cpu_ms_per_publish_by_role"] for k in ("cluster_haproxy_2_nodes", "single")
                 if f"{k}_cpu_ms_per_publish_by_role" in pr}
        if roles:
            names = list(next(iter(roles.values())))
            lines += ["", "| CPU ms per publish (medians) | " + " | ".join(names) + " |",
                      "|---|" + "---|" * len(names)]
            lines += [f"| {k.replace('_', ' ')} | " + " | ".join(str(v[n]) for n in names) + " |"
                      for k, v in roles.items()]
        lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
