package com.goodpackagerepo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    private static ClusterSettings settings(String mode, String nodeId, String dbKind) {
        ClusterSettings s = new ClusterSettings();
        s.mode = mode;
        s.nodeId = Optional.ofNullable(nodeId);
        s.dbKind = dbKind;
        s.httpPort = "9181";
        return s;
    }

    @Test
    void singleIsTheDefaultAndRunsOnAnyDatabase() {
        ClusterSettings s = settings("single", null, "h2");
        assertFalse(s.clustered());
        s.requireRunnable();
        assertTrue(s.nodeId().endsWith("-9181"), s.nodeId());
    }

    @Test
    void clusterNeedsPostgresql() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings("cluster", "n1", "h2").requireRunnable());
        assertTrue(e.getMessage().contains("PostgreSQL"), e.getMessage());
        ClusterSettings ok = settings("CLUSTER", "Node 1", "postgresql");
        ok.requireRunnable();
        assertTrue(ok.clustered());
        assertEquals("node-1", ok.nodeId());
    }

    @Test
    void unknownModeAndOverlongIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> settings("multi", null, "h2").mode());
        assertThrows(IllegalArgumentException.class, () -> settings("cluster", "x".repeat(65), "postgresql").nodeId());
    }
}
