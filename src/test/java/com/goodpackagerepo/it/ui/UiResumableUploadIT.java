package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish page over a network that drops mid-upload (the browser context goes offline once bytes are on their
 * way, then back online): the page's tus client (js/tus-upload.js, 16 MiB chunks) keeps retrying, asks the server
 * for its offset and sends only the rest, in the same upload session; the publish completes with the digest checked.
 */
class UiResumableUploadIT extends UiTestBase {
    static final int CHUNK = 16 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aNetworkDropMidUploadResumesAtTheServersOffsetAndCompletes() throws Exception {
        byte[] bytes = new byte[6 * CHUNK + 12345]; // past the first chunk at 17 %
        new Random(11).nextBytes(bytes);
        Path file = dir.resolve("resumable.bin");
        Files.write(file, bytes);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String ns = Http.unique("uiresume");

        Page page = asAdmin("#/publish");
        page.getByLabel("Namespace").waitFor();
        List<String> requests = new CopyOnWriteArrayList<>();
        List<String> failed = new CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.url().contains("/uploads")) {
                String offset = r.headerValue("upload-offset");
                requests.add(r.method() + (offset == null ? "" : " " + offset));
            }
        });
        page.onRequestFailed(r -> {
            if (r.url().contains("/uploads")) {
                failed.add(r.method() + " " + r.failure());
            }
        });
        page.getByLabel("File").setInputFiles(file);
        page.getByLabel("Namespace").fill(ns);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("app");
        page.getByLabel("Version").fill("1.0.0");
        page.getByLabel("Variant").fill("any");
        page.locator("#publish-button").click();

        // the network goes away mid-upload (the first chunk stored, the second on its way) ...
        page.waitForFunction("() => document.querySelector('#local-digest')"
                + " && Number(document.querySelector('#upload-progress').value) > 20", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000).setPollingInterval(10));
        page.context().setOffline(true);
        assertThat(page.locator("#upload-resume-status")).containsText("Connection problem",
                new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        // ... and comes back: the page resumes on its own
        page.context().setOffline(false);
        try {
            assertThat(page.locator("#server-digest")).hasText("sha256:" + hex,
                    new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        } catch (AssertionError e) {
            throw new AssertionError("requests " + requests + ", failed " + failed + ", status: "
                    + page.locator("#publish-status").textContent(), e);
        }
        assertTrue(!failed.isEmpty(), "a request failed while offline: " + requests);
        assertEquals(1, requests.stream().filter(r -> r.equals("POST")).count(), "one upload session: " + requests);
        assertEquals(1, requests.stream().filter(r -> r.equals("PATCH 0")).count(), "the first bytes are never sent again: " + requests);
        int firstHeadAfterDrop = requests.lastIndexOf("HEAD");
        assertTrue(firstHeadAfterDrop > 0, "asks the server for its offset after the drop: " + requests);
        String resumedAt = requests.get(firstHeadAfterDrop + 1);
        assertTrue(resumedAt.startsWith("PATCH ") && Long.parseLong(resumedAt.substring(6)) > 0,
                "resumes mid-file at the server's offset: " + requests);
        Http.Reply stored = Http.head("/v1/" + ns + "/app/1.0.0/any/blob", Http.admin());
        assertEquals(200, stored.status());
        assertEquals(String.valueOf(bytes.length), stored.header("Content-Length"));
        assertTrue(UiBrowser.cspViolations(page).isEmpty(), "the client runs under the page's CSP");
    }
}
