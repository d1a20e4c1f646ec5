package com.goodpackagerepo.api.admin;

import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.backup.BackupService;
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
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonBodies.text(new AdminReplies.OneBackup(backups.create(by)))).build();
    }

    @GET
    public Response list() {
        return JsonBodies.ok(new AdminReplies.BackupList(backups.root().toString(), backups.list()));
    }
}
