package com.goodpackagerepo.storage.blob;

import java.util.function.Function;

/**
 * Leases on digests that every server sharing a blob directory sees (cluster mode). A publish registers one before
 * it decides whether the final file is there; a sweep decides and deletes inside {@link #exclusive}, which no
 * registration on the same digest can overlap, so a sweep on one node never deletes a blob another node's publish
 * has just found in place.
 */
public interface SharedLeases {

    /** Registers a lease on the digest (lowercase hex); returns its id for {@link #release}. */
    String acquire(String hex);

    void release(String leaseId);

    /** Runs {@code work} excluding registrations on {@code hex}; its argument is true when a live lease exists. */
    <T> T exclusive(String hex, Function<Boolean, T> work);
}
