package com.goodpackagerepo.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    private static Logger logger(Handler handler) {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        return logger;
    }

    @Test
    void theLineIsJsonWithEveryFieldEscaped() {
        String line = AccessLog.line("id-1", "GET", "/v1/a\"b\\c\n\u0001/latest", "resolve_latest", 404, 123,
                2_500_000, null);
        JsonNode node = Json.parse(line);
        assertEquals("access", node.path("type").asText());
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
    void linesReachTheLoggerInOrderOffTheRequestThread() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(logger(new Collecting(records)), 100);
        for (int i = 0; i < 50; i++) {
            log.record("r" + i, "GET", "/p", "route", 200, i, 1000, "alice");
        }
        log.stop();
        assertEquals(50, records.size());
        for (int i = 0; i < 50; i++) {
            assertEquals("r" + i, Json.parse(records.get(i).getMessage()).path("request_id").asText());
        }
        assertTrue(records.stream().allMatch(r -> r.getThreadID() != (int) Thread.currentThread().getId()
                && r.getSourceMethodName().equals("access")));
        assertEquals(0, log.dropped());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(logger(new Collecting(records) {
            @Override
            public void publish(LogRecord record) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.publish(record);
            }
        }), 2);
        log.record("first", "GET", "/p", "r", 200, 0, 0, null);
        assertTrue(writing.await(5, TimeUnit.SECONDS));
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            log.record("more" + i, "GET", "/p", "r", 200, 0, 0, null);
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "requests did not wait for the log");
        assertEquals(8, log.dropped());
        release.countDown();
        log.stop();
        assertEquals(3, records.size(), "the first line and the two that fitted in the queue");
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
