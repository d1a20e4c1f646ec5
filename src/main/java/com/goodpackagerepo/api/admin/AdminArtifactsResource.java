package com.goodpackagerepo.api.admin;

import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.NamespaceAccess;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.gc.ArtifactDeletion.TagPolicy;
import com.goodpackagerepo.gc.ArtifactDeletion;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.pipeline.route.EntityRules;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DELETE /admin/artifacts/{ns}/{name}/{version}/{variant}[?force=true]} (the admin scope, or an {@code admin}
 * grant on the namespace; a narrowed API token only within its namespaces): removes the
 * artifact's metadata, version-index row and (with force) the tags pointing at it, leaves a tombstone and an
 * {@code artifact.deleted} event, all in one batch. Without force, tags pointing at it make it a 409. The blob
 * is freed later by garbage collection, once nothing references it and the grace window has passed.
 */
@Path("/admin/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class AdminArtifactsResource {
    @Inject
    Stores stores;
    @Inject
    CompiledConfigHolder compiledConfigs;
    @Inject
    ResponseCache cache;
    @Inject
    Authenticator authenticator;
    @Inject
    NamespacePermissions permissions;

    @DELETE
    @Path("{namespace}/{name}/{version}/{variant}")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("name") String name,
                           @PathParam("version") String version, @PathParam("variant") String variant,
                           @QueryParam("force") String force) {
        Principal caller = authenticator.authenticated();
        NamespaceAccess access = permissions.of(caller, compiledConfigs.current().config().model().auth());
        if (!caller.hasScope("admin") && !access.grantedSomewhere(NamespaceAction.ADMIN)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Missing scope admin");
        }
        String by = caller.sub();
        TagPolicy tags = parseForce(force) ? TagPolicy.REMOVE : TagPolicy.REFUSE;
        CompiledConfig compiled = compiledConfigs.current();
        Map<String, String> fields = new LinkedHashMap<>(Map.of("namespace", namespace, "name", name,
                "version", version, "variant", variant));
        EntityRules entity = compiled.artifactEntity();
        if (entity != null) {
            entity.normalize(fields);
            entity.validate(fields);
        }
        if (!access.allows(fields.get("namespace"), NamespaceAction.ADMIN)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your scopes and grants do not allow deleting in namespace "
                    + fields.get("namespace"));
        }
        String key = compiled.config().model().require(DocumentRole.ARTIFACT_METADATA).key().render(fields);
        ArtifactDeletion.Deleted deleted = new ArtifactDeletion(stores.metadata(), compiled, cache::invalidateEverywhere)
                .delete(key, tags, by, "admin");
        return JsonBodies.ok(new AdminReplies.ArtifactDeleted(deleted.key(),
                deleted.meta().path("blob_digest").asText(""), List.copyOf(deleted.removedTags())));
    }

    private static boolean parseForce(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new DomainException(ErrorCode.INVALID_REQUEST, "force must be true or false");
    }
}
