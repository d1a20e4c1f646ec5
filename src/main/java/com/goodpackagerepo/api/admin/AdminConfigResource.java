package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Read side of the admin configuration API (admin scope). */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminConfigResource {
    @Inject
    ConfigService configService;
    @Inject
    Authenticator authenticator;

    @GET
    @Path("config")
    public Response config() {
        return ok("config", AdminConfigView.config(current()));
    }

    @GET
    @Path("entities")
    public Response entities() {
        return ok("entities", AdminConfigView.entities(current().schema()));
    }

    @GET
    @Path("routes")
    public Response routes() {
        return ok("routes", AdminConfigView.routes(current().schema()));
    }

    @GET
    @Path("blob-stores")
    public Response blobStores() {
        return ok("blob_stores", AdminConfigView.blobStores(current().schema()));
    }

    @GET
    @Path("upstreams")
    public Response upstreams() {
        return ok("upstreams", AdminConfigView.upstreams(current().schema()));
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

    private RepositoryConfig current() {
        authenticator.require("admin");
        return configService.current();
    }

    private Response ok(String name, JsonNode value) {
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.put("revision", configService.current().revision());
        body.set(name, value);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", "\"" + configService.current().revision() + "\"").build();
    }

}
