package com.goodpackagerepo.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies a blob directory tree file by file, hard-linking where the file system allows (blobs are immutable,
 * so a link is as good as a copy and costs no space). Staging files are skipped.
 */
final class BlobTrees {
    static final String STAGING = ".staging";

    private BlobTrees() {
    }

    /** Returns the number of files placed. */
    static long linkOrCopy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        long count = 0;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path relative = from.relativize(file);
                if (relative.getNameCount() > 0 && relative.getName(0).toString().equals(STAGING)) {
                    continue;
                }
                Path target = to.resolve(relative);
                Files.createDirectories(target.getParent());
                try {
                    Files.createLink(target, file);
                } catch (FileAlreadyExistsException e) {
                    continue;
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                count++;
            }
        }
        return count;
    }
}
