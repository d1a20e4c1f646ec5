package com.goodpackagerepo.storage.event;

import java.util.List;

/** Read side of the append-only event log (appends happen in a {@link com.goodpackagerepo.storage.WriteBatch}). */
public interface EventLog {

    /** Events with {@code seq > afterSeq}, oldest first. */
    List<StoredEvent> readAfter(long afterSeq, int limit);

    /** Number of events in the log (from store statistics, not a scan). */
    long length();
}
