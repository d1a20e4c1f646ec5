package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.gc.GcRun;
import com.goodpackagerepo.gc.GcScheduler;
import com.goodpackagerepo.gc.GcService;
import com.goodpackagerepo.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * Garbage collection control (admin scope): start a run ({@code {"dry_run":true|false}}, optionally
 * {@code "grace_seconds"}), list the current and past runs with the schedule, read one run, cancel the running
 * one. Runs go on in the background: a start answers 202 with the run's record and its location.
 */
@Path("/admin/gc/runs")
@Produces(MediaType.APPLICATION_JSON)
public class AdminGcResource {
    /** Left out of listings: the per-run item lists (up to 1000 entries each); GET one run shows them. */
    private static final List<String> DETAIL_FIELDS = List.of("would_delete", "deleted", "error_messages");

    @Inject
    GcService gc;
    @Inject
    GcScheduler scheduler;
    @Inject
    Authenticator authenticator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(InputStream in) {
        String by = authenticator.require("admin").sub();
        JsonNode body = JsonBodies.readObject(in);
        JsonNode dryRun = body.get("dry_run");
        if (dryRun == null || !dryRun.isBoolean()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "dry_run must be true or false");
        }
        Long grace = null;
        if (body.has("grace_seconds")) {
            JsonNode value = body.get("grace_seconds");
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, "grace_seconds must be a whole number of seconds >= 0");
            }
            grace = value.asLong();
        }
        GcRun run = gc.start(dryRun.asBoolean(), grace, "manual", by);
        return Response.accepted(wrap(run.toJson()).toString()).type(MediaType.APPLICATION_JSON_TYPE)
                .location(URI.create("/admin/gc/runs/" + run.id())).build();
    }

    @GET
    public Response list() {
        authenticator.require("admin");
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.set("schedule", scheduler.describe());
        ArrayNode runs = body.putArray("runs");
        for (JsonNode run : gc.list()) {
            ObjectNode summary = run.deepCopy();
            summary.remove(DETAIL_FIELDS);
            runs.add(summary);
        }
        return JsonBodies.ok(body);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        authenticator.require("admin");
        return JsonBodies.ok(wrap(find(id)));
    }

    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        authenticator.require("admin");
        if (!gc.cancel(id)) {
            JsonNode run = find(id);
            throw new ApiException(ErrorCode.CONFLICT, "Run " + id + " is not running (" + run.path("state").asText() + ")");
        }
        return Response.accepted(wrap(find(id)).toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private JsonNode find(String id) {
        return gc.get(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No garbage collection run " + id));
    }

    private static ObjectNode wrap(JsonNode run) {
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.set("run", run);
        return body;
    }
}
