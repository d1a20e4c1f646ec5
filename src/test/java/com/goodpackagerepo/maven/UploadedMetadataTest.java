package com.goodpackagerepo.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory of uploaded maven-metadata.xml checksums (single mode); cluster mode: MavenMetadataClusterIT. */
class UploadedMetadataTest {

    @Test
    void checksumsRoundTripThroughTheDatabaseEncoding() {
        Map<ChecksumAlgorithm, String> sums = MavenChecksums.of("<metadata/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(4, sums.size());
        assertEquals(sums, UploadedMetadata.decode(UploadedMetadata.encode(sums)));
        assertTrue(UploadedMetadata.encode(sums).length() < 1024, "fits the column");
    }

    @Test
    void aSingleServerRemembersWhatWasUploadedByPath() {
        UploadedMetadata uploaded = new UploadedMetadata();
        Map<ChecksumAlgorithm, String> sums = MavenChecksums.of("<metadata/>".getBytes(StandardCharsets.UTF_8));
        uploaded.remember("releases/com/example/lib/maven-metadata.xml", sums);
        assertEquals(sums, uploaded.find("releases/com/example/lib/maven-metadata.xml").orElseThrow());
        assertTrue(uploaded.find("releases/com/example/other/maven-metadata.xml").isEmpty());
    }
}
