package com.goodpackagerepo.observability;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JSON access log, one line per request, written off the request thread: a request puts its fields on a
 * bounded queue; one daemon thread formats the lines and writes each batch with one {@code write} to the
 * destination — by default its own file ({@code gpr.access-log.file}, {@code logs/access.log}), or
 * {@code java.util.logging} ({@code messages}: logger {@code com.goodpackagerepo.access}, through Liberty's log
 * handler into {@code messages.log} and the console), or nowhere ({@code off}). No line is lost: a full queue
 * makes the request wait for room (the log applies back-pressure rather than dropping), a file that cannot be
 * written sends its lines to {@code java.util.logging} instead, and {@link #stop()} writes every queued line;
 * a line recorded after that is written by its own thread. {@link #dropped()} counts lines no destination took.
 */
@ApplicationScoped
public class AccessLog {
    static final Logger ACCESS = Logger.getLogger("com.goodpackagerepo.access");
    static final int CAPACITY = 8192;
    private static final int BATCH = 512;

    /** Where the lines go ({@code gpr.access-log.destination}). */
    public enum Destination { FILE, MESSAGES, OFF }

    /** What a request leaves on the queue; formatted by the writer. */
    record Entry(long epochMillis, String requestId, String method, String path, String route, int status,
                 long bytes, long durationNanos, String principal) {
    }

    @Inject
    @ConfigProperty(name = "gpr.access-log.destination", defaultValue = "file")
    String destinationSetting;
    @Inject
    @ConfigProperty(name = "gpr.access-log.file", defaultValue = "logs/access.log")
    String fileSetting;
    @Inject
    @ConfigProperty(name = "gpr.access-log.max-bytes", defaultValue = "20971520")
    long maxBytesSetting;

    private BlockingQueue<Entry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Object writeLock = new Object();
    private Logger logger;
    private Destination destination;
    private AccessLogFile file;
    private volatile Thread writer;
    private volatile boolean stopped;

    public AccessLog() {
    }

    /** For tests: a destination, its file (FILE only) and the queue's capacity. */
    AccessLog(Destination destination, Logger logger, Path file, long maxBytes, int capacity) {
        configure(destination, logger, file, maxBytes, capacity);
    }

    @PostConstruct
    void init() {
        configure(destination(destinationSetting), ACCESS, Path.of(fileSetting), maxBytesSetting, CAPACITY);
    }

    /** The setting's value, case-insensitive; anything else is refused with what is allowed. */
    static Destination destination(String setting) {
        for (Destination d : Destination.values()) {
            if (d.name().equalsIgnoreCase(setting == null ? "" : setting.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("gpr.access-log.destination must be file, messages or off, not '"
                + setting + "'");
    }

    private void configure(Destination destination, Logger logger, Path file, long maxBytes, int capacity) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("gpr.access-log.max-bytes must be positive: " + maxBytes);
        }
        this.destination = destination;
        this.logger = logger;
        this.file = destination == Destination.FILE ? new AccessLogFile(file.toAbsolutePath(), maxBytes) : null;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    public Destination destination() {
        return destination;
    }

    /** The file the lines go to, or null when the destination is not a file. */
    public Path file() {
        return file == null ? null : file.path();
    }

    /** One access-log line: what {@link RequestRecorder} knows when a request is done. */
    public void record(String requestId, String method, String path, String route, int status, long bytes,
                       long durationNanos, String principal) {
        if (destination == Destination.OFF
                || destination == Destination.MESSAGES && !logger.isLoggable(Level.INFO)) {
            return;
        }
        Entry entry = new Entry(System.currentTimeMillis(), requestId, method, path, route, status, bytes,
                durationNanos, principal);
        if (stopped) {
            writeNow(List.of(entry));
            return;
        }
        ensureWriter();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (queue.offer(entry, 100, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (stopped || interrupted) {
                    // The writer is gone or this thread must not wait: write what is queued, then this line.
                    writeRemaining();
                    writeNow(List.of(entry));
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (stopped) {
            // stop() may have drained the queue before this line arrived.
            writeRemaining();
        }
    }

    /** Lines that no destination took (the file and then java.util.logging failed). */
    public long dropped() {
        return dropped.get();
    }

    static String line(Entry e) {
        StringBuilder b = new StringBuilder(200 + length(e.path()) + length(e.route()) + length(e.requestId()));
        b.append("{\"type\":\"access\",\"time\":\"").append(Instant.ofEpochMilli(e.epochMillis()));
        b.append("\",\"request_id\":");
        string(b, e.requestId());
        b.append(",\"method\":");
        string(b, e.method());
        b.append(",\"path\":");
        string(b, e.path());
        b.append(",\"route\":");
        string(b, e.route());
        b.append(",\"status\":").append(e.status());
        b.append(",\"bytes\":").append(e.bytes());
        b.append(",\"duration_ms\":").append(e.durationNanos() / 1_000_000.0);
        b.append(",\"principal\":");
        string(b, e.principal());
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
        List<Entry> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopped) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeNow(batch);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        writeRemaining();
    }

    private void writeRemaining() {
        List<Entry> rest = new ArrayList<>();
        synchronized (writeLock) {
            queue.drainTo(rest);
            if (!rest.isEmpty()) {
                writeNow(rest);
            }
        }
    }

    /** Writes a batch, in order, to the destination; a file that fails hands the batch to java.util.logging. */
    private void writeNow(List<Entry> batch) {
        List<String> lines = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            lines.add(line(e));
        }
        synchronized (writeLock) {
            if (file != null) {
                try {
                    file.write(lines);
                    return;
                } catch (IOException | RuntimeException e) {
                    logger.logp(Level.WARNING, AccessLog.class.getName(), "write",
                            "access log file " + file.path() + " cannot be written (" + e
                                    + "); these lines go to messages.log");
                }
            }
            for (String line : lines) {
                try {
                    // Source class and method given: java.util.logging need not walk the stack to infer them.
                    logger.logp(Level.INFO, AccessLog.class.getName(), "access", line);
                } catch (RuntimeException e) {
                    dropped.incrementAndGet();
                }
            }
        }
    }

    /** Stops the writer after it has written every queued line, and closes the file. */
    @PreDestroy
    public void stop() {
        stopped = true;
        Thread t = writer;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeRemaining();
        synchronized (writeLock) {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    logger.logp(Level.WARNING, AccessLog.class.getName(), "stop", "closing the access log: " + e);
                }
            }
        }
    }
}
