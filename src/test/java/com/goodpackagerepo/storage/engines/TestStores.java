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
        StorageSettings settings = new StorageSettings();
        settings.dataDir = dataDir.toString();
        settings.lmdbInitialMapSize = initialMapSize;
        settings.lmdbMaxMapSize = maxMapSize;
        Stores stores = new Stores();
        stores.settings = settings;
        stores.cluster = TestClusterSettings.single();
        stores.onConfig(config);
        return stores;
    }

    public static void close(Stores stores) {
        stores.close();
    }
}
