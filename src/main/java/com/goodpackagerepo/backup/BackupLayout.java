package com.goodpackagerepo.backup;

import java.nio.file.Path;

/**
 * The on-disk layout of one backup directory:
 * <pre>
 *   manifest.json      when, which configuration revision, how many documents/blobs/users
 *   database.json      the database's content: the schema, users (password hashes), signing keys
 *   lmdb/data.mdb      a compacted copy of the metadata store, taken while the server serves
 *   blobs/&lt;store&gt;/…   every blob file of each blob store, hard-linked (or copied across file systems)
 * </pre>
 */
public record BackupLayout(Path root) {
    public Path manifest() {
        return root.resolve("manifest.json");
    }

    public Path database() {
        return root.resolve("database.json");
    }

    public Path lmdb() {
        return root.resolve("lmdb");
    }

    public Path blobs(String store) {
        return root.resolve("blobs").resolve(store);
    }
}
