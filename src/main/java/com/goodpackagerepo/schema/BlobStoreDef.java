package com.goodpackagerepo.schema;

/**
 * One of {@code storage.blob_stores}.
 *
 * @param maxBlobBytes {@code limits.max_blob_bytes}, null when not declared
 */
public record BlobStoreDef(String name, String kind, String addressingMode, String digest, Long maxBlobBytes) {
}
