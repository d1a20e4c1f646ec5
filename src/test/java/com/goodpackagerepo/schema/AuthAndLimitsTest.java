package com.goodpackagerepo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code auth} and {@code ops.limits} as the model reads them, defaults included. */
class AuthAndLimitsTest {
    final RepositorySchema model = RepositorySchema.read(Json.parse("""
            {"auth": {"scopes": [{"name": "read", "actions": ["blob.get", "kv.get"]},
                                 {"name": "write", "actions": ["blob.put"]},
                                 {"name": "read", "actions": ["index.query"]},
                                 {"name": "root", "actions": ["*"]}],
                      "policies": [{"name": "p1", "when": {"route.tags": ["public"]}, "require": {"scopes": ["read"]}},
                                   {"name": "p2", "effect": "deny", "when": {"route.tags": ["public"]},
                                    "require": {"scopes": ["admin"]}},
                                   {"name": "p3", "effect": "allow", "when": {"route.tags": ["write_path", "x"]},
                                    "require": {"scopes": ["write", "read"]}}]},
             "ops": {"allowed": ["kv.get", "blob.get"],
                     "limits": {"max_json_bytes": 5, "max_kv_value_bytes": 7.0, "max_cpu_ms_per_request": "many"}}}"""));

    @Test
    void aScopeDeclaredTwiceGrantsTheUnionAndStarGrantsEverything() {
        assertEquals(Set.of("blob.get", "kv.get", "index.query"), model.auth().actions(Set.of("read")));
        assertEquals(Set.of("blob.get", "kv.get", "index.query", "blob.put"),
                model.auth().actions(Set.of("read", "write", "nobody")));
        assertTrue(model.auth().grants(Set.of("read"), "index.query"));
        assertFalse(model.auth().grants(Set.of("read"), "blob.put"));
        assertTrue(model.auth().grants(Set.of("root"), "anything.at_all"));
        assertFalse(model.auth().grants(Set.of(), "blob.get"));
    }

    @Test
    void onlyAllowPoliciesOfAMatchingTagAddScopesInDeclarationOrder() {
        assertEquals(List.of("read"), List.copyOf(model.auth().policyScopes(Set.of("public"))));
        assertEquals(List.of("write", "read"), List.copyOf(model.auth().policyScopes(Set.of("x"))));
        assertEquals(List.of("read", "write"), List.copyOf(model.auth().policyScopes(Set.of("public", "write_path"))));
        assertTrue(model.auth().policyScopes(Set.of("other")).isEmpty());
    }

    @Test
    void limitsTakeTheirDefaultsWhenAbsentOrNotNumbers() {
        OpsLimits limits = model.limits();
        assertEquals(5, limits.maxJsonBytes());
        assertEquals(7, limits.maxKvValueBytes(), "a whole number written 7.0 counts, as canConvertToLong says");
        assertEquals(0, limits.maxCpuMsPerRequest(), "not a number: the default");
        assertEquals(Long.MAX_VALUE, limits.maxRequestBodyBytes());
        assertEquals(0, limits.maxIoOpsPerRequest());
        assertEquals(42, limits.value("max_pipeline_ops", 42));
        assertEquals(Set.of("kv.get", "blob.get"), model.allowedOps());
    }

    @Test
    void featureFlagsHaveTheirDefaultsInOnePlace() {
        FeatureFlags declared = RepositorySchema.read(Json.parse(
                "{\"features\": {\"proxy_enabled\": false, \"mutable_tags\": \"no\"}}")).features();
        assertFalse(declared.proxyEnabled());
        assertTrue(declared.mutableTags(), "not a boolean: the default");
        FeatureFlags none = RepositorySchema.read(Json.parse("{}")).features();
        assertTrue(none.mutableTags());
        assertFalse(none.allowOverwriteArtifacts());
        assertTrue(none.proxyEnabled());
        assertTrue(none.gcEnabled());
    }

    @Test
    void anEmptySchemaHasNoScopesAndTheDefaultLimits() {
        RepositorySchema empty = RepositorySchema.read(Json.parse("{}"));
        assertTrue(empty.auth().actionsByScope().isEmpty());
        assertEquals(10L * 1024 * 1024, empty.limits().maxJsonBytes());
        assertEquals(1024 * 1024, empty.limits().maxKvValueBytes());
    }
}
