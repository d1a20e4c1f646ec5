package com.goodpackagerepo.config.validation;

import static com.goodpackagerepo.config.validation.Fixtures.json;
import static com.goodpackagerepo.config.validation.Fixtures.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    private static List<String> paths(String pattern, JsonNode root) {
        return PathPattern.parse(pattern).matches(root).stream().map(PathPattern.Match::path).toList();
    }

    @Test
    void arraysAndWildcardsFanOut() {
        JsonNode schema = shipped();

        assertEquals(List.of("indexes.artifact_versions.keys[0].name", "indexes.tags.keys[0].name"),
                paths("indexes.*.keys[].name", schema));
        assertEquals(5, paths("api.routes[].id", schema).size());
        assertEquals(List.of("api.routes[4].pipeline[6].args.upstream"),
                paths("api.routes[4].pipeline[6].args.upstream", schema));
    }

    @Test
    void missingPartsMatchNothing() {
        assertEquals(List.of(), paths("a.b[].c", json("{\"a\":{\"b\":\"not an array\"}}")));
        assertEquals(List.of(), paths("a[3]", json("{\"a\":[1]}")));
    }

    @Test
    void fixedPrefixStopsAtTheFirstWildcard() {
        assertEquals("api.routes", PathPattern.parse("api.routes[].id").fixedPrefix());
        assertEquals("indexes", PathPattern.parse("indexes.*.keys[].name").fixedPrefix());
        assertTrue(PathPattern.parse("a.*").hasWildcards());
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse(""));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("a..b"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("a[x]"));
    }

    @Test
    void resolveFindsConcretePaths() {
        JsonNode schema = shipped();

        assertEquals(true, SchemaPaths.resolve(schema, "ops.closed_world").booleanValue());
        assertTrue(SchemaPaths.resolve(schema, "features.nope").isMissingNode());
        assertThrows(IllegalArgumentException.class, () -> SchemaPaths.resolve(schema, "api.routes[].id"));
    }

    @Test
    void keysThatAreNotPlainNamesRenderQuoted() {
        assertEquals("replication.replay.apply_pipelines[\"tag.updated\"]",
                SchemaPaths.child("replication.replay.apply_pipelines", "tag.updated"));
        assertEquals("upstreams.originA.retry", SchemaPaths.child("upstreams.originA", "retry"));
        assertEquals("ops", SchemaPaths.child("", "ops"));
    }
}
