package com.goodpackagerepo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {
    final KeyTemplate artifact = new KeyTemplate("artifact/{namespace}/{name}/{version}/{variant?}");

    @Test
    void rendersFieldsAndAnAbsentOptionalFieldAsEmpty() {
        assertEquals("artifact/acme/app/1.0.0/x",
                artifact.render(Map.of("namespace", "acme", "name", "app", "version", "1.0.0", "variant", "x")));
        assertEquals("artifact/acme/app/1.0.0/",
                artifact.render(Map.of("namespace", "acme", "name", "app", "version", "1.0.0")));
    }

    @Test
    void refusesToRenderWithoutARequiredField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> artifact.render(Map.of("namespace", "acme", "name", "app")));
        assertEquals("key template field version has no value", e.getMessage());
    }

    @Test
    void prefixStopsAtTheFirstFieldItCannotFill() {
        assertEquals("artifact/", artifact.literalPrefix());
        assertEquals("artifact/acme/app/", artifact.prefix(Map.of("namespace", "acme", "name", "app")));
        assertEquals("artifact/acme/", artifact.prefix(Map.of("namespace", "acme", "version", "1.0.0")));
        assertEquals("fixed", new KeyTemplate("fixed").literalPrefix());
    }

    @Test
    void parsesARenderedKeyBackAndRefusesOneThatDoesNotFit() {
        assertEquals(Map.of("namespace", "acme", "name", "app", "version", "1.0.0", "variant", "x"),
                artifact.parse("artifact/acme/app/1.0.0/x"));
        assertEquals("", artifact.parse("artifact/acme/app/1.0.0/").get("variant"));
        assertNull(artifact.parse("tag/acme/app/stable"));
        assertNull(artifact.parse("artifact/acme/app"));
        assertNull(artifact.parse(null));
    }

    @Test
    void listsItsFieldsInOrder() {
        assertEquals(List.of("namespace", "name", "version", "variant"), artifact.fields());
    }
}
