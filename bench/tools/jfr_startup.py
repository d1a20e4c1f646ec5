#!/usr/bin/env python3
"""Start-up share by component of a JFR recording taken from launch (tools/probe.py): samples up to the readiness
time are attributed to every component whose package appears on the stack, plus GC and JIT totals before it.
Usage: bench/tools/jfr_startup.py RECORDING.jfr 2026-11-27T07:12:47   (UTC readiness time, to the second)"""
import json, subprocess, collections, sys
cut = sys.argv[2]  # ISO time prefix of readiness, e.g. 2026-11-27T07:12:47
def ev(kind):
    return json.loads(subprocess.run(["jfr","print","--json","--stack-depth","64","--events",kind,sys.argv[1]],capture_output=True,text=True).stdout)["recording"]["events"]
def sec(v): return float(v[2:-1]) if isinstance(v,str) and v.startswith("PT") and v.endswith("S") else 0.0
ex=[e for e in ev("jdk.ExecutionSample") if e["values"]["startTime"][:19] <= cut]
print("samples before ready:", len(ex))
cats=collections.Counter()
rules=[("OpenAPI","openapi"),("EclipseLink/JPA","eclipse.persistence"),("Flyway","flywaydb"),("H2","org.h2"),
 ("Weld/CDI","jboss.weld"),("RESTEasy","resteasy"),("annotation/class scanning","anno"),("bcrypt","bcrypt"),
 ("RSA keygen","RSAKeyPairGenerator"),("JSON schema validator","networknt"),("our startup","goodpackagerepo"),
 ("Liberty feature/kernel","kernel.feature"),("OSGi/Equinox","eclipse.osgi"),("class loading","ClassLoader"),
 ("MicroProfile Telemetry","opentelemetry"),("Metrics","metrics")]
for e in ex:
    fr=[(f["method"]["type"]["name"]+"."+f["method"]["name"]).replace("/",".") for f in (e["values"].get("stackTrace") or {}).get("frames",[])]
    s=" ".join(fr)
    hit=[n for n,k in rules if k in s]
    for n in set(hit): cats[n]+=1
for n,c in cats.most_common(): print(f"{100*c/len(ex):5.1f}%  {n}")
gcs=[e for e in ev("jdk.GarbageCollection") if e["values"]["startTime"][:19] <= cut]
print("GC before ready:", len(gcs), "pauses ms", round(1000*sum(sec(e["values"]["sumOfPauses"]) for e in gcs)))
comp=[e for e in ev("jdk.Compilation") if e["values"]["startTime"][:19] <= cut]
print("JIT compilations >threshold before ready:", len(comp), "seconds", round(sum(sec(e["values"]["duration"]) for e in comp),1))
cl=ev("jdk.ClassLoadingStatistics")
cl=[e for e in cl if e["values"]["startTime"][:19] <= cut]
if cl: print("classes loaded at ready:", cl[-1]["values"]["loadedClassCount"])
