package com.goodpackagerepo.config.validation;

/** Receives violations of one check: where in the schema, and why. */
@FunctionalInterface
interface Reporter {

    void report(String path, String message);
}
