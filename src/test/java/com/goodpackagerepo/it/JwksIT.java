package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /.well-known/jwks.json}: the server's public verification keys, with which anyone (a MicroProfile JWT
 * verifier included) checks our session tokens; rotation lists the new key and keeps the old one while its tokens
 * live. A token whose signature such a verifier accepts can still be revoked here — the reason the server checks
 * tokens itself rather than with Liberty's mpJwt feature (docs/decisions.md).
 */
class JwksIT {

    private static JWKSet jwks() throws Exception {
        Http.Reply reply = Http.get("/.well-known/jwks.json", null);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        assertFalse(reply.body().contains("\"d\"") || reply.body().contains("\"p\""), "no private key material");
        return JWKSet.parse(reply.body());
    }

    @Test
    void sessionTokensVerifyWithThePublishedKeysAcrossARotation() throws Exception {
        String before = Users.token("jwks", "read");
        SignedJWT jwt = SignedJWT.parse(before);
        RSAKey key = (RSAKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the signing key is published");
        assertFalse(key.isPrivate());
        assertTrue(jwt.verify(new RSASSAVerifier(key)), "verifies with the published key");

        Http.Reply rotated = Http.send(Http.request("/admin/keys/rotate", Http.admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, rotated.status(), rotated.body());
        String newKid = rotated.json().path("kid").asText();
        assertNotEquals(jwt.getHeader().getKeyID(), newKid);
        JWKSet after = jwks();
        assertNotNull(after.getKeyByKeyId(newKid), "the new key is published");
        assertNotNull(after.getKeyByKeyId(jwt.getHeader().getKeyID()), "the old key stays while its tokens live");
        assertEquals(newKid, after.getKeys().get(0).getKeyID(), "the signing key comes first");
        assertEquals(200, Http.get("/auth/me", before).status(), "old tokens keep working until they expire");
    }

    @Test
    void aRevokedTokenIsRefusedAsJsonThoughItsSignatureIsValid() throws Exception {
        String token = Users.token("jwks-revoked", "read");
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = (RSAKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertEquals(200, Http.send(Http.request("/auth/logout", token).POST(HttpRequest.BodyPublishers.noBody()).build()).status());
        Http.Reply refused = Http.get("/auth/me", token);
        assertEquals(401, refused.status());
        assertEquals("UNAUTHORIZED", refused.errorCode());
        assertTrue(refused.json().path("error").path("message").asText().contains("revoked"), refused.body());
    }

    @Test
    void theJwksNeedsNoTokenAndIgnoresABadOne() {
        assertEquals(200, Http.get("/.well-known/jwks.json", null).status());
        Http.Reply bad = Http.get("/.well-known/jwks.json", "not-a-token");
        assertEquals(401, bad.status(), "a present but invalid token is refused everywhere");
        assertEquals("UNAUTHORIZED", bad.errorCode());
    }
}
