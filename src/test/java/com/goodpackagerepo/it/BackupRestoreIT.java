package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Backup while serving → stop → wipe the data directory (and the database) → start with GPR_RESTORE_FROM →
 * every artifact fetches with its digest, tags, users and tokens are back.
 */
class BackupRestoreIT {
    private static final Path WLP = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"));
    private static final Path SERVER = WLP.resolve("usr/servers/gpr");

    @Test
    void backupWipeRestore() throws Exception {
        String admin = Http.admin();
        String user = Users.create("restored", "read", "write");
        String token = Http.login(user, Users.PASSWORD);
        String ns = Http.unique("backup");
        String[] versions = {"1.0.0", "1.1.0", "2.0.0-beta"};
        for (String v : versions) {
            assertEquals(201, Artifacts.publish(token, ns, "app", v, "x", "content of " + v).status());
        }
        assertEquals(200, Http.putJson("/v1/" + ns + "/app/tags/stable", token,
                "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}").status());
        Http.Reply created = Http.postJson("/auth/tokens", token, "{\"name\":\"ci-restore\",\"scopes\":[\"read\"]}");
        assertEquals(201, created.status(), created.body());
        String apiToken = created.json().path("token").asText();
        assertEquals(200, Http.get("/auth/me", apiToken).status());
        String loggedOut = Http.login(user, Users.PASSWORD);
        assertEquals(200, Http.postJson("/auth/logout", loggedOut, "").status());
        assertEquals(401, Http.get("/auth/me", loggedOut).status());
        long events = Http.get("/admin/events?limit=1", admin).json().path("length").asLong();

        Http.Reply backup = Http.send(Http.request("/admin/backups", admin).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, backup.status(), backup.body());
        Path dir = Path.of(backup.json().path("backup").path("path").asText());
        assertTrue(Files.isRegularFile(dir.resolve("lmdb/data.mdb")));
        assertTrue(backup.json().path("backup").path("blobs").asLong() >= 3);
        assertEquals(403, Http.send(Http.request("/admin/backups", token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).status());

        Path serverEnv = SERVER.resolve("server.env");
        String originalEnv = Files.exists(serverEnv) ? Files.readString(serverEnv) : null;
        try {
            server("stop");
            wipe(SERVER.resolve("data"));
            if (Gc.s3()) {
                // blobs in S3 (-Ppostgres): the backup holds the objects; restore them onto an emptied bucket
                wipe(Gc.BLOBS);
                Files.createDirectories(Gc.BLOBS);
            }
            if ("postgres".equals(System.getProperty("it.db"))) {
                psql("DROP SCHEMA IF EXISTS " + System.getProperty("it.db.schema", "gpr_ci") + " CASCADE");
            }
            Files.writeString(serverEnv, (originalEnv == null ? "" : originalEnv + "\n") + "GPR_RESTORE_FROM=" + dir + "\n");
            server("start");
            Http.awaitReady(Duration.ofSeconds(180));

            for (String v : versions) {
                Http.Reply blob = Http.get(Artifacts.blobPath(ns, "app", v, "x"), token);
                assertEquals(200, blob.status(), "restored " + v);
                assertEquals("content of " + v, blob.body());
                assertEquals("\"" + Artifacts.sha256("content of " + v) + "\"", blob.header("ETag"));
            }
            assertEquals("1.1.0", Http.get("/v1/" + ns + "/app/latest", token).json().path("version").asText());
            assertEquals("1.0.0", Http.get("/v1/" + ns + "/app/tags/stable", token).json().path("target_version").asText());
            assertEquals(events, Http.get("/admin/events?limit=1", admin).json().path("length").asLong());
            assertEquals(200, Http.get("/auth/me", token).status(), "tokens survive: the signing keys were restored");
            assertTrue(Http.login(user, Users.PASSWORD).length() > 20);
            assertEquals(200, Http.get("/auth/me", apiToken).status(), "API tokens are part of the backup");
            assertEquals(401, Http.get("/auth/me", loggedOut).status(), "a logged-out session stays revoked");
            assertEquals(409, Artifacts.publish(token, ns, "app", "1.0.0", "x", "again").status());
        } finally {
            // the restored admin keeps its password; put the bootstrap file back for later runs against this server
            Path passwordFile = SERVER.resolve("data/bootstrap-admin-password");
            if (!Files.exists(passwordFile)) {
                Files.createDirectories(passwordFile.getParent());
                Files.writeString(passwordFile, Http.ADMIN_PASSWORD + "\n");
            }
            if (originalEnv == null) {
                Files.deleteIfExists(serverEnv);
            } else {
                Files.writeString(serverEnv, originalEnv);
            }
        }
    }

    private static void wipe(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void psql(String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static void server(String action) throws Exception {
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, "gpr").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), action + " timed out");
        assertEquals(0, p.exitValue(), action + ": " + out);
    }
}
