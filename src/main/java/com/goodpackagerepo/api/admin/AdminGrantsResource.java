package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.NamespaceGrant;
import com.goodpackagerepo.auth.NamespaceGrants;
import com.goodpackagerepo.auth.NamespacePattern;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
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
        return JsonBodies.ok(new AdminReplies.GrantList(found.stream().map(AdminReplies.Grant::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream in) {
        JsonNode body = JsonBodies.readObject(in);
        NamespaceGrant grant = grants.create(authenticator.principal().sub(), text(body, "subject_kind"),
                text(body, "subject"), text(body, "pattern"), text(body, "action"));
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonBodies.text(new AdminReplies.OneGrant(AdminReplies.Grant.of(grant)))).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        NamespaceGrant grant = grants.delete(authenticator.principal().sub(), id);
        return JsonBodies.ok(new AdminReplies.OneGrant(AdminReplies.Grant.of(grant)));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, field + " is required (a string)");
        }
        return value.asText();
    }
}
