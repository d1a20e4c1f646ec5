package com.goodpackagerepo.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in restart without Liberty's forced clean start (src/main/liberty/config/work-area-snapshot.sh, sourced by
 * Liberty's server script from server.env): a start after a clean stop keeps a copy of the work area; a start that
 * finds the running marker of a dead JVM puts the copy in its place; the work area of a server that is running
 * (a process holds its lock file open), other commands and the switch leave everything alone. The IT
 * {@code CrashRestartWorkAreaIT} runs it with Liberty itself.
 */
class WorkAreaSnapshotScriptTest {
    private static final Path SCRIPT = Path.of("src/main/liberty/config/work-area-snapshot.sh").toAbsolutePath();

    @TempDir
    Path root;
    private Path work;
    private Path copy;

    @BeforeEach
    void cleanlyStoppedServer() throws Exception {
        Path out = root.resolve("servers/gpr");
        work = out.resolve("workarea");
        copy = out.resolve("workarea.clean-stop");
        Files.createDirectories(work.resolve("org.eclipse.osgi"));
        Files.writeString(work.resolve("org.eclipse.osgi/state"), "as the clean stop left it");
        Files.createFile(work.resolve(".sLock"));
    }

    @Test
    void aStartAfterACleanStopKeepsTheWorkAreaAndAStartAfterACrashGetsItBack() throws Exception {
        source("run", Map.of());
        assertEquals("as the clean stop left it", Files.readString(copy.resolve("org.eclipse.osgi/state")));

        crash();
        source("start", Map.of());
        assertEquals("as the clean stop left it", Files.readString(work.resolve("org.eclipse.osgi/state")));
        assertFalse(Files.exists(work.resolve(".sRunning")), "Liberty sees a clean stop, not a crash");
        assertFalse(Files.exists(work.resolve("org.eclipse.osgi/half-written")));
        assertTrue(Files.exists(copy.resolve("org.eclipse.osgi/state")), "the copy stays for the next crash");
    }

    @Test
    void theWorkAreaOfARunningServerIsLeftAlone() throws Exception {
        source("run", Map.of());
        crash();
        // a live JVM keeps workarea/.sLock open (Liberty's server lock)
        Process holder = new ProcessBuilder("/bin/sh", "-c", "exec 3>>\"$0\"; exec sleep 60",
                work.resolve(".sLock").toString()).start();
        try {
            awaitOpen(holder.pid(), work.resolve(".sLock"));
            source("start", Map.of());
            assertTrue(Files.exists(work.resolve(".sRunning")), "not touched while running");
            assertTrue(Files.exists(work.resolve("org.eclipse.osgi/half-written")));
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutACopyLibertyCleansAsItDoesAndOtherCommandsChangeNothing() throws Exception {
        crash();
        source("run", Map.of());
        assertTrue(Files.exists(work.resolve(".sRunning")), "no copy yet: Liberty's own forced clean start");

        source("run", Map.of()); // nothing to copy either while the marker is there
        assertFalse(Files.exists(copy));

        Files.delete(work.resolve(".sRunning"));
        source("stop", Map.of());
        source("status", Map.of());
        source("run", Map.of("GPR_WORK_AREA_SNAPSHOT", "off"));
        assertFalse(Files.exists(copy), "only a start keeps a copy, and only when switched on");
    }

    /** What a JVM killed mid-run leaves: its running marker and a work area in some intermediate state. */
    private void crash() throws Exception {
        Files.createFile(work.resolve(".sRunning"));
        Files.writeString(work.resolve("org.eclipse.osgi/state"), "mid-run");
        Files.writeString(work.resolve("org.eclipse.osgi/half-written"), "x");
    }

    private void source(String action, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "WLP_OUTPUT_DIR", root.resolve("servers").toString(), "SERVER_NAME", "gpr"));
        env.putAll(extra);
        assertEquals("", ServerEnvScript.source(SCRIPT, action, "", "", env).strip());
    }

    private static void awaitOpen(long pid, Path file) throws Exception {
        Path fds = Path.of("/proc/" + pid + "/fd");
        for (int i = 0; i < 200; i++) {
            if (Files.isDirectory(fds)) {
                try (var list = Files.list(fds)) {
                    if (list.anyMatch(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).equals(file.toRealPath());
                        } catch (Exception e) {
                            return false;
                        }
                    })) {
                        return;
                    }
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the lock holder did not open " + file);
    }
}
