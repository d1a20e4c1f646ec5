package com.goodpackagerepo.config.validation;

/**
 * Outcome of one {@code invariants.global[]} entry.
 *
 * @param id          the invariant id
 * @param description its description, or {@code ""} when it has none
 * @param holds       whether the assertion holds for the schema
 * @param onFail      its {@code on_fail} action, or {@code null} when it only reports
 * @param message     why it holds or fails, in words
 */
public record InvariantResult(String id, String description, boolean holds, String onFail, String message) {

    /** Whether a failure of this invariant refuses the config (rather than only being reported). */
    public boolean rejectsConfig() {
        return "reject_config".equals(onFail);
    }
}
