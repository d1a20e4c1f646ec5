package com.goodpackagerepo.storage.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A presigned download URL from s3proxy serves the bytes while valid and is refused once its lifetime is over. */
@Tag("s3")
class S3PresignTest {
    @TempDir
    Path staging;

    @Test
    void aPresignedUrlIsShortLived() throws Exception {
        S3Servers.Server server = S3Servers.s3proxy();
        S3BlobStore store = S3BlobStoreTest.store(server, staging, Json.object().put("presigned_redirect_seconds", 3));
        byte[] data = S3BlobStoreTest.random(1024, 30);
        BlobRef blob = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null);
        Instant signed = Instant.now();
        URI url = store.stat(blob.digest()).orElseThrow().source().redirect().orElseThrow();
        assertTrue(url.getQuery().contains("X-Amz-Expires=3"), url.toString());
        HttpURLConnection fresh = (HttpURLConnection) url.toURL().openConnection();
        if (Duration.between(signed, Instant.now()).toMillis() < 2500) { // a loaded machine may be slower than 3 s
            try (InputStream in = fresh.getInputStream()) {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), signed.plusSeconds(5)).toMillis()));
        HttpURLConnection expired = (HttpURLConnection) url.toURL().openConnection();
        assertEquals(403, expired.getResponseCode(), "an expired URL is refused");
    }
}
