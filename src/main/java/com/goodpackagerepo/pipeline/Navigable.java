package com.goodpackagerepo.pipeline;

/** A non-JSON pipeline value whose parts can be addressed by {@code $var.part} (an upstream response, a cached response). */
public interface Navigable {
    /** The named part, or null when there is none. */
    Object part(String name);
}
