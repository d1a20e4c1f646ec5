package com.goodpackagerepo.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus's {@code promtool} (Debian package {@code prometheus}, which .ci/run installs). Locally, without it,
 * the tests that need it are skipped with a message saying so; in CI it is always there.
 */
public final class Promtool {
    public static final Path BINARY = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));

    /** What a run printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "promtool not found at " + BINARY + ": install the Debian package prometheus (.ci/run does) to run this test");
    }

    /** Runs promtool with {@code args}, feeding {@code stdin} (may be null); fails the test after {@code timeoutSeconds}. */
    public static Result run(String stdin, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + args[0] + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
