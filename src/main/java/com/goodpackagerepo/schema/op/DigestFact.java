package com.goodpackagerepo.schema.op;

/** What an op does about blob digests, for the check that every stored client byte is verified. */
public enum DigestFact {
    NONE,
    /** Stores the bytes of its {@code from} argument: they need verifying unless a verified fetch wrote them. */
    STORES_BLOB,
    /** Checks the body it writes to its {@code out} variable against the digest its source states. */
    VERIFIES_FETCHED_BODY
}
