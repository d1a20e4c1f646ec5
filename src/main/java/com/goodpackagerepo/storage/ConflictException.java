package com.goodpackagerepo.storage;

/** A write precondition failed at commit (e.g. the key of an if-absent put already exists). */
public class ConflictException extends RuntimeException {
    private final String key;

    public ConflictException(String key) {
        super("conflict on key " + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
