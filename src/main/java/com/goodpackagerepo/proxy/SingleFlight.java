package com.goodpackagerepo.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Shares one in-flight operation per key: the first caller leads and must complete the future; callers that
 * arrive before it completes follow and wait on the same future. A failed operation is forgotten at once; a
 * successful one stays joinable for {@code lingerMillis} while its result is still {@code reusable}, so a
 * caller that checked for the result just before the leader recorded it is served from it instead of
 * repeating the operation.
 */
final class SingleFlight<T> {
    private static final int SWEEP_ABOVE = 1024;

    private final ConcurrentMap<String, Flight<T>> flights = new ConcurrentHashMap<>();
    private final long lingerMillis;
    private final Predicate<T> reusable;

    SingleFlight(long lingerMillis, Predicate<T> reusable) {
        this.lingerMillis = lingerMillis;
        this.reusable = reusable;
    }

    record Ticket<T>(boolean leader, CompletableFuture<T> future) {
    }

    private static final class Flight<T> {
        final CompletableFuture<T> future = new CompletableFuture<>();
        volatile long doneAt = Long.MAX_VALUE;
    }

    private boolean joinable(Flight<T> flight, long now) {
        CompletableFuture<T> future = flight.future;
        return !future.isDone() || !future.isCompletedExceptionally() && now - flight.doneAt <= lingerMillis
                && reusable.test(future.getNow(null));
    }

    Ticket<T> join(String key) {
        long now = System.currentTimeMillis();
        if (flights.size() > SWEEP_ABOVE) {
            flights.values().removeIf(f -> !joinable(f, now));
        }
        Flight<T> mine = new Flight<>();
        Flight<T> flight = flights.compute(key, (k, old) -> old != null && joinable(old, now) ? old : mine);
        if (flight != mine) {
            return new Ticket<>(false, flight.future);
        }
        mine.future.whenComplete((value, error) -> {
            if (error != null) {
                flights.remove(key, mine);
            } else {
                mine.doneAt = System.currentTimeMillis();
            }
        });
        return new Ticket<>(true, mine.future);
    }

    int size() {
        return flights.size();
    }
}
