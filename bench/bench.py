#!/usr/bin/env python3
"""The measuring half of bench/run.sh (which installs and builds first): starts every server on loopback,
measures the rows of issue 7, stops what it started and writes bench/results/<stamp>.{json,md}.

Only the Python standard library; load from wrk, large transfers from curl. See bench/README.md.
"""
import argparse
import base64
import hashlib
import http.client
import json
import os
import platform
import re
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

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WLP = ROOT / "target" / "liberty" / "wlp"
MiB = 1024 * 1024
SERVERS = ("gpr", "nginx", "registry", "verdaccio")
LABEL = {"gpr": "ours", "nginx": "nginx", "registry": "Distribution", "verdaccio": "Verdaccio"}

STARTED = []          # every process this run started, stopped in reverse order at exit
LOG = None


def log(*parts):
    line = time.strftime("%H:%M:%S ") + " ".join(str(p) for p in parts)
    print(line, flush=True)
    if LOG:
        LOG.write(line + "\n")
        LOG.flush()


def loadavg():
    return [round(x, 2) for x in os.getloadavg()]


def cpu_pressure():
    """/proc/pressure/cpu 'some' averages: the share of time runnable tasks waited for a CPU."""
    try:
        with open("/proc/pressure/cpu") as f:
            return f.readline().strip()
    except OSError:
        return None


# ---------------------------------------------------------------- processes

class Proc:
    """A server this run started, in its own session so that stopping it reaches its children only."""

    def __init__(self, name, argv, logfile, env=None, cwd=None):
        self.name = name
        self.logfile = logfile
        out = open(logfile, "ab")
        self.popen = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      env=env, cwd=cwd, start_new_session=True)
        out.close()
        self.started = time.monotonic()
        STARTED.append(self)

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def stop(self, timeout=45):
        if self in STARTED:
            STARTED.remove(self)
        if not self.alive():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            log(f"{self.name} (pid {self.pid}) ignored SIGTERM for {timeout}s; killing its process group")
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)


def stop_all(*_):
    for proc in list(reversed(STARTED)):
        try:
            proc.stop()
        except Exception as e:  # keep stopping the others
            print(f"stopping {proc.name}: {e}", file=sys.stderr)


def on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


def proc_tree(pid):
    """pid and its descendants (for nginx: master and workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_seconds(pid):
    """User + system CPU seconds of a process tree so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in proc_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total / tick


def status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class RssSampler(threading.Thread):
    """Samples VmRSS of one process every 100 ms; keeps the maximum per phase label."""

    def __init__(self):
        super().__init__(daemon=True)
        self.pid = None
        self.phase = None
        self.peaks = {}
        self.stop_flag = False

    def run(self):
        while not self.stop_flag:
            if self.pid and self.phase:
                rss = status_kb(self.pid, "VmRSS")
                if rss:
                    self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), rss)
                    anon = status_kb(self.pid, "RssAnon") or 0
                    key = self.phase + ":anon"
                    self.peaks[key] = max(self.peaks.get(key, 0), anon)
            time.sleep(0.1)


SAMPLER = RssSampler()


# ---------------------------------------------------------------- HTTP helpers

