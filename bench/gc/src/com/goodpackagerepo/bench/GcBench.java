package com.goodpackagerepo.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.gc.GcPolicy;
import com.goodpackagerepo.gc.GcRun;
import com.goodpackagerepo.gc.GcRunStore;
import com.goodpackagerepo.gc.GcRunner;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.TestContexts;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.engines.TestStores;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The garbage collection benchmark, over the server's own classes in a standalone JVM (no HTTP, no Liberty):
 *
 * <pre>
 * GcBench build DIR PACKAGES VERSIONS EXTRA_PACKAGES EXTRA_VERSIONS ORPHANS
 * GcBench collect DIR dry|real [GRACE_SECONDS]
 * </pre>
 *
 * build writes PACKAGES x VERSIONS artifacts (each with its own small blob file), gives the first EXTRA_PACKAGES
 * packages EXTRA_VERSIONS more versions (beyond the shipped keep_last_n_versions=50, so retention deletes them)
 * and ORPHANS blob files no document references (as crashes or deletions leave them). collect runs one
 * collection exactly as the server does (retention, then mark and sweep) and prints one JSON line: wall time,
 * the run's counters, peak heap and peak RSS of this JVM.
 */
public final class GcBench {
    private static final int BATCH = 5_000;

    private GcBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 7 && args[0].equals("build")) {
            build(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        } else if (args.length >= 3 && args[0].equals("collect")) {
            collect(Path.of(args[1]), args[2].equals("dry"), args.length > 3 ? Long.parseLong(args[3]) : 0);
        } else {
            System.err.println("usage: GcBench build DIR PACKAGES VERSIONS EXTRA_PACKAGES EXTRA_VERSIONS ORPHANS"
                    + " | GcBench collect DIR dry|real [GRACE_SECONDS]");
            System.exit(2);
        }
    }

    static void build(Path dir, int packages, int versions, int extraPackages, int extraVersions, int orphans)
            throws Exception {
        long start = System.nanoTime();
        CompiledConfig compiled = TestContexts.compiled(TestContexts.seedSchema());
        Stores stores = TestStores.open(dir, compiled.config(), 256L << 20, 16L << 30);
        Path root = stores.blobRoots().get("primary");
        IndexDefinition index = compiled.index("artifact_versions");
        BlobWriter blobs = new BlobWriter(root);
        long artifacts = 0;
        WriteBatch batch = stores.metadata().newBatch();
        int inBatch = 0;
        String created = Instant.now().toString();
        for (int p = 0; p < packages; p++) {
            int count = versions + (p < extraPackages ? extraVersions : 0);
            for (int v = 0; v < count; v++) {
                String digest = blobs.write("blob " + artifacts);
                artifacts++;
                ObjectNode meta = Json.object();
                meta.put("namespace", "bench").put("name", "pkg" + p).put("version", "1.0." + v).put("variant", "x")
                        .put("blob_digest", digest).put("blob_size", blobs.lastSize).put("created_at", created);
                batch.putDocument("artifact/bench/pkg" + p + "/1.0." + v + "/x", Json.bytes(meta),
                        WriteBatch.Precondition.NONE);
                batch.upsertIndex(index, meta);
                if (++inBatch == BATCH) {
                    batch.commit();
                    batch = stores.metadata().newBatch();
                    inBatch = 0;
                }
            }
        }
        batch.commit();
        for (int o = 0; o < orphans; o++) {
            blobs.write("orphan " + o);
        }
        TestStores.close(stores);
        ObjectNode out = Json.object();
        out.put("phase", "build");
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        out.put("artifacts", artifacts);
        out.put("orphans", orphans);
        out.put("blob_files", blobs.files);
        System.out.println(out);
    }

    static void collect(Path dir, boolean dryRun, long graceSeconds) throws IOException {
        CompiledConfig compiled = TestContexts.compiled(TestContexts.seedSchema());
        Stores stores = TestStores.open(dir, compiled.config(), 256L << 20, 16L << 30);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        Instant now = Instant.now();
        GcRun run = new GcRun(GcRunStore.newId(now), "bench", "bench", dryRun, graceSeconds, now);
        long start = System.nanoTime();
        new GcRunner(stores, compiled, () -> { }, Clock.systemUTC(), r -> { })
                .run(run, GcPolicy.from(compiled.config().schema()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long rssFile = status("RssFile:");
        long rssAnon = status("RssAnon:");
        TestStores.close(stores);
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        ObjectNode record = run.toJson();
        ObjectNode out = Json.object();
        out.put("phase", dryRun ? "collect-dry" : "collect");
        out.put("seconds", seconds);
        out.set("phase_seconds", record.get("phase_seconds"));
        for (String field : new String[] {"state", "marked", "swept", "bytes_freed", "young", "leased",
                "artifacts_deleted", "artifacts_kept", "staging_purged", "errors"}) {
            out.set(field, record.get(field));
        }
        out.put("heap_peak_mib", heapPeak / 1048576.0);
        out.put("heap_max_mib", Runtime.getRuntime().maxMemory() / 1048576.0);
        out.put("rss_peak_mib", status("VmHWM:") / 1024.0);
        out.put("rss_anon_end_mib", rssAnon / 1024.0);
        out.put("rss_file_end_mib", rssFile / 1024.0);
        System.out.println(out);
    }

    /**
     * A line of /proc/self/status in KiB (VmHWM: peak resident set; RssAnon: heap, stacks and native memory;
     * RssFile: mapped files, here mostly the LMDB file's pages); 0 where /proc is not there.
     */
    private static long status(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** PipelineWrites small blob files straight into the store's layout (sha256/ab/cd/abcd…), as the store itself names them. */
    private static final class BlobWriter {
        private final Path root;
        private final MessageDigest sha256;
        private final Set<Path> dirs = new HashSet<>();
        long files;
        long lastSize;

        BlobWriter(Path root) throws Exception {
            this.root = root;
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }

        String write(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String hex = HexFormat.of().formatHex(sha256.digest(bytes));
            Path parent = root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4));
            if (dirs.add(parent)) {
                Files.createDirectories(parent);
            }
            Files.write(parent.resolve(hex), bytes);
            files++;
            lastSize = bytes.length;
            return "sha256:" + hex;
        }
    }
}
