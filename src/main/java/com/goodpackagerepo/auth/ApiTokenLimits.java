package com.goodpackagerepo.auth;

import java.util.List;

/**
 * What an API token was created with beyond its owner's rights: the highest namespace action its scopes name
 * (grants are used up to it; null: none, e.g. a {@code metrics} token) and the namespaces it is narrowed to
 * (empty: not narrowed).
 */
public record ApiTokenLimits(NamespaceAction ceiling, List<NamespacePattern> namespaces) {
    /** A session: grants up to {@code admin}, every namespace. */
    public static final ApiTokenLimits NONE = new ApiTokenLimits(NamespaceAction.ADMIN, List.of());

    public ApiTokenLimits {
        namespaces = List.copyOf(namespaces);
    }

    /** Whether the token may touch {@code namespace} at all. */
    public boolean reaches(String namespace) {
        return namespaces.isEmpty() || namespaces.stream().anyMatch(p -> p.matches(namespace));
    }
}
