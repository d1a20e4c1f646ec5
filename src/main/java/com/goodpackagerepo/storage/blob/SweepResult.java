package com.goodpackagerepo.storage.blob;

/**
 * What the sweep did with one blob file.
 *
 * @param size the file's size when it was looked at (0 when it was gone)
 */
public record SweepResult(Outcome outcome, long size) {

    public enum Outcome {
        /** a publish holds a lease on the digest */
        LEASED,
        /** a committed document references the digest */
        REFERENCED,
        /** modified within the grace window */
        YOUNG,
        /** vanished before it could be looked at */
        GONE,
        /** unreferenced and old enough; left in place because this is a dry run */
        WOULD_DELETE,
        DELETED
    }
}
