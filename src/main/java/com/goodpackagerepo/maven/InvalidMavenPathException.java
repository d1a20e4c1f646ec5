package com.goodpackagerepo.maven;

/** A path or coordinate the Maven view cannot serve or store as it is: answered with 400. */
public class InvalidMavenPathException extends RuntimeException {
    public InvalidMavenPathException(String message) {
        super(message);
    }
}
