package com.goodpackagerepo.storage.lmdb;

import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.BlobSource;
import com.goodpackagerepo.storage.blob.InlineBlobs;
import com.goodpackagerepo.storage.blob.SweepResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * The "blobs" database: SHA-256 hex (ASCII) → 8-byte big-endian epoch millis of the first store, then the bytes.
 * Written only inside metadata write transactions ({@link LmdbWriteBatch#putInlineBlob}), so a small blob is as
 * durable as the documents committed with it; swept in one write transaction with the reverse reference index.
 */
final class InlineBlobTable implements InlineBlobs {
    private static final int HEADER = Long.BYTES;
    private static final int PAGE = 256;

    private final LmdbEnvironment env;
    private final Supplier<Dbi<ByteBuffer>> blobs; // resolved per use: compaction reopens the environment
    private final RefTable refs;

    InlineBlobTable(LmdbEnvironment env, Supplier<Dbi<ByteBuffer>> blobs, RefTable refs) {
        this.env = env;
        this.blobs = blobs;
        this.refs = refs;
    }

    private static byte[] key(String hex) {
        return BlobDigests.hex(hex).getBytes(StandardCharsets.US_ASCII);
    }

    /** In a write transaction: stores the blob unless that digest is stored already (the first store time stays). */
    void putIfAbsent(Txn<ByteBuffer> txn, byte[] key, byte[] bytes, long nowMillis) {
        if (blobs.get().get(txn, LmdbBuffers.direct(key)) != null) {
            return;
        }
        byte[] value = ByteBuffer.allocate(HEADER + bytes.length).putLong(nowMillis).put(bytes).array();
        LmdbBuffers.put(blobs.get(), txn, key, value);
    }

    static byte[] encodeKey(String hex) {
        return key(hex);
    }

    @Override
    public Optional<Stored> get(String hex) {
        byte[] value = env.read(txn -> LmdbBuffers.get(blobs.get(), txn, key(hex)));
        if (value == null) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long millis = buffer.getLong();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Optional.of(new Stored(bytes, Instant.ofEpochMilli(millis)));
    }

    @Override
    public long size(String hex) {
        return env.read(txn -> {
            ByteBuffer value = blobs.get().get(txn, LmdbBuffers.direct(key(hex)));
            return value == null ? -1L : value.remaining() - HEADER;
        });
    }

    /** Pages through the keys, one short read transaction per page, so no reader pins old pages for a whole sweep. */
    @Override
    public void forEach(Consumer<BlobRef> action) {
        byte[] after = null;
        while (true) {
            byte[] from = after;
            List<BlobRef> page = env.read(txn -> page(txn, from));
            for (BlobRef blob : page) {
                action.accept(blob);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = key(page.get(page.size() - 1).digest());
        }
    }

    private List<BlobRef> page(Txn<ByteBuffer> txn, byte[] after) {
        List<BlobRef> page = new ArrayList<>(PAGE);
        KeyRange<ByteBuffer> range = after == null ? KeyRange.all() : KeyRange.greaterThan(LmdbBuffers.direct(after));
        try (CursorIterable<ByteBuffer> cursor = blobs.get().iterate(txn, range)) {
            for (CursorIterable.KeyVal<ByteBuffer> entry : cursor) {
                String hex = new String(LmdbBuffers.copy(entry.key()), StandardCharsets.US_ASCII);
                ByteBuffer value = entry.val();
                Instant storedAt = Instant.ofEpochMilli(value.getLong(value.position()));
                byte[] bytes = new byte[value.remaining() - HEADER];
                value.duplicate().position(value.position() + HEADER).get(bytes);
                page.add(new BlobRef(BlobDigests.of(hex), bytes.length, null, new BlobSource.BytesSource(bytes, storedAt)));
                if (page.size() == PAGE) {
                    break;
                }
            }
        }
        return page;
    }

    @Override
    public SweepResult sweep(String hex, Instant cutoff, boolean dryRun) {
        String bare = BlobDigests.hex(hex);
        byte[] key = key(bare);
        return env.writeGrouped(txn -> {
            ByteBuffer value = blobs.get().get(txn, LmdbBuffers.direct(key));
            if (value == null) {
                return new SweepResult(SweepResult.Outcome.GONE, 0);
            }
            long size = value.remaining() - HEADER;
            if (!Instant.ofEpochMilli(value.getLong(value.position())).isBefore(cutoff)) {
                return new SweepResult(SweepResult.Outcome.YOUNG, size);
            }
            if (refs.referenced(txn, bare)) {
                return new SweepResult(SweepResult.Outcome.REFERENCED, size);
            }
            if (dryRun) {
                return new SweepResult(SweepResult.Outcome.WOULD_DELETE, size);
            }
            LmdbBuffers.delete(blobs.get(), txn, key);
            return new SweepResult(SweepResult.Outcome.DELETED, size);
        });
    }

    @Override
    public boolean delete(String hex) {
        byte[] key = key(hex);
        return env.writeGrouped(txn -> {
            if (blobs.get().get(txn, LmdbBuffers.direct(key)) == null) {
                return false;
            }
            LmdbBuffers.delete(blobs.get(), txn, key);
            return true;
        });
    }
}
