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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish page over a network that drops mid-upload: the page's tus client (js/tus-upload.js) sends the file
 * in 16 MiB chunks; the second chunk's request fails as if the network went away; the page asks the server for its
 * offset and sends only the rest, in the same upload session, and the publish completes with the digest checked.
 */
class UiResumableUploadIT extends UiTestBase {
    static final int CHUNK = 16 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aNetworkDropMidUploadResumesAtTheServersOffsetAndCompletes() throws Exception {
        byte[] bytes = new byte[2 * CHUNK + 12345];
        new Random(11).nextBytes(bytes);
        Path file = dir.resolve("resumable.bin");
        Files.write(file, bytes);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String ns = Http.unique("uiresume");

        Page page = asAdmin("#/publish");
        page.getByLabel("Namespace").waitFor();
        List<String> requests = new CopyOnWriteArrayList<>();
        AtomicBoolean dropped = new AtomicBoolean();
        page.route("**/uploads**", route -> {
            String method = route.request().method();
            String offset = route.request().headerValue("upload-offset");
            requests.add(method + (offset == null ? "" : " " + offset));
            if ("PATCH".equals(method) && String.valueOf(CHUNK).equals(offset) && !dropped.getAndSet(true)) {
                route.abort("internetdisconnected");
            } else {
                route.resume();
            }
        });
        page.getByLabel("File").setInputFiles(file);
        page.getByLabel("Namespace").fill(ns);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("app");
        page.getByLabel("Version").fill("1.0.0");
        page.getByLabel("Variant").fill("any");
        page.locator("#publish-button").click();

        assertThat(page.locator("#server-digest")).hasText("sha256:" + hex,
                new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        assertTrue(dropped.get(), "the network dropped during the upload");
        assertEquals(1, requests.stream().filter(r -> r.equals("POST")).count(), "one upload session: " + requests);
        assertEquals(1, requests.stream().filter(r -> r.equals("PATCH 0")).count(), "the first chunk is never sent again: " + requests);
        int drop = requests.indexOf("PATCH " + CHUNK);
        assertTrue(requests.subList(drop + 1, requests.size()).contains("HEAD"), "asks for the offset after the drop: " + requests);
        assertEquals(2, requests.stream().filter(r -> r.equals("PATCH " + CHUNK)).count(), "resumes at the server's offset: " + requests);
        Http.Reply stored = Http.head("/v1/" + ns + "/app/1.0.0/any/blob", Http.admin());
        assertEquals(200, stored.status());
        assertEquals(String.valueOf(bytes.length), stored.header("Content-Length"));
        assertTrue(UiBrowser.cspViolations(page).isEmpty(), "the client runs under the page's CSP");
    }
}
