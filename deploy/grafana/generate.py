# Generates good-package-repo.json (run from the repository root: python3 deploy/grafana/generate.py).
# Edit the panels here, not in the JSON; PrometheusLiveIT runs every query against a real Prometheus.
import json
DS = {"type": "prometheus", "uid": "${datasource}"}
I = 'instance=~"$instance"'
R = '$__rate_interval'
panels = []
y = 0
def row(title):
    global y
    panels.append({"type": "row", "title": title, "collapsed": False, "gridPos": {"h": 1, "w": 24, "x": 0, "y": y}, "panels": []})
    y += 1
def ts(title, targets, unit="short", w=12, x=0, h=8, desc=""):
    panels.append({
        "type": "timeseries", "title": title, "description": desc, "datasource": DS,
        "gridPos": {"h": h, "w": w, "x": x, "y": y},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}},
        "targets": [{"refId": chr(65 + i), "datasource": DS, "expr": e, "legendFormat": l} for i, (e, l) in enumerate(targets)],
    })
def stat(title, expr, unit="short", w=4, x=0, h=4, desc=""):
    panels.append({
        "type": "stat", "title": title, "description": desc, "datasource": DS,
        "gridPos": {"h": h, "w": w, "x": x, "y": y},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "value"},
        "targets": [{"refId": "A", "datasource": DS, "expr": expr, "legendFormat": "{{instance}}"}],
    })
def nl(h=8):
    global y
    y += h

row("Overview")
stat("Up", f'up{{job="gpr",{I}}}', x=0)
stat("Ready", f'gpr_ready{{{I}}}', x=4, desc="1 when every readiness check is UP")
stat("Requests/s", f'sum(rate(gpr_http_requests_seconds_count{{{I}}}[{R}]))', unit="reqps", x=8)
stat("5xx ratio", f'(sum(rate(gpr_http_requests_seconds_count{{{I},status=~"5.."}}[{R}])) or vector(0)) / sum(rate(gpr_http_requests_seconds_count{{{I}}}[{R}]))', unit="percentunit", x=12)
stat("Data disk free", f'gpr_data_disk_free_bytes{{{I}}} / gpr_data_disk_size_bytes{{{I}}}', unit="percentunit", x=16)
stat("Uptime", f'jvm_uptime_seconds{{{I}}}', unit="s", x=20)
nl(4)

row("Requests")
ts("Requests/s by route", [(f'sum by (route) (rate(gpr_http_requests_seconds_count{{{I}}}[{R}]))', "{{route}}")], unit="reqps", x=0)
ts("p99 latency by route", [(f'histogram_quantile(0.99, sum by (route, le) (rate(gpr_http_requests_seconds_bucket{{{I}}}[{R}])))', "{{route}}")], unit="s", x=12)
nl()
ts("p50 latency by route", [(f'histogram_quantile(0.5, sum by (route, le) (rate(gpr_http_requests_seconds_bucket{{{I}}}[{R}])))', "{{route}}")], unit="s", x=0)
ts("Requests/s by status", [(f'sum by (status) (rate(gpr_http_requests_seconds_count{{{I}}}[{R}]))', "{{status}}")], unit="reqps", x=12)
nl()

row("Errors")
ts("Errors/s by code", [(f'sum by (code) (rate(gpr_errors_total{{{I}}}[{R}]))', "{{code}}")], unit="reqps", x=0)
ts("Failed logins/min", [(f'sum(rate(gpr_http_requests_seconds_count{{{I},route="AuthResource.login",status=~"401|429"}}[{R}])) * 60 or vector(0)', "failed logins")], x=12)
nl()

row("Publishes and bytes")
ts("Publishes/s", [(f'sum(rate(gpr_events_total{{{I},type="artifact.published"}}[{R}])) or vector(0)', "published"),
                   (f'sum by (type) (rate(gpr_events_total{{{I}}}[{R}]))', "{{type}}")], unit="ops", x=0)
ts("Blob bytes in/out", [(f'sum(rate(gpr_blob_received_bytes_total{{{I}}}[{R}]))', "in"),
                         (f'sum(rate(gpr_blob_sent_bytes_total{{{I}}}[{R}]))', "out")], unit="Bps", x=12)
nl()

row("Storage")
ts("Data disk used", [(f'gpr_data_disk_size_bytes{{{I}}} - gpr_data_disk_free_bytes{{{I}}}', "{{instance}} used"),
                      (f'gpr_data_disk_size_bytes{{{I}}}', "{{instance}} size")], unit="bytes", x=0)
ts("Metadata store (LMDB)", [(f'gpr_lmdb_used_bytes{{{I}}}', "{{instance}} used"),
                             (f'gpr_lmdb_map_size_bytes{{{I}}}', "{{instance}} map"),
                             (f'gpr_lmdb_map_max_bytes{{{I}}}', "{{instance}} max")], unit="bytes", x=12)
