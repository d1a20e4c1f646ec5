package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stops and starts the real server: users, keys (old tokens), config, artifacts, indexes, tags and events survive. */
class RestartIT {

    @Test
    void everythingSurvivesARestart() throws Exception {
        String admin = Http.admin();
        String user = Users.create("survivor", "read", "write");
        String userToken = Http.login(user, Users.PASSWORD);
        String ns = Http.unique("restart");
        assertEquals(201, Artifacts.publish(userToken, ns, "app", "1.0.0", "x", "before").status());
        assertEquals(201, Artifacts.publish(userToken, ns, "app", "1.1.0", "x", "before 2").status());
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/keep", userToken,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        long events = Http.get("/admin/events?limit=1", admin).json().path("length").asLong();
        long revision = Http.get("/admin/config", admin).json().path("config").path("revision").asLong();

        server("stop");
        server("start");
        Http.awaitReady(Duration.ofSeconds(180));

        assertEquals(200, Http.get("/auth/me", userToken).status(), "tokens signed before the restart still verify");
        assertEquals("1.1.0", Http.get("/v1/" + ns + "/app/latest", userToken).json().path("version").asText());
        assertEquals("before", Http.get(Artifacts.blobPath(ns, "app", "1.0.0", "x"), userToken).body());
        assertEquals("1.0.0", Http.get("/v1/" + ns + "/app/tags/keep", userToken).json().path("target_version").asText());
        assertEquals(2, Http.get("/v1/" + ns + "/app/versions", userToken).json().path("versions").size());
        assertEquals(events, Http.get("/admin/events?limit=1", admin).json().path("length").asLong());
        assertEquals(revision, Http.get("/admin/config", admin).json().path("config").path("revision").asLong());
        assertEquals(409, Artifacts.publish(userToken, ns, "app", "1.0.0", "x", "after").status());
        assertTrue(Http.login(user, Users.PASSWORD).length() > 20);
    }

    private static void server(String action) throws Exception {
        Path wlp = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"));
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "gpr")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), action + " timed out");
        assertEquals(0, p.exitValue(), action + ": " + out);
    }
}
