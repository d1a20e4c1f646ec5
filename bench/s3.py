#!/usr/bin/env python3
"""Issue #15's benchmark row: our server with the file system blob store vs an S3 blob store on s3proxy (loopback,
file system backend), each measured for a 256 MiB upload, a 256 MiB download and 4 KiB GETs (wrk), and s3proxy's
own throughput for a plain PUT/GET of the same bytes (presigned SigV4 URLs, curl and wrk) as the limit.

Modes, one server start each: fs (the shipped schema), s3 (blob store "primary" in the bucket), s3-cache (the same
with the node-local read cache, gpr.s3.cache.max-bytes). Uses bench/bench.py's helpers (standard library, curl,
wrk); needs the build (`mvn package liberty:create`, which also copies target/s3-servers/s3proxy.jar).

    python3 bench/s3.py                        # about 6 minutes on two idle cores; bench/results/s3-<stamp>.{json,md}
    python3 bench/s3.py --quick                # a smoke test: 32 MiB, 3 s wrk runs, 1 round
"""
import argparse
import datetime
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench as b  # noqa: E402  (the helpers of bench/bench.py)

KEY_ID, SECRET, REGION, BUCKET = "gprbench", "gprbench-secret-key", "us-east-1", "gpr-bench"
MODES = ("fs", "s3", "s3-cache")


