package com.goodpackagerepo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The replicated metadata store on the local cluster (docs/cluster.md): PostgreSQL decides, every node's LMDB
 * follows, a node's key miss is confirmed before a 404, and a killed node loses nothing acknowledged.
 */
class StoreReplicationClusterIT {

    private static String path(String ns, String version) {
        return "/v1/" + ns + "/app/" + version + "/linux/blob";
    }

    private static ClusterNodes.Reply publish(String base, String token, String ns, String version, String content) {
        return ClusterNodes.send(ClusterNodes.request(base, path(ns, version), token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content.getBytes(StandardCharsets.UTF_8))).build());
    }

    private static String ns() {
        return "cs" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void publishedOnNodeOneIsServedByNodeTwoAtOnceWithoutAFalse404() {
        String token = ClusterNodes.admin(1);
        String ns = ns();
        for (int i = 0; i < 10; i++) {
            String version = "1.0." + i;
            assertEquals(201, publish(ClusterNodes.url(1), token, ns, version, "bytes " + version).status());
            ClusterNodes.Reply download = ClusterNodes.get(ClusterNodes.url(2), path(ns, version), token);
            assertEquals(200, download.status(), "node 2 answered " + download.status() + " for " + version);
            assertEquals("bytes " + version, download.body());
        }
        ClusterNodes.await("latest on node 2", Duration.ofSeconds(10), () -> "1.0.9".equals(
                ClusterNodes.get(ClusterNodes.url(2), "/v1/" + ns + "/app/latest", token).json().path("version").asText()));
    }

    @Test
    void conflictingWritersOnDifferentNodesGetOneWinnerPerKeyAndEveryNodeServesTheWinnersBytes() throws Exception {
        String ns = ns();
        int keys = 4;
        int writers = 6;
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            tokens.add(ClusterNodes.admin(1 + w % ClusterNodes.count()));
        }
        Map<String, String> winners = new ConcurrentHashMap<>();
        Map<String, Integer> conflicts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            all.add(pool.submit(() -> {
                go.await();
                String base = ClusterNodes.url(1 + writer % ClusterNodes.count());
                for (int k = 0; k < keys; k++) {
                    String version = "2.0." + k;
                    ClusterNodes.Reply r = publish(base, tokens.get(writer), ns, version, "writer " + writer + " " + version);
                    if (r.status() == 201) {
                        assertEquals(null, winners.putIfAbsent(version, "writer " + writer + " " + version),
                                "two winners for " + version);
                    } else {
                        assertEquals(409, r.status(), r.body());
                        conflicts.merge(version, 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : all) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(keys, winners.size());
        for (int k = 0; k < keys; k++) {
            assertEquals(writers - 1, conflicts.get("2.0." + k));
        }
        for (int node = 1; node <= ClusterNodes.count(); node++) {
            String token = ClusterNodes.admin(node);
            for (Map.Entry<String, String> winner : winners.entrySet()) {
                ClusterNodes.Reply r = ClusterNodes.get(ClusterNodes.url(node), path(ns, winner.getKey()), token);
                assertEquals(200, r.status());
                assertEquals(winner.getValue(), r.body(), "node " + node + " serves another writer's bytes");
            }
        }
    }

    @Test
    void aWipedNodeRebuildsAndThenAnswersWhatTheOthersAnswer() throws Exception {
        String token = ClusterNodes.admin(1);
        String ns = ns();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, publish(ClusterNodes.url(1), token, ns, "3.0." + i, "v" + i).status());
        }
        assertEquals(200, ClusterNodes.json("PUT", ClusterNodes.url(1), "/v1/" + ns + "/app/tags/stable", token,
                "{\"target_version\":\"3.0.2\",\"target_variant\":\"linux\"}").status());
        int wiped = ClusterNodes.count();
        ClusterNodes.kill(wiped);
        Path lmdb = Path.of(System.getProperty("it.cluster.dir", "target/local-cluster"), "node" + wiped, "data", "meta");
        assertTrue(Files.isDirectory(lmdb), "no LMDB directory at " + lmdb);
        try (var files = Files.walk(lmdb)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        ClusterNodes.start(wiped);
        String wipedToken = ClusterNodes.admin(wiped);
        for (String read : List.of("/v1/" + ns + "/app/latest", "/v1/" + ns + "/app/versions",
                "/v1/" + ns + "/app/tags/stable", "/v1/catalog?namespace=" + ns)) {
            ClusterNodes.Reply expected = ClusterNodes.get(ClusterNodes.url(1), read, token);
            ClusterNodes.Reply actual = ClusterNodes.get(ClusterNodes.url(wiped), read, wipedToken);
            assertEquals(expected.status(), actual.status(), read);
            assertEquals(expected.json(), actual.json(), read);
        }
    }

    @Test
    void everyNodeReportsItsLagInMetricsAndOnTheAdminStorePage() {
        for (int node = 1; node <= ClusterNodes.count(); node++) {
            String token = ClusterNodes.admin(node);
            ClusterNodes.Reply metrics = ClusterNodes.get(ClusterNodes.url(node), "/metrics", token);
            assertEquals(200, metrics.status());
            assertTrue(metrics.body().contains("gpr_cluster_replica_applied_seq"), metrics.body());
            assertTrue(metrics.body().contains("gpr_cluster_replica_seconds_behind"));
            assertTrue(metrics.body().contains("gpr_cluster_replica_events_behind"));
            var cluster = ClusterNodes.get(ClusterNodes.url(node), "/admin/store/stats", token).json().path("cluster");
            assertEquals("cluster", cluster.path("mode").asText());
            ClusterNodes.await("every node listed", Duration.ofSeconds(10), () -> ClusterNodes.get(
                    ClusterNodes.url(1), "/admin/store/stats", token).json().path("cluster").path("nodes").size()
                    >= ClusterNodes.count());
        }
    }

    @Test
    void aNodeKilledWhileSixteenWritersPublishThroughTheLoadBalancerLosesNothingAcknowledged() throws Exception {
        String ns = ns();
        int victim = ClusterNodes.count();
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            tokens.add(ClusterNodes.admin(1));
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> all = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            int writer = w;
            all.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String version = writer + "." + i + ".0";
                    String content = "w" + writer + " #" + i;
                    try {
                        if (publish(ClusterNodes.lb(), tokens.get(writer), ns, version, content).status() == 201) {
                            acknowledged.put(version, content);
                        }
                    } catch (AssertionError e) {
                        // the connection to the killed node broke: not acknowledged
                    }
                }
                return null;
            }));
        }
        Thread.sleep(3000);
        ClusterNodes.kill(victim);
        Thread.sleep(4000);
        stop.set(true);
        for (Future<?> f : all) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(acknowledged.size() > 16, "too few publishes acknowledged: " + acknowledged.size());
        ClusterNodes.start(victim);
        for (int node = 1; node <= ClusterNodes.count(); node++) {
            String base = ClusterNodes.url(node);
            String token = ClusterNodes.admin(node);
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                ClusterNodes.Reply r = ClusterNodes.get(base, path(ns, e.getKey()), token);
                assertEquals(200, r.status(), "node " + node + " lost acknowledged " + e.getKey());
                assertEquals(e.getValue(), r.body());
            }
            // the restarted node caught up: nothing left to apply
            ClusterNodes.await("node " + node + " caught up", Duration.ofSeconds(30), () -> {
                var self = ClusterNodes.get(base, "/admin/store/stats", token).json().path("cluster").path("this_node");
                return self.path("rebuilt").asBoolean() && self.path("events_behind").asLong() == 0;
            });
        }
    }
}
