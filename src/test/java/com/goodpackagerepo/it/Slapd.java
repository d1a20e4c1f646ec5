package com.goodpackagerepo.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away OpenLDAP server for the directory tests: Debian's slapd with a small slapd.conf, its own data
 * directory and the given LDIF, listening on 127.0.0.1:{@code it.ldap.port} (9389 by default) or a given port. The tests skip when
 * slapd is not installed ({@code .ci/run} installs it).
 */
public final class Slapd {
    static final Path SLAPD = Path.of("/usr/sbin/slapd");
    static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    static final int PORT = Integer.getInteger("it.ldap.port", 9389);
    public static final String SUFFIX = "dc=gpr,dc=test";
    public static final String ROOT_DN = "cn=admin," + SUFFIX;
    public static final String ROOT_PASSWORD = "directory-root-secret";

    private final Path dir;
    private final int port;
    private Process process;

    Slapd(Path dir) {
        this(dir, PORT);
    }

    public Slapd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD);
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    /** Writes the configuration, loads {@code ldif} into a fresh database and starts the server. */
    public void create(String ldif) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include /etc/ldap/schema/nis.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PASSWORD,
                "directory " + dir.resolve("db"), ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("data.ldif"), ldif, StandardCharsets.UTF_8);
        Process load = new ProcessBuilder(SLAPADD.toString(), "-f", dir.resolve("slapd.conf").toString(),
                "-l", dir.resolve("data.ldif").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapadd.log").toFile()).start();
        if (!load.waitFor(60, TimeUnit.SECONDS) || load.exitValue() != 0) {
            throw new AssertionError("slapadd failed: " + Files.readString(dir.resolve("slapadd.log")));
        }
        start();
    }

    /** Starts the server on its existing database (in the foreground, so this process owns it). */
    public void start() throws Exception {
        process = new ProcessBuilder(List.of(SLAPD.toString(), "-f", dir.resolve("slapd.conf").toString(),
                "-h", url() + "/", "-d", "0")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("slapd.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("slapd exited: " + Files.readString(dir.resolve("slapd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("slapd did not listen on port " + port);
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            process = null;
        }
    }
}
