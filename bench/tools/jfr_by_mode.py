#!/usr/bin/env python3
"""The CPU samples of one side's JFR recording from bench/tools/cpu_ab.py (JFR=1) that fall inside that side's
measurements of one mode (their t0/t1 in cpu_ab's JSON), so a run of modes a and d16 gives a row-a-only profile:
share of samples under our main request-path frames, and of samples with no frame of ours.
Usage: bench/tools/jfr_by_mode.py A.jfr cpu-ab.json A a"""
import json, sys, collections, subprocess, datetime
jfr, ab, side, mode = sys.argv[1:5]
rounds = json.load(open(ab))["rounds"][side][mode]
wins = [(r["t0"], r["t1"]) for r in rounds]
raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", jfr], capture_output=True, text=True, check=True).stdout
ev = json.loads(raw)["recording"]["events"]
def ts(e):
    return datetime.datetime.fromisoformat(e["values"]["startTime"].replace("Z", "+00:00")).timestamp()
sel = [e for e in ev if any(a <= ts(e) <= b for a, b in wins)]
def fr(e):
    return [f"{f['method']['type']['name']}.{f['method']['name']}".replace('/', '.') for f in e['values']['stackTrace']['frames']]
n = len(sel); print(f"{side} {mode}: {n} of {len(ev)} samples in its {len(wins)} windows")
keys = ["ConfiguredRouteFilter.serve", "BearerAuthentication.authenticate", "TokenService.verify", "VerifiedTokens$Key.of",
        "CurrentPrincipal$Proxy", "RouteLabel$Proxy", "RouteDispatcher.dispatch", "PipelineExecutor.run", "Interpolator.",
        "CacheOps", "ResponseCache", "InlineBlob", "ResultWriter", "RequestRecorder", "AccessLog.record",
        "RepositoryMetrics", "HttpHardeningFilter.securityHeaders", "RequestBudget.threadCpuNanos", "JsonSchemaCheck"]
c = collections.Counter()
own = collections.Counter()
for e in sel:
    fs = fr(e)
    for k in keys:
        if any(k in f for f in fs): c[k] += 1
    firsts = [f for f in fs if f.startswith("com.goodpackagerepo")]
    if not firsts: own["(no own frame)"] += 1
for k in keys: print(f"  {100*c[k]/max(n,1):5.1f}%  {k}")
print(f"  {100*own['(no own frame)']/max(n,1):5.1f}%  (no com.goodpackagerepo frame: Liberty channel/web container, GC-free JVM threads)")
