package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.cluster.ClusterReplicator;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.util.Map;

/** Renders the metadata store's statistics as JSON and as a small self-contained HTML page (no scripts). */
final class StoreDashboard {
    private StoreDashboard() {
    }

    static ObjectNode stats(StoreStats stats, long events) {
        ObjectNode out = Json.object();
        out.put("engine", "lmdb");
        out.put("map_size_bytes", stats.mapSizeBytes());
        out.put("used_bytes", stats.usedBytes());
        out.put("max_map_size_bytes", stats.maxMapSizeBytes());
        ObjectNode entries = out.putObject("entries");
        stats.entriesByDb().forEach(entries::put);
        out.put("events", events);
        return out;
    }

    /** {"mode":"single"}, or this node's id and replica figures and every node's last report. */
    static ObjectNode cluster(Stores stores) {
        ObjectNode out = Json.object();
        var lag = stores.replicaLag();
        if (lag.isEmpty()) {
            out.put("mode", "single");
            return out;
        }
        out.put("mode", "cluster");
        out.put("node_id", stores.nodeId());
        out.set("this_node", figures(lag.get().appliedSeq(), lag.get().headSeq(), lag.get().secondsBehind(),
                lag.get().rebuilt()));
        ArrayNode nodes = out.putArray("nodes");
        for (ClusterReplicator.NodeReport node : stores.clusterNodes()) {
            ObjectNode n = figures(node.appliedSeq(), node.headSeq(), node.secondsBehind(), node.rebuilt());
            n.put("node_id", node.nodeId());
            n.put("reported_at", java.time.Instant.ofEpochMilli(node.reportedAtMillis()).toString());
            nodes.add(n);
        }
        return out;
    }

    private static ObjectNode figures(long applied, long head, double secondsBehind, boolean rebuilt) {
        ObjectNode n = Json.object();
        n.put("applied_seq", applied);
        n.put("head_seq", head);
        n.put("events_behind", Math.max(0, head - applied));
        n.put("seconds_behind", secondsBehind);
        n.put("rebuilt", rebuilt);
        return n;
    }

    static String html(StoreStats stats, long events, String prefix, KeyPage page) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Metadata store</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}code{font-size:.9em}</style>")
                .append("</head><body><h1>Metadata store (LMDB)</h1><table>");
        row(html, "map size (bytes)", String.valueOf(stats.mapSizeBytes()));
        row(html, "used (bytes)", String.valueOf(stats.usedBytes()));
        row(html, "max map size (bytes)", String.valueOf(stats.maxMapSizeBytes()));
        for (Map.Entry<String, Long> e : stats.entriesByDb().entrySet()) {
            row(html, "entries in " + e.getKey(), String.valueOf(e.getValue()));
        }
        row(html, "events", String.valueOf(events));
        html.append("</table><h2>Keys");
        if (!prefix.isEmpty()) {
            html.append(" starting with <code>").append(escape(prefix)).append("</code>");
        }
        html.append("</h2><ul>");
        page.keys().forEach(k -> html.append("<li><code>").append(escape(k)).append("</code></li>"));
        html.append("</ul>");
        if (page.nextCursor() != null) {
            html.append("<p>More keys: <code>GET /admin/store/keys?cursor=").append(escape(page.nextCursor()))
                    .append("</code></p>");
        }
        return html.append("</body></html>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
