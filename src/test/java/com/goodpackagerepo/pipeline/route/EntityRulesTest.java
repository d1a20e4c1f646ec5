package com.goodpackagerepo.pipeline.route;

import com.goodpackagerepo.schema.RepositorySchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.pipeline.TestContexts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityRulesTest {
    private final EntityRules artifact = new EntityRules(
            RepositorySchema.read(TestContexts.seedSchema()).entities().get("artifact"));

    @Test
    void normalizesAsDeclared() {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("namespace", " Acme ", "name", "My_App",
                "version", " 1.0.0-RC1 ", "variant", "Linux-AMD64"));
        artifact.normalize(fields);
        assertEquals("acme", fields.get("namespace"));
        assertEquals("my-app", fields.get("name"));
        assertEquals("1.0.0-RC1", fields.get("version"), "version keeps its case");
        assertEquals("linux-amd64", fields.get("variant"));
        artifact.validate(fields);
    }

    @Test
    void constraintsApplyToPresentFields() {
        artifact.validate(new LinkedHashMap<>(Map.of("namespace", "acme", "name", "app", "tag", "stable")));
        for (Map<String, String> bad : List.of(Map.of("namespace", "-acme"), Map.of("name", "a".repeat(129)),
                Map.of("version", "1.0.0/x"), Map.of("tag", "Stable"), Map.of("digest", "sha256:xyz"),
                Map.of("namespace", ""))) {
            DomainException e = assertThrows(DomainException.class, () -> artifact.validate(new LinkedHashMap<>(bad)), bad.toString());
            assertEquals("VALIDATION_ERROR", e.code().name());
        }
    }

    @Test
    void replaceNormalizerTakesFromAndTo() {
        assertEquals("a-b-c", EntityRules.applySteps(List.of("replace:_:-"), "a_b_c"));
        assertThrows(IllegalStateException.class, () -> EntityRules.applySteps(List.of("shout"), "x"));
    }
}
