package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Download button and the signed download links behind it (POST /downloads, GET /downloads/{digest}). */
class UiDownloadIT extends UiTestBase {
    private static String ns;
    private static final byte[] BYTES = new byte[300_000];

    @BeforeAll
    static void publish() {
        new SecureRandom().nextBytes(BYTES);
        ns = Http.unique("uidl");
        assertEquals(201, Http.putBytes("/v1/" + ns + "/tool/1.0.0/linux/blob", Http.admin(), BYTES).status());
    }

    private static HttpResponse<byte[]> getBytes(String path) throws Exception {
        return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(Http.BASE + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode mint(String token, String body) {
        Http.Reply r = Http.postJson("/downloads", token, body);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void theDownloadButtonSavesTheBlobsBytes() throws Exception {
        Page page = asAdmin("#/packages/" + ns + "/tool");
        Download download = page.waitForDownload(() -> page.locator("#versions tbody tr[data-version='1.0.0'] button.download").click());
        assertEquals("tool-1.0.0-linux", download.suggestedFilename());
        assertArrayEquals(BYTES, Files.readAllBytes(download.path()), "the saved file is the stored blob");
        assertThat(page.locator(".command pre").nth(2)).containsText("/downloads/sha256:");
        assertThat(page.locator(".command pre").nth(2)).not().containsText("Authorization");
    }

    @Test
    void aSignedLinkWorksWithoutATokenForOneBlobUntilItExpires() throws Exception {
        JsonNode link = mint(Http.admin(), "{\"namespace\":\"" + ns + "\",\"name\":\"tool\",\"version\":\"1.0.0\",\"variant\":\"linux\"}");
        String url = link.path("url").asText();
        HttpResponse<byte[]> ok = getBytes(url);
        assertEquals(200, ok.statusCode());
        assertArrayEquals(BYTES, ok.body());
        assertTrue(ok.headers().firstValue("Content-Disposition").orElse("").contains("tool-1.0.0-linux"));

        String otherDigest = "sha256:" + "0".repeat(64);
        for (String bad : new String[] {url.replaceFirst("sha256:[0-9a-f]{64}", otherDigest), url.replaceFirst("exp=\\d+", "exp=99999999999"),
                url.replaceFirst("file=[^&]+", "file=other"), url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA"),
                url.replaceFirst("&sig=.*$", "")}) {
            HttpResponse<byte[]> refused = getBytes(bad);
            assertEquals(403, refused.statusCode(), bad);
            JsonNode error = Http.MAPPER.readTree(refused.body()).path("error");
            assertEquals("FORBIDDEN", error.path("code").asText(), bad);
            assertTrue(error.path("request_id").isTextual());
        }

        JsonNode brief = mint(Http.admin(), "{\"namespace\":\"" + ns + "\",\"name\":\"tool\",\"version\":\"1.0.0\",\"variant\":\"linux\",\"ttl_seconds\":1}");
        Instant deadline = Instant.now().plusSeconds(10);
        HttpResponse<byte[]> expired;
        do {
            expired = getBytes(brief.path("url").asText());
        } while (expired.statusCode() == 200 && Instant.now().isBefore(deadline) && pause());
        assertEquals(403, expired.statusCode());
        assertTrue(new String(expired.body()).contains("expired"));
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    @Test
    void mintingNeedsReadAccessAndAnArtifact() {
        String body = "{\"namespace\":\"" + ns + "\",\"name\":\"tool\",\"version\":\"1.0.0\",\"variant\":\"linux\"}";
        assertEquals(401, Http.postJson("/downloads", null, body).status());
        assertEquals(404, Http.postJson("/downloads", Http.admin(), body.replace("1.0.0", "9.9.9")).status());
        assertEquals(400, Http.postJson("/downloads", Http.admin(), body.replace("}", ",\"ttl_seconds\":999999}")).status());
        assertEquals(400, Http.postJson("/downloads", Http.admin(), body.replace("\"tool\"", "\"-bad\"")).status());
        long seconds = Duration.between(Instant.now(), Instant.parse(mint(Http.admin(), body).path("expires_at").asText())).getSeconds();
        assertTrue(seconds > 290 && seconds <= 300, "five minutes by default: " + seconds);
    }
}
