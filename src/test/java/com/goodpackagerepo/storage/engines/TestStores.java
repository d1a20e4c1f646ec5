package com.goodpackagerepo.storage.engines;

import com.goodpackagerepo.cluster.TestClusterSettings;
import com.goodpackagerepo.config.RepositoryConfig;
import java.nio.file.Path;

/** Real stores (LMDB + filesystem blobs) in a temporary directory, for tests outside the server. */
public final class TestStores {
    private TestStores() {
    }

    public static Stores open(Path dataDir, RepositoryConfig config) {
        return open(dataDir, config, 16L << 20, 1L << 30);
    }

    /** With other LMDB map sizes (the GC benchmark stores a million documents). */
    public static Stores open(Path dataDir, RepositoryConfig config, long initialMapSize, long maxMapSize) {
        return open(dataDir, config, initialMapSize, maxMapSize, 0);
    }

    /** With small blobs up to {@code inlineMaxBytes} committed into LMDB ({@code gpr.blobs.inline-max-bytes}). */
    public static Stores open(Path dataDir, RepositoryConfig config, long initialMapSize, long maxMapSize,
                              long inlineMaxBytes) {
        StorageSettings settings = new StorageSettings();
        settings.inlineMaxBytes = inlineMaxBytes;
        settings.dataDir = dataDir.toString();
        settings.lmdbInitialMapSize = initialMapSize;
        settings.lmdbMaxMapSize = maxMapSize;
        Stores stores = new Stores();
        stores.settings = settings;
        stores.s3Settings = new TestS3Settings();
        stores.cluster = TestClusterSettings.single();
        stores.onConfig(config);
        return stores;
    }

    /** S3 stores in tests talk to the servers of {@link S3Servers} with their test keys and a short retry policy. */
    static final class TestS3Settings extends S3Settings {
        @Override
        public S3StoreOpener.Policy policy() {
            return S3BlobStoreTest.POLICY;
        }

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials(String store) {
            return S3Servers.credentials();
        }
    }

    public static void close(Stores stores) {
        stores.close();
    }
}
