package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.NamespaceGrant;
import com.goodpackagerepo.auth.NamespaceGrants;
import com.goodpackagerepo.auth.NamespacePattern;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Namespace grants (admin scope): {@code GET /admin/grants?subject=&namespace=} lists them (those of a user or
 * group name; those whose pattern covers a namespace), {@code POST /admin/grants
 * {"subject_kind","subject","pattern","action"}} adds one (201), {@code DELETE /admin/grants/{id}} removes one.
 * Changes are audit events {@code grant.created} / {@code grant.deleted}.
 */
@Path("/admin/grants")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminGrantsResource {
    @Inject
    NamespaceGrants grants;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list(@QueryParam("subject") String subject, @QueryParam("namespace") String namespace) {
        String who = subject == null || subject.isBlank() ? null : subject.strip();
        String ns = namespace == null || namespace.isBlank() ? null : namespace.strip().toLowerCase(Locale.ROOT);
        if (ns != null && (ns.contains("*") || !NamespacePattern.parse(ns).text().equals(ns))) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "namespace must be a namespace, not a pattern");
        }
        List<NamespaceGrant> found = grants.list().stream()
                .filter(g -> who == null || g.subject().equals(who))
                .filter(g -> ns == null || g.pattern().matches(ns))
                .toList();
        ObjectNode body = Json.object();
        body.put("ok", true);
        ArrayNode list = body.putArray("grants");
        found.forEach(g -> list.add(view(g)));
        return JsonBodies.ok(body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream in) {
        JsonNode body = JsonBodies.readObject(in);
        NamespaceGrant grant = grants.create(authenticator.principal().sub(), text(body, "subject_kind"),
                text(body, "subject"), text(body, "pattern"), text(body, "action"));
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.set("grant", view(grant));
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(out.toString()).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        NamespaceGrant grant = grants.delete(authenticator.principal().sub(), id);
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.set("grant", view(grant));
        return JsonBodies.ok(out);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, field + " is required (a string)");
        }
        return value.asText();
    }

    static ObjectNode view(NamespaceGrant grant) {
        ObjectNode view = Json.object();
        view.put("id", grant.id());
        view.put("subject_kind", grant.kind().name().toLowerCase(Locale.ROOT));
        view.put("subject", grant.subject());
        view.put("pattern", grant.pattern().text());
        view.put("action", grant.action().id());
        view.put("created_at", grant.createdAt().toString());
        view.put("created_by", grant.createdBy());
        return view;
    }
}
