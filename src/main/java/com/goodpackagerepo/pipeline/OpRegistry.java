package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.schema.op.OpSpecs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The closed vocabulary ({@link OpSpecs}): each op is implemented by one family class. The registry
 * refuses to start if a family adds an op outside the vocabulary or one is left without a handler, and
 * the executor runs nothing that is not in it (nor outside the configuration's ops.allowed).
 */
@ApplicationScoped
public class OpRegistry {
    public static final Set<String> VOCABULARY = OpSpecs.names();

    @Inject
    Instance<OpFamily> families;

    private final Map<String, OpHandler> handlers = new HashMap<>();
    private final Map<String, OpFamily> owners = new HashMap<>();

    /** A registry over the given families, outside CDI (tests, tools). */
    public static OpRegistry of(Iterable<OpFamily> families) {
        OpRegistry registry = new OpRegistry();
        registry.collect(families);
        return registry;
    }

    @PostConstruct
    void collect() {
        collect(families);
    }

    private void collect(Iterable<OpFamily> all) {
        for (OpFamily family : all) {
            family.handlers().forEach((name, handler) -> {
                if (!VOCABULARY.contains(name)) {
                    throw new IllegalStateException("op " + name + " is outside the closed vocabulary");
                }
                if (handlers.putIfAbsent(name, handler) != null) {
                    throw new IllegalStateException("op " + name + " has two handlers");
                }
                owners.put(name, family);
            });
        }
        Set<String> missing = new TreeSet<>(VOCABULARY);
        missing.removeAll(handlers.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("ops without a handler: " + missing);
        }
    }

    public OpHandler handler(String op) {
        return handlers.get(op);
    }

    public Object compile(String op, com.fasterxml.jackson.databind.JsonNode args) {
        OpFamily family = owners.get(op);
        return family == null ? null : family.compile(op, args);
    }
}
