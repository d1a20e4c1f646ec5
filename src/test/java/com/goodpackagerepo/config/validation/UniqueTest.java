package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.arr;
import static com.goodpackagerepo.config.validation.Fixtures.assertOnlyViolation;
import static com.goodpackagerepo.config.validation.Fixtures.assertValid;
import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.obj;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static com.goodpackagerepo.config.validation.Fixtures.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** val_unique_routes and val_unique_index_keys: the unique requirement. */
class UniqueTest {

    @Test
    void distinctRouteIdsAndIndexKeyNamesPass() {
        ObjectNode schema = shipped();
        arr(schema, "/indexes/tags/keys").add(json("{\"name\":\"by_target\",\"fields\":[\"target_key\"]}"));

        assertValid(validate(schema));
    }

    @Test
    void aDuplicateRouteIdIsRejectedAtTheRepeat() {
        ObjectNode schema = shipped();
        obj(schema, "/api/routes/3").put("id", "fetch_artifact_blob");

        assertOnlyViolation(validate(schema), "val_unique_routes", "api.routes[3].id");
    }

    @Test
    void aDuplicateIndexKeyNameAcrossIndexesIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/indexes/tags/keys/0").put("name", "by_name");

        assertOnlyViolation(validate(schema), "val_unique_index_keys", "indexes.tags.keys[0].name");
    }

    @Test
    void aDuplicateIndexKeyNameWithinAnIndexIsRejected() {
        ObjectNode schema = shipped();
        arr(schema, "/indexes/tags/keys").add(json("{\"name\":\"by_tag\",\"fields\":[\"tag\"]}"));

        assertOnlyViolation(validate(schema), "val_unique_index_keys", "indexes.tags.keys[1].name");
    }

    @Test
    void aPatternWhosePrefixDoesNotExistIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/validation/load_time_checks/3/require").set("unique", json("[\"api.route[].id\"]"));

        assertOnlyViolation(validate(schema), "val_unique_routes", "validation.load_time_checks[3].require.unique[0]");
    }

    @Test
    void aMalformedPatternIsRejected() {
        ObjectNode schema = shipped();
        obj(schema, "/validation/load_time_checks/3/require").set("unique", json("[\"api..routes\"]"));

        assertOnlyViolation(validate(schema), "val_unique_routes", "validation.load_time_checks[3].require.unique[0]");
    }
}
