package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@value CheckIds#BLOB_STORES}: no blob store may carry credentials (any field whose name speaks of keys, secrets,
 * passwords, tokens or credentials, at any depth): they come from the environment or a mounted secret. A store of
 * kind {@code s3} needs a {@code bucket}; {@code endpoint} must be an http(s) URL, {@code path_style} a boolean,
 * {@code presigned_redirect_seconds} a whole number from 1 to 604800 (S3's longest signature).
 */
final class BlobStoresCheck implements SchemaCheck {

    static final String STORES = "storage.blob_stores";
    private static final Pattern CREDENTIAL = Pattern.compile(
            ".*(secret|password|passwd|credential|token|access_?key|private_?key|session).*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final long MAX_PRESIGN_SECONDS = 604800;

    @Override
    public String id() {
        return CheckIds.BLOB_STORES;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        JsonNode stores = schema.path("storage").path("blob_stores");
        if (!stores.isObject()) {
            return;
        }
        stores.fields().forEachRemaining(e -> {
            String path = STORES + "." + e.getKey();
            credentials(e.getValue(), path, reporter);
            if ("s3".equals(e.getValue().path("kind").asText())) {
                s3(e.getValue(), path, reporter);
            }
        });
    }

    private static void credentials(JsonNode node, String path, Reporter reporter) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = path + "." + field.getKey();
            if (CREDENTIAL.matcher(field.getKey().toLowerCase(Locale.ROOT)).matches()) {
                reporter.report(child, "credentials do not belong in the schema: give them through the environment"
                        + " or a mounted secret (gpr.s3.<store>.access-key-id / secret-access-key / credentials-file)");
            } else {
                credentials(field.getValue(), child, reporter);
            }
        }
    }

    private static void s3(JsonNode store, String path, Reporter reporter) {
        JsonNode bucket = store.path("bucket");
        if (!bucket.isTextual() || !BUCKET.matcher(bucket.asText()).matches()) {
            reporter.report(path + ".bucket", "an S3 store needs a bucket name (3-63 lowercase letters, digits, '.', '-'),"
                    + " was " + JsonValues.describe(bucket));
        }
        JsonNode endpoint = store.path("endpoint");
        if (!endpoint.isMissingNode() && !(endpoint.isTextual() && endpoint.asText().matches("https?://[^\\s/]+(/\\S*)?"))) {
            reporter.report(path + ".endpoint", "must be an http(s) URL, was " + JsonValues.describe(endpoint));
        }
        for (String text : new String[] {"prefix", "region", "staging_root"}) {
            JsonNode value = store.path(text);
            if (!value.isMissingNode() && !value.isTextual()) {
                reporter.report(path + "." + text, "must be a string, was " + JsonValues.describe(value));
            }
        }
        JsonNode prefix = store.path("prefix");
        if (prefix.isTextual() && (prefix.asText().startsWith("/") || prefix.asText().contains(".."))) {
            reporter.report(path + ".prefix", "must be relative and free of '..', was " + JsonValues.describe(prefix));
        }
        JsonNode pathStyle = store.path("path_style");
        if (!pathStyle.isMissingNode() && !pathStyle.isBoolean()) {
            reporter.report(path + ".path_style", "must be true or false, was " + JsonValues.describe(pathStyle));
        }
        JsonNode presign = store.path("presigned_redirect_seconds");
        if (!presign.isMissingNode() && !JsonValues.isIntegerIn(presign, 1, MAX_PRESIGN_SECONDS)) {
            reporter.report(path + ".presigned_redirect_seconds", "must be a whole number of seconds from 1 to "
                    + MAX_PRESIGN_SECONDS + ", was " + JsonValues.describe(presign));
        }
    }
}
