package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB file published from the page: hashed slice by slice (in a worker) and sent as the File itself, so
 * neither the page's JavaScript heap nor the whole browser (the resident memory of every process this JVM
 * started: the Playwright driver and all Chromium processes, sampled every 200 ms) ever holds the file.
 */
class UiLargeUploadIT extends UiTestBase {
    static final long SIZE = 1L << 30;
    static final long HEAP_LIMIT = 128L << 20;

    @TempDir
    Path dir;

    @Test
    void publishesOneGibibyteWithoutHoldingItInMemory() throws Exception {
        Path file = dir.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        new Random(7).nextBytes(block);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < SIZE; written += block.length) {
                block[0] = (byte) (written >>> 20); // every MiB differs
                out.write(block);
                sha.update(block);
            }
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        String ns = Http.unique("uibig");
        Page page = asAdmin("#/publish");
        page.getByLabel("File").setInputFiles(file);
        page.getByLabel("Namespace").fill(ns);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("big");
        page.getByLabel("Version").fill("1.0.0");
        page.getByLabel("Variant").fill("any");
        page.evaluate("() => { window.__heap = 0; window.__sampler = setInterval(() => {"
                + " window.__heap = Math.max(window.__heap, performance.memory.usedJSHeapSize); }, 100); }");
        java.util.concurrent.atomic.AtomicLong rssPeak = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                rssPeak.accumulateAndGet(descendantsRss(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        page.locator("#publish-button").click();
        assertThat(page.locator("#local-digest")).hasText("sha256:" + hex,
                new LocatorAssertions.HasTextOptions().setTimeout(600_000));
        long hashed = System.nanoTime();
        assertThat(page.locator("#server-digest")).hasText("sha256:" + hex,
                new LocatorAssertions.HasTextOptions().setTimeout(600_000));
        long uploaded = System.nanoTime();
        sampler.interrupt();
        long heap = ((Number) page.evaluate("() => { clearInterval(window.__sampler); return window.__heap; }")).longValue();
        System.out.printf("UI 1 GiB publish: hash %.1f s, upload %.1f s, page JS heap peak %d MiB, browser anonymous RSS peak %d MiB%n",
                (hashed - started) / 1e9, (uploaded - hashed) / 1e9, heap >> 20, rssPeak.get() >> 20);
        assertTrue(heap < HEAP_LIMIT, "page JS heap peaked at " + (heap >> 20) + " MiB");
        assertTrue(rssPeak.get() > 0 && rssPeak.get() < SIZE, "browser resident memory peaked at " + (rssPeak.get() >> 20) + " MiB");
        Http.Reply stored = Http.head("/v1/" + ns + "/big/1.0.0/any/blob", Http.admin());
        assertEquals(200, stored.status());
        assertEquals(String.valueOf(SIZE), stored.header("Content-Length"));
    }

    /** Sum of the anonymous resident memory (RssAnon: not file pages the kernel caches) of every process this JVM started (Linux /proc); 0 where /proc is missing. */
    static long descendantsRss() {
        return ProcessHandle.current().descendants().mapToLong(p -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                    if (line.startsWith("RssAnon:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the process ended meanwhile
            }
            return 0;
        }).sum();
    }
}
