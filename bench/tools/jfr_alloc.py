#!/usr/bin/env python3
"""Allocation by class and by allocation site (first own frame) of a JFR recording, from jdk.ObjectAllocationSample.
Usage: jfr print --json --stack-depth 16 --events jdk.ObjectAllocationSample REC.jfr | bench/tools/jfr_alloc.py"""
import json,sys,collections
ev=json.load(sys.stdin)["recording"]["events"]
byclass=collections.Counter(); bysite=collections.Counter(); tot=0
for e in ev:
    v=e["values"]; w=int(v["weight"]); tot+=w
    byclass[v["objectClass"]["name"]]+=w
    fr=[f["method"]["type"]["name"]+"."+f["method"]["name"] for f in (v.get("stackTrace") or {}).get("frames",[])]
    site=next((f for f in fr if "goodpackagerepo" in f), fr[-1] if fr else "?")
    bysite[(fr[0] if fr else "?")+" <- "+site]+=w
for k,c in byclass.most_common(8): print(f"{100*c/tot:5.1f}% {k}")
print()
for k,c in bysite.most_common(12): print(f"{100*c/tot:5.1f}% {k}")
