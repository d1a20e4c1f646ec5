package com.goodpackagerepo.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.observability.AccessLog.Destination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
    @TempDir
    Path dir;

    private static Logger logger(Handler handler) {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        return logger;
    }

    private static List<String> ids(List<String> lines) {
        return lines.stream().map(l -> Json.parse(l).path("request_id").asText()).toList();
    }

    @Test
    void theLineIsJsonWithEveryFieldEscaped() {
        String line = AccessLog.line(new AccessLog.Entry(1_700_000_000_123L, "id-1", "GET",
                "/v1/a\"b\\c\n\u0001/latest", "resolve_latest", 404, 123, 2_500_000, null));
        JsonNode node = Json.parse(line);
        assertEquals("access", node.path("type").asText());
        assertEquals("2023-11-14T22:13:20.123Z", node.path("time").asText());
        assertEquals("id-1", node.path("request_id").asText());
        assertEquals("GET", node.path("method").asText());
        assertEquals("/v1/a\"b\\c\n\u0001/latest", node.path("path").asText());
        assertEquals("resolve_latest", node.path("route").asText());
        assertEquals(404, node.path("status").asInt());
        assertEquals(123, node.path("bytes").asLong());
        assertEquals(2.5, node.path("duration_ms").asDouble());
        assertTrue(node.has("principal") && node.path("principal").isNull());
    }

    @Test
    void byDefaultLinesGoToTheirOwnFileInOrderAndNotToTheLogger() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("logs/access.log");
        AccessLog log = new AccessLog(Destination.FILE, logger(new Collecting(records)), file, 1 << 20, 100);
        for (int i = 0; i < 50; i++) {
            log.record("r" + i, "GET", "/p", "route", 200, i, 1000, "alice");
        }
        log.stop();
        List<String> lines = Files.readAllLines(file);
        assertEquals(50, lines.size());
        for (int i = 0; i < 50; i++) {
            assertEquals("r" + i, Json.parse(lines.get(i)).path("request_id").asText());
        }
        assertTrue(records.isEmpty(), "nothing through java.util.logging");
        assertEquals(0, log.dropped());
    }

    @Test
    void concurrentRequestsThroughAFullQueueEachGetTheirLineIncludingAtShutdown() throws Exception {
        Path file = dir.resolve("access.log");
        // A queue of 4 for 32 threads × 200 lines: requests wait for room instead of dropping lines.
        AccessLog log = new AccessLog(Destination.FILE, logger(new Collecting(new CopyOnWriteArrayList<>())), file,
                1 << 30, 4);
        int threads = 32;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    log.record("t" + thread + "-" + i, "GET", "/p", "r", 200, 0, 0, null);
                    if (thread == 0 && i == perThread / 2) {
                        // Shut down while the other threads are still recording: their lines are written anyway.
                        new Thread(log::stop).start();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        log.stop();
        List<String> ids = ids(Files.readAllLines(file));
        Set<String> unique = new HashSet<>(ids);
        assertEquals(threads * perThread, ids.size(), "one line per request");
        assertEquals(threads * perThread, unique.size(), "each request id exactly once");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertTrue(unique.contains("t" + t + "-" + i));
            }
        }
        assertEquals(0, log.dropped());
    }

    @Test
    void theFileIsRotatedBySizeKeepingTwoOlderFiles() throws Exception {
        Path file = dir.resolve("access.log");
        AccessLog log = new AccessLog(Destination.FILE, Logger.getAnonymousLogger(), file, 1000, 1);
        for (int i = 0; i < 100; i++) {
            log.record("x" + i, "GET", "/p", "r", 200, 0, 0, null);
        }
        log.stop();
        assertTrue(Files.exists(dir.resolve("access.log.1")) && Files.exists(dir.resolve("access.log.2")));
        assertFalse(Files.exists(dir.resolve("access.log.3")));
        assertTrue(Files.size(dir.resolve("access.log.1")) >= 1000);
        List<String> newest = ids(Files.exists(file) ? Files.readAllLines(file) : List.of());
        List<String> all = new java.util.ArrayList<>(ids(Files.readAllLines(dir.resolve("access.log.2"))));
        all.addAll(ids(Files.readAllLines(dir.resolve("access.log.1"))));
        all.addAll(newest);
        assertEquals("x99", all.get(all.size() - 1), "the newest line is last in the newest file");
        for (int i = 1; i < all.size(); i++) {
            int prev = Integer.parseInt(all.get(i - 1).substring(1));
            assertEquals(prev + 1, Integer.parseInt(all.get(i).substring(1)), "consecutive across the files");
        }
    }

    @Test
    void aFileThatCannotBeWrittenSendsItsLinesToTheLogger() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        AccessLog log = new AccessLog(Destination.FILE, logger(new Collecting(records)),
                notADirectory.resolve("access.log"), 1 << 20, 100);
        log.record("lost?", "GET", "/p", "r", 500, 0, 0, null);
        log.stop();
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                && r.getMessage().contains("cannot be written")));
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.INFO
                && "lost?".equals(Json.parse(r.getMessage()).path("request_id").asText())));
        assertEquals(0, log.dropped());
    }

    @Test
    void theMessagesDestinationLogsThroughJavaUtilLoggingOffTheRequestThread() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(Destination.MESSAGES, logger(new Collecting(records)), dir.resolve("unused"),
                1 << 20, 100);
        for (int i = 0; i < 20; i++) {
            log.record("m" + i, "GET", "/p", "route", 200, i, 1000, "alice");
        }
        log.stop();
        assertEquals(20, records.size());
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, Json.parse(records.get(i).getMessage()).path("request_id").asText());
        }
        assertTrue(records.stream().allMatch(r -> r.getThreadID() != (int) Thread.currentThread().getId()
                && r.getSourceMethodName().equals("access")));
        assertFalse(Files.exists(dir.resolve("unused")));
    }

    @Test
    void theDestinationSettingIsCaseInsensitiveAndRefusesAnythingElse() {
        assertEquals(Destination.FILE, AccessLog.destination("file"));
        assertEquals(Destination.MESSAGES, AccessLog.destination(" MESSAGES "));
        assertEquals(Destination.OFF, AccessLog.destination("Off"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AccessLog.destination("stdout"));
        assertTrue(e.getMessage().contains("file, messages or off") && e.getMessage().contains("stdout"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AccessLog(Destination.FILE, Logger.getAnonymousLogger(), dir.resolve("a.log"), 0, 10));
    }

    @Test
    void offWritesNothing() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(Destination.OFF, logger(new Collecting(records)), dir.resolve("off.log"),
                1 << 20, 100);
        log.record("o", "GET", "/p", "r", 200, 0, 0, null);
        log.stop();
        assertTrue(records.isEmpty());
        assertFalse(Files.exists(dir.resolve("off.log")));
    }

    private static class Collecting extends Handler {
        private final List<LogRecord> records;

        Collecting(List<LogRecord> records) {
            this.records = records;
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
