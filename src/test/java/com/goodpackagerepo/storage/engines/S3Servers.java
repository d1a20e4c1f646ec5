package com.goodpackagerepo.storage.engines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The two S3 implementations the S3 blob store is tested against, each a plain java process started once per test
 * JVM from the jars the build copied out of the Maven repository (target/s3-servers; see pom.xml): s3proxy with its
 * file system backend, and Adobe S3Mock. Ports come from it.s3proxy.port / it.s3mock.port (Maven properties). The
 * processes end with the JVM.
 */
public final class S3Servers {
    public static final String ACCESS_KEY = "gprtest";
    public static final String SECRET_KEY = "gprtest-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Map<String, Server> STARTED = new ConcurrentHashMap<>();
    private static final List<Process> PROCESSES = new ArrayList<>();

    /** One running S3 server. */
    public record Server(String name, String endpoint) {
        @Override
        public String toString() {
            return name;
        }

        /** The schema definition of an S3 blob store in {@code bucket} on this server. */
        public ObjectNode storeDefinition(String bucket, String prefix) {
            ObjectNode def = Json.object();
            def.put("kind", "s3");
            def.put("bucket", bucket);
            def.put("prefix", prefix);
            def.put("endpoint", endpoint);
            def.put("region", "us-east-1");
            def.put("path_style", true);
            def.putObject("addressing").put("path_template", "sha256/{digest:0:2}/{digest}");
            return def;
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (PROCESSES) {
                PROCESSES.forEach(Process::destroy);
            }
        }));
    }

    private S3Servers() {
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Both servers, started concurrently on first use. */
    public static List<Server> all() {
        Thread mock = new Thread(S3Servers::s3mock);
        mock.start();
        Server proxy = s3proxy();
        try {
            mock.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of(proxy, s3mock());
    }

    public static Server s3proxy() {
        return STARTED.computeIfAbsent("s3proxy", name -> {
            int port = Integer.getInteger("it.s3proxy.port", 9394);
            Path dir = work(name);
            Path data = dir.resolve("data");
            Path conf = dir.resolve("s3proxy.conf");
            String endpoint = "http://127.0.0.1:" + port;
            try {
                Files.createDirectories(data);
                Files.writeString(conf, String.join("\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start(name, dir, List.of("-jar", jar("s3proxy.jar"), "--properties", conf.toString()), endpoint);
            return new Server(name, endpoint);
        });
    }

    public static Server s3mock() {
        return STARTED.computeIfAbsent("s3mock", name -> {
            int port = Integer.getInteger("it.s3mock.port", 9395);
            int httpsPort = Integer.getInteger("it.s3mock.https.port", 9396);
            Path dir = work(name);
            String endpoint = "http://127.0.0.1:" + port;
            start(name, dir, List.of("-jar", jar("s3mock.jar"), "--server.port=" + httpsPort,
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + dir.resolve("data"),
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN"), endpoint);
            return new Server(name, endpoint);
        });
    }

    private static Path work(String name) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gpr-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jar(String file) {
        Path jar = Path.of(System.getProperty("s3.servers.dir", "target/s3-servers")).resolve(file);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (mvn test) so that it copies the S3 servers");
        }
        return jar.toString();
    }

    private static void start(String name, Path dir, List<String> args, String endpoint) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            synchronized (PROCESSES) {
                PROCESSES.add(process);
            }
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!answers(endpoint)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " ended at start: " + tail(dir.resolve("server.log")));
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(name + " did not answer within " + START_TIMEOUT + ": "
                            + tail(dir.resolve("server.log")));
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
