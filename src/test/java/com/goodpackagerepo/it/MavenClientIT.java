package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Maven repository layout with the real Maven client: a multi-module project (parent pom, a library with
 * sources and javadoc jars, an app) is deployed with {@code mvn deploy}, a second project builds against it from
 * an empty local repository whose only repository is this server, a -SNAPSHOT is deployed twice, and the
 * refusals a client can meet are checked over HTTP. Each Maven run gets its own empty local repository under
 * target/; plugins come from the build's own local repository (see src/test/resources/maven-it/settings.xml).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MavenClientIT {
    private static final Path WORK = Path.of("target", "maven-it");
    private static final String GROUP = "it.maven." + Long.toString(System.nanoTime(), 36);
    private static final String GROUP_PATH = GROUP.replace('.', '/');
    private static String user;
    private static String token;

    @BeforeAll
    static void deployer() {
        Http.awaitReady(java.time.Duration.ofMinutes(3));
        user = Users.create("mvn", "read", "write");
        String session = Http.login(user, Users.PASSWORD);
        Http.Reply created = Http.postJson("/auth/tokens", session, "{\"name\":\"maven\",\"scopes\":[\"read\",\"write\"]}");
        assertEquals(201, created.status(), created.body());
        token = created.json().path("token").asText();
    }

    @Test
    @Order(1)
    void mvnDeployPublishesEveryModuleVisibleThroughV1AndCatalog() throws Exception {
        Path project = project("producer", "1.0.0", "deploy-release");
        Run run = mvn(project, "releases", "deploy-release", "deploy");
        assertEquals(0, run.exit(), run.log());
        // Every module's files, stored as artifacts of the generic model.
        for (String variant : List.of("jar", "pom", "sources-jar", "javadoc-jar")) {
            assertEquals(200, Http.get("/v1/" + GROUP + "/core/1.0.0/" + variant + "/blob", token).status(), variant);
        }
        assertEquals(200, Http.get("/v1/" + GROUP + "/parent/1.0.0/pom/blob", token).status());
        assertEquals(200, Http.get("/v1/" + GROUP + "/app/1.0.0/jar/blob", token).status());
        assertTrue(Http.get("/v1/" + GROUP + "/core/versions", token).body().contains("\"1.0.0\""));
        assertTrue(Http.get("/v1/catalog?q=" + GROUP, token).body().contains(GROUP));
        // Generated metadata and checksums the server computed from the stored bytes.
        String metadata = Http.get(maven("releases", GROUP_PATH + "/core/maven-metadata.xml"), token).body();
        assertTrue(metadata.contains("<release>1.0.0</release>"), metadata);
        assertTrue(metadata.contains("<groupId>" + GROUP + "</groupId>"), metadata);
        byte[] jar = bytes(maven("releases", GROUP_PATH + "/core/1.0.0/core-1.0.0.jar"));
        for (String[] algo : new String[][] {{"sha1", "SHA-1"}, {"md5", "MD5"}, {"sha256", "SHA-256"}, {"sha512", "SHA-512"}}) {
            String stated = Http.get(maven("releases", GROUP_PATH + "/core/1.0.0/core-1.0.0.jar." + algo[0]), token).body();
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance(algo[1]).digest(jar)), stated.strip(), algo[0]);
        }
        Http.Reply head = Http.head(maven("releases", GROUP_PATH + "/core/1.0.0/core-1.0.0.jar"), token);
        assertEquals(200, head.status());
        assertEquals(String.valueOf(jar.length), head.header("Content-Length"));
    }

    @Test
    @Order(2)
    void aSecondProjectBuildsAgainstItFromAnEmptyLocalRepository() throws Exception {
        Path consumer = project("consumer", "1.0.0", "consume-release");
        Run run = mvn(consumer, "releases", "consume-release", "compile");
        assertEquals(0, run.exit(), run.log());
        Path local = WORK.resolve("repo-consume-release").resolve(GROUP_PATH);
        assertTrue(Files.exists(local.resolve("core/1.0.0/core-1.0.0.jar")), "core resolved transitively");
        assertTrue(Files.exists(local.resolve("core/1.0.0/core-1.0.0-sources.jar")), "sources jar resolved");
        assertTrue(Files.exists(consumer.resolve("target/classes/com/example/gpr/consumer/Consumer.class")));
        // Maven sent no credentials until the server challenged it with Basic.
        assertTrue(run.log().contains("BUILD SUCCESS"), run.log());
    }

    @Test
    @Order(3)
    void aSecondReleaseDeployIsRefused() throws Exception {
        Run again = mvn(project("producer", "1.0.0", "deploy-release-again"), "releases", "deploy-release-again", "deploy");
        assertNotEquals(0, again.exit(), again.log());
        assertTrue(again.log().contains("409"), again.log());
        Http.Reply put = put(maven("releases", GROUP_PATH + "/core/1.0.0/core-1.0.0.jar"), basic(user, token), "other".getBytes());
        assertEquals(409, put.status(), put.body());
        assertEquals("ALREADY_EXISTS", put.errorCode());
    }

    @Test
    @Order(4)
    void aSnapshotDeployedTwiceResolvesToTheNewestBuild() throws Exception {
        assertEquals(0, mvn(project("producer", "1.1-SNAPSHOT", "snap-1"), "snapshots", "snap-1", "deploy").exit());
        Run second = mvn(project("producer", "1.1-SNAPSHOT", "snap-2"), "snapshots", "snap-2", "deploy");
        assertEquals(0, second.exit(), second.log());
        String metadata = Http.get(maven("snapshots", GROUP_PATH + "/core/1.1-SNAPSHOT/maven-metadata.xml"), token).body();
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("<snapshotVersion>\\s*<extension>jar</extension>\\s*<value>([^<]+)</value>").matcher(metadata);
        while (m.find()) {
            values.add(m.group(1));
        }
        assertEquals(2, values.size(), metadata);
        assertTrue(values.get(0).endsWith("-2") && values.get(1).endsWith("-1"), metadata);
        assertTrue(metadata.contains("<buildNumber>2</buildNumber>"), metadata);
        String artifactLevel = Http.get(maven("snapshots", GROUP_PATH + "/core/maven-metadata.xml"), token).body();
        assertTrue(artifactLevel.contains("<version>1.1-SNAPSHOT</version>"), artifactLevel);
        assertTrue(!artifactLevel.contains("<version>1.0.0</version>"), "releases are not listed in snapshots");

        Run consume = mvn(project("consumer", "1.1-SNAPSHOT", "consume-snapshot"), "snapshots", "consume-snapshot", "compile");
        assertEquals(0, consume.exit(), consume.log());
        Path version = WORK.resolve("repo-consume-snapshot").resolve(GROUP_PATH).resolve("core/1.1-SNAPSHOT");
        try (Stream<Path> files = Files.list(version)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("core-" + values.get(0) + ".jar")),
                    "the newest build " + values.get(0) + " was resolved");
        }
        // The plain -SNAPSHOT file name answers with the newest build's bytes.
        byte[] newest = bytes(maven("snapshots", GROUP_PATH + "/core/1.1-SNAPSHOT/core-" + values.get(0) + ".jar"));
        byte[] plain = bytes(maven("snapshots", GROUP_PATH + "/core/1.1-SNAPSHOT/core-1.1-SNAPSHOT.jar"));
        assertEquals(HexFormat.of().formatHex(newest), HexFormat.of().formatHex(plain));
    }

    @Test
    @Order(5)
    void refusalsAreClearJson() {
        String base = GROUP_PATH + "/edge/2.0/edge-2.0.jar";
        assertEquals(201, put(maven("releases", base), basic(user, token), "edge".getBytes()).status());
        Http.Reply wrongSum = put(maven("releases", base + ".sha1"), basic(user, token), "0000000000000000000000000000000000000000".getBytes());
        assertEquals(400, wrongSum.status(), wrongSum.body());
        assertEquals("DIGEST_MISMATCH", wrongSum.errorCode());
        Http.Reply rightSum = put(maven("releases", base + ".sha1"), basic(user, token),
                (sha1("edge") + "  edge-2.0.jar").getBytes());
        assertEquals(201, rightSum.status(), rightSum.body());

        Http.Reply wrongToken = get(maven("releases", base), basic(user, "gpr_000000000000000000000000_" + "a".repeat(43)));
        assertEquals(401, wrongToken.status());
        assertEquals("UNAUTHORIZED", wrongToken.errorCode());
        assertTrue(wrongToken.header("WWW-Authenticate").startsWith("Basic realm="), wrongToken.header("WWW-Authenticate"));
        Http.Reply otherUser = get(maven("releases", base), basic("someone-else", token));
        assertEquals(401, otherUser.status());
        Http.Reply password = get(maven("releases", base), basic(user, Users.PASSWORD));
        assertEquals(401, password.status(), "passwords over Basic are off by default");
        Http.Reply anonymous = get(maven("releases", base), null);
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic realm="));
        Http.Reply bearer = Http.get(maven("releases", base), token);
        assertEquals(200, bearer.status());
        assertEquals("edge", bearer.body());

        Http.Reply outside = get(maven("releases", "just-a-file.jar"), basic(user, token));
        assertEquals(400, outside.status(), outside.body());
        assertEquals("VALIDATION_ERROR", outside.errorCode());
        Http.Reply wrongName = put(maven("releases", GROUP_PATH + "/edge/2.0/other-2.0.jar"), basic(user, token), "x".getBytes());
        assertEquals(400, wrongName.status());
        Http.Reply renamed = put(maven("releases", "Com/Example/edge/2.0/edge-2.0.jar"), basic(user, token), "x".getBytes());
        assertEquals(400, renamed.status());
        assertTrue(renamed.body().contains("groupId 'Com.Example' would be stored as 'com.example'"), renamed.body());
        Http.Reply snapshotInReleases = put(maven("releases", GROUP_PATH + "/edge/2.1-SNAPSHOT/edge-2.1-SNAPSHOT.jar"),
                basic(user, token), "x".getBytes());
        assertEquals(400, snapshotInReleases.status());
        assertEquals(404, get(maven("nowhere", base), basic(user, token)).status());
        assertEquals(404, get(maven("releases", GROUP_PATH + "/edge/9.9/edge-9.9.jar"), basic(user, token)).status());
        Http.Reply badMetadata = put(maven("releases", GROUP_PATH + "/edge/maven-metadata.xml"), basic(user, token),
                "<metadata><groupId>other</groupId><artifactId>edge</artifactId></metadata>".getBytes());
        assertEquals(400, badMetadata.status(), badMetadata.body());
        Http.Reply inventedVersion = put(maven("releases", GROUP_PATH + "/edge/maven-metadata.xml"), basic(user, token),
                ("<metadata><groupId>" + GROUP + "</groupId><artifactId>edge</artifactId><versioning><versions>"
                        + "<version>7.0</version></versions></versioning></metadata>").getBytes());
        assertEquals(409, inventedVersion.status(), inventedVersion.body());
        Http.Reply readOnly = put(maven("releases", GROUP_PATH + "/edge/2.2/edge-2.2.jar"),
                "Bearer " + Users.token("mvnro", "read"), "x".getBytes());
        assertEquals(403, readOnly.status());
    }

    @Test
    @Order(6)
    void theSameBytesPublishedBothWaysAreOneBlob() {
        String body = "shared bytes " + GROUP;
        Http.Reply generic = Http.putBytes("/v1/" + GROUP + "/shared/1.0.0/bin/blob", token, body.getBytes());
        assertEquals(201, generic.status(), generic.body());
        Http.Reply viaMaven = put(maven("releases", GROUP_PATH + "/shared-maven/1.0.0/shared-maven-1.0.0.bin"), basic(user, token),
                body.getBytes());
        assertEquals(201, viaMaven.status(), viaMaven.body());
        assertEquals(generic.json().path("digest").asText(), viaMaven.json().path("digest").asText());
    }

    @Test
    @Order(7)
    void snapshotsAreOverwritableAndEveryDeployIsAnEvent() {
        String file = maven("snapshots", GROUP_PATH + "/over/3.0-SNAPSHOT/over-3.0-20261203.100000-1.jar");
        assertEquals(201, put(file, basic(user, token), "first".getBytes()).status());
        // The shipped gc.retention.immutable_after_publish forbids giving a deleted key other bytes: refused
        // before anything is deleted.
        Http.Reply refused = put(file, basic(user, token), "second".getBytes());
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("immutable_after_publish"), refused.body());
        assertEquals("first", Http.get(file, token).body(), "the stored build is untouched");
        String admin = Http.admin();
        assertEquals(200, Http.putJson("/admin/gc/settings", admin, "{\"retention\":{\"immutable_after_publish\":false}}").status());
        try {
            Http.Reply again = put(file, basic(user, token), "second".getBytes());
            assertEquals(201, again.status(), again.body());
        } finally {
            assertEquals(200, Http.putJson("/admin/gc/settings", admin, "{\"retention\":{\"immutable_after_publish\":true}}").status());
        }
        assertEquals("second", Http.get(file, token).body());
        assertEquals(200, Http.get(file + ".sha1", token).status());
        long deploys = Events.find(admin, "artifact.published", "namespace", GROUP).stream()
                .filter(e -> e.path("payload").path("name").asText().equals("over")).count();
        assertEquals(2, deploys, "both deploys are artifact.published events");
        assertEquals(1, Events.find(admin, "artifact.deleted", "namespace", GROUP).stream()
                .filter(e -> e.path("payload").path("name").asText().equals("over")).count(), "the overwrite deleted the first");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private record Run(int exit, String log) {
    }

    private static String maven(String repository, String path) {
        return "/maven/" + repository + "/" + path;
    }

    private static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Http.Reply get(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.BASE + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return Http.send(b.build());
    }

    private static Http.Reply put(String path, String authorization, byte[] body) {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.BASE + path)).header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] bytes(String path) throws Exception {
        var response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(Http.BASE + path))
                .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a project from src/test/resources/maven-it with this run's group and version. */
    private static Path project(String name, String version, String runId) throws IOException {
        Path source = Path.of("src/test/resources/maven-it", name);
        Path target = WORK.resolve(runId).resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(file).replace("@GROUP@", GROUP).replace("@VERSION@", version));
                }
            }
        }
        return target;
    }

    /** Runs Maven in {@code project} against {@code repository} with an empty local repository of its own. */
    private static Run mvn(Path project, String repository, String runId, String goal) throws Exception {
        Path settings = WORK.resolve(runId).resolve("settings.xml");
        Path pluginRepo = Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath();
        Files.writeString(settings, Files.readString(Path.of("src/test/resources/maven-it/settings.xml"))
                .replace("@USER@", user).replace("@TOKEN@", token)
                .replace("@REPO_URL@", Http.BASE + "/maven/" + repository)
                .replace("@PLUGIN_REPO@", pluginRepo.toUri().toString()));
        Path local = WORK.resolve("repo-" + runId).toAbsolutePath();
        Path log = WORK.resolve(runId).resolve("mvn.log");
        List<String> command = List.of(System.getProperty("it.mvn", "mvn"), "-B", "-ntp", "-e", "-s",
                settings.toAbsolutePath().toString(), "-Dmaven.repo.local=" + local, "-Dgpr.url=" + Http.BASE,
                "-DskipTests", goal);
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + goal + " did not finish in 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
