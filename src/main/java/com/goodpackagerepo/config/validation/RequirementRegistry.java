package com.goodpackagerepo.config.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requirement keys a declared check may use in its {@code require} object, each with its
 * evaluator. The set is closed: a key not registered here is itself a violation.
 */
public final class RequirementRegistry {

    private final Map<String, RequirementEvaluator> evaluators;

    private RequirementRegistry(Map<String, RequirementEvaluator> evaluators) {
        this.evaluators = Collections.unmodifiableMap(evaluators);
    }

    /** The requirements the shipped schema uses, for load-time and (statically) runtime checks. */
    public static RequirementRegistry defaults() {
        Map<String, RequirementEvaluator> m = new LinkedHashMap<>();
        m.put("equals", new EqualsRequirement());
        m.put("pipelines_only_use_ops_in", new AllowedOpsRequirement());
        m.put("all_entity_refs_exist", new EntityReferencesRequirement());
        m.put("unique", new UniqueRequirement());
        m.put("proxy_fetch_requires_timeouts", ProxyFetchRequirements.timeouts());
        m.put("proxy_fetch_requires_retry_bounds", ProxyFetchRequirements.retryBounds());
        m.put("all_blob_puts_followed_by", new BlobVerificationRequirement());
        m.put("all_kv_or_index_writes_inside_txn", new TransactionRequirement());
        return new RequirementRegistry(m);
    }

    /** A copy of this registry with {@code key} (re)bound to {@code evaluator}. */
    public RequirementRegistry with(String key, RequirementEvaluator evaluator) {
        Map<String, RequirementEvaluator> m = new LinkedHashMap<>(evaluators);
        m.put(key, evaluator);
        return new RequirementRegistry(m);
    }

    public Optional<RequirementEvaluator> find(String key) {
        return Optional.ofNullable(evaluators.get(key));
    }

    public Set<String> keys() {
        return evaluators.keySet();
    }
}
