package com.goodpackagerepo.upload;

import java.time.Duration;

/**
 * What one user may hold in open upload sessions, and how long a session lives after its last activity.
 *
 * @param ttl                   a session expires this long after its creation or its last PATCH
 * @param maxSessionsPerUser    open (not yet published) sessions per user
 * @param maxStagedBytesPerUser sum of the declared lengths of a user's open sessions
 */
public record UploadLimits(Duration ttl, int maxSessionsPerUser, long maxStagedBytesPerUser) {
    public UploadLimits {
        if (ttl.isNegative() || ttl.isZero() || maxSessionsPerUser < 1 || maxStagedBytesPerUser < 1) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
    }
}