def req(method, port, path, body=None, headers=None, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        conn.close()


def wait_http(port, path, proc, timeout, ok=(200,)):
    """Polls until GET path answers one of ok; returns the seconds since the process was launched."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited during start-up (log: {proc.logfile})")
        try:
            status, _, _ = req("GET", port, path, timeout=2)
            if status in ok:
                return time.monotonic() - proc.started
        except (OSError, http.client.HTTPException):
            # HTTPException: on a port inside the ephemeral range (32768+) nobody listens on yet, the poll can
            # connect to itself (TCP simultaneous open) and read its own request back as the "status line"
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{proc.name} not ready on port {port} after {timeout}s (log: {proc.logfile})")


def run(argv, timeout, **kw):
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False, **kw)


def curl_get(url, headers, timeout=600):
    argv = ["curl", "-s", "-o", "/dev/null", "--max-time", str(timeout),
            "-w", "%{http_code} %{time_total} %{size_download}", url]
    for h in headers:
        argv += ["-H", h]
    out = run(argv, timeout + 30).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def curl_put(url, path, headers, method="PUT", timeout=900):
    argv = ["curl", "-s", "-o", "/dev/null", "--max-time", str(timeout), "-X", method, "-H", "Expect:",
            "-w", "%{http_code} %{time_total} %{size_upload}", "-T", str(path), url]
    for h in headers:
        argv += ["-H", h]
    out = run(argv, timeout + 30).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(MiB), b""):
            h.update(chunk)
    return h.hexdigest()


def random_file(path, size):
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(left, 4 * MiB)
            f.write(os.urandom(n))
            left -= n
    return path


def wrk(url, threads, conns, seconds, script, env_extra, out_file, timeout_extra=30):
    env = dict(os.environ, BENCH_OUT=str(out_file), **env_extra)
    argv = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    proc = run(argv, seconds + timeout_extra + 60, env=env)
    if proc.returncode != 0 or not Path(out_file).exists():
        raise RuntimeError(f"wrk failed: {proc.stdout} {proc.stderr}")
    return json.loads(Path(out_file).read_text())


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    return round(a / b, 3) if a and b else None


# ---------------------------------------------------------------- the servers

class Bench:
    def __init__(self, args):
        self.args = args
        self.port = {"gpr": args.port_base, "nginx": args.port_base + 1, "registry": args.port_base + 2,
                     "verdaccio": args.port_base + 3,
                     "gpr_https": getattr(args, "https_port", None) or args.port_base + 363}
        base = Path(args.tmpdir) if args.tmpdir else None
        if base:
            base.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix="gpr-bench-", dir=base))
        self.files = self.work / "files"
        self.files.mkdir()
        self.procs = {}
        self.token = {}
        self.run_id = secrets.token_hex(3)
        self.results = {"rows": {}, "targets": [], "notes": []}
        self.profiles = BENCH / "results" / "profiles"
        self.gpr_password = "bench-" + secrets.token_urlsafe(18)

    # ---- ours
    def gpr_prepare(self, name="gprbench"):
        usr = self.work / "wlp-usr"
        srv = usr / "servers" / name
        if srv.exists():
            shutil.rmtree(srv)
        (srv / "apps").mkdir(parents=True)
        cfg = Path(self.args.config)
        shutil.copy(cfg / "server.xml", srv / "server.xml")
        shutil.copy(cfg / "jvm.options", srv / "jvm.options")
        for script in cfg.glob("*.sh"):  # the scripts server.env sources (work area after a crash, class data)
            shutil.copy(script, srv / script.name)
        shutil.copy(self.args.war, srv / "apps" / "gpr.war")
        # the installation's shared libraries: the JDBC drivers and the application's libraries (server.xml's gprLib)
        for lib in (WLP / "usr" / "shared" / "resources").iterdir():
            if lib.is_dir():
                shutil.copytree(lib, usr / "shared" / "resources" / lib.name, dirs_exist_ok=True)
        return usr, srv

    def gpr_start(self, data_dir, label, fresh_server=False, jvm_args=""):
        """Starts ours with `server run` (exec's java, so the pid is the JVM); returns seconds to /health/ready."""
        usr = self.work / "wlp-usr"
        if fresh_server or not (usr / "servers" / "gprbench").exists():
            self.gpr_prepare()
        srv = usr / "servers" / "gprbench"
        shipped = Path(self.args.config) / "server.env"  # shipped tuning (e.g. MALLOC_ARENA_MAX)
        (srv / "server.env").write_text(
            (shipped.read_text() + "\n" if shipped.exists() else "")
            + "".join(f"{k}={v}\n" for k, v in getattr(self, "extra_env", {}).items())
            + f"HTTP_PORT={self.port['gpr']}\nHTTPS_PORT={self.port['gpr_https']}\n"
            # server.xml's default management port (${http.port+5}) is computed from the variable's default, not
            # from HTTP_PORT: moving the public port by environment needs the management port moved the same way
            + f"GPR_MANAGEMENT_PORT={self.port['gpr'] + 5}\n"
            f"GPR_DATA_DIR={data_dir}\nGPR_ADMIN_PASSWORD={self.gpr_password}\n")
        env = dict(os.environ, WLP_USER_DIR=str(usr))
        env.pop("JVM_ARGS", None)
        if self.args.profile:
            jvm_args = (jvm_args + " -XX:+FlightRecorder").strip()
        if jvm_args:
            env["JVM_ARGS"] = jvm_args
        proc = Proc("gpr", [str(WLP / "bin" / "server"), "run", "gprbench"], self.work / f"gpr-{label}.log", env=env)
        self.procs["gpr"] = proc
        seconds = wait_http(self.port["gpr"], "/health/ready", proc, self.args.start_timeout)
        self.start_cpu = round(cpu_seconds(proc.pid), 1)
        SAMPLER.pid = proc.pid
        log(f"ours ready in {seconds:.1f}s, {self.start_cpu} CPU-seconds ({label}, pid {proc.pid}, load {loadavg()})")
        return seconds

    def gpr_stop(self):
        proc = self.procs.pop("gpr", None)
        if proc:
            SAMPLER.pid = None
            proc.stop()

    def gpr_login(self):
        port = self.port["gpr"]
        status, _, body = req("POST", port, "/auth/login", {"username": "admin", "password": self.gpr_password})
        if status != 200:
            raise RuntimeError(f"admin login failed: {status} {body[:200]}")
        admin = json.loads(body)["token"]
        user_pw = "bench-user-" + secrets.token_urlsafe(12)
        status, _, body = req("POST", port, "/admin/users",
                               {"username": "bencher", "password": user_pw, "scopes": ["read", "write"]},
                               headers={"Authorization": "Bearer " + admin})
        if status == 409:
            status, _, body = req("PUT", port, "/admin/users/bencher", {"password": user_pw},
                                   headers={"Authorization": "Bearer " + admin})
        if status not in (200, 201):
            raise RuntimeError(f"creating the bench user failed: {status} {body[:200]}")
        status, _, body = req("POST", port, "/auth/login", {"username": "bencher", "password": user_pw})
        if status != 200:
            raise RuntimeError(f"bench user login failed: {status} {body[:200]}")
        self.token["gpr"] = json.loads(body)["token"]

    def gpr_auth(self):
        return "Bearer " + self.token["gpr"]

    def gpr_put(self, path, file):
        status, secs, size = curl_put(f"http://127.0.0.1:{self.port['gpr']}{path}", file,
                                      ["Authorization: " + self.gpr_auth(), "Content-Type: application/octet-stream"])
        if status not in (201, 409):
            raise RuntimeError(f"publish {path} answered {status}")
        return status, secs, size

    # ---- nginx
    def nginx_start(self):
        d = self.work / "nginx"
        for sub in ("www", "www/upload", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = d / "nginx.conf"
        conf.write_text(f"""{user}worker_processes auto;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    default_type application/octet-stream;
    access_log {d}/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    server {{
        listen 127.0.0.1:{self.port['nginx']};
        root {d}/www;
        location /upload/ {{
            dav_methods PUT;
            create_full_put_path on;
            client_max_body_size 3g;
        }}
    }}
}}
""")
        proc = Proc("nginx", ["nginx", "-e", str(d / "error.log"), "-p", str(d), "-c", str(conf), "-g", "daemon off;"],
                    self.work / "nginx.log")
        self.procs["nginx"] = proc
        (d / "www" / "ping").write_text("ok")
        wait_http(self.port["nginx"], "/ping", proc, 30)
        log(f"nginx ready (pid {proc.pid})")

    def nginx_place(self, name, file):
        target = self.work / "nginx" / "www" / name
        if target.exists():
            target.unlink()
        try:
            os.link(file, target)
        except OSError:
            shutil.copy(file, target)
        return f"/{name}"

    # ---- CNCF Distribution
    def registry_start(self):
        d = self.work / "registry"
        (d / "storage").mkdir(parents=True)
        conf = d / "config.yml"
        conf.write_text(f"""version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: {d}/storage
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:{self.port['registry']}
  headers:
    X-Content-Type-Options: [nosniff]
""")
        proc = Proc("registry", ["docker-registry", "serve", str(conf)], self.work / "registry.log")
        self.procs["registry"] = proc
        wait_http(self.port["registry"], "/v2/", proc, 30)
        log(f"Distribution ready (pid {proc.pid})")

    def registry_push(self, repo, file, digest=None, curl=False):
        """Monolithic blob upload: POST → 202 Location, PUT Location&digest=… with the bytes."""
        digest = digest or sha256_file(file)
        port = self.port["registry"]
        t0 = time.monotonic()
        status, headers, _ = req("POST", port, f"/v2/{repo}/blobs/uploads/", b"", {"Content-Length": "0"})
        post_secs = time.monotonic() - t0
        if status != 202:
            raise RuntimeError(f"registry upload start answered {status}")
        loc = re.sub(r"^https?://[^/]+", "", headers["location"])
        sep = "&" if "?" in loc else "?"
        status, secs, size = curl_put(f"http://127.0.0.1:{port}{loc}{sep}digest=sha256:{digest}", file,
                                      ["Content-Type: application/octet-stream"])
        if status != 201:
            raise RuntimeError(f"registry upload answered {status}")
        return f"/v2/{repo}/blobs/sha256:{digest}", post_secs + secs, size

    # ---- Verdaccio
    def verdaccio_start(self):
        d = self.work / "verdaccio"
        (d / "storage").mkdir(parents=True)
        conf = d / "config.yaml"
        conf.write_text(f"""storage: {d}/storage
auth:
  htpasswd:
    file: {d}/htpasswd
    max_users: 100
uplinks: {{}}
packages:
  '**':
    access: $authenticated
    publish: $authenticated
    unpublish: $authenticated
security:
  api:
    jwt:
      sign:
        expiresIn: 7d
max_body_size: 1gb
listen: 127.0.0.1:{self.port['verdaccio']}
log: {{ type: stdout, format: json, level: http }}
""")
        binary = BENCH / "verdaccio" / "node_modules" / ".bin" / "verdaccio"
        proc = Proc("verdaccio", [str(binary), "--config", str(conf)], self.work / "verdaccio.log", cwd=str(d))
        self.procs["verdaccio"] = proc
        wait_http(self.port["verdaccio"], "/-/ping", proc, 60)
        status, _, body = req("PUT", self.port["verdaccio"], "/-/user/org.couchdb.user:bencher",
                               {"name": "bencher", "password": "bench-" + secrets.token_urlsafe(12)})
        if status != 201:
            raise RuntimeError(f"verdaccio user creation answered {status} {body[:200]}")
        self.token["verdaccio"] = json.loads(body)["token"]
        log(f"Verdaccio ready (pid {proc.pid})")

    def npm_body(self, pkg, version, tgz, out):
        """Writes the JSON an `npm publish` sends (tarball base64-encoded inside), streaming for large files."""
        sha1, sha512 = hashlib.sha1(), hashlib.sha512()
        size = 0
        with open(tgz, "rb") as f:
            for chunk in iter(lambda: f.read(MiB), b""):
                sha1.update(chunk)
                sha512.update(chunk)
                size += len(chunk)
        fname = f"{pkg}-{version}.tgz"
        hostport = f"127.0.0.1:{self.port['verdaccio']}"
        head = json.dumps({
            "_id": pkg, "name": pkg, "description": "bench", "dist-tags": {"latest": version},
            "versions": {version: {"name": pkg, "version": version, "description": "bench", "_id": f"{pkg}@{version}",
                                   "dist": {"shasum": sha1.hexdigest(),
                                            "integrity": "sha512-" + base64.b64encode(sha512.digest()).decode(),
                                            "tarball": f"http://{hostport}/{pkg}/-/{fname}"}}},
            "access": None, "_attachments": {fname: {"content_type": "application/octet-stream", "data": "@@DATA@@",
                                                     "length": size}}})
        before, after = head.split("@@DATA@@")
        with open(out, "wb") as o, open(tgz, "rb") as f:
            o.write(before.encode())
            for chunk in iter(lambda: f.read(3 * MiB), b""):
                o.write(base64.b64encode(chunk))
            o.write(after.encode())
        return out

    def verdaccio_publish(self, pkg, version, tgz, timeout=900):
        body = self.npm_body(pkg, version, tgz, self.work / f"npm-{pkg}-{version}.json")
        try:
            status, secs, _ = curl_put(f"http://127.0.0.1:{self.port['verdaccio']}/{pkg}", body,
                                       ["Authorization: Bearer " + self.token["verdaccio"],
                                        "Content-Type: application/json"], timeout=timeout)
        finally:
            body.unlink()
        return status, secs, f"/{pkg}/-/{pkg}-{version}.tgz"

    def stop_peers(self):
        for name in ("nginx", "registry", "verdaccio"):
            proc = self.procs.pop(name, None)
            if proc:
                proc.stop()

    def auth_header(self, server):
        if server == "gpr":
            return self.gpr_auth()
        if server == "verdaccio":
            return "Bearer " + self.token["verdaccio"]
        return ""

    # ---- profiling (ours only, --profile)
    def jfr(self, label, action):
        if not self.args.profile or "gpr" not in self.procs:
            return
        pid = str(self.procs["gpr"].pid)
        if action == "start":
            run(["jcmd", pid, "JFR.start", f"name={label}", "settings=profile"], 60)
        else:
            self.profiles.mkdir(parents=True, exist_ok=True)
            target = self.profiles / f"{self.stamp}-{label}.jfr"
            run(["jcmd", pid, "JFR.stop", f"name={label}", f"filename={target}"], 120)
            log(f"profile written: {target.relative_to(ROOT)}")

    def target(self, row, text, value, limit, higher_is_better=True, unit=""):
        if value is None:
            met = None
        else:
            met = value >= limit if higher_is_better else value <= limit
        self.results["targets"].append({"row": row, "target": text, "value": value, "limit": limit, "unit": unit,
                                        "met": met})

    # ================================================================ rows

    def row_a(self):
        args = self.args
        blob = random_file(self.files / "blob4k.bin", 4096)
        digest = sha256_file(blob)
        urls = {}
        self.gpr_put("/v1/bench/small/1.0.0/x/blob", blob)
        urls["gpr"] = "/v1/bench/small/1.0.0/x/blob"
        urls["nginx"] = self.nginx_place("blob4k.bin", blob)
        urls["registry"], _, _ = self.registry_push("bench/small", blob, digest)
        status, _, urls["verdaccio"] = self.verdaccio_publish("bench-small", "1.0.0", blob)
        if status != 201:
            raise RuntimeError(f"verdaccio publish answered {status}")
        for s in SERVERS:  # every server must answer the exact bytes before it is measured
            headers = {"Authorization": self.auth_header(s)} if self.auth_header(s) else {}
            status, _, body = req("GET", self.port[s], urls[s], headers=headers)
            if status != 200 or hashlib.sha256(body).hexdigest() != digest:
                raise RuntimeError(f"{s} does not serve the 4 KiB blob ({status}, {len(body)} bytes)")
        script = BENCH / "lua" / "get.lua"
        rounds = {s: [] for s in SERVERS}
        for s in SERVERS:  # warm-up (JIT, caches), not recorded; a JVM gets --jvm-warmup seconds first
            if s == "gpr":
                self.jvm_warmup(urls[s])
            wrk(f"http://127.0.0.1:{self.port[s]}{urls[s]}", 2, 32, args.warmup, script,
                {"BENCH_AUTH": self.auth_header(s)}, self.work / "wrk.json")
        for r in range(args.rounds):
            for s in SERVERS:
                if s == "gpr" and r == 0:
                    self.jfr("row-a", "start")
                cpu0 = cpu_seconds(self.procs[s].pid)
                res = wrk(f"http://127.0.0.1:{self.port[s]}{urls[s]}", 2, 32, args.duration, script,
                          {"BENCH_AUTH": self.auth_header(s)}, self.work / "wrk.json")
                cpu = cpu_seconds(self.procs[s].pid) - cpu0
                if s == "gpr" and r == 0:
                    self.jfr("row-a", "stop")
                secs = res["duration_us"] / 1e6
                good = res["requests"] - res["errors"]["status"]
                rounds[s].append({"req_s": round(good / secs, 1), "p50_ms": res["latency_us"]["p50"] / 1000,
                                  "p99_ms": res["latency_us"]["p99"] / 1000, "errors": res["errors"],
                                  "server_cpu_ms_per_req": round(cpu * 1000 / max(good, 1), 3),
                                  "load": loadavg()})
                log(f"a round {r + 1} {LABEL[s]:12s} {good / secs:9.0f} req/s  p50 {res['latency_us']['p50'] / 1000:.2f} ms"
                    f"  p99 {res['latency_us']['p99'] / 1000:.2f} ms  server CPU {cpu * 1000 / max(good, 1):.3f} ms/req")
        summary = {s: {"req_s": median([x["req_s"] for x in rounds[s]]),
                       "p50_ms": median([x["p50_ms"] for x in rounds[s]]),
                       "p99_ms": median([x["p99_ms"] for x in rounds[s]]),
                       "server_cpu_ms_per_req": median([x["server_cpu_ms_per_req"] for x in rounds[s]]),
                       "rounds": rounds[s]} for s in SERVERS}
        per_round = {p: [ratio(rounds["gpr"][i]["req_s"], rounds[p][i]["req_s"]) for i in range(args.rounds)]
                     for p in SERVERS[1:]}
        self.results["rows"]["a"] = {"what": "4 KiB blob GET, wrk 2 threads 32 connections keep-alive, "
                                             f"{args.duration}s x {args.rounds} rounds (medians)",
                                     "servers": summary, "ratio_req_s_per_round": per_round,
                                     "ratio_req_s": {p: ratio(summary["gpr"]["req_s"], summary[p]["req_s"])
                                                     for p in SERVERS[1:]}}
        self.target("a", "req/s >= 20x Distribution", self.results["rows"]["a"]["ratio_req_s"]["registry"], 20, unit="x")
        self.target("a", "req/s >= 0.2x nginx", self.results["rows"]["a"]["ratio_req_s"]["nginx"], 0.2, unit="x")
        self.target("a", "p99 < 20 ms", summary["gpr"]["p99_ms"], 20, higher_is_better=False, unit="ms")

    def jvm_warmup(self, path):
        """Unrecorded load on our freshly started JVM so that rounds measure compiled code, not the JIT at work
        (a production server has long been warm); once per server start."""
        if self.args.jvm_warmup <= 0 or getattr(self, "warmed_pid", None) == self.procs["gpr"].pid:
            return
        log(f"JVM warm-up: {self.args.jvm_warmup}s of load on {path}")
        wrk(f"http://127.0.0.1:{self.port['gpr']}{path}", 2, 32, self.args.jvm_warmup, BENCH / "lua" / "get.lua",
            {"BENCH_AUTH": self.gpr_auth()}, self.work / "wrk.json")
        self.warmed_pid = self.procs["gpr"].pid

    def big_files(self):
        """Four distinct random files: [0] is served in row b, [1..3] are published in row c (never stored before)."""
        files = []
        for i in range(4):
            f = self.files / f"big{i}.bin"
            if not f.exists():
                random_file(f, self.args.big_mib * MiB)
            files.append(f)
        return files

    def row_b(self):
        big = self.big_files()[0]
        size = big.stat().st_size
        paths = {}
        self.gpr_put("/v1/bench/big/1.0.0/x/blob", big)
        paths["gpr"] = "/v1/bench/big/1.0.0/x/blob"
        paths["nginx"] = self.nginx_place("big.bin", big)
        paths["registry"], _, _ = self.registry_push("bench/big", big)
        # Verdaccio: publish a small tarball through its API, then put the large file in its place on disk
        # (publishing 256 MiB as base64 JSON is row c's business); Verdaccio streams tarballs from its storage.
        small = random_file(self.files / "npm-small.tgz", 4096)
        status, _, paths["verdaccio"] = self.verdaccio_publish("bench-big", "1.0.0", small)
        if status != 201:
            raise RuntimeError(f"verdaccio publish answered {status}")
        stored = self.work / "verdaccio" / "storage" / "bench-big" / "bench-big-1.0.0.tgz"
        stored.unlink()
        shutil.copy(big, stored)
        reps = {s: [] for s in SERVERS}
        for s in SERVERS:  # one unrecorded download each (JIT, page cache)
            hdr = [f"Authorization: {self.auth_header(s)}"] if self.auth_header(s) else []
            curl_get(f"http://127.0.0.1:{self.port[s]}{paths[s]}", hdr)
        for r in range(3):
            for s in SERVERS:
                hdr = [f"Authorization: {self.auth_header(s)}"] if self.auth_header(s) else []
                if s == "gpr" and r == 0:
                    self.jfr("row-b", "start")
                status, secs, got = curl_get(f"http://127.0.0.1:{self.port[s]}{paths[s]}", hdr)
                if s == "gpr" and r == 0:
                    self.jfr("row-b", "stop")
                ok = status == 200 and got == size
                reps[s].append({"mb_s": round(size / secs / 1e6, 1) if ok else None, "status": status,
                                "seconds": secs, "load": loadavg()})
                log(f"b rep {r + 1} {LABEL[s]:12s} {size / secs / 1e6:8.1f} MB/s (status {status}, {got} bytes)")
        summary = {s: {"mb_s": median([x["mb_s"] for x in reps[s]]), "reps": reps[s]} for s in SERVERS}
        self.results["rows"]["b"] = {"what": f"{self.args.big_mib} MiB blob GET with curl, warm page cache, median of 3",
                                     "servers": summary,
                                     "ratio_mb_s": {p: ratio(summary["gpr"]["mb_s"], summary[p]["mb_s"])
                                                    for p in SERVERS[1:]}}
        self.target("b", "MB/s >= 0.8x nginx", self.results["rows"]["b"]["ratio_mb_s"]["nginx"], 0.8, unit="x")

    def row_c(self):
        files = self.big_files()[1:]
        size = files[0].stat().st_size
        # references measured in the same run: dd with fdatasync on the data file system, single-stream SHA-256
        dd = []
        for _ in range(3):
            out = run(["dd", "if=/dev/zero", f"of={self.work / 'dd.tmp'}", "bs=1M", f"count={self.args.big_mib}",
                       "conv=fdatasync"], 300).stderr
            (self.work / "dd.tmp").unlink()
            m = re.search(r"copied, ([\d.]+) s", out)
            dd.append(round(size / float(m.group(1)) / 1e6, 1))
        sha = {"openssl": [], "sha256sum": []}
        for _ in range(3):
            for tool, argv in (("openssl", ["openssl", "dgst", "-sha256", str(files[0])]),
                               ("sha256sum", ["sha256sum", str(files[0])])):
                t0 = time.monotonic()
                run(argv, 300)
                sha[tool].append(round(size / (time.monotonic() - t0) / 1e6, 1))
        jdk = json.loads(run(["java", str(BENCH / "tools" / "Sha256Speed.java"), str(files[0]), "3"], 300).stdout)
        refs = {"dd_fdatasync_mb_s": median(dd), "dd_reps": dd,
                "sha256_openssl_mb_s": median(sha["openssl"]), "sha256_coreutils_mb_s": median(sha["sha256sum"]),
                "sha256_jdk_mb_s": median(jdk["mb_per_s"]), "sha256_reps": dict(sha, jdk=jdk["mb_per_s"])}
        sha_best = max(refs["sha256_openssl_mb_s"], refs["sha256_coreutils_mb_s"], refs["sha256_jdk_mb_s"])
        refs["sha256_fastest_mb_s"] = sha_best
        log(f"c refs: dd fdatasync {refs['dd_fdatasync_mb_s']} MB/s, SHA-256 openssl {refs['sha256_openssl_mb_s']}"
            f" / coreutils {refs['sha256_coreutils_mb_s']} / JDK {refs['sha256_jdk_mb_s']} MB/s")
        reps = {s: [] for s in SERVERS}
        for r, f in enumerate(files):
            for s in SERVERS:
                if s == "verdaccio" and r > 0 and not self.args.verdaccio_big_all:
                    continue  # one 256 MiB npm publish is enough to show its cost (it holds the JSON in memory)
                if s == "gpr" and r == 0:
                    self.jfr("row-c", "start")
                try:
                    if s == "gpr":
                        status, secs, _ = self.gpr_put(f"/v1/bench/up/1.0.{r}/x/blob", f)
                    elif s == "nginx":
                        status, secs, _ = curl_put(f"http://127.0.0.1:{self.port['nginx']}/upload/c{r}.bin", f, [])
                    elif s == "registry":
                        digest = sha256_file(f)  # the client knows its digest before it uploads (not timed)
                        _, secs, _ = self.registry_push(f"bench/up{r}", f, digest)
                        status = 201
                    else:
                        status, secs, _ = self.verdaccio_publish(f"bench-up{r}", "1.0.0", f)
                except Exception as e:  # a peer failing a large publish is a result, not a crash
                    status, secs = str(e)[:120], None
                if s == "gpr" and r == 0:
                    self.jfr("row-c", "stop")
                ok = status in (201, 204) and secs
                reps[s].append({"mb_s": round(size / secs / 1e6, 1) if ok else None, "status": status,
                                "seconds": secs, "load": loadavg()})
                log(f"c rep {r + 1} {LABEL[s]:12s} " + (f"{size / secs / 1e6:8.1f} MB/s" if ok else f"failed: {status}"))
        summary = {s: {"mb_s": median([x["mb_s"] for x in reps[s]]), "reps": reps[s]} for s in SERVERS}
        bound = min(sha_best, refs["dd_fdatasync_mb_s"])
        jdk_bound = min(refs["sha256_jdk_mb_s"], refs["dd_fdatasync_mb_s"])
        self.results["rows"]["c"] = {
            "what": f"{self.args.big_mib} MiB publish with curl -T (3 distinct files), median of 3; Verdaccio: one npm "
                    "publish (base64 JSON)", "servers": summary, "references": refs,
            "ratio_mb_s": {p: ratio(summary["gpr"]["mb_s"], summary[p]["mb_s"]) for p in SERVERS[1:]},
            "ratio_to_bound": ratio(summary["gpr"]["mb_s"], bound), "bound_mb_s": bound,
            "ratio_to_jdk_bound": ratio(summary["gpr"]["mb_s"], jdk_bound), "jdk_bound_mb_s": jdk_bound}
        self.target("c", "MB/s >= 0.8x min(fastest SHA-256, dd fdatasync)", self.results["rows"]["c"]["ratio_to_bound"],
                    0.8, unit="x")
        self.target("c", "MB/s >= 2x Distribution", self.results["rows"]["c"]["ratio_mb_s"]["registry"], 2, unit="x")

    def make_pool(self):
        pool = self.files / "pool"
        if pool.exists():
            return pool
        pool.mkdir()
        with open(pool / "pool.bin", "wb") as fb, open(pool / "pool.sha256", "w") as f256, \
                open(pool / "pool.sha1", "w") as f1, open(pool / "pool.sha512", "w") as f512:
            for _ in range(self.args.pool_segment * (1 + 2 * self.args.rounds)):
                data = os.urandom(4096)
                fb.write(data)
                f256.write(hashlib.sha256(data).hexdigest() + "\n")
                f1.write(hashlib.sha1(data).hexdigest() + "\n")
                f512.write(base64.b64encode(hashlib.sha512(data).digest()).decode() + "\n")
        return pool

    def row_d(self):
        pool = self.make_pool()
        script = BENCH / "lua" / "publish.lua"
        modes = (("sequential", 1), ("concurrent16", 16))
        rounds = {s: {m: [] for m, _ in modes} for s in SERVERS}
        seg = self.args.pool_segment  # segment 0: warm-up; then one per (round, mode)
        for s in SERVERS:  # warm-up of the publish path (4 connections), not recorded
            wrk(f"http://127.0.0.1:{self.port[s]}", 4, 4, self.args.warmup, script,
                {"BENCH_MODE": s, "BENCH_POOL": str(pool), "BENCH_THREADS": "4", "BENCH_RUN": f"{self.run_id}w",
                 "BENCH_FIRST": "0", "BENCH_COUNT": str(seg),
                 "BENCH_AUTH": self.auth_header(s), "BENCH_HOSTPORT": f"127.0.0.1:{self.port[s]}"},
                self.work / "wrk.json")
        for r in range(self.args.rounds):
            for m, (mode, conns) in enumerate(modes):
                first = seg * (1 + 2 * r + m)
                for s in SERVERS:
                    if s == "gpr" and r == 0:
                        self.jfr(f"row-d-{mode}", "start")
                    cpu0 = cpu_seconds(self.procs[s].pid)
                    res = wrk(f"http://127.0.0.1:{self.port[s]}", conns, conns, self.args.duration, script,
                              {"BENCH_MODE": s, "BENCH_POOL": str(pool), "BENCH_THREADS": str(conns),
                               "BENCH_FIRST": str(first), "BENCH_COUNT": str(seg),
                               "BENCH_RUN": f"{self.run_id}{r}{mode[0]}", "BENCH_AUTH": self.auth_header(s),
                               "BENCH_HOSTPORT": f"127.0.0.1:{self.port[s]}"}, self.work / "wrk.json")
                    cpu = cpu_seconds(self.procs[s].pid) - cpu0
                    if s == "gpr" and r == 0:
                        self.jfr(f"row-d-{mode}", "stop")
                    secs = res["duration_us"] / 1e6
                    rounds[s][mode].append({"per_s": round(res["created"] / secs, 1), "created": res["created"],
                                            "failed": res["failed"], "reused_content": res["reused_content"],
                                            "p50_ms": res["latency_us"]["p50"] / 1000,
                                            "p99_ms": res["latency_us"]["p99"] / 1000,
                                            "server_cpu_ms_per_publish": round(cpu * 1000 / max(res["created"], 1), 3),
                                            "load": loadavg()})
                    log(f"d round {r + 1} {mode:12s} {LABEL[s]:12s} {res['created'] / secs:8.1f} publishes/s "
                        f"(failed {res['failed']}, p99 {res['latency_us']['p99'] / 1000:.1f} ms)")
        summary = {s: {m: {"per_s": median([x["per_s"] for x in rounds[s][m]]), "rounds": rounds[s][m]}
                       for m, _ in modes} for s in SERVERS}
        ratios = {m: {p: ratio(summary["gpr"][m]["per_s"], summary[p][m]["per_s"]) for p in SERVERS[1:]}
                  for m, _ in modes}
        self.results["rows"]["d"] = {"what": "4 KiB publishes of distinct content, wrk keep-alive: 1 connection "
                                             f"(sequential) and 16 connections, {self.args.duration}s x "
                                             f"{self.args.rounds} rounds (medians)",
                                     "servers": summary, "ratio_per_s": ratios}
        self.target("d", "sequential publishes/s >= 5x Distribution", ratios["sequential"]["registry"], 5, unit="x")
        self.target("d", "16-concurrent publishes/s >= 5x Distribution", ratios["concurrent16"]["registry"], 5, unit="x")

    def row_f_transfers(self):
        pid = self.procs["gpr"].pid
        reset_peak_rss(pid)
        SAMPLER.phase = "f"
        f = random_file(self.files / "huge.bin", self.args.huge_mib * MiB)
        digest = sha256_file(f)
        status, up_secs, up_size = self.gpr_put("/v1/bench/huge2g/1.0.0/x/blob", f)
        t0 = time.monotonic()
        curl = subprocess.Popen(["curl", "-s", "--max-time", "900", "-H", "Authorization: " + self.gpr_auth(),
                                 f"http://127.0.0.1:{self.port['gpr']}/v1/bench/huge2g/1.0.0/x/blob"],
                                stdout=subprocess.PIPE)
        h, got = hashlib.sha256(), 0
        for chunk in iter(lambda: curl.stdout.read(MiB), b""):
            h.update(chunk)
            got += len(chunk)
        curl.wait()
        down_secs = time.monotonic() - t0
        f.unlink()
        ok = status == 201 and got == self.args.huge_mib * MiB and h.hexdigest() == digest
        hwm = status_kb(pid, "VmHWM")
        return {"size_mib": self.args.huge_mib, "upload_status": status, "upload_mb_s": round(up_size / up_secs / 1e6, 1),
                "download_bytes": got, "download_sha256_ok": h.hexdigest() == digest,
                "download_mb_s_incl_client_hashing": round(got / down_secs / 1e6, 1), "ok": bool(ok),
                "peak_rss_mib": round(hwm / 1024, 1) if hwm else None,
                "sampled_peak_rss_mib": round(SAMPLER.peaks.get("f", 0) / 1024, 1),
                "sampled_peak_rss_anon_mib": round(SAMPLER.peaks.get("f:anon", 0) / 1024, 1),
                "xmx": "-Xmx256m (src/main/liberty/config/jvm.options)"}

    def row_e(self):
        args = self.args
        scales = [("1k", 500, 50, 10)]
        big = args.e_artifacts
        huge = min(100_000, big // 10)
        scales.append((f"{big // 1000}k" if big < 1_000_000 else f"{big / 1e6:g}M", huge, (big - huge) // 10, 10))
        script = BENCH / "lua" / "get.lua"
        out = {"scales": {}, "what": f"wrk 2 threads, {args.e_conns} connections, {args.duration}s x {args.rounds} "
                                     "rounds per query (medians); data built by bench/loader/BulkLoad.java"}
        for label, huge_n, pkgs, per in scales:
            data = self.work / f"e-{label}"
            log(f"e {label}: bulk load ({huge_n} versions of bench/huge + {pkgs} x {per}) into an empty data "
                "directory, then the server's first start on it")
            data.mkdir(parents=True)
            t0 = time.monotonic()
            # the server's classes and its libraries (server.xml's gprLib, in the installation)
            cp = f"{ROOT / 'target' / 'classes'}:{WLP / 'usr' / 'shared' / 'resources' / 'gpr-lib'}/*"
            load = run(["java", "-cp", cp, "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens",
                        "java.base/sun.nio.ch=ALL-UNNAMED", str(BENCH / "loader" / "BulkLoad.java"), str(data),
                        str(ROOT / "seed" / "schema.json"), str(huge_n), str(pkgs), str(per)], args.load_timeout)
            if load.returncode != 0:
                raise RuntimeError(f"bulk load failed: {load.stderr[-2000:]}")
            loaded = json.loads(load.stdout.strip().splitlines()[-1])
            log(f"e {label}: loaded {loaded['artifacts']} artifacts in {time.monotonic() - t0:.0f}s")
            meta_bytes = sum(p.stat().st_size for p in (data / "meta").glob("*"))
            start_secs = self.gpr_start(data, f"e-{label}")
            self.gpr_login()
            checks = self.e_verify(huge_n, pkgs, per)
            queries = self.e_queries(huge_n)
            res = {q: [] for q in queries}
            self.jvm_warmup(queries["latest_pkg"])
            for q, path in queries.items():
                wrk(f"http://127.0.0.1:{self.port['gpr']}{path}", 2, args.e_conns, args.warmup, script,
                    {"BENCH_AUTH": self.gpr_auth()}, self.work / "wrk.json")
            for r in range(args.rounds):
                for q, path in queries.items():
                    if r == 0 and label != "1k":
                        self.jfr(f"row-e-{q}", "start")
                    w = wrk(f"http://127.0.0.1:{self.port['gpr']}{path}", 2, args.e_conns, args.duration, script,
                            {"BENCH_AUTH": self.gpr_auth()}, self.work / "wrk.json")
                    if r == 0 and label != "1k":
                        self.jfr(f"row-e-{q}", "stop")
                    secs = w["duration_us"] / 1e6
                    good = w["requests"] - w["errors"]["status"]
                    res[q].append({"req_s": round(good / secs, 1), "p50_ms": w["latency_us"]["p50"] / 1000,
                                   "p99_ms": w["latency_us"]["p99"] / 1000, "errors": w["errors"], "load": loadavg()})
                    log(f"e {label} round {r + 1} {q:20s} {good / secs:8.0f} req/s p50 {w['latency_us']['p50'] / 1000:.2f}"
                        f" ms p99 {w['latency_us']['p99'] / 1000:.2f} ms")
            self.gpr_stop()
            out["scales"][label] = {
                "artifacts": loaded["artifacts"], "huge_versions": huge_n, "packages": pkgs + 1,
                "load_seconds": loaded["seconds"], "load_per_second": loaded["per_second"],
                "lmdb_bytes": meta_bytes, "start_seconds_with_store": round(start_secs, 2),
                "start_cpu_seconds": self.start_cpu, "checks": checks,
                "queries": {q: {"path": queries[q], "req_s": median([x["req_s"] for x in res[q]]),
                                "p50_ms": median([x["p50_ms"] for x in res[q]]),
                                "p99_ms": median([x["p99_ms"] for x in res[q]]), "rounds": res[q]} for q in queries}}
            if not args.keep:
                shutil.rmtree(data, ignore_errors=True)
        self.results["rows"]["e"] = out
        small, large = out["scales"]["1k"]["queries"], list(out["scales"].values())[-1]["queries"]
        for q, limit in (("latest_huge", 5), ("latest_pkg", 5), ("versions_huge", 10), ("versions_huge_deep", 10),
                         ("versions_pkg", 10)):
            self.target("e", f"{q} p99 <= {limit} ms at the large scale", large[q]["p99_ms"], limit,
                        higher_is_better=False, unit="ms")
            self.target("e", f"{q} p99 <= 2x the 1k figure", ratio(large[q]["p99_ms"], small[q]["p99_ms"]), 2,
                        higher_is_better=False, unit="x")

    def e_queries(self, huge_n):
        # a cursor half-way down bench/huge (walked once with limit=1000 pages; not timed)
        cursor, seen = None, 0
        while seen < huge_n // 2:
            path = "/v1/bench/huge/versions?limit=1000" + (f"&cursor={cursor}" if cursor else "")
            status, _, body = req("GET", self.port["gpr"], path, headers={"Authorization": self.gpr_auth()})
            page = json.loads(body)
            seen += len(page["versions"])
            cursor = page["next_cursor"]
            if not cursor:
                break
        from urllib.parse import quote
        return {"latest_huge": "/v1/bench/huge/latest", "latest_pkg": "/v1/ns-7/pkg-7/latest",
                "versions_huge": "/v1/bench/huge/versions?limit=100",
                "versions_huge_deep": f"/v1/bench/huge/versions?limit=100&cursor={quote(cursor or '', safe='')}",
                "versions_pkg": "/v1/ns-7/pkg-7/versions?limit=100"}

    def e_verify(self, huge_n, pkgs, per):
        """The loaded store answers like a published one, and takes a publish over HTTP."""
        auth = {"Authorization": self.gpr_auth()}
        port = self.port["gpr"]
        last = huge_n - 1 if (huge_n - 1) % 50 != 49 else huge_n - 2
        want = f"{last // 10000}.{(last // 100) % 100}.{last % 100}"
        status, _, body = req("GET", port, "/v1/bench/huge/latest", headers=auth)
        got = json.loads(body).get("version") if status == 200 else None
        checks = {"latest_huge": got, "latest_huge_expected": want}
        status, _, body = req("GET", port, "/v1/ns-7/pkg-7/versions?limit=1000", headers=auth)
        checks["pkg7_versions"] = len(json.loads(body)["versions"]) if status == 200 else status
        f = random_file(self.files / "e-extra.bin", 4096)
        status, _, _ = self.gpr_put("/v1/ns-7/pkg-7/9.0.0/linux-amd64/blob", f)
        checks["publish_over_http"] = status
        status, _, body = req("GET", port, "/v1/ns-7/pkg-7/latest", headers=auth)
        checks["latest_after_publish"] = json.loads(body).get("version") if status == 200 else status
        status, _, body = req("GET", port, "/v1/bench/huge/" + want + "/linux-amd64/blob", headers=auth)
        checks["loaded_blob_get"] = status
        ok = (got == want and checks["pkg7_versions"] == per and checks["publish_over_http"] == 201
              and checks["latest_after_publish"] == "9.0.0" and checks["loaded_blob_get"] == 200)
        checks["ok"] = ok
        if not ok:
            raise RuntimeError(f"the bulk-loaded store does not answer as expected: {checks}")
        return checks

    # ================================================================ driver

    def machine(self):
        def first_line(argv):
            try:
                p = run(argv, 30)
                return (p.stdout or p.stderr).strip().splitlines()[0]
            except Exception as e:
                return f"unavailable ({e})"
        cpu = "unknown"
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        mem = status = None
        with open("/proc/meminfo") as f:
            mem = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
        df = run(["df", "-T", str(self.work)], 30).stdout.splitlines()[-1].split()
        return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gib": mem, "kernel": platform.release(),
                "filesystem": f"{df[1]} on {df[0]}", "java": first_line(["java", "-version"]),
                "nginx": first_line(["nginx", "-v"]), "distribution": first_line(["docker-registry", "--version"]),
                "verdaccio": first_line([str(BENCH / "verdaccio" / "node_modules" / ".bin" / "verdaccio", ), "--version"]),
                "node": first_line(["node", "--version"]), "wrk": first_line(["wrk", "-v"]),
                "curl": first_line(["curl", "--version"]), "openssl": first_line(["openssl", "version"])}

    def main(self):
        args = self.args
        rows = args.rows
        self.stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        meta = {"started_at": self.stamp, "command": "bench/run.sh " + " ".join(sys.argv[1:]),
                "rows": sorted(rows), "options": {k: v for k, v in vars(args).items() if k != "rows"}, "load_start": loadavg(), "cpu_pressure_start": cpu_pressure(), "machine": self.machine(), "work_dir": str(self.work),
                "ports": self.port, "git": run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], 30).stdout.strip()}
        self.results["meta"] = meta
        log(f"bench {self.stamp}: rows {','.join(sorted(rows))}; load {meta['load_start']}; work {self.work}")
        SAMPLER.start()
        failed = True
        try:
            need_peers = bool(rows & set("abcd"))
            need_gpr = bool(rows & set("abcdfg"))
            if need_gpr:
                g = {"first_start_seconds": round(self.gpr_start(self.work / "gpr-data", "main", fresh_server=True), 2),
                     "first_start_cpu_seconds": self.start_cpu, "first_start_load": loadavg()}
                self.gpr_login()
            if need_peers:
                self.nginx_start()
                self.registry_start()
                self.verdaccio_start()
            if need_gpr:
                reset_peak_rss(self.procs["gpr"].pid)
            for row in "abcd":
                if row in rows:
                    SAMPLER.phase = "a-d"
                    log(f"row {row} (load {loadavg()})")
                    getattr(self, f"row_{row}")()
            if need_peers:
                self.stop_peers()
            f = {}
            if rows & set("abcd"):
                hwm = status_kb(self.procs["gpr"].pid, "VmHWM")
                f["rows_a_to_d_peak_rss_mib"] = round(hwm / 1024, 1) if hwm else None
                f["rows_a_to_d_sampled_peak_rss_mib"] = round(SAMPLER.peaks.get("a-d", 0) / 1024, 1)
                f["rows_a_to_d_sampled_peak_rss_anon_mib"] = round(SAMPLER.peaks.get("a-d:anon", 0) / 1024, 1)
            if "f" in rows:
                log(f"row f: {args.huge_mib} MiB round trip (load {loadavg()})")
                f["transfer"] = self.row_f_transfers()
                log(f"f: {f['transfer']}")
            if f:
                self.results["rows"]["f"] = f
                if "rows_a_to_d_peak_rss_mib" in f:
                    self.target("f", "peak RSS over rows a-d <= 512 MiB", f["rows_a_to_d_peak_rss_mib"], 512,
                                higher_is_better=False, unit="MiB")
                if "transfer" in f:
                    self.target("f", "peak RSS in the 2 GiB round trip <= 512 MiB", f["transfer"]["peak_rss_mib"], 512,
                                higher_is_better=False, unit="MiB")
                    self.target("f", "2 GiB upload and download succeed", 1 if f["transfer"]["ok"] else 0, 1, unit="")
            if need_gpr:
                self.gpr_stop()
                g["restart_seconds"] = round(self.gpr_start(self.work / "gpr-data", "restart"), 2)
                g["restart_cpu_seconds"] = self.start_cpu
                g["restart_load"] = loadavg()
                self.gpr_stop()
                if True:  # start-up is measured whenever our server runs
                    self.results["rows"]["g"] = g
                    self.target("g", "first start (fresh data) to /health/ready < 15 s", g["first_start_seconds"], 15,
                                higher_is_better=False, unit="s")
                    self.target("g", "restart to /health/ready < 15 s", g["restart_seconds"], 15,
                                higher_is_better=False, unit="s")
            if "e" in rows:
                log(f"row e (load {loadavg()})")
                self.row_e()
            failed = False
        finally:
            stop_all()
            SAMPLER.stop_flag = True
            meta["load_end"] = loadavg()
            meta["cpu_pressure_end"] = cpu_pressure()
            meta["finished_at"] = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            self.write()
            if failed:
                log(f"the run failed: its logs and data stay in {self.work}")
            elif not args.keep:
                shutil.rmtree(self.work, ignore_errors=True)

    def write(self):
        out = BENCH / "results"
        out.mkdir(exist_ok=True)
        name = self.args.name or self.stamp
        (out / f"{name}.json").write_text(json.dumps(self.results, indent=2) + "\n")
        md = render_markdown(self.results)
        (out / f"{name}.md").write_text(md)
        print("\n" + md)
        if LOG:
            shutil.copy(self.work / "bench.log", out / f"{name}.log")
        log(f"wrote bench/results/{name}.json, .md and .log")


def fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v)


def render_markdown(res):
    meta = res.get("meta", {})
    m = meta.get("machine", {})
    rows = res["rows"]
    lines = [f"# Benchmark run {meta.get('started_at')}", "",
             f"Command: `{meta.get('command')}` (commit {meta.get('git')})", "",
             f"Machine: {m.get('cpus')} × {m.get('cpu')}, {m.get('memory_gib')} GiB, kernel {m.get('kernel')}, "
             f"{m.get('filesystem')}. Load average (1/5/15 min) at start {meta.get('load_start')}, at end "
             f"{meta.get('load_end')}; CPU pressure at start `{meta.get('cpu_pressure_start')}`, at end "
             f"`{meta.get('cpu_pressure_end')}`. {m.get('java')}; {m.get('nginx')}; {m.get('distribution')}; Verdaccio "
             f"{m.get('verdaccio')} on Node {m.get('node')}; {m.get('wrk')}.", "",
             "| row | metric | ours | nginx | Distribution | Verdaccio | ours/nginx | ours/Distribution | ours/Verdaccio |",
             "|---|---|---|---|---|---|---|---|---|"]

    def add(row, metric, vals, ratios):
        lines.append(f"| {row} | {metric} | " + " | ".join(fmt(vals.get(s)) for s in SERVERS) + " | "
                     + " | ".join(fmt(ratios.get(p), 2) if ratios.get(p) is not None else "–" for p in SERVERS[1:]) + " |")

    if "a" in rows:
        s = rows["a"]["servers"]
        add("a", "4 KiB GET req/s", {k: v["req_s"] for k, v in s.items()}, rows["a"]["ratio_req_s"])
        add("a", "4 KiB GET p50 ms", {k: v["p50_ms"] for k, v in s.items()}, {})
        add("a", "4 KiB GET p99 ms", {k: v["p99_ms"] for k, v in s.items()}, {})
        add("a", "server CPU ms per request", {k: v["server_cpu_ms_per_req"] for k, v in s.items()}, {})
    if "b" in rows:
        add("b", "256 MiB GET MB/s", {k: v["mb_s"] for k, v in rows["b"]["servers"].items()}, rows["b"]["ratio_mb_s"])
    if "c" in rows:
        add("c", "256 MiB publish MB/s", {k: v["mb_s"] for k, v in rows["c"]["servers"].items()}, rows["c"]["ratio_mb_s"])
    if "d" in rows:
        for mode, text in (("sequential", "4 KiB publishes/s, 1 connection"), ("concurrent16", "4 KiB publishes/s, 16 connections")):
            add("d", text, {k: v[mode]["per_s"] for k, v in rows["d"]["servers"].items()}, rows["d"]["ratio_per_s"][mode])
    lines.append("")
    if "c" in rows:
        r = rows["c"]["references"]
        lines += [f"Row c references (same run): dd 256 MiB conv=fdatasync {fmt(r['dd_fdatasync_mb_s'])} MB/s; single-stream "
                  f"SHA-256 openssl {fmt(r['sha256_openssl_mb_s'])}, coreutils sha256sum {fmt(r['sha256_coreutils_mb_s'])}, "
                  f"JDK MessageDigest {fmt(r['sha256_jdk_mb_s'])} MB/s. Ours / min(fastest SHA-256, disk) = "
                  f"{fmt(rows['c']['ratio_to_bound'], 2)}; ours / min(JDK SHA-256, disk) = "
                  f"{fmt(rows['c']['ratio_to_jdk_bound'], 2)}.", ""]
    if "e" in rows:
        lines += ["| row e query | " + " | ".join(f"{k} p50 ms | {k} p99 ms | {k} req/s" for k in rows["e"]["scales"])
                  + " |", "|---|" + "---|---|---|" * len(rows["e"]["scales"])]
        qs = next(iter(rows["e"]["scales"].values()))["queries"]
        for q in qs:
            cells = []
            for sc in rows["e"]["scales"].values():
                x = sc["queries"][q]
                cells += [fmt(x["p50_ms"], 2), fmt(x["p99_ms"], 2), fmt(x["req_s"], 0)]
            lines.append(f"| {q} | " + " | ".join(cells) + " |")
        lines.append("")
        for k, sc in rows["e"]["scales"].items():
            lines.append(f"- {k}: {sc['artifacts']} artifacts ({sc['huge_versions']} versions of bench/huge, "
                         f"{sc['packages']} packages), bulk load {fmt(sc['load_seconds'])} s, LMDB "
                         f"{sc['lmdb_bytes'] / MiB:.0f} MiB, start-up with this store {sc['start_seconds_with_store']} s "
                         f"({sc.get('start_cpu_seconds')} CPU-seconds); checks {sc['checks']}")
        lines.append("")
    if "f" in rows:
        f = rows["f"]
        t = f.get("transfer", {})
        lines.append(f"Row f: peak RSS over rows a–d {fmt(f.get('rows_a_to_d_peak_rss_mib'))} MiB (anonymous memory "
                     f"{fmt(f.get('rows_a_to_d_sampled_peak_rss_anon_mib'))} MiB, the rest file pages); "
                     + (f"{t.get('size_mib')} MiB round trip at -Xmx256m: upload {t.get('upload_status')} at "
                        f"{fmt(t.get('upload_mb_s'))} MB/s, download sha256 ok {t.get('download_sha256_ok')}, peak RSS "
                        f"{fmt(t.get('peak_rss_mib'))} MiB (anonymous {fmt(t.get('sampled_peak_rss_anon_mib'))} MiB)."
                        if t else ""))
    if "g" in rows:
        g = rows["g"]
        lines.append(f"Row g: launch → /health/ready {g.get('first_start_seconds')} s on a fresh install "
                     f"({g.get('first_start_cpu_seconds')} CPU-seconds, load {g.get('first_start_load')}), "
                     f"{g.get('restart_seconds')} s on restart ({g.get('restart_cpu_seconds')} CPU-seconds, load "
                     f"{g.get('restart_load')}).")
    lines += ["", "| target | value | limit | met |", "|---|---|---|---|"]
    for t in res["targets"]:
        met = "yes" if t["met"] else ("no" if t["met"] is False else "n/a")
        lines.append(f"| {t['row']}: {t['target']} | {fmt(t['value'], 2)} {t['unit']} | {t['limit']} {t['unit']} | {met} |")
    return "\n".join(lines) + "\n"


def main():
    global LOG
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rows", default="abcdefg", help="rows to run, e.g. a,b (default: all)")
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk measurement (default 10)")
    p.add_argument("--warmup", type=int, default=5, help="seconds of unrecorded wrk warm-up per server/query")
    p.add_argument("--jvm-warmup", type=int, default=30,
                   help="seconds of unrecorded load on our server after each start, before rows a and e (default 30)")
    p.add_argument("--rounds", type=int, default=3, help="interleaved rounds of rows a, d and e (medians)")
    p.add_argument("--big-mib", type=int, default=256, help="size of the row b/c blobs")
    p.add_argument("--huge-mib", type=int, default=2048, help="size of the row f round trip")
    p.add_argument("--pool-segment", type=int, default=24000,
                   help="distinct 4 KiB blobs per row d measurement (the pool holds one segment per measurement); "
                        "must exceed what our server publishes in one measurement, or it re-publishes content it "
                        "already stores, which deduplication makes cheaper (reported as reused_content)")
    p.add_argument("--e-artifacts", type=int, default=1_000_000, help="artifacts in the large row e store")
    p.add_argument("--e-conns", type=int, default=4, help="wrk connections for row e")
    p.add_argument("--load-timeout", type=int, default=3600, help="seconds allowed for one bulk load")
    p.add_argument("--start-timeout", type=int, default=180, help="seconds allowed for our server to get ready")
    p.add_argument("--port-base", type=int, default=9480, help="ours; nginx +1, Distribution +2, Verdaccio +3")
    p.add_argument("--https-port", type=int, help="our HTTPS port (default: port base + 363)")
    p.add_argument("--tmpdir", help="where the temporary data directories go (default: $TMPDIR or /tmp)")
    p.add_argument("--profile", action="store_true", help="JFR recordings of our server per row into results/profiles")
    p.add_argument("--verdaccio-big-all", action="store_true", help="row c: all 3 publishes to Verdaccio, not 1")
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    p.add_argument("--name", help="result file name (default: the UTC start time)")
    p.add_argument("--quick", action="store_true", help="smoke test: 3 s runs, 1 round, 32 MiB, 10k artifacts")
    p.add_argument("--war", default=str(ROOT / "target" / "gpr.war"),
                   help="the WAR our server runs (default target/gpr.war); bench/ab.sh passes an older build's here")
    p.add_argument("--config", default=str(ROOT / "src" / "main" / "liberty" / "config"),
                   help="Liberty config dir (server.xml, jvm.options, server.env) for that WAR; bench/ab.sh passes the "
                        "older build's own, since a server.xml need not serve another build's WAR")
    args = p.parse_args()
    args.rows = set(args.rows.replace(",", "").lower())
    if args.quick:
        args.duration, args.warmup, args.rounds, args.big_mib, args.jvm_warmup = 3, 1, 1, 32, 5
        args.huge_mib, args.pool_segment, args.e_artifacts = 256, 2000, 10_000
    bad = args.rows - set("abcdefg")
    if bad:
        p.error(f"unknown rows {bad}")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    (BENCH / "results").mkdir(exist_ok=True)
    bench = Bench(args)
    LOG = open(bench.work / "bench.log", "a")
    try:
        bench.main()
    finally:
        stop_all()


if __name__ == "__main__":
    main()
