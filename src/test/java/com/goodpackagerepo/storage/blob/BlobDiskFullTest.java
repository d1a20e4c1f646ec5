package com.goodpackagerepo.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.goodpackagerepo.error.StoreFullException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob write that runs out of disk space: StoreFullException (answered 507 INSUFFICIENT_STORAGE), no staging
 * file left, nothing stored under the digest, and what was stored before still readable. On a real full file
 * system (an 8 MiB tmpfs) where this machine lets the test mount one; the classification always.
 */
class BlobDiskFullTest {
    private static final String TEMPLATE = "sha256/{digest:0:2}/{digest:2:2}/{digest}";

    @TempDir
    Path dir;

    @Test
    void outOfSpaceIsRecognisedThroughCauses() {
        assertTrue(OutOfSpace.is(new IOException("No space left on device")));
        assertTrue(OutOfSpace.is(new RuntimeException(new IOException("Disk quota exceeded"))));
        assertFalse(OutOfSpace.is(new IOException("Broken pipe")));
        assertFalse(OutOfSpace.is(new IOException((String) null)));
    }

    @Test
    void aWriteThatFillsTheDiskKeepsNothingAndEarlierBlobsStayReadable() throws Exception {
        Path mount = dir.resolve("tmpfs");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()),
                "mounting a tmpfs is not allowed here");
        try {
            FilesystemBlobStore store = new FilesystemBlobStore(mount.resolve("blobs"), TEMPLATE);
            byte[] small = bytes(1, 2 << 20);
            BlobRef kept;
            try (BlobLease lease = store.putLeased(new ByteArrayInputStream(small), 64 << 20, 0, null)) {
                kept = lease.blob();
            }
            byte[] large = bytes(2, 7 << 20);
            StoreFullException full = assertThrows(StoreFullException.class,
                    () -> store.putLeased(new ByteArrayInputStream(large), 64 << 20, 0, null));
            assertTrue(OutOfSpace.is(full.getCause()), String.valueOf(full.getCause()));
            try (Stream<Path> staged = Files.list(mount.resolve("blobs").resolve(BlobPathTemplate.STAGING_DIR))) {
                assertEquals(0, staged.count(), "no partial staging file kept");
            }
            assertTrue(store.stat(BlobDigests.of(Artifacts.sha256Hex(large))).isEmpty(), "nothing stored for it");
            assertArrayEquals(small, Files.readAllBytes(store.stat(kept.digest()).orElseThrow().path()));
            // space is back once the failed write is gone: the next write that fits succeeds
            try (BlobLease lease = store.putLeased(new ByteArrayInputStream(bytes(3, 1 << 20)), 64 << 20, 0, null)) {
                assertEquals(1 << 20, lease.blob().size());
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static byte[] bytes(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** SHA-256 of a byte array, in hex. */
    private static final class Artifacts {
        static String sha256Hex(byte[] b) throws Exception {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        }
    }
}
