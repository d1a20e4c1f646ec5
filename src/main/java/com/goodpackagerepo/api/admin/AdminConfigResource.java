package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.edit.ConfigEditor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The whole configuration, scopes and feature flags (admin scope). Routes, entities, blob stores and
 * upstreams have their own resources ({@link AdminCollectionResource}).
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminConfigResource {
    @Inject
    ConfigService configService;
    @Inject
    ConfigEditor editor;
    @Inject
    Authenticator authenticator;

    @GET
    @Path("config")
    public Response config() {
        return ok("config", AdminConfigView.config(current()));
    }

    @GET
    @Path("auth/scopes")
    public Response scopes() {
        return ok("scopes", current().schema().path("auth").path("scopes").deepCopy());
    }

    @GET
    @Path("features")
    public Response features() {
        return ok("features", AdminConfigView.features(current().schema()));
    }

    /** Sets feature flags: {@code {"mutable_tags": false}}; a null value removes a flag. */
    @PUT
    @Path("features")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateFeatures(InputStream in, @HeaderParam("If-Match") String ifMatch) {
        String by = authenticator.principal().sub();
        ObjectNode flags = (ObjectNode) JsonBodies.readObject(in);
        ConfigEditor.Change change = editor.updateFeatures(by, AdminCollectionResource.revision(ifMatch), flags);
        return AdminCollectionResource.answer(200, change.config(), "features",
                AdminConfigView.features(change.config().schema()));
    }

    private RepositoryConfig current() {
        return configService.current();
    }

    private Response ok(String name, JsonNode value) {
        return AdminCollectionResource.answer(200, configService.current(), name, value);
    }
}
