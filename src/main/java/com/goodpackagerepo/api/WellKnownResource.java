package com.goodpackagerepo.api;

import com.goodpackagerepo.auth.SigningKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /.well-known/jwks.json}: the public keys of every trusted session-token signing key (RFC 7517), for
 * anyone, so other services (and MicroProfile JWT's {@code mp.jwt.verify.publickey.location}) can verify our tokens.
 * A rotated-out key stays listed until it is retired, like the tokens it signed stay valid until they expire.
 */
@Path("/.well-known")
public class WellKnownResource {
    static final String JWKS_TYPE = "application/jwk-set+json";

    @Inject
    SigningKeys keys;

    @GET
    @Path("jwks.json")
    @Produces({"application/json", JWKS_TYPE})
    public Response jwks() {
        return Response.ok(keys.publicKeys().toString(true), "application/json")
                .header("Cache-Control", "public, max-age=60").build();
    }
}
