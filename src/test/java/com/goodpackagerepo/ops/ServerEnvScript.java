package com.goodpackagerepo.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sources one of the scripts the shipped server.env runs the way Liberty's {@code server} script does: under
 * /bin/sh, with {@code ACTION} set and IFS a newline (as while it reads server.env), without any inherited GPR_
 * setting. {@code before} and {@code after} are shell lines around it; returns what the shell printed.
 */
final class ServerEnvScript {
    private ServerEnvScript() {
    }

    static String source(Path script, String action, String before, String after, Map<String, String> env)
            throws Exception {
        String shell = "IFS='\n'\n" + before + "\nACTION=" + action + "\n. \"" + script.toAbsolutePath() + "\"\n" + after + "\n";
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", shell).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("GPR_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
