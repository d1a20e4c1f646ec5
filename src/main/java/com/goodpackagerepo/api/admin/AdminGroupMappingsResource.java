package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.GroupMappings;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Group mappings (admin scope): which global scopes the members of a directory or identity-provider group hold.
 * {@code GET} lists them, {@code GET/PUT/DELETE /{group}} reads, creates or replaces, and removes one. A group name
 * may hold {@code /} (sent as is: the container refuses an encoded {@code %2F}).
 */
@Path("/admin/auth/group-mappings")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminGroupMappingsResource {
    @Inject
    GroupMappings mappings;
    @Inject
    Authenticator authenticator;

    @GET
    public Response list() {
        return JsonBodies.ok(new AdminReplies.GroupMappingList(
                mappings.list().stream().map(AdminReplies.GroupMapping::of).toList()));
    }

    @GET
    @Path("{group: .+}")
    public Response get(@PathParam("group") String group) {
        return JsonBodies.ok(wrap(mappings.get(group)));
    }

    @PUT
    @Path("{group: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("group") String group, InputStream in) {
        JsonNode body = JsonBodies.readObject(in);
        JsonNode scopes = body.get("scopes");
        if (scopes == null || !scopes.isArray()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "scopes must be an array of scope names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode scope : scopes) {
            if (!scope.isTextual()) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "scopes must be an array of scope names");
            }
            names.add(scope.asText());
        }
        return JsonBodies.ok(wrap(mappings.put(authenticator.principal().sub(), group, names)));
    }

    @DELETE
    @Path("{group: .+}")
    public Response delete(@PathParam("group") String group) {
        mappings.delete(authenticator.principal().sub(), group);
        return JsonBodies.ok(Replies.Done.OK);
    }

    private static AdminReplies.OneGroupMapping wrap(GroupMappings.Mapping mapping) {
        return new AdminReplies.OneGroupMapping(AdminReplies.GroupMapping.of(mapping));
    }
}
