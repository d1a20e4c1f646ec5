package com.goodpackagerepo.schema.op;

import java.util.Map;

/**
 * Everything about one op that is not its implementation, declared once in {@link OpSpecs}.
 *
 * @param requiredArgs required arguments in declaration order (ops may take further optional ones, e.g.
 *                     {@code if_absent}, {@code headers}; every op may take a {@code when} condition)
 * @param streaming    its time is mostly moving bytes: its CPU is bounded by the body size limits, not the budget
 * @param apply        it may run in a replication apply pipeline: it reads nothing but its arguments and writes
 *                     only kv documents or index rows without a precondition (the authority decided those), so
 *                     a replica running it from the stored event reproduces the authority's writes
 */
public record OpSpec(String name, Map<String, ArgType> requiredArgs, OpAccess access, boolean streaming,
                     DigestFact digest, boolean apply) {

    /** The action the scope check looks up, or null when the op has no check of its own. */
    public String action() {
        return access == OpAccess.NONE ? null : name;
    }
}
