package com.goodpackagerepo.storage.cluster;

/**
 * Where this node's replica stands against the authoritative log.
 *
 * @param appliedSeq      the last log entry (batch) applied in order here
 * @param headSeq         the last log entry committed in PostgreSQL when last asked
 * @param secondsBehind   age of the oldest committed entry not yet applied here (0 when caught up)
 * @param rebuilt         false until the replica holds a complete snapshot (a new or wiped node)
 * @param databaseReached false when the last attempt to read the log failed
 */
public record ReplicaLag(long appliedSeq, long headSeq, double secondsBehind, boolean rebuilt, boolean databaseReached) {

    /** Log entries committed but not yet applied here. */
    public long entriesBehind() {
        return Math.max(0, headSeq - appliedSeq);
    }
}
