package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Maven deploy through a load balancer: {@code maven-metadata.xml} lands on node 1, its checksum file on node 2.
 * The checksum must be checked against what the client uploaded (node 1 recorded it in PostgreSQL), not against
 * the metadata node 2 would generate (other bytes), else the deploy fails with 400 DIGEST_MISMATCH.
 */
class MavenMetadataClusterIT {

    private static ClusterNodes.Reply put(String base, String path, String token, byte[] body) {
        return ClusterNodes.send(ClusterNodes.request(base, path, token).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void theChecksumOfMetadataUploadedToOneNodeVerifiesOnTheOther() throws Exception {
        String token = ClusterNodes.admin(1);
        String group = "com.example.mc" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/maven/releases/" + group.replace('.', '/') + "/lib";
        ClusterNodes.Reply jar = put(ClusterNodes.url(1), base + "/1.0/lib-1.0.jar", token, "jar bytes".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, jar.status(), jar.body());
        byte[] metadata = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n  <groupId>" + group
                + "</groupId>\n  <artifactId>lib</artifactId>\n  <versioning>\n    <release>1.0</release>\n    <versions>\n"
                + "      <version>1.0</version>\n    </versions>\n    <lastUpdated>20261203120000</lastUpdated>\n"
                + "  </versioning>\n</metadata>\n").getBytes(StandardCharsets.UTF_8);
        ClusterNodes.Reply uploaded = put(ClusterNodes.url(1), base + "/maven-metadata.xml", token, metadata);
        assertEquals(201, uploaded.status(), uploaded.body());
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(metadata));
        ClusterNodes.Reply wrong = put(ClusterNodes.url(2), base + "/maven-metadata.xml.sha1", token,
                "0".repeat(40).getBytes(StandardCharsets.UTF_8));
        assertEquals(400, wrong.status(), wrong.body());
        ClusterNodes.Reply checksum = put(ClusterNodes.url(2), base + "/maven-metadata.xml.sha1", token,
                sha1.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, checksum.status(), "the uploaded metadata's SHA-1 on node 2: " + checksum.body());
    }
}
