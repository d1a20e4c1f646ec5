package com.goodpackagerepo.storage.blob;

import java.io.*;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.Random;

/**
 * The write path of a large publish without HTTP (docs/performance.md §3): MIB MiB of random bytes from memory,
 * read 64 KiB at a time like a socket, into a new file in DIR — the old serial loop (read, hash, write, one
 * force at the end) against variants of {@link UploadWriter}; 3 interleaved rounds. In the blob package to reach
 * the writer's tuning constructor. Usage, after mvn compile:
 * javac -d /tmp/uws -cp target/classes bench/tools/UploadWriterSpeed.java
 * java -cp /tmp/uws:target/classes com.goodpackagerepo.storage.blob.UploadWriterSpeed 256 /tmp [serial,hashreq,hashthread,noflush,flush8,flush32]
 */
public class UploadWriterSpeed {
    public static void main(String[] a) throws Exception {
        int mib = Integer.parseInt(a[0]);
        Path dir = Paths.get(a[1]);
        byte[] body = new byte[mib << 20];
        new Random(1).nextBytes(body);
        String[] variants = a.length > 2 ? a[2].split(",") : new String[] {"serial", "hashreq", "hashthread", "noflush"};
        for (int round = 0; round < 3; round++) {
            for (String v : variants) {
                Path f = dir.resolve("micro-" + v + "-" + round);
                Files.deleteIfExists(f);
                Files.createFile(f);
                // a socket-like source: reads of at most 64 KiB
                InputStream in = new FilterInputStream(new ByteArrayInputStream(body)) {
                    public int read(byte[] b, int off, int len) throws IOException { return super.read(b, off, Math.min(len, 65536)); }
                };
                long t0 = System.nanoTime();
                try (FileChannel out = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    switch (v) {
                        case "serial" -> serial(in, out);
                        case "hashreq" -> new UploadWriter(256 << 10, 8, 16L << 20, false).write(in, out, Long.MAX_VALUE);
                        case "hashthread" -> new UploadWriter(256 << 10, 8, 16L << 20, true).write(in, out, Long.MAX_VALUE);
                        case "noflush" -> new UploadWriter(256 << 10, 8, Long.MAX_VALUE, true).write(in, out, Long.MAX_VALUE);
                        case "flush8" -> new UploadWriter(256 << 10, 8, 8L << 20, true).write(in, out, Long.MAX_VALUE);
                        case "flush32" -> new UploadWriter(256 << 10, 8, 32L << 20, true).write(in, out, Long.MAX_VALUE);
                        default -> throw new IllegalArgumentException(v);
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d %-10s %7.1f MB/s%n", round, v, body.length / s / 1e6);
                Files.delete(f);
            }
        }
    }

    static void serial(InputStream in, FileChannel out) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) out.write(chunk);
        }
        sha.digest();
        out.force(true);
    }
}
