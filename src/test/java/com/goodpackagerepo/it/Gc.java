package com.goodpackagerepo.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Garbage collection over the admin API for the integration tests: runs (waiting out one already running, since
 * runs go one at a time), the gc settings (changed and put back, as every IT shares one server), and the blob
 * files on disk (the server's data directory, found like the bootstrap password).
 */
final class Gc {
    static final Path DATA = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"), "usr/servers/gpr/data");
    /**
     * The blob directory: the server's, or (-Ppostgres: blobs in S3) the bucket's directory in s3proxy's file system
     * backend, where an object is a file under its key and the file's modification time is its last-modified time.
     */
    static final Path BLOBS = dir("it.blobs.dir", DATA.resolve("blobs"));
    /** Where uploads stage: blobs/.staging, or the S3 store's local staging directory. */
    static final Path STAGING = dir("it.blobs.staging.dir", BLOBS.resolve(".staging"));

    private static Path dir(String property, Path otherwise) {
        String value = System.getProperty(property, "");
        return value.isBlank() ? otherwise : Path.of(value);
    }

    /** True when the server under test keeps its blobs in S3 (-Ppostgres). */
    static boolean s3() {
        return "s3".equals(System.getProperty("it.blob.store"));
    }

    private Gc() {
    }

    /** Starts a run; while another runs (409 CONFLICT "still running") it retries for up to two minutes. */
    static JsonNode start(String body) {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Http.Reply r = Http.postJson("/admin/gc/runs", Http.admin(), body);
            if (r.status() == 202) {
                return r.json().path("run");
            }
            if (r.status() != 409 || !r.body().contains("still running") || System.nanoTime() > end) {
                throw new AssertionError("cannot start a gc run: " + r.status() + " " + r.body());
            }
            sleep(50);
        }
    }

    /** Waits until the run is no longer running and returns its full record. */
    static JsonNode await(String id) {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            Http.Reply r = Http.get("/admin/gc/runs/" + id, Http.admin());
            if (r.status() != 200) {
                throw new AssertionError("run " + id + ": " + r.status() + " " + r.body());
            }
            JsonNode run = r.json().path("run");
            if (!run.path("state").asText().equals("running")) {
                return run;
            }
            sleep(10);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    /** Starts a run and waits for its end. */
    static JsonNode run(String body) {
        return await(start(body).path("id").asText());
    }

    /**
     * Waits until a real run that started after {@code after} has completed, starting one when none is running
     * (several threads waiting at once share the runs).
     */
    static void awaitSweepAfter(Instant after) {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            boolean running = false;
            for (JsonNode run : Http.get("/admin/gc/runs", Http.admin()).json().path("runs")) {
                String state = run.path("state").asText();
                running |= state.equals("running");
                if (state.equals("completed") && !run.path("dry_run").asBoolean()
                        && run.path("grace_seconds").asLong() == 0
                        && Instant.parse(run.path("started").asText()).isAfter(after)) {
                    return;
                }
            }
            if (!running) {
                Http.postJson("/admin/gc/runs", Http.admin(), "{\"dry_run\":false,\"grace_seconds\":0}");
            }
            sleep(20);
        }
        throw new AssertionError("no sweep started after " + after + " completed");
    }

    static JsonNode settings() {
        Http.Reply r = Http.get("/admin/gc/settings", Http.admin());
        if (r.status() != 200) {
            throw new AssertionError("gc settings: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Merges a change into the gc section; returns the section as it was, for {@link #restore}. */
    static JsonNode change(String json) {
        JsonNode before = settings().path("gc");
        Http.Reply r = Http.putJson("/admin/gc/settings", Http.admin(), json);
        if (r.status() != 200) {
            throw new AssertionError("cannot change gc settings: " + r.status() + " " + r.body());
        }
        return before;
    }

    /** Puts back the editable fields of a section {@link #change} returned. */
    static void restore(JsonNode before) {
        String json = "{\"enabled\":" + before.path("enabled").asBoolean()
                + ",\"retention\":" + before.path("retention")
                + ",\"sweep\":{\"schedule\":{\"rrule\":" + Http.MAPPER.valueToTree(
                        before.path("sweep").path("schedule").path("rrule").asText(""))
                + "},\"sweep_unreferenced_after_seconds\":"
                + before.path("sweep").path("sweep_unreferenced_after_seconds").asLong(604800) + "}}";
        Http.Reply r = Http.putJson("/admin/gc/settings", Http.admin(), json);
        if (r.status() != 200) {
            throw new AssertionError("cannot restore gc settings: " + r.status() + " " + r.body());
        }
    }

    /**
     * The file of a blob under the shipped path template sha256/{0:2}/{2:2}/{digest}, or in S3 under the key
     * sha256/{0:2}/{digest} (the template deploy/s3proxy.sh gives the S3 seed schema).
     */
    static Path blobFile(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        if (s3()) {
            return BLOBS.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        }
        return BLOBS.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    /** PipelineWrites a file straight into the blob directory, as a crash between storing and committing would leave. */
    static Path plant(byte[] content) {
        Path file = blobFile(Artifacts.sha256(content));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Sets a file's modification time into the past: it has been unreferenced for that long. */
    static void age(Path file, Duration by) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
