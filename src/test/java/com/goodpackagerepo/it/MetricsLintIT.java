package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import com.goodpackagerepo.ops.Promtool;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check metrics} on the live /metrics of the IT server, after traffic that makes the lazily
 * registered metrics appear (a publish, a download, an error, a failed login, a GC dry run): no finding for any
 * {@code gpr_*} metric (help text, units in names, counters ending in _total, …).
 */
class MetricsLintIT {

    @Test
    void ourMetricsLintClean() throws Exception {
        Promtool.assumeInstalled();
        String admin = Http.admin();
        String ns = Http.unique("lint");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "lint me").status());
        assertEquals(200, Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), admin).status());
        assertEquals(404, Http.get(Artifacts.blobPath(ns, "app", "9.9.9", "x"), admin).status());
        Http.postJson("/auth/login", null, "{\"username\":\"" + Http.unique("nobody") + "\",\"password\":\"wrong-password-1\"}");
        Http.postJson("/admin/gc/runs", admin, "{\"dry_run\":true}");

        String text = Http.get("/metrics", Http.SCRAPE).body();
        for (String name : List.of("gpr_http_requests_seconds", "gpr_errors_total", "gpr_events_total",
                "gpr_blob_received_bytes_total", "gpr_blob_sent_bytes_total", "gpr_cache_hits_total", "gpr_ready",
                "gpr_data_disk_free_bytes", "gpr_lmdb_map_max_bytes", "gpr_gc_next_run_timestamp_seconds")) {
            assertTrue(text.contains("# HELP " + name + " "), name + " exported with help text");
        }
        Promtool.Result lint = Promtool.run(text, 60, "check", "metrics");
        String ours = lint.output().lines().filter(l -> l.startsWith("gpr_")).collect(Collectors.joining("\n"));
        assertEquals("", ours, "promtool check metrics findings for gpr_* metrics");
        assertTrue(text.lines().filter(l -> l.startsWith("# HELP gpr_")).noneMatch(l -> l.strip().split(" ", 4).length < 4),
                "every gpr_ metric has a non-empty help text");
    }
}
