package com.goodpackagerepo.storage.blob;

import java.nio.file.Path;

/** A stored blob: its digest ("sha256:<hex>"), its size in bytes and the file that holds it. */
public record BlobRef(String digest, long size, Path path) {
}
