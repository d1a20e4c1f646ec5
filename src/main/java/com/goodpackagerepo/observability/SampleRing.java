package com.goodpackagerepo.observability;

import java.util.ArrayList;
import java.util.List;

/** A bounded, thread-safe ring of the newest {@code capacity} items, read oldest first. */
public final class SampleRing<T> {
    private final Object[] items;
    private long added;

    public SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        items = new Object[capacity];
    }

    public synchronized void add(T item) {
        items[(int) (added++ % items.length)] = item;
    }

    @SuppressWarnings("unchecked")
    public synchronized List<T> items() {
        int size = (int) Math.min(added, items.length);
        List<T> out = new ArrayList<>(size);
        for (long i = added - size; i < added; i++) {
            out.add((T) items[(int) (i % items.length)]);
        }
        return out;
    }

    public int capacity() {
        return items.length;
    }
}
