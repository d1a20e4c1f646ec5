package com.goodpackagerepo.storage.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;

/** A page size asked for by a caller: absent means the default; anything outside 1..max is refused. */
public final class PageLimit {
    /** The paging of index queries: the {@code index.query} op and the built-in versions listing. */
    public static final int INDEX_DEFAULT = 100;
    public static final int INDEX_MAX = 1000;

    private PageLimit() {
    }

    /** @param raw the caller's value (a query parameter), null or blank when not given */
    public static int parse(String raw, int fallback, int max) {
        return (int) number("limit", raw, fallback, 1, max);
    }

    /**
     * A whole-number request parameter ({@code limit}, an event sequence number): absent or blank means
     * {@code fallback}; anything else outside {@code min..max} is refused (400 INVALID_REQUEST naming it). The one
     * parser of such parameters.
     */
    public static long number(String name, String raw, long fallback, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new DomainException(ErrorCode.INVALID_REQUEST, name + " must be a number from " + min + " to " + max);
    }

    /** An index page size from a JSON value (a number or a numeric string). */
    public static int index(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return INDEX_DEFAULT;
        }
        return parse(value.isNumber() ? Integer.toString(value.asInt()) : value.asText(), INDEX_DEFAULT, INDEX_MAX);
    }
}
