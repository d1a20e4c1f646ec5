package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.args;
import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertHasViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.idsAndPaths;
import static com.goodpackagerepo.config.validation.Fixtures.op;
import static com.goodpackagerepo.config.validation.Fixtures.pipeline;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The runtime checks that are decided statically. */
class RuntimeChecksTest {

    @Nested
    class DigestVerifyOnPut {

        private static final String CHECK = "run.digest_verify_on_put";

        @Test
        void aPutFromTheRequestBodyFollowedByVerifyPasses() {
            assertValid(validate(shipped()));
        }

        @Test
        void aPutFromTheRequestBodyWithoutVerifyIsRejected() {
            ObjectNode schema = shipped();
            pipeline(schema, 0).remove(6); // blob.verify_digest

            assertOnlyViolation(validate(schema), CHECK, "api.routes[0].pipeline[5].op");
        }

        @Test
        void verifyingBeforeThePutDoesNotCount() {
            ObjectNode schema = shipped();
            ArrayNode ops = pipeline(schema, 0);
            ops.insert(5, ops.remove(6)); // verify, then put

            assertOnlyViolation(validate(schema), CHECK, "api.routes[0].pipeline[6].op");
        }

        @Test
        void aPutOfAProxyFetchedBodyIsExempt() {
            ObjectNode schema = shipped();
            args(schema, 4, 9).put("from", "$up_resp.body");

            assertValid(validate(schema));
        }

        @Test
        void aPutOfParsedClientInputIsNotExempt() {
            ObjectNode schema = shipped();
            args(schema, 4, 9).put("from", "$meta.body");

            assertOnlyViolation(validate(schema), CHECK, "api.routes[4].pipeline[9].op");
        }
    }

    @Nested
    class TxnForWrites {

        private static final String CHECK = "run.txn_for_writes";
        private static final String APPLY_TAG = "/replication/apply_pipelines/apply_tag_updated";
        private static final String APPLY_PUBLISHED = "/replication/apply_pipelines/apply_artifact_published";

        @Test
        void abortAlsoEndsATransaction() {
            ObjectNode schema = shipped();
            arr(schema, APPLY_TAG).set(3, op("txn.abort", "{}"));

            // val.replication_apply refuses an abort in an apply pipeline; the transaction rule itself is satisfied
            assertTrue(idsAndPaths(validate(schema)).stream().noneMatch(v -> v.startsWith(CHECK + " ")),
                    validate(schema)::summary);
        }

        @Test
        void aWriteAfterCommitIsRejected() {
            ObjectNode schema = shipped();
            arr(schema, APPLY_TAG).add(op("kv.put",
                    "{\"doc\":\"tag_map\",\"key\":\"tag/{namespace}/{name}/{tag}\",\"value\":\"{event.payload}\"}"));

            assertHasViolation(validate(schema), CHECK, "replication.apply_pipelines.apply_tag_updated[4].op");
        }

        @Test
        void anIndexWriteBeforeBeginIsRejected() {
            ObjectNode schema = shipped();
            ArrayNode ops = pipeline(schema, 2);
            ops.insert(6, ops.remove(11)); // index.upsert moved before txn.begin

            assertOnlyViolation(validate(schema), CHECK, "api.routes[2].pipeline[6].op");
        }

        @Test
        void anUnclosedTransactionIsRejectedAtItsBegin() {
            ObjectNode schema = shipped();
            arr(schema, APPLY_PUBLISHED).remove(3); // txn.commit

            assertOnlyViolation(validate(schema), CHECK, "replication.apply_pipelines.apply_artifact_published[0].op");
        }

        @Test
        void aNestedBeginIsRejected() {
            ObjectNode schema = shipped();
            arr(schema, APPLY_PUBLISHED).insert(1, op("txn.begin", "{}"));

            assertOnlyViolation(validate(schema), CHECK, "replication.apply_pipelines.apply_artifact_published[1].op");
        }

        @Test
        void aCommitWithoutBeginIsRejected() {
            ObjectNode schema = shipped();
            pipeline(schema, 3).insert(0, op("txn.commit", "{}"));

            assertOnlyViolation(validate(schema), CHECK, "api.routes[3].pipeline[0].op");
        }
    }
}
