package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A signed download link made on one node opens on every node: without {@code GPR_DOWNLOAD_SECRET} (the local cluster
 * sets none) the nodes sign with the one secret the first of them stored in PostgreSQL, not with one of their own.
 */
class DownloadLinkClusterIT {

    private static String link(String base, String token, String ns, String version) {
        ClusterNodes.Reply made = ClusterNodes.json("POST", base, "/downloads", token,
                "{\"namespace\":\"" + ns + "\",\"name\":\"app\",\"version\":\"" + version + "\",\"variant\":\"linux\"}");
        assertEquals(200, made.status(), made.body());
        return made.json().path("url").asText();
    }

    @Test
    void aLinkSignedOnOneNodeOpensOnTheOtherAndATamperedOneDoesNot() {
        String token = ClusterNodes.admin(1);
        String ns = "dl" + UUID.randomUUID().toString().substring(0, 8);
        ClusterNodes.Reply published = ClusterNodes.send(ClusterNodes.request(ClusterNodes.url(1),
                "/v1/" + ns + "/app/1.0.0/linux/blob", token).PUT(HttpRequest.BodyPublishers.ofString("linked bytes")).build());
        assertEquals(201, published.status(), published.body());
        for (int from = 1; from <= ClusterNodes.count(); from++) {
            String url = link(ClusterNodes.url(from), token, ns, "1.0.0");
            for (int to = 1; to <= ClusterNodes.count(); to++) {
                ClusterNodes.Reply opened = ClusterNodes.get(ClusterNodes.url(to), url, null);
                assertEquals(200, opened.status(), "link of node " + from + " on node " + to + ": " + opened.body());
                assertEquals("linked bytes", opened.body());
            }
            String tampered = url.replace("file=", "file=x");
            assertEquals(403, ClusterNodes.get(ClusterNodes.url(ClusterNodes.count()), tampered, null).status());
        }
    }
}
