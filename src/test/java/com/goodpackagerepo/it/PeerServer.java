package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second instance of our own server, run by the tests: a Liberty server {@code gprpeer} beside the IT server
 * {@code gpr} in the same installation, with the same server.xml, jvm.options, server.env and application, but its own
 * ports ({@code it.peer.http.port}/{@code it.peer.https.port}), data directory, embedded database and
 * environment, and none of the IT server's bootstrap properties. The tests start it once they know the
 * secrets it needs in its environment, and stop it when done (a JVM shutdown hook stops it too).
 */
final class PeerServer {
    static final String NAME = "gprpeer";
    static final int HTTP_PORT = Integer.getInteger("it.peer.http.port", 9081);
    static final int HTTPS_PORT = Integer.getInteger("it.peer.https.port", 9444);
    static final String BASE = "http://localhost:" + HTTP_PORT;
    static final String ADMIN_PASSWORD = "Second-Instance-Passphrase-" + Long.toString(System.nanoTime(), 36);

    private static final Path WLP = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"));
    private static final Path DIR = WLP.resolve("usr/servers/" + NAME);
    private String adminToken;
    private Map<String, String> environment = Map.of();

    /** Creates the server afresh from the IT server's configuration and starts it with {@code env} added. */
    void start(Map<String, String> env) throws Exception {
        start(env, Duration.ofMinutes(5)); // a fresh install under a loaded CI machine
    }

    /** As {@link #start(Map)}, waiting up to {@code ready} for the application (a loaded machine needs more). */
    void start(Map<String, String> env, Duration ready) throws Exception {
        server("stop", Map.of()); // a copy left running by an interrupted run
        deleteTree(DIR);
        Path gpr = WLP.resolve("usr/servers/gpr");
        Files.createDirectories(DIR.resolve("apps"));
        Files.copy(gpr.resolve("server.xml"), DIR.resolve("server.xml"));
        Files.copy(gpr.resolve("jvm.options"), DIR.resolve("jvm.options"));
        // the shipped server.env and the scripts it runs (the restart on the last clean stop's work area)
        for (String file : new String[] {"server.env", "work-area-snapshot.sh", "class-data-sharing.sh"}) {
            if (Files.exists(gpr.resolve(file))) {
                Files.copy(gpr.resolve(file), DIR.resolve(file));
            }
        }
        try (Stream<Path> apps = Files.list(gpr.resolve("apps"))) {
            for (Path app : apps.filter(Files::isRegularFile).toList()) {
                Files.copy(app, DIR.resolve("apps").resolve(app.getFileName()));
            }
        }
        Path data = DIR.resolve("data");
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "HTTP_PORT", Integer.toString(HTTP_PORT), "HTTPS_PORT", Integer.toString(HTTPS_PORT),
                // its own management port: server.xml's default (${http.port+5}) does not follow HTTP_PORT, so without
                // this the peer's /metrics and /health answered with the IT server's (its management port)
                "GPR_MANAGEMENT_PORT", Integer.toString(HTTP_PORT + 5),
                "GPR_DATA_DIR", data.toString(), "GPR_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "GPR_DB_KIND", "h2", "GPR_DB_URL", "jdbc:h2:" + data.resolve("db/gpr") + ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE",
                "GPR_DB_USER", "gpr", "GPR_DB_PASSWORD", "gpr", "GPR_DB_DATASOURCE", "org.h2.jdbcx.JdbcDataSource"));
        all.putAll(env);
        environment = Map.copyOf(all);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        server("start", all);
        awaitReady(ready);
    }

    /** The server's directory (its data directory is {@code data} inside). */
    static Path dir() {
        return DIR;
    }

    /** Ends the server's JVM with SIGKILL: no shutdown hook, no clean stop (a crash). */
    void killHard() throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + NAME + ".pid")).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        handle.destroyForcibly();
        handle.onExit().get(60, TimeUnit.SECONDS);
        adminToken = null;
    }

    /** Starts the server again with {@code env} added to its environment (e.g. GPR_RESTORE_FROM). */
    long startAgain(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.putAll(env);
        environment = Map.copyOf(all);
        return startAgain();
    }

    /** Starts the server again on its existing data; the milliseconds from the start command to ready. */
    long startAgain() throws Exception {
        long started = System.nanoTime();
        server("start", environment);
        awaitReady(Duration.ofMinutes(5));
        adminToken = null;
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * CPU-seconds the server's JVM has used so far (user + system, all its threads, from /proc): unlike the wall
     * time to ready, moved much less by what else runs on the machine. -1 where /proc is not there.
     */
    double cpuSeconds() throws IOException {
        Path pidFile = WLP.resolve("usr/servers/.pid/" + NAME + ".pid");
        if (!Files.exists(pidFile)) {
            return -1;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return -1;
        }
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" "); // fields from the state on
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ is 100 on Linux
    }

    /** A clean stop, as an operator's. */
    void stopCleanly() throws Exception {
        server("stop", Map.of());
        adminToken = null;
    }

    void stop() {
        try {
            server("stop", Map.of());
        } catch (Exception e) {
            // best effort: the build's own cleanup does not know this server
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(120));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    Http.Reply get(String path) {
        return Http.send(request(path, admin()).GET().build());
    }

    Http.Reply putJson(String path, String json) {
        return Http.send(request(path, admin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A GET whose body is kept byte for byte (as ISO-8859-1 text, see {@link #bytes}). */
    Http.Reply getBytes(String path) {
        return sendForBytes(request(path, admin()).GET().build());
    }

    String admin() {
        if (adminToken == null) {
            Http.Reply r = Http.send(request("/auth/login", null).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build());
            assertEquals(200, r.status(), "peer admin login: " + r.body());
            adminToken = r.json().path("token").asText();
        }
        return adminToken;
    }

    static Http.Reply sendForBytes(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Http.Reply(r.statusCode(), r.headers().map(), new String(r.body(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The body of a reply read by {@link #sendForBytes}, as the bytes that were sent. */
    static byte[] bytes(Http.Reply reply) {
        return reply.body().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = Http.CLIENT.send(request("/health/ready", null).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) { // served by the application itself: it has started and is ready
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the peer server was not ready within " + timeout);
    }

    private static void server(String action, Map<String, String> env) throws Exception {
        if (action.equals("stop") && !Files.exists(DIR.resolve("server.xml"))) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, NAME).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), action + " timed out");
        if (action.equals("start")) {
            assertEquals(0, p.exitValue(), "server start " + NAME + ": " + out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
