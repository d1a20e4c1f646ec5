package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema's {@code auth} section: which actions each scope grants ({@code auth.scopes}) and the allow policies
 * that add required scopes by route tag ({@code auth.policies}). The access policy ({@code auth.ScopePolicy},
 * {@code auth.NamespaceAccess}) and {@code auth.require_scopes} read it; nothing reads {@code auth} as JSON.
 *
 * @param actionsByScope scope name to the actions it grants, in declaration order; a scope declared twice grants
 *                       the union of its declarations
 */
public record AuthDef(Map<String, Set<String>> actionsByScope, List<PolicyDef> policies) {
    /** The action of a scope that grants every action. */
    public static final String ALL = "*";

    /**
     * One of {@code auth.policies}.
     *
     * @param allow          {@code effect} is "allow" (the default); other effects add nothing
     * @param routeTags      {@code when["route.tags"]}: the policy applies to a route with one of these tags
     * @param requiredScopes {@code require.scopes}
     */
    public record PolicyDef(String name, boolean allow, List<String> routeTags, List<String> requiredScopes) {
    }

    /** Reads {@code auth}; anything missing or malformed is left out. */
    public static AuthDef read(JsonNode auth) {
        List<PolicyDef> policies = new ArrayList<>();
        for (JsonNode policy : auth.path("policies")) {
            policies.add(new PolicyDef(policy.path("name").asText(""),
                    "allow".equals(policy.path("effect").asText("allow")),
                    RepositorySchema.texts(policy.path("when").path("route.tags")),
                    RepositorySchema.texts(policy.path("require").path("scopes"))));
        }
        return new AuthDef(scopes(auth.path("scopes")).actionsByScope(), List.copyOf(policies));
    }

    /** The model of an {@code auth.scopes} array alone (no policies). */
    public static AuthDef scopes(JsonNode scopes) {
        Map<String, Set<String>> byScope = new LinkedHashMap<>();
        for (JsonNode scope : scopes) {
            Set<String> actions = byScope.computeIfAbsent(scope.path("name").asText(), k -> new LinkedHashSet<>());
            scope.path("actions").forEach(a -> actions.add(a.asText()));
        }
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        byScope.forEach((name, actions) -> frozen.put(name, Collections.unmodifiableSet(actions)));
        return new AuthDef(Collections.unmodifiableMap(frozen), List.of());
    }

    /** The actions the scopes {@code held} grant together. */
    public Set<String> actions(Set<String> held) {
        Set<String> actions = new HashSet<>();
        for (String scope : held) {
            Set<String> granted = actionsByScope.get(scope);
            if (granted != null) {
                actions.addAll(granted);
            }
        }
        return actions;
    }

    /** Whether one of {@code held} grants {@code action}, or every action ({@link #ALL}); builds no set. */
    public boolean grants(Set<String> held, String action) {
        for (String scope : held) {
            Set<String> granted = actionsByScope.get(scope);
            if (granted != null && (granted.contains(action) || granted.contains(ALL))) {
                return true;
            }
        }
        return false;
    }

    /** The scopes the allow policies add for a route tagged {@code routeTags}, in declaration order. */
    public Set<String> policyScopes(Set<String> routeTags) {
        Set<String> required = new LinkedHashSet<>();
        for (PolicyDef policy : policies) {
            if (!policy.allow()) {
                continue;
            }
            for (String tag : policy.routeTags()) {
                if (routeTags.contains(tag)) {
                    required.addAll(policy.requiredScopes());
                }
            }
        }
        return required;
    }
}
