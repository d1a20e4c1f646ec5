package com.goodpackagerepo.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST application at the server root: fixed endpoints plus the configured routes. */
@ApplicationPath("/")
public class RepositoryApplication extends Application {
}
