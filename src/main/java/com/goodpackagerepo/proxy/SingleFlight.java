package com.goodpackagerepo.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Shares one in-flight operation per key: the first caller leads and must complete the future; callers that
 * arrive before it completes follow and wait on the same future. The key is forgotten once it completes, so
 * a later caller starts afresh.
 */
final class SingleFlight<T> {
    private final ConcurrentMap<String, CompletableFuture<T>> flights = new ConcurrentHashMap<>();

    record Ticket<T>(boolean leader, CompletableFuture<T> future) {
    }

    Ticket<T> join(String key) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> existing = flights.putIfAbsent(key, mine);
        if (existing != null) {
            return new Ticket<>(false, existing);
        }
        mine.whenComplete((value, error) -> flights.remove(key, mine));
        return new Ticket<>(true, mine);
    }

    int inFlight() {
        return flights.size();
    }
}
