package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.BlobReferences;
import java.util.logging.Logger;

/**
 * Rebuilds the reverse blob-reference index by streaming every document once, a chunk per short write
 * transaction: memory stays bounded whatever the store holds (no set of digests is ever built), and
 * publishes interleave with the rebuild. The new rules are installed in the first transaction, so every
 * document written after it maintains its own references; the chunks then add those of the documents already
 * stored, each read in the same transaction that writes its references. Until the last transaction marks the
 * index complete, every blob counts as referenced; a crash part-way simply rebuilds again on the next open.
 */
final class RefIndexBuilder {
    private static final Logger LOG = Logger.getLogger(RefIndexBuilder.class.getName());
    static final int CHUNK = 10_000;

    private RefIndexBuilder() {
    }

    static void rebuild(LmdbEnvironment env, DocumentTable docs, RefTable refs, BlobReferences rules) {
        long started = System.nanoTime();
        env.write(txn -> {
            refs.reset(txn, rules);
            return null;
        });
        long visited = 0;
        byte[] after = null;
        do {
            byte[] from = after;
            long[] count = {0};
            after = env.write(txn -> {
                count[0] = 0;
                return docs.visit(txn, from, CHUNK, (key, storedKey, value) -> {
                    count[0]++;
                    refs.add(txn, key, storedKey, value);
                });
            });
            visited += count[0];
        } while (after != null);
        env.write(txn -> {
            refs.markComplete(txn);
            return null;
        });
        long docsSeen = visited;
        LOG.info(() -> "blob reference index built from " + docsSeen + " documents with rules [" + rules.spec()
                + "] in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
