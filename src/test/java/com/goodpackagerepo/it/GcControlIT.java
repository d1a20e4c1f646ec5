package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GC admin API: who may use it, bad input, a scheduled run, cancel, gc.enabled=false. */
class GcControlIT {
    @Test
    void onlyAdminsAndBadInputGetsClearErrors() {
        String admin = Http.admin();
        String writer = Users.token("gc-writer", "read", "write");
        assertEquals(401, Http.get("/admin/gc/runs", null).status());
        assertEquals(403, Http.get("/admin/gc/runs", writer).status());
        assertEquals(403, Http.postJson("/admin/gc/runs", writer, "{\"dry_run\":true}").status());
        assertEquals(403, Http.get("/admin/gc/settings", writer).status());
        assertEquals(403, Http.putJson("/admin/gc/settings", writer, "{\"enabled\":false}").status());

        for (String body : List.of("{}", "{\"dry_run\":\"yes\"}", "{\"dry_run\":true,\"grace_seconds\":-1}",
                "{\"dry_run\":true,\"grace_seconds\":1.5}", "{\"dry_run\":true,\"namespace\":\"Not Valid!\"}")) {
            Http.Reply r = Http.postJson("/admin/gc/runs", admin, body);
            assertEquals(400, r.status(), body + ": " + r.body());
            assertEquals("VALIDATION_ERROR", r.errorCode(), body);
        }
        Http.Reply notJson = Http.postJson("/admin/gc/runs", admin, "{dry_run:");
        assertEquals(400, notJson.status());
        assertEquals("INVALID_JSON", notJson.errorCode());
        for (String body : List.of("{\"enabled\":\"off\"}", "{\"retention\":{\"keep_last_n_versions\":-3}}",
                "{\"sweep\":{\"schedule\":{\"rrule\":\"FREQ=NEVER\"}}}", "{\"sweep\":{\"mark\":{}}}")) {
            Http.Reply r = Http.putJson("/admin/gc/settings", admin, body);
            assertEquals(400, r.status(), body + ": " + r.body());
            assertEquals("VALIDATION_ERROR", r.errorCode(), body);
        }
        assertEquals(400, Http.putJson("/admin/gc/settings", admin, "[1,2]").status());
        Http.Reply unknown = Http.get("/admin/gc/runs/0000000000000-0000", admin);
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.errorCode());
        assertEquals(404, Http.postJson("/admin/gc/runs/nonsense/cancel", admin, "{}").status());
    }

    @Test
    void aScheduledRunFiresFromATestSchedule() {
        Instant changed = Instant.now();
        JsonNode before = Gc.change("{\"sweep\":{\"schedule\":{\"rrule\":\"FREQ=SECONDLY;INTERVAL=2\"}}}");
        try {
            JsonNode schedule = Http.get("/admin/gc/runs", Http.admin()).json().path("schedule");
            assertEquals("FREQ=SECONDLY;INTERVAL=2", schedule.path("rrule").asText());
            assertTrue(schedule.path("enabled").asBoolean());
            assertFalse(schedule.path("next_run_at").isNull(), schedule.toString());
            JsonNode fired = null;
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (fired == null && System.nanoTime() < end) {
                for (JsonNode run : Http.get("/admin/gc/runs", Http.admin()).json().path("runs")) {
                    if (run.path("trigger").asText().equals("schedule")
                            && Instant.parse(run.path("started").asText()).isAfter(changed)) {
                        fired = run;
                    }
                }
                Gc.sleep(250);
            }
            assertTrue(fired != null, "a scheduled run fired within a minute");
            assertEquals("scheduler", fired.path("by").asText());
            assertFalse(fired.path("dry_run").asBoolean());
        } finally {
            Gc.restore(before);
        }
        JsonNode schedule = Http.get("/admin/gc/runs", Http.admin()).json().path("schedule");
        assertEquals(before.path("sweep").path("schedule").path("rrule").asText(), schedule.path("rrule").asText());
    }

    @Test
    void aRunningRunCanBeCancelled() throws IOException {
        // enough (young, so never deleted) files that the sweep is still walking them when the cancel arrives
        List<Path> planted = new ArrayList<>();
        String prefix = Http.unique("cancel");
        try {
            for (int i = 0; i < 30_000; i++) {
                planted.add(Gc.plant((prefix + " filler " + i).getBytes()));
            }
            JsonNode started = Gc.start("{\"dry_run\":false}");
            String id = started.path("id").asText();
            Http.Reply cancel = Http.postJson("/admin/gc/runs/" + id + "/cancel", Http.admin(), "");
            assertEquals(202, cancel.status(), cancel.body());
            JsonNode run = Gc.await(id);
            assertEquals("cancelled", run.path("state").asText(), run.toString());
            assertTrue(run.path("young").asLong() < planted.size(), "it stopped before walking every file: " + run);
            assertFalse(run.path("finished").isNull());
            Http.Reply again = Http.postJson("/admin/gc/runs/" + id + "/cancel", Http.admin(), "");
            assertEquals(409, again.status(), "a finished run cannot be cancelled");
            assertEquals("CONFLICT", again.errorCode());
        } finally {
            for (Path file : planted) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void gcEnabledFalseRefusesRunsAndSchedulesNothing() {
        JsonNode before = Gc.change("{\"enabled\":false,\"sweep\":{\"schedule\":{\"rrule\":\"FREQ=SECONDLY;INTERVAL=1\"}}}");
        try {
            assertFalse(Gc.settings().path("effective").path("enabled").asBoolean());
            JsonNode schedule = Http.get("/admin/gc/runs", Http.admin()).json().path("schedule");
            assertFalse(schedule.path("enabled").asBoolean());
            assertTrue(schedule.path("next_run_at").isNull());
            Http.Reply refused = Http.postJson("/admin/gc/runs", Http.admin(), "{\"dry_run\":true}");
            assertEquals(409, refused.status(), refused.body());
            assertEquals("CONFLICT", refused.errorCode());
            assertTrue(refused.body().contains("turned off"), refused.body());
            Instant off = Instant.now();
            Gc.sleep(3000);
            for (JsonNode run : Http.get("/admin/gc/runs", Http.admin()).json().path("runs")) {
                assertFalse(Instant.parse(run.path("started").asText()).isAfter(off), "no run while off: " + run);
            }
        } finally {
            Gc.restore(before);
        }
        assertTrue(Gc.settings().path("effective").path("enabled").asBoolean());
        assertEquals("completed", Gc.run("{\"dry_run\":true}").path("state").asText(), "runs again once back on");
    }
}
