package com.goodpackagerepo.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens from an external OpenID Connect issuer: a local issuer (WireMock serving its JWKS on
 * {@code it.oidc.port}, tokens signed here) registered through {@code /admin/auth/issuers}; groups mapped to scopes;
 * key rotation at the issuer; bad issuer, audience, expiry, algorithm, key and signature refused as JSON 401s;
 * revocation; the issuer's JWKS failing; audit.
 */
class OidcIT {
    private static final int PORT = Integer.getInteger("it.oidc.port", 9390);
    private static final String RUN = Http.unique("idp");
    private static final String NAME = RUN.toLowerCase().replaceAll("[^a-z0-9-]", "-");
    private static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/" + RUN;
    private static final String JWKS_PATH = "/realms/" + RUN + "/jwks";
    private static final String AUDIENCE = "gpr-" + RUN;
    private static final String DEVS = RUN + "-devs";
    private static WireMockServer idp;
    private static RSAKey key1;
    private static RSAKey key2;

    @BeforeAll
    static void startIssuer() throws Exception {
        key1 = new RSAKeyGenerator(2048).keyID("k1-" + RUN).generate();
        key2 = new RSAKeyGenerator(2048).keyID("k2-" + RUN).generate();
        idp = new WireMockServer(options().port(PORT).bindAddress("127.0.0.1"));
        idp.start();
        publish(key1);
        String admin = Http.admin();
        Http.Reply put = Http.putJson("/admin/auth/issuers/" + NAME, admin, "{\"issuer\":\"" + ISSUER
                + "\",\"jwks_url\":\"http://127.0.0.1:" + PORT + JWKS_PATH + "\",\"audience\":\"" + AUDIENCE
                + "\",\"groups_claim\":\"roles\"}");
        assertEquals(200, put.status(), put.body());
        assertEquals(200, Http.putJson("/admin/auth/group-mappings/" + DEVS, admin, "{\"scopes\":[\"read\",\"write\"]}").status());
    }

    @AfterAll
    static void stopIssuer() {
        String admin = Http.admin();
        Http.delete("/admin/auth/issuers/" + NAME, admin);
        Http.delete("/admin/auth/group-mappings/" + DEVS, admin);
        if (idp != null) {
            idp.stop();
        }
    }

