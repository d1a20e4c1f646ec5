package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.json.Json;
import org.junit.jupiter.api.Test;

/** What the admin API may change in the gc section, and how a bad change is refused. */
class GcSectionEditorTest {
    private static DomainException refused(String json) {
        return assertThrows(DomainException.class, () -> GcSectionEditor.validate(Json.parse(json.getBytes())));
    }

    @Test
    void acceptsEveryEditableField() {
        assertDoesNotThrow(() -> GcSectionEditor.validate(Json.parse(("{\"enabled\":false,\"retention\":"
                + "{\"keep_last_n_versions\":3,\"keep_tags_forever\":false,\"immutable_after_publish\":false},"
                + "\"sweep\":{\"schedule\":{\"rrule\":\"FREQ=SECONDLY;INTERVAL=2\"},"
                + "\"sweep_unreferenced_after_seconds\":0}}").getBytes())));
        assertDoesNotThrow(() -> GcSectionEditor.validate(Json.parse("{\"sweep\":{\"schedule\":{\"rrule\":\"\"}}}"
                .getBytes())));
    }

    @Test
    void refusesWrongTypesUnknownFieldsAndBadRules() {
        assertEquals(400, ErrorStatus.of(refused("{\"enabled\":\"no\"}").code()));
        assertTrue(refused("{\"retention\":{\"keep_last_n_versions\":-1}}").getMessage()
                .contains("gc.retention.keep_last_n_versions"));
        refused("{\"retention\":{\"keep_last_n_versions\":1.5}}");
        refused("{\"retention\":7}");
        assertTrue(refused("{\"sweep\":{\"mark\":{}}}").getMessage().contains("gc.sweep.mark cannot be changed"));
        refused("{\"colour\":\"red\"}");
        assertTrue(refused("{\"sweep\":{\"schedule\":{\"rrule\":\"FREQ=SOMETIMES\"}}}").getMessage()
                .contains("invalid rrule"));
        refused("{\"sweep\":{\"schedule\":{\"rrule\":5}}}");
        refused("{\"sweep\":{\"sweep_unreferenced_after_seconds\":\"1\"}}");
    }
}
