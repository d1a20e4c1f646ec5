package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.Replies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.audit.AuditLog;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.SigningKeys;
import com.goodpackagerepo.auth.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Token signing keys (admin scope): {@code GET /admin/keys} lists them (ids and dates, never key material);
 * {@code POST /admin/keys/rotate} signs with a new key from now on, while tokens signed by earlier keys
 * keep working until they expire; {@code ?retire_previous=true} (a key may have leaked) retires every
 * earlier key at once, so all session tokens issued before stop working.
 */
@Path("/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class AdminKeysResource {
    @Inject
    SigningKeys keys;
    @Inject
    TokenService tokens;
    @Inject
    Authenticator authenticator;
    @Inject
    AuditLog audit;

    @GET
    public Response list() {
        return JsonBodies.ok(keyList(null));
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate(@QueryParam("retire_previous") boolean retirePrevious) {
        String by = authenticator.principal().sub();
        String kid = keys.rotate(tokens.maxTokenLifetimeSeconds(), retirePrevious);
        ObjectNode details = AuditLog.details();
        details.put("kid", kid);
        details.put("retired_previous", retirePrevious);
        audit.record("auth.signing_key_rotated", by, details);
        return JsonBodies.ok(keyList(kid));
    }

    /** @param rotatedTo the new signing key after a rotation, else null */
    private Replies.Keys keyList(String rotatedTo) {
        return new Replies.Keys(keys.describe().stream().map(key -> new Replies.Key(key.kid(), key.algorithm(),
                key.createdAt() == null ? null : key.createdAt().toString(),
                key.retiredAt() == null ? null : key.retiredAt().toString(), key.signing())).toList(), rotatedTo);
    }
}
