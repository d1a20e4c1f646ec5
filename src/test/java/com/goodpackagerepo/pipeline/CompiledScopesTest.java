package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.ScopePolicy;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.schema.AuthDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The access check's compiled scope table answers exactly what {@link ScopePolicy#actions} answers. */
class CompiledScopesTest {

    @Test
    void theCompiledTableAgreesWithThePolicyForEveryScopeSetAndAction() {
        ObjectNode schema = (ObjectNode) TestContexts.seedSchema().deepCopy();
        ArrayNode scopes = (ArrayNode) schema.path("auth").path("scopes");
        // a scope declared twice grants the union; a scope granting "*" grants every action
        scopes.addObject().put("name", "read").set("actions", Json.MAPPER.createArrayNode().add("index.upsert"));
        scopes.addObject().put("name", "root").set("actions", Json.MAPPER.createArrayNode().add("*"));
        CompiledConfig compiled = TestContexts.compiled(schema);
        JsonNode declared = schema.path("auth").path("scopes");
        Set<String> names = new TreeSet<>(List.of("nobody"));
        Set<String> actions = new TreeSet<>(List.of("no.such_action"));
        declared.forEach(s -> {
            names.add(s.path("name").asText());
            s.path("actions").forEach(a -> actions.add(a.asText()));
        });
        List<Set<String>> held = new ArrayList<>();
        held.add(Set.of());
        names.forEach(n -> held.add(Set.of(n)));
        held.add(Set.of("read", "write"));
        held.add(Set.of("nobody", "root"));
        for (Set<String> h : held) {
            Set<String> granted = ScopePolicy.actions(AuthDef.scopes(declared), h);
            for (String action : actions) {
                assertEquals(granted.contains(ScopePolicy.ALL) || granted.contains(action), compiled.grants(h, action),
                        h + " / " + action);
            }
        }
        assertTrue(compiled.grants(Set.of("read"), "index.upsert"), "the second declaration of read counts");
        assertTrue(compiled.grants(Set.of("root"), "no.such_action"));
        assertFalse(compiled.grants(Set.of("nobody"), "blob.get"));
    }
}
