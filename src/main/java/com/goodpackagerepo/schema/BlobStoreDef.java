package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of {@code storage.blob_stores}. {@code storage.engines.Stores} opens it; two definitions that are equal
 * open the same store, so a new revision that leaves a store's definition alone keeps the open store.
 *
 * @param root         {@code root}, the directory of a filesystem store; null when not declared
 * @param pathTemplate {@code addressing.path_template}, {@link #DEFAULT_PATH_TEMPLATE} when not declared
 * @param maxBlobBytes {@code limits.max_blob_bytes}, null when not declared
 * @param minBlobBytes {@code limits.min_blob_bytes}, 0 when not declared
 * @param s3           the bucket of a store of kind {@code s3}; null for any other kind
 */
public record BlobStoreDef(String name, String kind, String root, String addressingMode, String digest,
                           String pathTemplate, Long maxBlobBytes, long minBlobBytes, S3 s3) {
    /** The blob layout when a store declares none. */
    public static final String DEFAULT_PATH_TEMPLATE = "sha256/{digest:0:2}/{digest}";
    /** The {@code kind} of a store in an S3 bucket. */
    public static final String S3_KIND = "s3";

    /**
     * The bucket of an S3 store.
     *
     * @param endpoint                 "" for AWS itself
     * @param presignedRedirectSeconds 0: downloads go through the server
     * @param stagingRoot              the local directory uploads stream into ({@code /data/s3-staging/NAME} by default)
     */
    public record S3(String bucket, String prefix, String endpoint, String region, boolean pathStyle,
                     long presignedRedirectSeconds, String stagingRoot) {
    }

    /** Reads store {@code name}; anything missing or malformed takes its default. */
    public static BlobStoreDef read(String name, JsonNode store) {
        JsonNode max = store.path("limits").path("max_blob_bytes");
        String kind = store.path("kind").asText("");
        S3 s3 = !S3_KIND.equals(kind) ? null : new S3(store.path("bucket").asText(), store.path("prefix").asText(""),
                store.path("endpoint").asText(""), store.path("region").asText("us-east-1"),
                store.path("path_style").asBoolean(false), store.path("presigned_redirect_seconds").asLong(0),
                store.path("staging_root").asText("/data/s3-staging/" + name));
        JsonNode root = store.path("root");
        return new BlobStoreDef(name, kind, root.isMissingNode() || root.isNull() ? null : root.asText(),
                store.path("addressing").path("mode").asText(""), store.path("addressing").path("digest").asText(""),
                store.path("addressing").path("path_template").asText(DEFAULT_PATH_TEMPLATE),
                max.canConvertToLong() ? max.asLong() : null, store.path("limits").path("min_blob_bytes").asLong(0), s3);
    }

    public boolean isS3() {
        return s3 != null;
    }
}
