package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.StoreFullException;
import com.goodpackagerepo.storage.StoreStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.logging.Logger;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;

/**
 * Owns the one LMDB environment of a directory: its named databases, its transactions and the growth of its map.
 *
 * <p>Every transaction runs inside {@link #read} or {@link #write} and holds the shared side of a read-write
 * lock, because LMDB may only resize the map while this process has no transaction open; growing takes the
 * exclusive side. A write that hits MDB_MAP_FULL is aborted, the map doubles (up to the configured maximum)
 * and the write is retried from scratch, so callers see either success or {@link StoreFullException}.
 * LMDB itself serializes write transactions; write batches go through a {@link GroupCommitter}, which applies
 * concurrent batches in one transaction with one sync. MDB_NOTLS lets read transactions run on any thread.
 */
final class LmdbEnvironment implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LmdbEnvironment.class.getName());
    private static final int MDB_MAP_FULL = -30792;
    private static final int ENOSPC = 28;
    private static final int EDQUOT = 122;
    private static final int MAX_DBS = 16;
    private static final int MAX_READERS = 256;
    /** Batches per group commit: bounds the dirty pages of one transaction and the wait of the last batch. */
    private static final int MAX_GROUP = 64;

    private final Env<ByteBuffer> env;
    private final Map<String, Dbi<ByteBuffer>> dbis = new LinkedHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final long maxMapSize;
    private final GroupCommitter<Txn<ByteBuffer>> committer = new GroupCommitter<>(new Engine(), MAX_GROUP);
    private long mapSize;
    private boolean closed;

    LmdbEnvironment(Path dir, long initialMapSize, long maxMapSize, List<String> dbNames) {
        if (initialMapSize <= 0 || maxMapSize < initialMapSize) {
            throw new IllegalArgumentException("need 0 < initialMapSize <= maxMapSize");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the metadata store directory " + dir, e);
        }
        this.maxMapSize = maxMapSize;
        this.env = Env.create().setMapSize(initialMapSize).setMaxDbs(MAX_DBS).setMaxReaders(MAX_READERS)
                .open(dir.toFile(), EnvFlags.MDB_NOTLS);
        try {
            for (String name : dbNames) {
                dbis.put(name, env.openDbi(name, DbiFlags.MDB_CREATE));
            }
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
        this.mapSize = env.info().mapSize;
    }

    Dbi<ByteBuffer> dbi(String name) {
        return dbis.get(name);
    }

    /** Runs {@code work} in a short read transaction; whatever it returns must not reference LMDB memory. */
    <R> R read(Function<Txn<ByteBuffer>, R> work) {
        lock.readLock().lock();
        try {
            ensureOpen();
            try (Txn<ByteBuffer> txn = env.txnRead()) {
                return work.apply(txn);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} in a write transaction and commits it; an exception from {@code work} aborts it.
     * {@code work} may run more than once (after the map grew) and must not have effects outside the txn.
     *
     * @throws StoreFullException when the map is at its maximum size or the disk is full
     */
    <R> R write(Function<Txn<ByteBuffer>, R> work) {
        return writeDirect(work);
    }

    /**
     * Like {@link #write}, but through the group committer: {@code work} is applied together with the work of
     * concurrent callers in one transaction with one sync, in its own child transaction so that its failure
     * affects only itself. Returns once that shared commit is durable. {@code work} may run more than once.
     */
    <R> R writeGrouped(Function<Txn<ByteBuffer>, R> work) {
        return committer.commit(work);
    }

    /** Group commits so far and the batches they held, and batches waiting now (for tests and diagnostics). */
    long[] groupCommitCounts() {
        long[] counts = committer.counts();
        return new long[] {counts[0], counts[1], committer.waiting()};
    }

    private <R> R writeDirect(Function<Txn<ByteBuffer>, R> work) {
        while (true) {
            lock.readLock().lock();
            long attemptedSize = mapSize;
            LmdbNativeException mapFull;
            try {
                ensureOpen();
                try (Txn<ByteBuffer> txn = env.txnWrite()) {
                    R result = work.apply(txn);
                    txn.commit();
                    return result;
                }
            } catch (LmdbNativeException e) {
                mapFull = requireMapFull(e);
            } finally {
                lock.readLock().unlock();
            }
            grow(attemptedSize, mapFull);
        }
    }

    /** The group committer's view of this environment: top-level writes with growth, and child transactions. */
    private final class Engine implements GroupCommitter.Engine<Txn<ByteBuffer>> {
        @Override
        public void write(java.util.function.Consumer<Txn<ByteBuffer>> work) {
            writeDirect(txn -> {
                work.accept(txn);
                return null;
            });
        }

        @Override
        public <R> R nested(Txn<ByteBuffer> parent, Function<Txn<ByteBuffer>, R> work) {
            try (Txn<ByteBuffer> child = env.txn(parent)) {
                R result = work.apply(child);
                child.commit();
                return result;
            }
        }

        /** Map full (the group is retried after growing) and out of disk space concern the whole transaction. */
        @Override
        public boolean failsGroup(RuntimeException failure) {
            if (!(failure instanceof LmdbNativeException e)) {
                return false;
            }
            int rc = e.getResultCode();
            return rc == MDB_MAP_FULL || rc == ENOSPC || rc == EDQUOT;
        }

        @Override
        public boolean retryAlone(RuntimeException failure) {
            return failure instanceof StoreFullException;
        }
    }

    private static LmdbNativeException requireMapFull(LmdbNativeException e) {
        int rc = e.getResultCode();
        if (rc == ENOSPC || rc == EDQUOT) {
            throw new StoreFullException("no space left for the metadata store", e);
        }
        if (rc != MDB_MAP_FULL) {
            throw e;
        }
        return e;
    }

    private void grow(long attemptedSize, LmdbNativeException cause) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            if (mapSize != attemptedSize) {
                return; // another writer grew the map meanwhile
            }
            if (mapSize >= maxMapSize) {
                throw new StoreFullException("metadata store is full: its map reached the configured maximum of "
                        + maxMapSize + " bytes", cause);
            }
            env.setMapSize(Math.min(maxMapSize, mapSize * 2));
            mapSize = env.info().mapSize;
            LOG.info(() -> "metadata store map grown to " + mapSize + " bytes");
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A consistent, compacted copy of the environment into an existing empty directory, taken while it serves. */
    void copyTo(Path emptyDir) {
        lock.readLock().lock();
        try {
            ensureOpen();
            env.copy(emptyDir.toFile(), org.lmdbjava.CopyFlags.MDB_CP_COMPACT);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sizes and entry counts from LMDB's own counters. */
    StoreStats stats() {
        return read(txn -> {
            EnvInfo info = env.info();
            long pageSize = env.stat().pageSize;
            Map<String, Long> entries = new LinkedHashMap<>();
            dbis.forEach((name, dbi) -> entries.put(name, dbi.stat(txn).entries));
            return new StoreStats(info.mapSize, (info.lastPageNumber + 1) * pageSize, maxMapSize,
                    Collections.unmodifiableMap(entries));
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the metadata store is closed");
        }
    }

    /** Lets the group committer finish what was handed in, waits for running transactions, then closes; idempotent. */
    @Override
    public void close() {
        committer.close();
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                env.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
