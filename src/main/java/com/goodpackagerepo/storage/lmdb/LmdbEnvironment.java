package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.error.StoreFullException;
import com.goodpackagerepo.storage.GroupCommitter;
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

    /** Replaced (under the exclusive lock) only by {@link #compact}, which reopens the environment. */
    private volatile Env<ByteBuffer> env;
    private final Map<String, Dbi<ByteBuffer>> dbis = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> dbNames;
    private final Path dir;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Shared by writes, exclusive for a compaction: writes wait while the compacted copy is taken, reads do not. */
    private final ReentrantReadWriteLock writeGate = new ReentrantReadWriteLock();
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
        this.dir = dir;
        this.dbNames = List.copyOf(dbNames);
        LmdbCompaction.discardUnfinished(dir);
        open(initialMapSize);
        this.mapSize = env.info().mapSize;
    }

    private void open(long size) {
        Env<ByteBuffer> opened = Env.create().setMapSize(size).setMaxDbs(MAX_DBS).setMaxReaders(MAX_READERS)
                .open(dir.toFile(), EnvFlags.MDB_NOTLS);
        try {
            for (String name : dbNames) {
                dbis.put(name, opened.openDbi(name, DbiFlags.MDB_CREATE));
            }
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        env = opened;
    }

    Dbi<ByteBuffer> dbi(String name) {
        return dbis.get(name);
    }

    /** The handle of a named database as of each use: a compaction replaces every handle. */
    java.util.function.Supplier<Dbi<ByteBuffer>> dbiRef(String name) {
        if (!dbis.containsKey(name)) {
            throw new IllegalArgumentException("no database " + name);
        }
        return () -> dbis.get(name);
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
        writeGate.readLock().lock();
        try {
            return writeUngated(work);
        } finally {
            writeGate.readLock().unlock();
        }
    }

    private <R> R writeUngated(Function<Txn<ByteBuffer>, R> work) {
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

    /**
     * Rewrites the environment without its free pages: writes wait (from their start to their end, not half-way)
     * while a compacted copy is taken beside it; reads go on meanwhile and pause only while the copy replaces the
     * file and the environment reopens. Crash-safe: the file is replaced by one atomic rename of a synced copy.
     */
    com.goodpackagerepo.storage.Compaction compact() {
        long started = System.nanoTime();
        writeGate.writeLock().lock();
        try {
            long before = LmdbCompaction.fileSize(dir);
            Path copy = LmdbCompaction.prepare(dir);
            lock.readLock().lock();
            try {
                ensureOpen();
                env.copy(copy.toFile(), org.lmdbjava.CopyFlags.MDB_CP_COMPACT);
            } finally {
                lock.readLock().unlock();
            }
            LmdbCompaction.sync(copy);
            long pauseStarted;
            long pausedNanos;
            lock.writeLock().lock();
            try {
                pauseStarted = System.nanoTime();
                ensureOpen();
                env.close();
                try {
                    LmdbCompaction.replace(copy, dir);
                } finally {
                    reopenOrClose();
                }
                mapSize = env.info().mapSize;
                pausedNanos = System.nanoTime() - pauseStarted;
            } finally {
                lock.writeLock().unlock();
            }
            LmdbCompaction.discardUnfinished(dir);
            long after = LmdbCompaction.fileSize(dir);
            var result = new com.goodpackagerepo.storage.Compaction(before, after,
                    (System.nanoTime() - started) / 1_000_000, pausedNanos / 1_000_000);
            LOG.info(() -> "metadata store compacted: " + result);
            return result;
        } finally {
            writeGate.writeLock().unlock();
        }
    }

    /** After a swap (or a failed one: the original file is still there), the environment must open again. */
    private void reopenOrClose() {
        try {
            open(mapSize);
        } catch (RuntimeException e) {
            closed = true;
            throw new IllegalStateException("the metadata store did not reopen after compaction", e);
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
