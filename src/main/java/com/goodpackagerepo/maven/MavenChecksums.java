package com.goodpackagerepo.maven;

import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.blob.BlobRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MD5, SHA-1, SHA-256 and SHA-512 of a stored blob, for the checksum files Maven asks for beside every file.
 * A Maven deploy computes them while the bytes stream in ({@link Digesting}); a blob published another way (or
 * known before a restart) is hashed once from the blob store when first asked. Either way they are the server's
 * own, computed from the stored bytes, and kept in a bounded in-memory map by SHA-256.
 */
@ApplicationScoped
public class MavenChecksums {
    private static final int MAX_CACHED = 20_000;

    @Inject
    Stores stores;

    private final Map<String, Map<ChecksumAlgorithm, String>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<ChecksumAlgorithm, String>> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /** The checksums of the blob {@code digest} ({@code sha256:…}), or empty when no store has it. */
    public Optional<Map<ChecksumAlgorithm, String>> of(String digest) {
        String hex = BlobDigests.hex(digest);
        synchronized (cache) {
            Map<ChecksumAlgorithm, String> known = cache.get(hex);
            if (known != null) {
                return Optional.of(known);
            }
        }
        try {
            for (String store : stores.blobRoots().keySet()) {
                Optional<BlobRef> blob = stores.blobStore(store).stat(BlobDigests.of(hex));
                if (blob.isPresent()) {
                    Digesting digesting;
                    try (InputStream in = blob.get().open()) {
                        digesting = new Digesting(in);
                        digesting.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    Map<ChecksumAlgorithm, String> sums = digesting.checksums();
                    remember(sums);
                    return Optional.of(sums);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** Records checksums computed while the bytes streamed in. */
    public void remember(Map<ChecksumAlgorithm, String> sums) {
        synchronized (cache) {
            cache.put(sums.get(ChecksumAlgorithm.SHA256), Map.copyOf(sums));
        }
    }

    /** Whether a checksum file's text (Maven writes {@code <hex>} or {@code <hex>  <file name>}) states {@code hex}. */
    public static boolean matches(String uploaded, String hex) {
        String text = uploaded.strip();
        int space = text.indexOf(' ');
        String stated = space < 0 ? text : text.substring(0, space);
        return stated.equalsIgnoreCase(hex);
    }

    /** Computes every checksum of the bytes read through it. */
    public static final class Digesting extends java.io.FilterInputStream {
        private final Map<ChecksumAlgorithm, MessageDigest> digests = new EnumMap<>(ChecksumAlgorithm.class);

        public Digesting(InputStream in) {
            super(in);
            try {
                for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                    digests.put(a, MessageDigest.getInstance(a.jcaName()));
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digests.values().forEach(d -> d.update((byte) b));
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                digests.values().forEach(d -> d.update(buffer, off, n));
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported while computing checksums");
        }

        public Map<ChecksumAlgorithm, String> checksums() {
            Map<ChecksumAlgorithm, String> out = new EnumMap<>(ChecksumAlgorithm.class);
            digests.forEach((a, d) -> out.put(a, HexFormat.of().formatHex(d.digest())));
            return out;
        }
    }

    /** Checksums of bytes in memory (generated metadata). */
    public static Map<ChecksumAlgorithm, String> of(byte[] bytes) {
        try (Digesting d = new Digesting(new java.io.ByteArrayInputStream(bytes))) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
            return d.checksums();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