nl()
ts("Entries and events", [(f'gpr_lmdb_entries{{{I}}}', "{{instance}} LMDB entries"),
                          (f'gpr_event_log_length{{{I}}}', "{{instance}} events")], x=0)
ts("Storage growth per hour", [(f'deriv(gpr_lmdb_used_bytes{{{I}}}[1h]) * 3600', "{{instance}} metadata"),
                               (f'deriv(gpr_data_disk_free_bytes{{{I}}}[1h]) * -3600', "{{instance}} disk")], unit="bytes", x=12)
nl()

row("Garbage collection")
ts("GC runs by state", [(f'sum by (state) (increase(gpr_gc_runs_total{{{I}}}[1h]))', "{{state}}")], x=0)
ts("GC freed bytes and swept blobs", [(f'increase(gpr_gc_freed_bytes_total{{{I}}}[1h])', "{{instance}} bytes freed"),
                                      (f'increase(gpr_gc_swept_blobs_total{{{I}}}[1h])', "{{instance}} blobs swept")], x=12)
nl()
ts("GC next run (seconds from now)", [(f'(gpr_gc_next_run_timestamp_seconds{{{I}}} > 0) - time() or gpr_gc_next_run_timestamp_seconds{{{I}}}', "{{instance}}")], unit="s", x=0)
ts("Access-log lines dropped", [(f'gpr_access_log_dropped_lines{{{I}}}', "{{instance}}")], x=12)
nl()

row("Caches")
ts("Cache hit ratio", [(f'sum by (cache) (rate(gpr_cache_hits_total{{{I}}}[{R}])) / (sum by (cache) (rate(gpr_cache_hits_total{{{I}}}[{R}])) + sum by (cache) (rate(gpr_cache_misses_total{{{I}}}[{R}])))', "{{cache}}")], unit="percentunit", x=0)
ts("Cache entries and size", [(f'gpr_cache_entries{{{I}}}', "{{cache}} entries"),
                              (f'gpr_cache_size_bytes{{{I}}}', "{{cache}} bytes"),
                              (f'gpr_cache_max_bytes{{{I}}}', "{{cache}} max bytes")], x=12)
nl()

row("Upstreams")
ts("Upstream health (1 up, 0 down, -1 unchecked)", [(f'gpr_upstream_up{{{I}}}', "{{upstream}}")], x=0)
ts("Circuit state (0 closed, 1 open, 2 half-open)", [(f'gpr_upstream_circuit_state{{{I}}}', "{{upstream}}")], x=12)
nl()
ts("Upstream fetches/s by outcome", [(f'sum by (upstream, outcome) (rate(gpr_upstream_fetches_total{{{I}}}[{R}]))', "{{upstream}} {{outcome}}")], unit="ops", x=0, w=24)
nl()

row("JVM")
ts("Heap", [(f'memory_usedHeap_bytes{{{I}}}', "{{instance}} used"), (f'memory_maxHeap_bytes{{{I}}}', "{{instance}} max")], unit="bytes", x=0, w=8)
ts("GC time per second", [(f'sum by (name) (rate(gc_time_seconds{{{I}}}[{R}]))', "{{name}}")], unit="s", x=8, w=8)
ts("Threads and CPU", [(f'thread_count{{{I}}}', "{{instance}} threads"), (f'cpu_processCpuLoad_percent{{{I}}}', "{{instance}} CPU")], x=16, w=8)
nl()

dash = {
    "title": "Good Package Repo",
    "uid": "good-package-repo",
    "description": "Requests, errors, publishes, storage, garbage collection, caches, upstreams and JVM of Good Package Repo (docs/operations.md)",
    "tags": ["gpr", "artifact-repository"],
    "timezone": "browser",
    "schemaVersion": 39,
    "version": 1,
    "editable": True,
    "refresh": "30s",
    "time": {"from": "now-6h", "to": "now"},
    "templating": {"list": [
        {"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus", "current": {}, "hide": 0},
        {"name": "instance", "type": "query", "datasource": DS, "query": {"query": "label_values(gpr_ready, instance)", "refId": "instance"},
         "definition": "label_values(gpr_ready, instance)", "includeAll": True, "multi": True, "allValue": ".*",
         "current": {"text": "All", "value": "$__all"}, "refresh": 2, "label": "Instance", "hide": 0},
    ]},
    "annotations": {"list": []},
    "panels": panels,
}
json.dump(dash, open("deploy/grafana/good-package-repo.json", "w"), indent=2)
print(sum(len(p.get("targets", [])) for p in panels), "queries")
