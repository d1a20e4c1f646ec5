package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** storage.blob_stores: S3 stores are well-formed and no store carries credentials. */
class BlobStoresCheckTest {
    private static final String CHECK = CheckIds.BLOB_STORES;
    private static final String PRIMARY = "storage.blob_stores.primary";

    private static ObjectNode s3Store(ObjectNode schema) {
        ObjectNode store = (ObjectNode) schema.path("storage").path("blob_stores").path("primary");
        store.remove("root");
        store.put("kind", "s3");
        store.put("bucket", "gpr-blobs");
        store.put("prefix", "blobs/");
        store.put("endpoint", "http://127.0.0.1:9000");
        store.put("region", "us-east-1");
        store.put("path_style", true);
        store.put("presigned_redirect_seconds", 300);
        return store;
    }

    @Test
    void aWellFormedS3StorePasses() {
        ObjectNode schema = shipped();
        s3Store(schema);
        assertValid(validate(schema));
    }

    @Test
    void credentialsInAnS3StoreAreRefused() {
        ObjectNode schema = shipped();
        s3Store(schema).put("secret_access_key", "hunter2");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".secret_access_key");
    }

    @Test
    void credentialsNestedAnywhereInAStoreAreRefused() {
        ObjectNode schema = shipped();
        s3Store(schema).putObject("auth").put("access_key_id", "AKIA");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".auth.access_key_id");
    }

    @Test
    void credentialsInAFilesystemStoreAreRefusedToo() {
        ObjectNode schema = shipped();
        ((ObjectNode) schema.path("storage").path("blob_stores").path("primary")).put("credentials", "x");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".credentials");
    }

    @Test
    void anS3StoreWithoutABucketIsRefused() {
        ObjectNode schema = shipped();
        s3Store(schema).remove("bucket");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".bucket");
    }

    @Test
    void aBadEndpointIsRefused() {
        ObjectNode schema = shipped();
        s3Store(schema).put("endpoint", "ftp://example");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".endpoint");
    }

    @Test
    void pathStyleMustBeABoolean() {
        ObjectNode schema = shipped();
        s3Store(schema).put("path_style", "yes");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".path_style");
    }

    @Test
    void presignedRedirectSecondsAreBounded() {
        ObjectNode schema = shipped();
        s3Store(schema).put("presigned_redirect_seconds", 0);
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".presigned_redirect_seconds");
    }

    @Test
    void anAbsolutePrefixIsRefused() {
        ObjectNode schema = shipped();
        s3Store(schema).put("prefix", "/abs");
        assertOnlyViolation(validate(schema), CHECK, PRIMARY + ".prefix");
    }
}
