package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IT server runs with the defaults: a plain console a person can read, JSON lines in messages.log. */
class LogFormatIT {
    private static final Path LOGS = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp"), "usr/servers/gpr/logs");

    @Test
    void theConsoleSaysReadablyThatTheServerIsReadyAndMessagesLogIsJson() throws Exception {
        List<String> console = Files.readAllLines(LOGS.resolve("console.log"));
        assertTrue(console.stream().anyMatch(l -> l.startsWith("[AUDIT") && l.contains("The gpr server is ready")),
                "a plain 'The gpr server is ready' line on the console");
        assertTrue(console.stream().noneMatch(l -> l.startsWith("{\"type\":\"liberty_message\"")), "no JSON on the console");
        List<String> messages = Files.readAllLines(LOGS.resolve("messages.log"));
        // after Liberty's start-up banner (product, java.home, …), every entry is a JSON object
        String ready = messages.stream().filter(l -> l.contains("The gpr server is ready")).findFirst().orElseThrow();
        assertTrue(Http.MAPPER.readTree(ready).path("message").asText().startsWith("CWWKF0011I"), ready);
        // once the configuration is read (its first messages precede it), every entry is a JSON line
        assertTrue(messages.stream().dropWhile(l -> !l.startsWith("{")).filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("{")),
                "messages.log is JSON lines");
    }
}
