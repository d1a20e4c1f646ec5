package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One collection run as it progresses: counters the admin API shows while it runs and the record kept after.
 * Lists are capped ({@link #MAX_LISTED} items, {@link #MAX_ERRORS} error messages) so that neither a run over
 * millions of blobs nor its record grows with the store; the counters are always complete.
 */
public final class GcRun {
    static final int MAX_LISTED = 1000;
    static final int MAX_ERRORS = 20;

    public enum State { RUNNING, COMPLETED, CANCELLED, FAILED, INTERRUPTED }

    private final String id;
    private final String trigger;
    private final String by;
    private final boolean dryRun;
    private final long graceSeconds;
    private final String namespace;
    private final Instant started;
    private volatile Instant finished;
    private volatile State state = State.RUNNING;
    private volatile String phase = "starting";
    private long phaseStartNanos = System.nanoTime();
    /** Wall seconds spent in each finished phase (retention, sweep), in order. */
    private final java.util.Map<String, Double> phaseSeconds = new java.util.LinkedHashMap<>();
    private volatile boolean cancelRequested;
    final AtomicLong marked = new AtomicLong();
    final AtomicLong swept = new AtomicLong();
    final AtomicLong bytesFreed = new AtomicLong();
    final AtomicLong leased = new AtomicLong();
    final AtomicLong young = new AtomicLong();
    final AtomicLong stagingPurged = new AtomicLong();
    final AtomicLong artifactsDeleted = new AtomicLong();
    final AtomicLong artifactsKept = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final List<String> errorMessages = new ArrayList<>();
    private final List<JsonNode> listed = new ArrayList<>();
    private boolean listTruncated;

    public GcRun(String id, String trigger, String by, boolean dryRun, long graceSeconds, Instant started) {
        this(id, trigger, by, dryRun, graceSeconds, null, started);
    }

    /** @param namespace limits retention to one namespace (the sweep always covers every blob), or null */
    public GcRun(String id, String trigger, String by, boolean dryRun, long graceSeconds, String namespace,
                 Instant started) {
        this.id = id;
        this.namespace = namespace;
        this.trigger = trigger;
        this.by = by;
        this.dryRun = dryRun;
        this.graceSeconds = graceSeconds;
        this.started = started.truncatedTo(ChronoUnit.MILLIS);
    }

    public String id() {
        return id;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public long graceSeconds() {
        return graceSeconds;
    }

    /** The namespace retention is limited to, or null for every namespace. */
    public String namespace() {
        return namespace;
    }

    public State state() {
        return state;
    }

    public Instant started() {
        return started;
    }

    public long swept() {
        return swept.get();
    }

    public long bytesFreed() {
        return bytesFreed.get();
    }

    public long marked() {
        return marked.get();
    }

    public long artifactsDeleted() {
        return artifactsDeleted.get();
    }

    public long errors() {
        return errors.get();
    }

    /** Seconds from start to finish (to now while running). */
    public double durationSeconds() {
        Instant end = finished == null ? Instant.now() : finished;
        return java.time.Duration.between(started, end).toMillis() / 1000.0;
    }

    public void cancel() {
        cancelRequested = true;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized void phase(String value) {
        endPhase();
        phase = value;
    }

    synchronized void finish(State end, Instant at) {
        endPhase();
        state = end;
        phase = "done";
        finished = at.truncatedTo(ChronoUnit.MILLIS);
    }

    private void endPhase() {
        long now = System.nanoTime();
        if (!phase.equals("starting") && !phase.equals("done")) {
            phaseSeconds.merge(phase, (now - phaseStartNanos) / 1e9, Double::sum);
        }
        phaseStartNanos = now;
    }

    synchronized void error(String message) {
        errors.incrementAndGet();
        if (errorMessages.size() < MAX_ERRORS) {
            errorMessages.add(message);
        }
    }

    /** Records what a dry run would remove, or what a run removed, up to {@link #MAX_LISTED} items. */
    synchronized void list(JsonNode item) {
        if (listed.size() < MAX_LISTED) {
            listed.add(item);
        } else {
            listTruncated = true;
        }
    }

    public synchronized ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("state", state.name().toLowerCase());
        json.put("phase", phase);
        ObjectNode phases = json.putObject("phase_seconds");
        phaseSeconds.forEach((name, seconds) -> phases.put(name, Math.round(seconds * 1000) / 1000.0));
        json.put("trigger", trigger);
        json.put("by", by);
        json.put("dry_run", dryRun);
        json.put("grace_seconds", graceSeconds);
        json.put("namespace", namespace);
        json.put("started", started.toString());
        json.put("finished", finished == null ? null : finished.toString());
        json.put("marked", marked.get());
        json.put("swept", swept.get());
        json.put("bytes_freed", bytesFreed.get());
        json.put("leased", leased.get());
        json.put("young", young.get());
        json.put("staging_purged", stagingPurged.get());
        json.put("artifacts_deleted", artifactsDeleted.get());
        json.put("artifacts_kept", artifactsKept.get());
        json.put("errors", errors.get());
        ArrayNode messages = json.putArray("error_messages");
        errorMessages.forEach(messages::add);
        ArrayNode items = json.putArray(dryRun ? "would_delete" : "deleted");
        listed.forEach(items::add);
        json.put("list_truncated", listTruncated);
        return json;
    }
}
