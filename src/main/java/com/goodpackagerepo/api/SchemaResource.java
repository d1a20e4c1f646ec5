package com.goodpackagerepo.api;

import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.config.ConfigService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /schema}: the current repository schema (read scope, or anonymous when anonymous reads are on). */
@Path("/schema")
public class SchemaResource {
    @Inject
    ConfigService configService;
    @Inject
    Authenticator authenticator;
    @Inject
    AuthSettings authSettings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response schema() {
        if (authenticator.principal() != null || !authSettings.allowAnonymousRead()) {
            authenticator.require("read");
        }
        var config = configService.current();
        return Response.ok(config.schema().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", "\"" + config.revision() + "\"").build();
    }

}
