package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.backup.BackupService;
import com.goodpackagerepo.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /admin/backups} takes a backup while the server serves; {@code GET} lists them (admin scope). */
@Path("/admin/backups")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminBackupResource {
    @Inject
    BackupService backups;
    @Inject
    Authenticator authenticator;

    @POST
    public Response create() {
        String by = authenticator.principal().sub();
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.set("backup", backups.create(by));
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }

    @GET
    public Response list() {
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.put("directory", backups.root().toString());
        ArrayNode list = body.putArray("backups");
        backups.list().forEach(list::add);
        return JsonBodies.ok(body);
    }
}