def presign(method, host, path, seconds=3600):
    """A SigV4 query-signed URL (the payload unsigned), as any S3 client would make it."""
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    scope = f"{day}/{REGION}/s3/aws4_request"
    query = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": f"{KEY_ID}/{scope}",
             "X-Amz-Date": amz_date, "X-Amz-Expires": str(seconds), "X-Amz-SignedHeaders": "host"}
    canonical_query = "&".join(f"{urllib.parse.quote(k, safe='')}={urllib.parse.quote(v, safe='')}"
                               for k, v in sorted(query.items()))
    canonical = "\n".join([method, urllib.parse.quote(path), canonical_query, f"host:{host}\n", "host",
                           "UNSIGNED-PAYLOAD"])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + SECRET).encode()
    for part in (day, REGION, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"http://{host}{urllib.parse.quote(path)}?{canonical_query}&X-Amz-Signature={signature}"


class S3Bench(b.Bench):
    def __init__(self, args):
        super().__init__(args)
        self.s3_port = args.s3_port or args.port_base + 30
        self.s3_dir = self.work / "s3proxy"
        self.results["rows"]["s3"] = {"what": "", "modes": {}}

    def s3proxy(self, action):
        env = dict(os.environ, GPR_S3_ACCESS_KEY_ID=KEY_ID, GPR_S3_SECRET_ACCESS_KEY=SECRET,
                   S3PROXY_JAR=self.args.s3proxy_jar)
        argv = [str(b.ROOT / "deploy" / "s3proxy.sh"), action, str(self.s3_dir)]
        if action == "start":
            argv += [str(self.s3_port), BUCKET]
        out = b.run(argv, 240, env=env)
        if out.returncode != 0:
            raise RuntimeError(f"s3proxy {action}: {out.stdout} {out.stderr}")
        b.log(out.stdout.strip())

    def schema(self):
        out = self.work / "schema-s3.json"
        res = b.run([str(b.ROOT / "deploy" / "s3proxy.sh"), "schema", str(b.ROOT / "seed" / "schema.json"), str(out),
                     f"http://127.0.0.1:{self.s3_port}", BUCKET, "blobs/"], 60)
        if res.returncode != 0:
            raise RuntimeError(res.stderr)
        return out

    def mode_env(self, mode):
        if mode == "fs":
            return {}
        env = {"GPR_SEED_SCHEMA": str(self.schema()), "GPR_S3_PRIMARY_ACCESS_KEY_ID": KEY_ID,
               "GPR_S3_PRIMARY_SECRET_ACCESS_KEY": SECRET}
        if mode == "s3-cache":
            env["GPR_S3_CACHE_MAX_BYTES"] = str(4 * self.args.big_mib * b.MiB)
            env["GPR_S3_CACHE_MAX_OBJECT_BYTES"] = str(2 * self.args.big_mib * b.MiB)
        return env

    def inputs(self):
        made = []
        for i in range(self.args.uploads):
            f = self.files / f"s3big{i}.bin"
            if not f.exists():
                b.random_file(f, self.args.big_mib * b.MiB)
            made.append(f)
        small = self.files / "s3small.bin"
        if not small.exists():
            b.random_file(small, 4096)
        return made, small

    def measure(self, label, put_url, get_url, wrk_url, auth, pid, big, small):
        """Uploads (distinct files), downloads and 4 KiB GETs against one server."""
        size = big[0].stat().st_size
        out = {"upload_mb_s": [], "download_mb_s": [], "get4k": []}
        headers = [f"Authorization: {auth}"] if auth else []
        for i, f in enumerate(big):
            status, secs, sent = b.curl_put(put_url(f"big{i}"), f, headers + ["Content-Type: application/octet-stream"])
            if status not in (200, 201) or sent != size:
                raise RuntimeError(f"{label}: upload {i} answered {status} after {sent} bytes")
            out["upload_mb_s"].append(round(size / secs / 1e6, 1))
            b.log(f"{label:9s} upload {i + 1}: {size / secs / 1e6:8.1f} MB/s (load {b.loadavg()})")
        b.curl_get(get_url("big0"), headers)  # unrecorded: JIT, page cache
        for r in range(3):
            status, secs, got = b.curl_get(get_url("big0"), headers)
            if status != 200 or got != size:
                raise RuntimeError(f"{label}: download answered {status} with {got} bytes")
            out["download_mb_s"].append(round(size / secs / 1e6, 1))
            b.log(f"{label:9s} download {r + 1}: {size / secs / 1e6:8.1f} MB/s")
        status, _, _ = b.curl_put(put_url("small"), small, headers + ["Content-Type: application/octet-stream"])
        if status not in (200, 201):
            raise RuntimeError(f"{label}: small upload answered {status}")
        script = b.BENCH / "lua" / "get.lua"
        b.wrk(wrk_url, 2, 32, self.args.warmup, script, {"BENCH_AUTH": auth or ""}, self.work / "wrk.json")
        for r in range(self.args.rounds):
            cpu0 = b.cpu_seconds(pid)
            res = b.wrk(wrk_url, 2, 32, self.args.duration, script, {"BENCH_AUTH": auth or ""}, self.work / "wrk.json")
            cpu = b.cpu_seconds(pid) - cpu0
            good = res["requests"] - res["errors"]["status"]
            secs = res["duration_us"] / 1e6
            out["get4k"].append({"req_s": round(good / secs, 1), "p50_ms": res["latency_us"]["p50"] / 1000,
                                 "p99_ms": res["latency_us"]["p99"] / 1000, "errors": res["errors"],
                                 "server_cpu_ms_per_req": round(cpu * 1000 / max(good, 1), 3), "load": b.loadavg()})
            b.log(f"{label:9s} 4 KiB GET round {r + 1}: {good / secs:8.0f} req/s, p99 {res['latency_us']['p99'] / 1000:.2f} ms,"
                  f" server CPU {cpu * 1000 / max(good, 1):.3f} ms/req")
        return {"upload_mb_s": b.median(out["upload_mb_s"]), "download_mb_s": b.median(out["download_mb_s"]),
                "get4k_req_s": b.median([x["req_s"] for x in out["get4k"]]),
                "get4k_p99_ms": b.median([x["p99_ms"] for x in out["get4k"]]),
                "get4k_server_cpu_ms_per_req": b.median([x["server_cpu_ms_per_req"] for x in out["get4k"]]),
                "raw": out}

    def run_s3proxy_limit(self, big, small):
        host = f"127.0.0.1:{self.s3_port}"
        url = lambda name: presign("PUT" if name.startswith("put:") else "GET", host,  # noqa: E731
                                   f"/{BUCKET}/plain/{name.split(':', 1)[1]}")
        pid = int((self.s3_dir / "s3proxy.pid").read_text())
        return self.measure("s3proxy", lambda n: url("put:" + n), lambda n: url("get:" + n), url("get:small"), None,
                            pid, big, small)

    def run_mode(self, mode, big, small):
        self.extra_env = self.mode_env(mode)
        data = self.work / f"data-{mode}"
        self.gpr_start(data, mode, fresh_server=True)
        try:
            self.gpr_login()
            port = self.port["gpr"]
            put = lambda n: f"http://127.0.0.1:{port}/v1/bench{mode.replace('-', '')}/{n}/1.0.0/x/blob"  # noqa: E731
            return self.measure(mode, put, put, put("small"), self.gpr_auth(), self.procs["gpr"].pid, big, small)
        finally:
            self.gpr_stop()

    def go(self):
        big, small = self.inputs()
        self.s3proxy("start")
        try:
            rows = self.results["rows"]["s3"]
            rows["what"] = (f"{self.args.big_mib} MiB upload ({self.args.uploads} distinct files, median) and download "
                            f"(median of 3, curl), 4 KiB GET (wrk 2 threads 32 connections, {self.args.duration}s x "
                            f"{self.args.rounds}, medians); s3proxy {self.args.s3proxy_jar} on loopback")
            rows["modes"]["s3proxy-plain"] = self.run_s3proxy_limit(big, small)
            for mode in self.args.modes.split(","):
                rows["modes"][mode] = self.run_mode(mode, big, small)
        finally:
            self.s3proxy("stop")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--modes", default=",".join(MODES), help="fs,s3,s3-cache (default: all)")
    p.add_argument("--big-mib", type=int, default=256)
    p.add_argument("--uploads", type=int, default=2, help="distinct big files uploaded per mode (default 2)")
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk round (default 10)")
    p.add_argument("--warmup", type=int, default=10, help="seconds of unrecorded wrk warm-up per server")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--port-base", type=int, default=9480, help="our server; s3proxy on base+30")
    p.add_argument("--https-port", type=int)
    p.add_argument("--s3-port", type=int, help="s3proxy's port (default: port base + 30)")
    p.add_argument("--start-timeout", type=int, default=300)
    p.add_argument("--tmpdir")
    p.add_argument("--quick", action="store_true", help="smoke test: 32 MiB, 3 s wrk runs, 1 round")
    p.add_argument("--name")
    p.add_argument("--war", default=str(b.ROOT / "target" / "gpr.war"))
    p.add_argument("--config", default=str(b.ROOT / "src" / "main" / "liberty" / "config"))
    p.add_argument("--s3proxy-jar", default=str(b.ROOT / "target" / "s3-servers" / "s3proxy.jar"))
    args = p.parse_args()
    args.profile = False
    args.jvm_warmup = 0
    if args.quick:
        args.big_mib, args.duration, args.warmup, args.rounds = 32, 3, 2, 1
    stamp = args.name or "s3-" + datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = b.BENCH / "results"
    out.mkdir(exist_ok=True)
    b.LOG = open(out / f"{stamp}.log", "w")
    signal.signal(signal.SIGTERM, b.on_signal)
    signal.signal(signal.SIGINT, b.on_signal)
    bench = S3Bench(args)
    started = time.monotonic()
    b.log(f"S3 benchmark {stamp}: load {b.loadavg()}, {b.cpu_pressure()}")
    try:
        bench.go()
    finally:
        b.stop_all()
        write(bench.results["rows"]["s3"], out, stamp, time.monotonic() - started)


def write(res, out, stamp, seconds):
    """The results so far (also of a run that failed or was stopped part-way)."""
    res["seconds"] = round(seconds)
    res["load_at_end"] = b.loadavg()
    res["cpus"] = os.cpu_count()
    (out / f"{stamp}.json").write_text(json.dumps(res, indent=2))
    lines = [f"# S3 blob store benchmark {stamp}", "", res["what"], "",
             f"Load average at the end: {res['load_at_end']} on {res['cpus']} CPUs; {res['seconds']} s.", "",
             "| | upload MB/s | download MB/s | 4 KiB GET req/s | p99 ms | server CPU ms/req |",
             "|---|---:|---:|---:|---:|---:|"]
    for mode, m in res["modes"].items():
        lines.append(f"| {mode} | {m['upload_mb_s']} | {m['download_mb_s']} | {m['get4k_req_s']} | "
                     f"{m['get4k_p99_ms']} | {m['get4k_server_cpu_ms_per_req']} |")
    (out / f"{stamp}.md").write_text("\n".join(lines) + "\n")
    b.log("\n".join(lines))
    b.log(f"results: {out / stamp}.{{json,md,log}}")

if __name__ == "__main__":
    main()
