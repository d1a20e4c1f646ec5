package com.goodpackagerepo.observability;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON access log ({@code com.goodpackagerepo.access}), written off the request thread: a request formats
 * its line into a pre-sized buffer and offers it to a bounded queue; one daemon thread hands the lines to
 * {@code java.util.logging} (Liberty's {@code messages.log}). When the queue is full — the log cannot keep up
 * — the line is dropped and counted ({@code gpr_access_log_dropped}) rather than slowing every request down.
 * Lines still queued at shutdown are written before the thread stops.
 */
@ApplicationScoped
public class AccessLog {
    static final Logger ACCESS = Logger.getLogger("com.goodpackagerepo.access");
    static final int CAPACITY = 8192;

    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Logger logger;
    private volatile Thread writer;
    private volatile boolean stopped;

    public AccessLog() {
        this(ACCESS, CAPACITY);
    }

    AccessLog(Logger logger, int capacity) {
        this.logger = logger;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** One access-log line: what {@link RequestObservationFilter} knows when a request is done. */
    public void record(String requestId, String method, String path, String route, int status, long bytes,
                       long durationNanos, String principal) {
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        String line = line(requestId, method, path, route, status, bytes, durationNanos, principal);
        if (stopped) {
            write(line);
            return;
        }
        ensureWriter();
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    static String line(String requestId, String method, String path, String route, int status, long bytes,
                       long durationNanos, String principal) {
        StringBuilder b = new StringBuilder(160 + length(path) + length(route) + length(requestId));
        b.append("{\"type\":\"access\",\"request_id\":");
        string(b, requestId);
        b.append(",\"method\":");
        string(b, method);
        b.append(",\"path\":");
        string(b, path);
        b.append(",\"route\":");
        string(b, route);
        b.append(",\"status\":").append(status);
        b.append(",\"bytes\":").append(bytes);
        b.append(",\"duration_ms\":").append(durationNanos / 1_000_000.0);
        b.append(",\"principal\":");
        string(b, principal);
        return b.append('}').toString();
    }

    private static int length(String s) {
        return s == null ? 4 : s.length();
    }

    /** A JSON string (RFC 8259 escaping), or null. */
    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private void ensureWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null && !stopped) {
                    Thread t = new Thread(this::drain, "gpr-access-log");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>(256);
        while (!stopped || !queue.isEmpty()) {
            try {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                write(first);
                queue.drainTo(batch, 256);
                batch.forEach(this::write);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
            }
        }
        String rest;
        while ((rest = queue.poll()) != null) {
            write(rest);
        }
    }

    private void write(String line) {
        // Source class and method given: java.util.logging need not walk the stack to infer them.
        logger.logp(Level.INFO, AccessLog.class.getName(), "access", line);
    }

    /** Stops the writer after it has written every queued line. */
    @PreDestroy
    public void stop() {
        stopped = true;
        Thread t = writer;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
