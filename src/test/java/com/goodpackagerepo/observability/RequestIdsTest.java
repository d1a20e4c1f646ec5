package com.goodpackagerepo.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void newIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
            assertTrue(seen.add(id));
        }
    }

    @Test
    void aSaneCallerIdIsKeptAnInsaneOneReplaced() {
        assertEquals("build-42:step.1", RequestIds.accept("build-42:step.1"));
        String replaced = RequestIds.accept("two words");
        assertNotEquals("two words", replaced);
        assertEquals(replaced, RequestIds.current());
        RequestIds.clear();
        assertEquals(null, RequestIds.current());
    }
}
