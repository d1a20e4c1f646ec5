package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.maven.MavenRepository;
import com.goodpackagerepo.maven.MavenSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The schema's {@code maven} section (docs/maven.md): {@code GET} shows it with the repositories in force,
 * {@code PUT} replaces it as a new configuration revision (validated as {@code val.maven}: 400
 * {@code CONFIG_INVALID} naming the path; {@code If-Match} a revision, 409 when it moved; audited).
 */
@Path("/admin/maven")
public class AdminMavenResource {
    @Inject
    Authenticator authenticator;
    @Inject
    ConfigService configService;
    @Inject
    AuditLog audit;

    @GET
    public Response get() {
        authenticator.require("admin");
        return answer(configService.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(InputStream in, @HeaderParam("If-Match") String ifMatch) {
        String by = authenticator.require("admin").sub();
        JsonNode section = JsonBodies.readObject(in);
        RepositoryConfig base = configService.current();
        Long expected = AdminCollectionResource.revision(ifMatch);
        JsonNode before = base.schema().path("maven").deepCopy();
        RepositoryConfig after = configService.update(expected == null ? base.revision() : expected, by,
                schema -> schema.set("maven", section.deepCopy()));
        ObjectNode details = AuditLog.details();
        details.put("action", "update");
        details.put("section", "maven");
        details.put("revision", after.revision());
        details.set("before", before);
        details.set("after", section.deepCopy());
        audit.record("config.changed", by, details);
        return answer(after);
    }

    private static Response answer(RepositoryConfig config) {
        ObjectNode body = Json.object();
        JsonNode maven = config.schema().path("maven");
        body.set("maven", maven.isObject() ? maven.deepCopy() : Json.object());
        ObjectNode effective = body.putObject("repositories");
        MavenSettings.Section section = MavenSettings.of(config.model());
        for (MavenRepository r : section.repositories().values()) {
            ObjectNode repo = effective.putObject(r.name());
            repo.put("policy", r.snapshots() ? "snapshot" : "release");
            repo.put("redeploy", r.redeploy());
            repo.put("keep_snapshot_builds", r.keepSnapshotBuilds());
            repo.put("upstream", r.upstream());
            repo.put("path", "/maven/" + r.name() + "/");
        }
        body.put("revision", config.revision());
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", "\"" + config.revision() + "\"").build();
    }
}