    private static void publish(RSAKey... keys) {
        List<com.nimbusds.jose.jwk.JWK> list = java.util.Arrays.stream(keys).map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList();
        idp.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(list).toString())));
    }

    private static JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(sub)
                .claim("roles", List.of(DEVS, "unmapped-" + RUN)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String token(RSAKey key, String sub, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder builder = claims(sub);
        change.accept(builder);
        return sign(key, builder.build());
    }

    private static void assertRefused(String token, String why) {
        Http.Reply me = Http.get("/auth/me", token);
        assertEquals(401, me.status(), why + ": " + me.body());
        assertEquals("UNAUTHORIZED", me.errorCode(), why);
        assertFalse(me.json().path("error").path("request_id").asText().isEmpty(), why);
    }

    @Test
    void tokensOfTheIssuerAreAcceptedWithTheScopesOfTheirGroups() throws Exception {
        String token = token(key1, "user-1", b -> { });
        Http.Reply me = Http.get("/auth/me", token);
        assertEquals(200, me.status(), me.body());
        JsonNode body = me.json();
        assertEquals(NAME + ":user-1", body.path("user").path("username").asText());
        assertEquals("[\"read\",\"write\"]", body.path("user").path("scopes").toString());
        assertEquals("oidc", body.path("token_kind").asText());
        assertEquals(ISSUER, body.path("issuer").asText());
        assertTrue(body.path("groups").toString().contains(DEVS), body.toString());
        assertEquals(403, Http.get("/admin/users", token).status(), "write does not make an admin");
        assertEquals(200, Http.get("/auth/me", token).status());

        List<JsonNode> logins = Events.find(Http.admin(), "auth.login_succeeded", "by", NAME + ":user-1");
        assertEquals(1, logins.size(), "one login event per token, not per request");
        assertEquals("oidc", logins.get(0).path("payload").path("source").asText());
        assertEquals(ISSUER, logins.get(0).path("payload").path("issuer").asText());

        String ungrouped = token(key1, "user-2", b -> b.claim("roles", List.of("nobody-" + RUN)));
        Http.Reply none = Http.get("/auth/me", ungrouped);
        assertEquals("[]", none.json().path("user").path("scopes").toString());
        assertEquals(403, Http.get("/schema", ungrouped).status());
    }

    @Test
    void badTokensAreRefusedAsJson() throws Exception {
        assertRefused(token(key1, "u", b -> b.issuer("http://127.0.0.1:" + PORT + "/realms/other")), "unknown issuer");
        assertRefused(token(key1, "u", b -> b.audience("someone-else")), "wrong audience");
        assertRefused(token(key1, "u", b -> b.expirationTime(Date.from(Instant.now().minusSeconds(600)))), "expired");
        assertRefused(token(key1, "u", b -> b.expirationTime(null)), "no expiry");
        assertRefused(token(key1, "u", b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))), "not yet valid");
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(key1.getKeyID()).generate();
        assertRefused(token(impostor, "u", b -> { }), "signed by another key under a known kid");
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("unknown-" + RUN).generate();
        assertRefused(token(unknown, "u", b -> { }), "unknown kid");
        assertRefused(new PlainJWT(claims("u").build()).serialize(), "alg none");
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key1.getKeyID()).build(), claims("u").build());
        hs.sign(new MACSigner(new byte[32]));
        assertRefused(hs.serialize(), "HS256");
        String valid = token(key1, "u", b -> { });
        assertRefused(valid.substring(0, valid.length() - 4) + "AAAA", "bad signature");
    }

    @Test
    void keyRotationAtTheIssuerIsPickedUpOnAnUnknownKid() throws Exception {
        String old = token(key1, "rotating", b -> { });
        assertEquals(200, Http.get("/auth/me", old).status());
        publish(key2, key1);
        Thread.sleep(1_200); // the server refreshes a JWKS at most once a second
        int fetches = idp.findAll(getRequestedFor(urlEqualTo(JWKS_PATH))).size();
        Http.Reply rotated = Http.get("/auth/me", token(key2, "rotating", b -> { }));
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals(fetches + 1, idp.findAll(getRequestedFor(urlEqualTo(JWKS_PATH))).size(), "fetched once more");
        assertEquals(200, Http.get("/auth/me", old).status(), "the old key is still published");
    }

    @Test
    void aJwksThatFailsIsA401NotA500() throws Exception {
        idp.stubFor(get(urlEqualTo(JWKS_PATH)).atPriority(1).willReturn(aResponse().withStatus(500)));
        try {
            Thread.sleep(1_200);
            RSAKey fresh = new RSAKeyGenerator(2048).keyID("fresh-" + RUN).generate();
            assertRefused(token(fresh, "u", b -> { }), "keys unavailable");
        } finally {
            idp.resetMappings();
            publish(key2, key1);
        }
    }

    @Test
    void loggingOutRevokesTheToken() throws Exception {
        String token = token(key1, "leaving", b -> { });
        assertEquals(200, Http.get("/auth/me", token).status());
        Http.Reply logout = Http.send(Http.request("/auth/logout", token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, logout.status(), logout.body());
        assertRefused(token, "revoked");
    }

    @Test
    void issuersAreManagedByAdminsOnly() {
        String admin = Http.admin();
        JsonNode list = Http.get("/admin/auth/issuers", admin).json();
        boolean found = false;
        for (JsonNode i : list.path("issuers")) {
            if (i.path("name").asText().equals(NAME)) {
                found = true;
                assertEquals(ISSUER, i.path("issuer").asText());
                assertEquals("roles", i.path("groups_claim").asText());
                assertEquals("database", i.path("source").asText());
            }
        }
        assertTrue(found, list.toString());
        JsonNode boot = Http.get("/admin/auth/issuers/boot", admin).json().path("issuer");
        assertEquals("config", boot.path("source").asText(), "from the server's configuration (pom.xml)");
        assertEquals("https://idp.boot.test/realms/gpr", boot.path("issuer").asText());
        assertEquals("groups", boot.path("groups_claim").asText());
        assertEquals("CONFLICT", Http.putJson("/admin/auth/issuers/boot", admin,
                "{\"issuer\":\"https://x.test\",\"audience\":\"a\",\"jwks_url\":\"https://x/jwks\"}").errorCode());
        assertEquals("CONFLICT", Http.delete("/admin/auth/issuers/boot", admin).errorCode());
        String base = "{\"issuer\":\"https://idp.example/x\",\"audience\":\"a\",\"jwks_url\":";
        assertEquals("VALIDATION_ERROR", Http.putJson("/admin/auth/issuers/bad", admin, base + "\"ftp://x/jwks\"}").errorCode());
        assertEquals("VALIDATION_ERROR", Http.putJson("/admin/auth/issuers/Bad_Name", admin, base + "\"https://x/jwks\"}").errorCode());
        assertEquals("VALIDATION_ERROR", Http.putJson("/admin/auth/issuers/own", admin,
                "{\"issuer\":\"good-package-repo\",\"audience\":\"a\",\"jwks_url\":\"https://x/jwks\"}").errorCode());
        assertEquals("ALREADY_EXISTS", Http.putJson("/admin/auth/issuers/dup-" + NAME, admin, "{\"issuer\":\"" + ISSUER
                + "\",\"audience\":\"a\",\"jwks_url\":\"https://x/jwks\"}").errorCode());
        assertEquals(404, Http.get("/admin/auth/issuers/missing-" + NAME, admin).status());
        String writer = Users.token("iss-writer", "read", "write");
        assertEquals(403, Http.get("/admin/auth/issuers", writer).status());
        assertEquals(403, Http.putJson("/admin/auth/issuers/x", writer, base + "\"https://x/jwks\"}").status());
        assertEquals(1, Events.find(admin, "auth.issuer_set", "name", NAME).size());
    }
}
