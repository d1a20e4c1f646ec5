package com.goodpackagerepo.schema.op;

/**
 * The scope check an op needs before it runs: the op's name is the action looked up in {@code auth.scopes}.
 * A READ op may also run for an anonymous caller on a {@code public} route when anonymous reads are on.
 */
public enum OpAccess {
    /** No scope check of its own (it touches no store, or the route checks, as {@code auth.require_scopes}). */
    NONE,
    READ,
    WRITE
}
