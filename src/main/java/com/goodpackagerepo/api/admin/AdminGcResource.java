package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.gc.GcRun;
import com.goodpackagerepo.gc.GcRunManager;
import com.goodpackagerepo.gc.GcScheduler;
import com.goodpackagerepo.gc.GcSectionEditor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Garbage collection control (admin scope): start a run ({@code {"dry_run":true|false}}, optionally
 * {@code "grace_seconds"} and {@code "namespace"}), list the current and past runs with the schedule, read one
 * run, cancel the running one; read and change the schema's {@code gc} section ({@code /admin/gc/settings}).
 * Runs go on in the background: a start answers 202 with the run's record and its location.
 */
@Path("/admin/gc")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminGcResource {
    /** Left out of listings: the per-run item lists (up to 1000 entries each); GET one run shows them. */
    private static final List<String> DETAIL_FIELDS = List.of("would_delete", "deleted", "error_messages");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,127}$");

    @Inject
    GcRunManager gc;
    @Inject
    GcScheduler scheduler;
    @Inject
    GcSectionEditor settings;
    @Inject
    Authenticator authenticator;

    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(InputStream in) {
        String by = authenticator.principal().sub();
        JsonNode body = JsonBodies.readObject(in);
        JsonNode dryRun = body.get("dry_run");
        if (dryRun == null || !dryRun.isBoolean()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "dry_run must be true or false");
        }
        Long grace = null;
        if (body.has("grace_seconds")) {
            JsonNode value = body.get("grace_seconds");
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "grace_seconds must be a whole number of seconds >= 0");
            }
            grace = value.asLong();
        }
        String namespace = null;
        if (body.has("namespace") && !body.get("namespace").isNull()) {
            JsonNode value = body.get("namespace");
            namespace = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : "";
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "namespace must match " + NAMESPACE.pattern());
            }
        }
        GcRun run = gc.start(dryRun.asBoolean(), grace, namespace, "manual", by);
        return Response.accepted(JsonBodies.text(wrap(run.toJson()))).type(MediaType.APPLICATION_JSON_TYPE)
                .location(URI.create("/admin/gc/runs/" + run.id())).build();
    }

    @GET
    @Path("runs")
    public Response list() {
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode run : gc.list()) {
            ObjectNode summary = run.deepCopy();
            summary.remove(DETAIL_FIELDS);
            runs.add(summary);
        }
        return JsonBodies.ok(new AdminReplies.GcRunList(scheduler.describe(), runs));
    }

    @GET
    @Path("runs/{id}")
    public Response get(@PathParam("id") String id) {
        return JsonBodies.ok(wrap(find(id)));
    }

    @POST
    @Path("runs/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        if (!gc.cancel(id)) {
            JsonNode run = find(id);
            throw new DomainException(ErrorCode.CONFLICT, "Run " + id + " is not running (" + run.path("state").asText() + ")");
        }
        return Response.accepted(JsonBodies.text(wrap(find(id)))).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("settings")
    public Response settings() {
        return settingsAnswer(settings.current());
    }

    /** Merges a partial {@code gc} section: {@code {"retention":{"keep_last_n_versions":5}}}. */
    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateSettings(InputStream in, @HeaderParam("If-Match") String ifMatch) {
        String by = authenticator.principal().sub();
        JsonNode change = JsonBodies.readObject(in);
        return settingsAnswer(settings.update(by, AdminCollectionResource.revision(ifMatch), change));
    }

    private Response settingsAnswer(RepositoryConfig config) {
        ObjectNode described = settings.describe(config);
        AdminReplies.GcSettings body = new AdminReplies.GcSettings(described.get("gc"), described.get("effective"),
                config.revision());
        return Response.ok(JsonBodies.text(body), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", "\"" + config.revision() + "\"").build();
    }

    private JsonNode find(String id) {
        return gc.get(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No garbage collection run " + id));
    }

    private static AdminReplies.OneGcRun wrap(JsonNode run) {
        return new AdminReplies.OneGcRun(run);
    }
}
