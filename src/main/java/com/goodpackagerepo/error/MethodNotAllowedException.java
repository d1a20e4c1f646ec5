package com.goodpackagerepo.error;

import java.util.Set;

/** The resource exists but not for this method; {@link #allowed()} lists the methods it has. */
public class MethodNotAllowedException extends DomainException {
    private final Set<String> allowed;
    private final String order;

    public MethodNotAllowedException(String message, Set<String> allowed) {
        super(ErrorCode.METHOD_NOT_ALLOWED, message);
        this.allowed = Set.copyOf(allowed);
        this.order = String.join(", ", allowed);
    }

    public Set<String> allowed() {
        return allowed;
    }

    /** The methods in the order they were found (for an {@code Allow} header). */
    public String allowedList() {
        return order;
    }
}
