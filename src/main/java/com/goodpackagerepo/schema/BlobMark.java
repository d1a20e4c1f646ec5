package com.goodpackagerepo.schema;

/** One entry of {@code gc.sweep.mark.mark_blobs_by} ("artifact_meta.blob_digest"): documents whose field names a blob. */
public record BlobMark(String document, String field) {
}
