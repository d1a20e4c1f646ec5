package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing from the browser: the SHA-256 computed in the page, the upload, the server's verdict, retry. */
class UiPublishIT extends UiTestBase {

    @TempDir
    Path dir;

    private Page publishPage() {
        Page page = asAdmin("#/publish");
        page.getByLabel("Namespace").waitFor();
        return page;
    }

    private static void fill(Page page, Path file, String ns, String name, String version, String variant) {
        page.getByLabel("File").setInputFiles(file);
        page.getByLabel("Namespace").fill(ns);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Version").fill(version);
        page.getByLabel("Variant").fill(variant);
    }

    private Path randomFile(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve("artifact-" + size + ".bin");
        Files.write(file, bytes);
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void publishesAFileAndConfirmsTheDigestComputedInTheBrowser() throws Exception {
        Path file = randomFile(9 * 1024 * 1024 + 123); // three 4 MiB slices, the last one partial
        String hex = sha256(file);
        String ns = Http.unique("uipub");
        Page page = publishPage();
        AtomicInteger uploads = new AtomicInteger();
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith("/uploads")
                    && new String(java.util.Base64.getDecoder().decode(r.headerValue("upload-metadata")
                    .replaceAll(".*digest ([^,]*).*", "$1"))).equals("sha256:" + hex)) {
                uploads.incrementAndGet();
            }
        });
        fill(page, file, ns, "My_App", "1.0.0", "linux-amd64");
        page.locator("#publish-button").click();
        assertThat(page.locator("#server-digest")).hasText("sha256:" + hex, new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#local-digest")).not().isAttached();
        assertThat(page.locator("#publish-status")).containsText("matches the SHA-256 computed in your browser");
        assertThat(page.locator("#upload-progress")).hasAttribute("value", "100");
        assertEquals(1, uploads.get(), "one (resumable) upload, stating the browser's digest");
        Http.Reply stored = Http.head("/v1/" + ns + "/my-app/1.0.0/linux-amd64/blob", Http.admin());
        assertEquals(200, stored.status(), "published under the server's normalized name my-app");
        assertEquals(String.valueOf(Files.size(file)), stored.header("Content-Length"));
        UiBrowser.screenshot(page, "publish");
        page.locator("#published-link").click();
        assertThat(page.locator("main h1")).hasText(ns + "/my-app");
    }

    @Test
    void aMismatchIsRefusedNothingIsStoredAndARetrySucceeds() throws Exception {
        Path file = randomFile(200_000);
        String ns = Http.unique("uimis");
        Page page = publishPage();
        fill(page, file, ns, "tool", "2.0.0", "any");
        page.getByLabel("Expected SHA-256 (optional)").fill("sha256:" + "0".repeat(64));
        page.locator("#publish-button").click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("Refused: digest mismatch");
        assertThat(page.locator("#publish-status")).containsText("nothing was stored");
        assertThat(page.locator("#publish-status")).containsText("sha256:" + sha256(file));
        assertEquals(404, Http.head("/v1/" + ns + "/tool/2.0.0/any/blob", Http.admin()).status(), "nothing stored");
        UiBrowser.screenshot(page, "publish-mismatch");

        page.getByLabel("Expected SHA-256 (optional)").fill("sha256:" + sha256(file));
        page.locator("#retry-button").click();
        assertThat(page.locator("#server-digest")).hasText("sha256:" + sha256(file));
        assertEquals(200, Http.head("/v1/" + ns + "/tool/2.0.0/any/blob", Http.admin()).status());

        page.locator("#publish-button").click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("already published");
    }

    @Test
    void fieldsAreCheckedWithTheServersOwnRulesBeforeAnythingIsSent() throws Exception {
        Path file = randomFile(10);
        Page page = publishPage();
        AtomicInteger puts = new AtomicInteger();
        page.onRequest(r -> {
            if (List.of("PUT", "POST", "PATCH").contains(r.method())) {
                puts.incrementAndGet();
            }
        });
        fill(page, file, "ok-ns", "fine", "1.0.0", "bad variant!");
        page.getByLabel("Namespace").fill("-starts-with-dash");
        page.locator("#publish-button").click();
        assertThat(page.locator(".field-error:not([hidden])").first()).containsText("Namespace is not allowed as written");
        assertThat(page.getByLabel("Namespace")).hasAttribute("aria-invalid", "true");
        page.getByLabel("Variant").press("Enter"); // a keyboard user submits from the last field
        assertEquals("namespace", page.evaluate("() => document.activeElement && (document.activeElement.name || document.activeElement.outerHTML.slice(0, 120))"),
                "focus moves to the first field to fix ");
        assertThat(page.locator(".field-error:not([hidden])").nth(1)).containsText("Variant is not allowed as written");
        page.getByLabel("Expected SHA-256 (optional)").fill("abc");
        page.locator("#publish-button").click();
        assertThat(page.locator("#publish-form")).containsText("A SHA-256 digest is 64 hex characters");
        assertEquals(0, puts.get(), "nothing was sent");
    }

    @Test
    void theStreamingSha256MatchesKnownDigestsWhateverTheSliceSize() {
        Page page = publishPage();
        Object result = page.evaluate("async () => {"
                + " const m = await import('/ui/js/sha256.js');"
                + " const hex = (s) => new m.Sha256().update(new TextEncoder().encode(s)).digestHex();"
                + " const million = new Blob([new Uint8Array(1000000).fill(97)]);"
                + " return [hex(''), hex('abc'), hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),"
                + "   await m.sha256OfBlob(million, () => {}, null, 999), await m.sha256OfBlob(million, () => {}, null, 64)];"
                + "}");
        assertEquals(List.of(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"), result);
        assertTrue(UiBrowser.cspViolations(page).isEmpty());
    }
}
