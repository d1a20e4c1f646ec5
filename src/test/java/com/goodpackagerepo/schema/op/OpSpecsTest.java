package com.goodpackagerepo.schema.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpSpecsTest {

    @Test
    void readOpsAreTheOnesAnAnonymousCallerMayRunOnAPublicRoute() {
        assertEquals(Set.of("blob.get", "kv.get", "index.query"), names(OpAccess.READ));
        assertEquals(Set.of("blob.put", "kv.put", "kv.cas_put", "kv.delete", "index.upsert", "index.delete"),
                names(OpAccess.WRITE));
        assertEquals("kv.get", OpSpecs.get("kv.get").action());
        assertNull(OpSpecs.get("respond.json").action(), "no scope check of its own");
    }

    @Test
    void streamingAndDigestFacts() {
        assertEquals(Set.of("blob.put", "proxy.fetch"), OpSpecs.names().stream()
                .filter(op -> OpSpecs.get(op).streaming()).collect(Collectors.toSet()));
        assertEquals(DigestFact.STORES_BLOB, OpSpecs.get("blob.put").digest());
        assertEquals(DigestFact.VERIFIES_FETCHED_BODY, OpSpecs.get("proxy.fetch").digest());
    }

    @Test
    void theVocabularyIsClosed() {
        assertEquals(30, OpSpecs.names().size());
        assertTrue(OpSpecs.find("kv.scan").isEmpty());
        assertNull(OpSpecs.get("kv.scan"));
    }

    private static Set<String> names(OpAccess access) {
        return OpSpecs.names().stream().filter(op -> OpSpecs.get(op).access() == access).collect(Collectors.toSet());
    }
}
