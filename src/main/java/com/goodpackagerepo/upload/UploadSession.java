package com.goodpackagerepo.upload;

import java.time.Instant;

/**
 * One upload session as stored next to its staged bytes.
 *
 * @param metadata  the client's Upload-Metadata header, echoed on HEAD
 * @param digest    "sha256:<hex>" the whole upload must hash to, or null (the publish then checks nothing more
 *                  than a plain publish without a stated digest)
 * @param result    the publish route's JSON answer once published, else null
 */
public record UploadSession(String id, String owner, ArtifactCoordinate target, long length, String digest,
                            String metadata, Instant createdAt, Instant expiresAt, State state, String result) {

    /** A session is open until its bytes were published; a published one is kept until it expires. */
    public enum State { OPEN, PUBLISHED }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    UploadSession touched(Instant expires) {
        return new UploadSession(id, owner, target, length, digest, metadata, createdAt, expires, state, result);
    }

    UploadSession published(String publishResult) {
        return new UploadSession(id, owner, target, length, digest, metadata, createdAt, expiresAt, State.PUBLISHED,
                publishResult);
    }
}
