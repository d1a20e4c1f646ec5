package com.goodpackagerepo.storage.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A presigned download URL (against s3proxy) serves the bytes and is signed for the configured lifetime from the
 * moment it was handed out: X-Amz-Date and X-Amz-Expires are inside the signature, so S3 refuses it afterwards.
 * (s3proxy 2.6.0 itself does not enforce the expiry, so the refusal cannot be shown here.)
 */
@Tag("s3")
class S3PresignTest {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path staging;

    @Test
    void aPresignedUrlServesTheBytesAndIsSignedForTheConfiguredLifetime() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        S3BlobStore store = S3BlobStoreTest.store(server, staging, Json.object().put("presigned_redirect_seconds", 3));
        byte[] data = S3BlobStoreTest.random(1024, 30);
        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        Instant before = Instant.now().minusSeconds(1);
        URI url = store.stat(blob.digest()).orElseThrow().source().redirect().orElseThrow();
        Instant after = Instant.now().plusSeconds(1);

        String query = url.getRawQuery();
        assertTrue(query.contains("X-Amz-Expires=3"), query);
        assertTrue(query.contains("X-Amz-Signature="), query);
        Matcher date = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)").matcher(query);
        assertTrue(date.find(), query);
        Instant signedAt = Instant.from(AMZ_DATE.parse(date.group(1)));
        assertTrue(!signedAt.isBefore(before.minus(Duration.ofSeconds(1))) && !signedAt.isAfter(after),
                "signed when handed out: " + signedAt);
        try (InputStream in = url.toURL().openStream()) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
