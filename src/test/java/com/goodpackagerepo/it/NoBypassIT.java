package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Enumerates every endpoint the server has, from the server itself: the fixed ones from its OpenAPI
 * document (generated from the JAX-RS resources, so a new resource shows up without anyone listing it),
 * the configured routes from {@code GET /admin/routes}, and the two built-in read routes. Every privileged
 * one must answer 401 without a token and 403 with a valid token that lacks the scope it needs.
 * A fixed endpoint this test does not know fails it: classify it in {@link #requirement}. Artifact routes
 * (under /v1/) that the OpenAPI document may also describe are checked by the second test, from the config.
 */
class NoBypassIT {
    private static final String PROBE = "nobypass-probe";

    /** What a fixed endpoint demands: nothing, any valid token, or a scope. */
    private static String requirement(String method, String path) {
        if (path.startsWith("/v1/")) {
            return "route";
        }
        if (method.equals("POST") && path.equals("/auth/login")) {
            return "public";
        }
        if (path.startsWith("/admin/") || path.equals("/admin")) {
            return "admin";
        }
        if (path.equals("/schema") || (method.equals("POST") && path.equals("/downloads"))) {
            return "read"; // minting a signed download link needs read permission
        }
        if (method.equals("GET") && path.equals("/.well-known/jwks.json")) {
            return "public"; // public keys, for anyone verifying our tokens (JwksIT)
        }
        if (path.equals("/downloads/{digest}")) {
            return "public"; // the signature is the credential (UiDownloadIT: tampered or expired is 403)
        }
        if (path.equals("/uploads") || path.equals("/uploads/{id}")) {
            return "token"; // resumable uploads: any token; creating one checks the publish route's scopes
        }
        if (Set.of("/auth/me", "/auth/change-password", "/auth/refresh", "/auth/logout", "/auth/tokens",
                "/auth/tokens/{id}").contains(path)) {
            return "token";
        }
        return null;
    }

    /** A token of a user holding every scope except {@code missing}. */
    private static String lacking(String missing) {
        List<String> scopes = new ArrayList<>(List.of("read", "write", "admin"));
        scopes.remove(missing);
        scopes.remove("admin");
        if (scopes.isEmpty()) {
            throw new IllegalStateException();
        }
        return Users.token("nobypass-no-" + missing, scopes.toArray(String[]::new));
    }

    private static Http.Reply call(String method, String path, String token) {
        HttpRequest.Builder b = Http.request(path, token);
        switch (method) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            case "HEAD" -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
            default -> b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        return Http.send(b.build());
    }

    private static String fill(String template) {
        return template.replaceAll("\\{[^}]+}", PROBE);
    }

    @Test
    void everyFixedEndpointRefusesCallersWithoutTheRightToken() throws Exception {
        JsonNode openapi = Http.MAPPER.readTree(Http.get("/openapi?format=JSON", Http.SCRAPE).body());
        String noAdmin = lacking("admin");
        String noRead = lacking("read");
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            for (Iterator<String> methods = entry.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD").contains(method)) {
                    continue;
                }
                String template = entry.getKey();
                String need = requirement(method, template);
                if (need == null) {
                    unknown.add(method + " " + template);
                    continue;
                }
                if (need.equals("public") || need.equals("route")) {
                    continue;
                }
                String what = method + " " + template;
                Http.Reply anonymous = call(method, fill(template), null);
                assertEquals(401, anonymous.status(), what + " without a token: " + anonymous.body());
                if (!method.equals("HEAD")) { // a HEAD answer has no body to carry the code
                    assertEquals("UNAUTHORIZED", anonymous.errorCode(), what);
                }
                Http.Reply forged = call(method, fill(template), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
                assertEquals(401, forged.status(), what + " with an unsigned token");
                if (need.equals("admin") || need.equals("read")) {
                    Http.Reply lackingScope = call(method, fill(template), need.equals("admin") ? noAdmin : noRead);
                    assertEquals(403, lackingScope.status(), what + " without scope " + need + ": " + lackingScope.body());
                    assertEquals("FORBIDDEN", lackingScope.errorCode(), what);
                }
                checked++;
            }
        }
        if (!unknown.isEmpty()) {
            fail("endpoints this test does not know; say what they require in requirement(): " + unknown);
        }
        assertTrue(checked >= 35, "the OpenAPI document lists the fixed endpoints (checked " + checked + ")");
    }

    @Test
    void everyConfiguredAndBuiltInRouteRefusesCallersWithoutTheRightToken() {
        JsonNode config = Http.get("/admin/config", Http.admin()).json().path("config");
        JsonNode routes = config.path("api_routes");
        JsonNode policies = config.path("auth_policies");
        Map<String, String> lackingToken = Map.of("read", lacking("read"), "write", lacking("write"));
        int checked = 0;
        for (JsonNode route : routes) {
            String method = route.path("method").asText();
            String path = fill(route.path("path").asText());
            String what = route.path("route_id").asText() + " " + method + " " + path;
            Http.Reply anonymous = call(method, path, null);
            assertEquals(401, anonymous.status(), what + " without a token: " + anonymous.body());
            if (method.equals("GET")) {
                assertEquals(401, call("HEAD", path, null).status(), what + " as HEAD");
            }
            for (String scope : requiredScopes(route, policies)) {
                if (!scope.equals("admin")) {
                    Http.Reply lackingScope = call(method, path, lackingToken.get(scope));
                    assertEquals(403, lackingScope.status(), what + " without scope " + scope + ": " + lackingScope.body());
                }
            }
            checked++;
        }
        assertTrue(checked >= 5, "the configured routes were enumerated");
        for (String builtin : List.of("/v1/" + PROBE + "/" + PROBE + "/versions", "/v1/" + PROBE + "/" + PROBE + "/tags/" + PROBE)) {
            assertEquals(401, call("GET", builtin, null).status(), builtin);
            assertEquals(403, call("GET", builtin, lackingToken.get("read")).status(), builtin);
        }
    }

    /** The scopes a route demands: its auth.require_scopes args plus those of the policies matching its tags. */
    private static Set<String> requiredScopes(JsonNode route, JsonNode policies) {
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode step : route.path("pipeline")) {
            if (step.path("op").asText().equals("auth.require_scopes")) {
                step.path("args").path("scopes").forEach(s -> scopes.add(s.asText()));
            }
        }
        for (JsonNode policy : policies) {
            for (JsonNode tag : policy.path("conditions").path("route.tags")) {
                for (JsonNode routeTag : route.path("tags")) {
                    if (routeTag.asText().equals(tag.asText())) {
                        policy.path("requirements").path("scopes").forEach(s -> scopes.add(s.asText()));
                    }
                }
            }
        }
        return scopes;
    }
}
