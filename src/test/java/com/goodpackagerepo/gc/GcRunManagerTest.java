package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.schema.RepositorySchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs one at a time, the schedule fires from a test rule, gc.enabled=false schedules nothing. */
class GcRunManagerTest {
    @TempDir
    Path dir;
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static GcRunManager service(GcFixture f, ScheduledExecutorService executor, Optional<String> rrule) {
        GcRunManager service = new GcRunManager();
        service.stores = f.harness.stores();
        service.compiledConfigs = new CompiledConfigHolder() {
            @Override
            public CompiledConfig current() {
                return f.harness.compiled();
            }
        };
        service.cache = new ResponseCache();
        service.settings = settings(rrule);
        service.executor = executor;
        return service;
    }

    static GcConfigOverrides settings(Optional<String> rrule) {
        GcConfigOverrides settings = new GcConfigOverrides();
        settings.rrule = rrule;
        settings.graceSeconds = Optional.empty();
        return settings;
    }

    static GcScheduler scheduler(GcRunManager service, ScheduledExecutorService executor, Optional<String> rrule) {
        GcScheduler scheduler = new GcScheduler();
        scheduler.service = service;
        scheduler.settings = settings(rrule);
        scheduler.executor = executor;
        return scheduler;
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aSecondStartWhileOneRunsIs409AndCancelStopsIt() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> { })) {
            CountDownLatch blocked = new CountDownLatch(1);
            ScheduledExecutorService single = Executors.newSingleThreadScheduledExecutor();
            try {
                single.submit(() -> {
                    blocked.await();
                    return null;
                });
                GcRunManager service = service(f, single, Optional.empty());
                GcRun first = service.start(true, 0L, "manual", "admin");
                DomainException conflict = assertThrows(DomainException.class, () -> service.start(false, null, "manual", "admin"));
                assertEquals(409, ErrorStatus.of(conflict.code()));
                assertTrue(service.cancel(first.id()));
                assertFalse(service.cancel("0000000000000-0000"));
                blocked.countDown();
                await(() -> service.current().isEmpty(), Duration.ofSeconds(20));
                JsonNode record = service.get(first.id()).orElseThrow();
                assertEquals("cancelled", record.path("state").asText());
                assertEquals(first.id(), service.list().get(0).path("id").asText());
                GcRun second = service.start(false, null, "manual", "admin");
                await(() -> service.current().isEmpty(), Duration.ofSeconds(20));
                assertEquals("completed", service.get(second.id()).orElseThrow().path("state").asText());
                assertEquals(604800, second.graceSeconds(), "the schema's grace window unless overridden");
            } finally {
                single.shutdownNow();
            }
        }
    }

    @Test
    void aScheduledRunFiresFromATestSchedule() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> { })) {
            Optional<String> everySecond = Optional.of("FREQ=SECONDLY;INTERVAL=1");
            GcRunManager service = service(f, executor, everySecond);
            GcScheduler scheduler = scheduler(service, executor, everySecond);
            scheduler.apply(GcPolicy.from(RepositorySchema.read(f.schema), everySecond, Optional.empty()));
            assertNotNull(scheduler.describe().path("next_run_at").textValue());
            await(() -> service.list().stream().anyMatch(r -> r.path("trigger").asText().equals("schedule")
                    && r.path("state").asText().equals("completed")), Duration.ofSeconds(20));
            scheduler.stop();
            assertNull(scheduler.describe().path("next_run_at").textValue());
        }
    }

    @Test
    void gcDisabledSchedulesNothing() throws Exception {
        try (GcFixture f = new GcFixture(dir, s -> s.with("gc").put("enabled", false))) {
            Optional<String> everySecond = Optional.of("FREQ=SECONDLY;INTERVAL=1");
            GcRunManager service = service(f, executor, everySecond);
            GcScheduler scheduler = scheduler(service, executor, everySecond);
            scheduler.apply(GcPolicy.from(RepositorySchema.read(f.schema), everySecond, Optional.empty()));
            assertFalse(scheduler.describe().path("enabled").asBoolean());
            Thread.sleep(2500);
            assertTrue(service.list().isEmpty());
            DomainException off = assertThrows(DomainException.class, () -> service.start(true, null, "manual", "admin"));
            assertEquals(409, ErrorStatus.of(off.code()), "a manual start is refused as well");
        }
    }

    @Test
    void theAdminFeatureFlagTurnsCollectionOffToo() {
        try (GcFixture f = new GcFixture(dir, s -> s.with("features").put("gc_enabled", false))) {
            assertFalse(GcPolicy.from(RepositorySchema.read(f.schema)).enabled());
            GcRunManager service = service(f, executor, Optional.empty());
            assertEquals(409, ErrorStatus.of(assertThrows(DomainException.class,
                    () -> service.start(false, null, "manual", "admin")).code()));
        }
        try (GcFixture f = new GcFixture(dir.resolve("on"), s -> s.with("features").put("gc_enabled", true))) {
            assertTrue(GcPolicy.from(RepositorySchema.read(f.schema)).enabled());
        }
    }

    @Test
    void theShippedScheduleIsDailyAtThreeUtc() {
        GcRecurrence daily = new GcRecurrence("FREQ=DAILY;BYHOUR=3;BYMINUTE=0;BYSECOND=0",
                java.time.Instant.parse("2026-11-27T05:00:00Z"));
        assertEquals("2026-11-28T03:00:00Z", daily.next(java.time.Instant.parse("2026-11-27T05:00:00Z")).toString());
        assertEquals("2026-11-29T03:00:00Z", daily.next(java.time.Instant.parse("2026-11-28T03:00:00Z")).toString());
        GcRecurrence seconds = new GcRecurrence("FREQ=SECONDLY;INTERVAL=5", java.time.Instant.parse("2026-11-27T05:00:01Z"));
        assertEquals("2026-11-27T05:00:05Z", seconds.next(java.time.Instant.parse("2026-11-27T05:00:01Z")).toString());
        assertNull(new GcRecurrence("FREQ=DAILY;COUNT=1", java.time.Instant.now()).next(java.time.Instant.now()));
        assertThrows(com.goodpackagerepo.config.InvalidConfigException.class, () -> new GcConfigCheck().check(
                com.goodpackagerepo.json.Json.parse("{\"gc\":{\"sweep\":{\"schedule\":{\"rrule\":\"FREQ=NEVER\"}}}}")));
    }
}
