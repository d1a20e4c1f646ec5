package com.goodpackagerepo.storage.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.DigestMismatchException;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of an S3 store's objects (what BackupService and BackupRestorer do per S3 store): the objects
 * are copied into the backup directory in the file system layout, and a restore onto an empty bucket uploads them
 * again, each checked against its address.
 */
@Tag("s3")
class S3BackupTest {
    @TempDir
    Path staging;
    @TempDir
    Path backup;

    static List<S3Servers.Server> servers() {
        return S3Servers.all();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aBackupRestoresOntoAnEmptyBucket(S3Servers.Server server) throws Exception {
        S3BlobStore source = S3BlobStoreTest.store(server, staging, null);
        List<byte[]> contents = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] data = S3BlobStoreTest.random(1500 + i, 80 + i);
            contents.add(data);
            digests.add(source.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null).digest());
        }

        assertEquals(3, source.exportTo(backup));
        String hex = BlobDigests.hex(digests.get(0));
        assertArrayEquals(contents.get(0), Files.readAllBytes(backup.resolve("sha256").resolve(hex.substring(0, 2))
                .resolve(hex)), "the file system layout of the store's path template");
        assertEquals(3, source.exportTo(backup), "a second export finds every object in place");

        S3BlobStore empty = S3BlobStoreTest.store(server, staging, null);
        assertTrue(empty.stat(digests.get(0)).isEmpty());
        assertEquals(3, empty.importFrom(backup));
        for (int i = 0; i < 3; i++) {
            BlobRef restored = empty.stat(digests.get(i)).orElseThrow();
            assertArrayEquals(contents.get(i), S3BlobStoreTest.read(restored, 0, restored.size()));
        }
        assertEquals(0, empty.importFrom(backup), "objects already in the bucket are not uploaded again");
        assertEquals(0, empty.importFrom(backup.resolve("missing")));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aDamagedBackupFileIsRefusedAndNotStored(S3Servers.Server server) throws Exception {
        S3BlobStore source = S3BlobStoreTest.store(server, staging, null);
        byte[] data = S3BlobStoreTest.random(900, 90);
        String digest = source.put(new ByteArrayInputStream(data), Long.MAX_VALUE, 0, null).digest();
        source.exportTo(backup);
        String hex = BlobDigests.hex(digest);
        Path file = backup.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        data[0] ^= 1;
        Files.write(file, data);

        S3BlobStore empty = S3BlobStoreTest.store(server, staging, null);
        assertThrows(DigestMismatchException.class, () -> empty.importFrom(backup));
        assertTrue(empty.stat(digest).isEmpty(), "nothing stored under the address");
    }
}
