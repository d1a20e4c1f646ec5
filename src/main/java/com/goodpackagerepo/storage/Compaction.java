package com.goodpackagerepo.storage;

/**
 * What one compaction of the metadata store did.
 *
 * @param bytesBefore  size of the store's data file before
 * @param bytesAfter   size after (free pages dropped)
 * @param millis       the whole operation, during which writes waited
 * @param pauseMillis  the part during which reads waited too (file swap and reopen)
 */
public record Compaction(long bytesBefore, long bytesAfter, long millis, long pauseMillis) {
}
