package com.goodpackagerepo.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams an upload into its (staging) file, hashing it, and returns once the bytes are on disk
 * ({@code fdatasync}), so that receiving, hashing, writing and flushing overlap instead of running in series:
 *
 * <ul>
 *   <li>the request thread reads the body into large pooled buffers;</li>
 *   <li>a writer thread ({@code upload-write}) and a hasher thread ({@code upload-hash}) each take the filled
 *       buffers from a small bounded queue of their own, so the request thread receives the next buffer meanwhile
 *       (the queues bound the memory an upload holds: never the whole body). Hashing on the request thread
 *       instead measured more CPU per MiB and no faster (docs/performance.md, "Issue 21 item 4");</li>
 *   <li>every {@code flushEvery} bytes written, a flush ({@code force(false)}) of what is written so far starts
 *       in the background, so the disk writes while the body is still arriving and the final flush at the end
 *       has only the last stretch to write.</li>
 * </ul>
 *
 * A body that fits in the first buffer (the common small publish) is written and flushed by the request thread
 * alone, with no hand-off. The size limit is enforced as bytes arrive. Any failure — of the body, the limit, a
 * write or a flush — stops the writer and is thrown from {@link #write} after every thread is done with the
 * file, so the caller may delete it at once. Thread-safe; one instance serves every upload.
 */
public final class UploadWriter {

    /** The outcome of a complete, flushed write. */
    public record Written(String hex, long size) {
    }

    static final int BUFFER_SIZE = 256 * 1024;
    static final int QUEUE_DEPTH = 8;
    static final long FLUSH_EVERY = 16L * 1024 * 1024;
    private static final int POOLED_BUFFERS = 16;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "blob-upload-writer");
        thread.setDaemon(true);
        return thread;
    });

    /** The shared instance: 256 KiB buffers, 8 queued per upload, a background flush every 16 MiB. */
    public static final UploadWriter DEFAULT = new UploadWriter(BUFFER_SIZE, QUEUE_DEPTH, FLUSH_EVERY);

    private final int bufferSize;
    private final int queueDepth;
    private final long flushEvery;
    private final boolean hashThread;
    private final BlockingQueue<byte[]> pool;
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicInteger handOffs = new AtomicInteger();

    UploadWriter(int bufferSize, int queueDepth, long flushEvery) {
        this(bufferSize, queueDepth, flushEvery, true);
    }

    /** @param hashThread hash on a thread of its own (else on the request thread, while the writer writes) */
    UploadWriter(int bufferSize, int queueDepth, long flushEvery, boolean hashThread) {
        if (bufferSize < 1 || queueDepth < 1 || flushEvery < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        this.bufferSize = bufferSize;
        this.queueDepth = queueDepth;
        this.flushEvery = flushEvery;
        this.hashThread = hashThread;
        this.pool = new ArrayBlockingQueue<>(POOLED_BUFFERS);
    }

    /**
     * PipelineWrites all of {@code in} to {@code out} from its current position, hashing with SHA-256, and flushes it.
     *
     * @throws BlobTooLargeException when the body exceeds {@code maxBytes}; writing stops there
     */
    public Written write(InputStream in, FileChannel out, long maxBytes) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] first = takeBuffer();
        boolean handedOver = false;
        int n;
        try {
            n = fill(in, first);
            checkLimit(n, maxBytes);
            if (n < first.length) {
                sha256.update(first, 0, n);
                writeFully(out, first, n);
                forceWithCount(out);
                return new Written(HexFormat.of().formatHex(sha256.digest()), n);
            }
            handedOver = true; // from here on `first` belongs to the pipeline
        } finally {
            if (!handedOver) {
                giveBuffer(first);
            }
        }
        return pipelined(in, out, maxBytes, sha256, first, n);
    }

    private Written pipelined(InputStream in, FileChannel out, long maxBytes, MessageDigest sha256, byte[] first,
                              int firstLength) throws IOException {
        handOffs.incrementAndGet();
        Pipeline pipeline;
        try {
            pipeline = new Pipeline(out, hashThread ? sha256 : null);
        } catch (RuntimeException | Error e) {
            giveBuffer(first);
            throw e;
        }
        long size = firstLength;
        try {
            if (!hashThread) {
                sha256.update(first, 0, firstLength);
            }
            pipeline.submit(first, firstLength);
            while (true) {
                pipeline.throwIfFailed();
                byte[] buffer = takeBuffer();
                int n;
                try {
                    n = fill(in, buffer);
                    size += n;
                    checkLimit(size, maxBytes);
                } catch (IOException | RuntimeException e) {
                    giveBuffer(buffer);
                    throw e;
                }
                if (n > 0) { // the buffer now belongs to the pipeline's threads
                    if (!hashThread) {
                        sha256.update(buffer, 0, n);
                    }
                    pipeline.submit(buffer, n);
                } else {
                    giveBuffer(buffer);
                }
                if (n < buffer.length) {
                    break;
                }
            }
            pipeline.finish();
        } catch (IOException | RuntimeException | Error e) {
            pipeline.abandon(e);
            throw e;
        }
        return new Written(HexFormat.of().formatHex(sha256.digest()), size);
    }

    /** Background flushes started so far, plus final flushes (for tests and diagnostics). */
    long flushes() {
        return flushes.get();
    }

    /** Uploads that needed the writer thread (for tests). */
    int handOffs() {
        return handOffs.get();
    }

    /** Buffers resting in the pool (for tests: every buffer comes back). */
    int pooledBuffers() {
        return pool.size();
    }

    private static void checkLimit(long size, long maxBytes) throws BlobTooLargeException {
        if (size > maxBytes) {
            throw new BlobTooLargeException("blob exceeds the limit of " + maxBytes + " bytes");
        }
    }

    /** Reads until the buffer is full or the body ends; returns the bytes read. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static void writeFully(FileChannel out, byte[] buffer, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
        while (chunk.hasRemaining()) {
            out.write(chunk);
        }
    }

    private void forceWithCount(FileChannel out) throws IOException {
        flushes.incrementAndGet();
        out.force(false);
    }

    private byte[] takeBuffer() {
        byte[] buffer = pool.poll();
        return buffer != null ? buffer : new byte[bufferSize];
    }

    private void giveBuffer(byte[] buffer) {
        if (buffer != null) {
            pool.offer(buffer); // dropped when the pool is full
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /**
     * The threads of one upload: a writer (and, with {@code hashThread}, a hasher) each taking the filled
     * buffers in order from its own small bounded queue; a buffer returns to the pool when every thread is done
     * with it. Plus the background flushes the writer starts.
     */
    private final class Pipeline {
        private final FileChannel out;
        private final List<Stage> stages = new ArrayList<>(2);
        private volatile Throwable failure;
        private long written;
        private long flushedMark;
        private CompletableFuture<Void> flush = CompletableFuture.completedFuture(null);

        Pipeline(FileChannel out, MessageDigest hashHere) {
            this.out = out;
            stages.add(new Stage("upload-write", this::writeChunk));
            if (hashHere != null) {
                stages.add(new Stage("upload-hash", chunk -> hashHere.update(chunk.buffer(), 0, chunk.length())));
            }
            List<Stage> started = new ArrayList<>(stages.size());
            try {
                for (Stage stage : stages) {
                    stage.start();
                    started.add(stage);
                }
            } catch (RuntimeException | Error e) { // no thread to be had: stop the ones already running
                started.forEach(stage -> stage.put(Chunk.END));
                throw e;
            }
        }

        void submit(byte[] buffer, int length) {
            Chunk chunk = new Chunk(buffer, length, new AtomicInteger(stages.size()));
            stages.forEach(stage -> stage.put(chunk));
        }

        void throwIfFailed() throws IOException {
            Throwable f = failure;
            if (f != null) {
                throw asIoException(f);
            }
        }

        /** Waits for every write, the hash and the background flush, then flushes the rest. */
        void finish() throws IOException {
            stages.forEach(stage -> stage.put(Chunk.END));
            awaitAll();
            throwIfFailed();
            forceWithCount(out);
        }

        /** After a failure on the request side: stops the threads and waits until none uses the file. */
        void abandon(Throwable cause) {
            failure = failure == null ? cause : failure;
            stages.forEach(stage -> stage.put(Chunk.END));
            try {
                awaitAll();
            } catch (IOException e) {
                // the original failure is what the caller reports
            }
        }

        private void awaitAll() throws IOException {
            for (Stage stage : stages) {
                await(stage.task);
            }
            await(flush); // the writer has ended: no new flush can start
        }

        private void writeChunk(Chunk chunk) throws IOException {
            writeFully(out, chunk.buffer(), chunk.length());
            written += chunk.length();
            if (written - flushedMark >= flushEvery && flush.isDone()) {
                flushedMark = written;
                flush = CompletableFuture.runAsync(this::backgroundFlush, THREADS);
            }
        }

        private void backgroundFlush() {
            Thread.currentThread().setName("upload-flush");
            try {
                forceWithCount(out);
            } catch (IOException | RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }

        /** One thread of the pipeline and its queue. */
        private final class Stage {
            private final String name;
            private final ChunkWork work;
            private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(queueDepth);
            private Future<?> task;

            /** @param name the pooled thread's name while it serves this stage (per-stage CPU in /proc and JFR) */
            Stage(String name, ChunkWork work) {
                this.name = name;
                this.work = work;
            }

            void start() {
                task = THREADS.submit(() -> {
                    Thread.currentThread().setName(name);
                    drain();
                });
            }

            /** Never blocks for ever: the stage drains its queue until the end marker, even after a failure. */
            void put(Chunk chunk) {
                boolean interrupted = false;
                try {
                    while (true) {
                        try {
                            queue.put(chunk);
                            return;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            /** Processes chunks in order until the end marker; after a failure only releases them. */
            private void drain() {
                while (true) {
                    Chunk chunk;
                    try {
                        chunk = queue.take();
                    } catch (InterruptedException e) {
                        failure = failure == null ? new InterruptedIOException("upload writer interrupted") : failure;
                        return;
                    }
                    if (chunk == Chunk.END) {
                        return;
                    }
                    try {
                        if (failure == null) {
                            work.accept(chunk);
                        }
                    } catch (IOException | RuntimeException | Error e) {
                        failure = failure == null ? e : failure; // keep draining: the request thread may be in put
                    } finally {
                        if (chunk.users().decrementAndGet() == 0) {
                            giveBuffer(chunk.buffer());
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface ChunkWork {
        void accept(Chunk chunk) throws IOException;
    }

    private static void await(Future<?> future) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the file must not be closed under a running write or flush
                } catch (ExecutionException e) {
                    throw asIoException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IOException asIoException(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    private record Chunk(byte[] buffer, int length, AtomicInteger users) {
        static final Chunk END = new Chunk(new byte[0], 0, new AtomicInteger());
    }
}
