package com.goodpackagerepo.storage.lmdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files of a compaction: the compacted copy is written to a sibling directory ({@code <dir>.compacting}, on
 * the same file system so that the swap is one rename), synced, then renamed over {@code data.mdb}. A crash
 * before the rename leaves the old file whole and a stray copy, which the next open deletes; after it, the new
 * file is complete. The lock file stays: LMDB re-initialises it when the first process opens the environment.
 */
final class LmdbCompaction {
    static final String DATA_FILE = "data.mdb";

    private LmdbCompaction() {
    }

    static Path copyDir(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".compacting");
    }

    /** An empty directory for the copy. */
    static Path prepare(Path dir) {
        Path copy = copyDir(dir);
        discardUnfinished(dir);
        try {
            Files.createDirectories(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + copy, e);
        }
        return copy;
    }

    /** Deletes what an interrupted compaction left beside the store. */
    static void discardUnfinished(Path dir) {
        Path copy = copyDir(dir);
        if (!Files.exists(copy)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(copy)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the unfinished compaction copy " + copy, e);
        }
    }

    static void sync(Path copyDir) {
        try (FileChannel channel = FileChannel.open(copyDir.resolve(DATA_FILE), StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the compacted copy", e);
        }
    }

    /** Renames the synced copy over the store's data file and syncs the directory entry. */
    static void replace(Path copyDir, Path dir) {
        try {
            Files.move(copyDir.resolve(DATA_FILE), dir.resolve(DATA_FILE),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // some file systems cannot sync a directory; the rename itself is atomic
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the metadata store's data file", e);
        }
    }

    static long fileSize(Path dir) {
        try {
            return Files.size(dir.resolve(DATA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
