import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * Metadata commits of small publishes against the LMDB store alone (docs/performance.md §4): THREADS threads each
 * commit PER write batches shaped like a publish's (an if-absent document and an event), 3 rounds, commits/s.
 * Run it against two builds' classes to compare them. Usage, after mvn package:
 * LIB=$(ls target/liberty/wlp/usr/shared/resources/gpr-lib/*.jar | tr '\n' ':'); javac -d /tmp/gcs -cp target/classes:$LIB bench/tools/GroupCommitSpeed.java
 * java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
 *   -cp /tmp/gcs:target/classes:$LIB GroupCommitSpeed 16 40 /tmp
 */
public class GroupCommitSpeed {
    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]), per = Integer.parseInt(a[1]);
        Path dir = Files.createTempDirectory(Paths.get(a[2]), "group-commit-speed");
        try (LmdbMetadataStore store = new LmdbMetadataStore(dir, 64L << 20, 1L << 30)) {
            for (int round = 0; round < 3; round++) {
                int r = round;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                CyclicBarrier start = new CyclicBarrier(threads + 1);
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    fs.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < per; i++) {
                            WriteBatch b = store.newBatch();
                            String key = "artifact/ns/p" + tt + "/" + r + "." + i + "/x";
                            b.putDocument(key, ("{\"k\":\"" + key + "\",\"blob_digest\":\"sha256:00\"}").getBytes(), WriteBatch.Precondition.IF_ABSENT);
                            b.appendEvent("artifact.published", JsonNodeFactory.instance.textNode(key));
                            b.commit();
                        }
                        return null;
                    }));
                }
                start.await();
                long t0 = System.nanoTime();
                for (Future<?> f : fs) f.get();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: %d threads x %d commits: %.0f commits/s%n", round, threads, per, threads * per / s);
                pool.shutdown();
            }
        }
    }
}
