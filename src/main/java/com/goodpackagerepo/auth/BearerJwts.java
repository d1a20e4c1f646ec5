package com.goodpackagerepo.auth;

import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.util.Optional;

/**
 * Routes a bearer JWT to its verifier by its (still unverified) {@code iss}: a configured external issuer's tokens
 * to {@link OidcTokens}, everything else to the server's own {@link TokenService}. The unverified issuer only picks
 * which keys may have signed the token; each verifier then checks signature, issuer and the rest. With no external
 * issuer configured, tokens go straight to {@link TokenService} (no extra parse).
 */
@ApplicationScoped
public class BearerJwts {
    @Inject
    TokenService tokens;
    @Inject
    OidcIssuers issuers;
    @Inject
    OidcTokens oidc;

    public Principal verify(String token) throws InvalidTokenException {
        if (issuers.any()) {
            SignedJWT jwt;
            String iss;
            try {
                jwt = SignedJWT.parse(token);
                iss = jwt.getJWTClaimsSet().getIssuer();
            } catch (ParseException | RuntimeException e) {
                throw new InvalidTokenException("malformed token");
            }
            Optional<OidcIssuers.Issuer> external = iss == null ? Optional.empty() : issuers.byIssuer(iss);
            if (external.isPresent()) {
                return oidc.verify(jwt, external.get());
            }
        }
        return tokens.verify(token);
    }
}
