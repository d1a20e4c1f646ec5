package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The restart after a crash without Liberty's forced clean start (src/main/liberty/config/work-area-snapshot.sh, run
 * by the shipped server.env; docs/operations.md, "Faster restart after a crash"), with Liberty itself: a server
 * stopped cleanly once, started again, killed with {@code kill -9} twice in a row, comes back each time on
 * the work area of the last clean stop (Liberty's bundle cache is not rebuilt: its files predate the kill), serves
 * every publish acknowledged before each crash and takes new ones.
 */
class CrashRestartWorkAreaIT {

    @Test
    void aKilledServerRestartsOnTheLastCleanStopsWorkAreaAndLosesNothing() throws Exception {
        PeerServer peer = new PeerServer();
        peer.start(Map.of());
        try {
            String ns = Http.unique("warea");
            List<String[]> acked = new ArrayList<>();
            publish(peer, ns, "1.0.0", acked);
            peer.stopCleanly();

            Path dir = PeerServer.dir();
            assertTrue(Files.readString(dir.resolve("server.env")).contains("work-area-snapshot.sh"), "shipped server.env");
            long restart = peer.startAgain();
            Path osgi = dir.resolve("workarea/org.eclipse.osgi");
            assertTrue(Files.isDirectory(dir.resolve("workarea.clean-stop/org.eclipse.osgi")), "kept at the start");
            publish(peer, ns, "1.1.0", acked);

            for (int crash = 1; crash <= 2; crash++) {
                Thread.sleep(1100); // file times have a resolution of a second on some file systems
                FileTime killedAt = FileTime.fromMillis(System.currentTimeMillis());
                peer.killHard();
                assertTrue(Files.exists(dir.resolve("workarea/.sRunning")), "the dead JVM's marker");
                long ready = peer.startAgain();
                System.out.println("CrashRestartWorkAreaIT: ready " + ready + " ms after kill -9 #" + crash
                        + " (" + restart + " ms after the clean stop)");
                assertTrue(oldestFile(osgi).compareTo(killedAt) < 0,
                        "Liberty's bundle cache was not rebuilt (no forced clean start): oldest file " + oldestFile(osgi));
                for (String[] p : acked) {
                    Http.Reply r = peer.getBytes(p[0]);
                    assertEquals(200, r.status(), "acknowledged before crash " + crash + ": " + p[0]);
                    assertEquals(p[1], r.body(), p[0]);
                }
                publish(peer, ns, "2." + crash + ".0", acked);
            }
            assertFalse(acked.isEmpty());
        } finally {
            peer.stop();
        }
    }

    private static void publish(PeerServer peer, String ns, String version, List<String[]> acked) {
        String token = peer.admin();
        for (int i = 0; i < 5; i++) {
            String path = "/v1/" + ns + "/app/" + version + "/v" + i + "/blob";
            String content = "content of " + version + " " + i;
            Http.Reply r = Http.send(peer.request(path, token).PUT(HttpRequest.BodyPublishers.ofString(content)).build());
            assertEquals(201, r.status(), path + ": " + r.body());
            acked.add(new String[] {path, content});
        }
    }

    private static FileTime oldestFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (java.io.IOException e) {
                    return FileTime.fromMillis(Long.MAX_VALUE);
                }
            }).min(FileTime::compareTo).orElseThrow();
        }
    }
}
